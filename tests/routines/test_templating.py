"""The filters the site's Jinja2 pages use."""

import pytest
from django.template.defaultfilters import linebreaksbr as django_linebreaksbr
from django.utils.safestring import mark_safe

from routines.templating import duration, linebreaksbr


@pytest.mark.parametrize(
    "text",
    [
        "One line",
        "First\nsecond",
        "Windows\r\nline ends\rand old Mac ones",
        'Press <b>hard</b> & don\'t "slip"\n\n<script>alert(1)</script>',
        "",
    ],
)
def test_linebreaksbr_shows_what_djangos_filter_shows(text):
    ours = str(linebreaksbr(text))
    # The same markup, but for how each escapes a quote (both are valid HTML).
    theirs = django_linebreaksbr(text, autoescape=True)
    assert ours.replace("&#39;", "'").replace("&#34;", '"') == theirs.replace(
        "&#x27;", "'"
    ).replace("&quot;", '"')
    assert "<script>" not in ours


def test_linebreaksbr_keeps_markup_already_safe():
    assert linebreaksbr(mark_safe("<em>Calm</em>\nbreath")) == "<em>Calm</em><br>breath"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (45, "45 seconds"),
        (60, "1 minute"),
        (150, "2 minutes 30 seconds"),
        (1, "1 second"),
    ],
)
def test_duration_reads_as_people_say_it(seconds, expected):
    assert duration(seconds) == expected

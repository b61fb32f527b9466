"""A comment's text becomes escaped paragraphs and line breaks, nothing else."""

import pytest

from comments.rendering import linebreaks


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Thanks, this helped.", "<p>Thanks, this helped.</p>"),
        (
            "<script>alert('x')</script> & more",
            ("<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more</p>"),
        ),
        ("", "<p></p>"),
        ("One\nTwo", "<p>One<br>Two</p>"),
        ("One\r\nTwo\rThree", "<p>One<br>Two<br>Three</p>"),
        ("First.\n\n\nSecond <b>.", "<p>First.</p><p>Second &lt;b&gt;.</p>"),
        ("\nTrimmed\n", "<p>Trimmed</p>"),
        ("\n", "<p></p>"),
        (
            "Para one\r\n\r\nPara <two>\r\nline",
            "<p>Para one</p><p>Para &lt;two&gt;<br>line</p>",
        ),
    ],
)
def test_text_becomes_escaped_paragraphs_and_breaks(text, html):
    assert linebreaks(text) == html

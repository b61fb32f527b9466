"""axe-core finds nothing on the public pages, nor in the project's admin markup."""

import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments import moderation
from routines.models import Article

from .conftest import ARTIFACTS, VIEWPORTS, describe_violations, run_axe

pytestmark = pytest.mark.django_db(transaction=True)

# Markup the project adds to Django's admin: its own template and widgets.
PROJECT_ADMIN_MARKUP = ".moderation-summary, .admin-thumbnail"


@pytest.fixture
def site(demo):
    """The demo content with a comment thread on one article and comments closed
    on the other."""
    first = moderation.submit(
        article=demo,
        name="Ana",
        body="The pictures made the points easy to find.\nThank you!",
        policy=moderation.Policy(),
    ).comment
    moderation.submit(
        article=demo,
        name="Clinic team",
        body="Glad it helped.",
        parent=first,
        policy=moderation.Policy(),
    )
    closed = Article.objects.exclude(pk=demo.pk).get()
    moderation.set_comments_mode(
        Article.objects.filter(pk=closed.pk), Article.Comments.CLOSED
    )
    return {"article": demo, "closed": closed}


def public_pages(base: str, site: dict) -> dict[str, str]:
    article = site["article"]
    point = article.featured_routine.steps.first().point
    return {
        "home": f"{base}/",
        "article list": f"{base}/articles/",
        "article with comments": base + article.get_absolute_url(),
        "article with comments closed": base + site["closed"].get_absolute_url(),
        "point library": f"{base}/points/",
        "point page": base + point.get_absolute_url(),
        "topic page": base + article.topics.first().get_absolute_url(),
        "404": f"{base}/no-such-page/",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS.keys())
def test_public_pages_have_no_axe_violations(reader, live_server, site, viewport):
    page = reader
    page.set_viewport_size(VIEWPORTS[viewport])
    found = {}
    for name, url in public_pages(live_server.url, site).items():
        response = page.goto(url)
        assert response.status == (404 if name == "404" else 200), name
        found[name] = run_axe(page)

    page.goto(public_pages(live_server.url, site)["article with comments"])
    page.locator("#comment-form").get_by_role("button", name="Post comment").click()
    # On a cached page the form first fetches its token, then sends itself.
    expect(page.locator("#comment-error")).to_be_visible()
    found["comment form with errors"] = run_axe(page)

    problems = {name: v for name, v in found.items() if v}
    assert not problems, "\n".join(
        f"{name} ({viewport}):\n{describe_violations(v)}"
        for name, v in problems.items()
    )


def owned_by_project(page, violations: list[dict]) -> list[str]:
    """Targets of violation nodes that sit in the project's own admin markup."""
    owned = []
    for violation in violations:
        for node in violation["nodes"]:
            selector = node["target"][-1]
            if isinstance(selector, list):  # inside a shadow root
                continue
            inside = page.evaluate(
                "([sel, own]) => { const el = document.querySelector(sel);"
                " return !!(el && (el.closest(own) || el.querySelector(own))); }",
                [selector, PROJECT_ADMIN_MARKUP],
            )
            if inside:
                owned.append(f"{violation['id']}: {selector}")
    return owned


def test_project_admin_markup_adds_no_axe_violation(editor, live_server, site):
    page = editor
    moderation.submit(
        article=site["article"],
        name="Sam",
        body="Waiting for a moderator.",
        policy=moderation.Policy(premoderation=True),
    )
    article = site["article"]
    base = live_server.url + "/admin/"
    pages = {
        "admin index": base,
        "article changelist": f"{base}routines/article/",
        "article change form": f"{base}routines/article/{article.pk}/change/",
        "routine change form": (
            f"{base}routines/routine/{article.featured_routine.pk}/change/"
        ),
        "point changelist": f"{base}routines/point/",
        "comment changelist": f"{base}comments/comment/",
    }
    report, owned = {}, []
    for name, url in pages.items():
        page.goto(url)
        if name == "admin index":
            assert page.locator(".moderation-summary a").is_visible()
        if name in ("article changelist", "point changelist"):
            assert page.locator(".admin-thumbnail").count() > 0
        violations = run_axe(page)
        report[name] = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "nodes": len(v["nodes"]),
                "targets": [node["target"] for node in v["nodes"][:3]],
            }
            for v in violations
        ]
        owned += [f"{name}: {target}" for target in owned_by_project(page, violations)]

    # Django's own admin violations are reported, not failed on.
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-admin.json").write_text(
        json.dumps({"checked": timezone.now().isoformat(), "pages": report}, indent=2)
    )
    assert not owned, "\n".join(owned)

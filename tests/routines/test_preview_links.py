"""Preview links: a signed address shows a draft to anyone, until it ends."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from routines import previews
from routines.models import PreviewLink
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db):
    return factories.DraftArticleFactory(
        title="Draft about sleep", body="Not yet public."
    )


def test_a_preview_link_shows_the_draft_with_a_banner_and_no_comment_form(
    client, draft
):
    link = previews.create_link(draft)

    response = client.get(link.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Draft about sleep" in page
    assert "Preview, not published" in page
    assert '<meta name="robots" content="noindex">' in page
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert 'id="comments"' not in page
    assert "comment-form" not in page


def test_a_preview_link_works_for_seven_days_by_default(draft, settings):
    settings.PREVIEW_LINK_DAYS = 7
    now = timezone.now()
    link = previews.create_link(draft, now=now)
    assert link.expires_at == now + datetime.timedelta(days=7)


def test_an_expired_link_says_so_and_shows_nothing_of_the_draft(client, draft):
    link = previews.create_link(draft, days=1)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        response = client.get(link.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 410
    assert "This preview link has expired" in page
    assert "Not yet public" not in page


def test_a_revoked_link_says_so(client, draft):
    link = previews.create_link(draft)
    previews.revoke(PreviewLink.objects.filter(pk=link.pk))

    response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    assert "This preview link was withdrawn" in response.content.decode()


@pytest.mark.parametrize("token", ["1", "nonsense:abc", "MQ:forged-signature"])
def test_a_forged_or_mangled_link_is_refused_clearly(client, draft, token):
    previews.create_link(draft)

    response = client.get(reverse("routines:preview-link", args=[token]))

    assert response.status_code == 404
    assert "This preview link is not valid" in response.content.decode()


def test_a_link_to_an_article_published_since_goes_to_its_page(client):
    article = factories.ArticleFactory()
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + datetime.timedelta(days=1)
    )

    response = client.get(link.get_absolute_url())

    assert response.status_code == 302
    assert response.url == article.get_absolute_url()


def test_editors_make_and_revoke_links_in_the_admin(staff_client, draft):
    response = staff_client.post(
        reverse("admin:routines_previewlink_add"),
        {"article": draft.pk, "note": "Dr Ruiz", "days": 3},
        follow=True,
    )
    link = PreviewLink.objects.get()
    listing = staff_client.get(reverse("admin:routines_previewlink_changelist"))
    staff_client.post(
        reverse("admin:routines_previewlink_changelist"),
        {"action": "revoke", "_selected_action": [link.pk]},
    )

    link.refresh_from_db()
    assert link.get_absolute_url() in response.content.decode()
    lifetime = link.expires_at - link.created_at
    assert abs(lifetime - datetime.timedelta(days=3)) < datetime.timedelta(seconds=5)
    assert b"Dr Ruiz" in listing.content
    assert link.revoked_at is not None


def test_the_admin_refuses_a_link_to_a_public_article(staff_client):
    article = factories.ArticleFactory()

    response = staff_client.post(
        reverse("admin:routines_previewlink_add"), {"article": article.pk, "days": 3}
    )

    assert response.status_code == 200
    assert "already public" in response.content.decode()
    assert not PreviewLink.objects.exists()

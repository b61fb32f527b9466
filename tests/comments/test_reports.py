import pytest
from django.urls import reverse

from comments import moderation, reports
from comments.models import ModerationAction, Report, ReportReason, Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(open_article):
    return factories.CommentFactory(article=open_article, body="Buy cheap pills")


def report_url(comment) -> str:
    return reverse("comments:report", kwargs={"pk": comment.pk})


def test_every_comment_shows_the_same_report_link(client, comment):
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert f'href="/comments/{comment.pk}/report/"' in page


def test_reader_reports_a_comment_and_is_thanked(client, comment):
    response = client.post(report_url(comment), {"reason": "spam"}, follow=True)
    assert reports.THANKS in response.content.decode()
    report = Report.objects.get()
    assert report.reason == ReportReason.SPAM
    assert "127.0.0.1" not in report.reporter_hash
    assert len(report.reporter_hash) == 64


def test_the_same_reader_cannot_report_a_comment_twice(client, comment):
    client.post(report_url(comment), {"reason": "spam"})
    response = client.post(report_url(comment), {"reason": "abuse"})
    assert response.status_code == 409
    assert "already reported" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_report_without_a_reason_is_refused_with_a_message(client, comment):
    response = client.post(report_url(comment), {"reason": "because"})
    assert response.status_code == 400
    assert "Please choose why" in response.content.decode()
    assert not Report.objects.exists()


def test_reports_are_rate_limited(client, comment, settings):
    settings.COMMENTS_REPORT_RATE_LIMIT = "1/m"
    other = factories.CommentFactory(article=comment.article)
    client.post(report_url(comment), {"reason": "spam"})
    response = client.post(report_url(other), {"reason": "spam"})
    assert response.status_code == 429
    assert Report.objects.count() == 1


def test_comment_is_held_at_the_threshold(comment, settings):
    for n in range(2):
        result = reports.report(
            comment=comment, reason="spam", client=f"10.0.0.{n}", threshold=3
        )
        assert not result.held
    result = reports.report(
        comment=comment, reason="abuse", client="10.0.0.9", threshold=3
    )
    assert result.held
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert comment.reasons == ["reported"]
    hold = ModerationAction.objects.get(action=ModerationAction.Action.HOLD)
    assert hold.moderator is None and "3 readers" in hold.note


def test_held_comment_cannot_be_reported_again(client, comment):
    comment.status = Status.PENDING
    comment.save()
    response = client.post(report_url(comment), {"reason": "spam"})
    assert response.status_code == 410
    assert "no longer shown" in response.content.decode()


def test_keep_restores_a_held_comment_and_closes_its_reports(
    comment, django_user_model
):
    for n in range(3):
        reports.report(comment=comment, reason="spam", client=f"c{n}", threshold=3)
    moderator = django_user_model.objects.create_user("moe", is_staff=True)
    assert (
        moderation.keep(
            type(comment).objects.filter(pk=comment.pk), moderator=moderator
        )
        == 1
    )
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert not Report.objects.open().exists()
    keep = ModerationAction.objects.get(action=ModerationAction.Action.KEEP)
    assert keep.moderator == moderator
    # A kept comment needs three new reports to be held again.
    reports.report(comment=comment, reason="spam", client="c0-new", threshold=3)
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED


def test_remove_closes_the_reports(comment, django_user_model):
    reports.report(comment=comment, reason="personal", client="a", threshold=3)
    moderator = django_user_model.objects.create_user("moe", is_staff=True)
    moderation.remove(type(comment).objects.filter(pk=comment.pk), moderator=moderator)
    assert not Report.objects.open().exists()


def test_queue_shows_report_counts_per_reason_but_never_the_reporter(
    staff_client, comment
):
    for n, reason in enumerate(["spam", "spam", "abuse"]):
        reports.report(comment=comment, reason=reason, client=f"r{n}", threshold=9)
    listing = staff_client.get(
        reverse("admin:comments_comment_changelist") + "?reported=open"
    ).content.decode()
    assert "3 (Spam or advertising: 2, Abusive or hateful: 1)" in listing
    change = staff_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()
    assert "Abusive or hateful" in change
    for report in Report.objects.all():
        assert report.reporter_hash not in change
        assert report.reporter_hash not in listing

"""``comments.moderation``: who may post, what is held, and every change of state."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from comments import moderation
from comments.models import Comment, ModerationAction, Reason, Status
from comments.moderation import (
    CommentRefused,
    Policy,
    closes_at,
    comments_open,
    hash_email,
    hold_reasons,
    reply_parent,
    set_comments_mode,
    submit,
)
from routines.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

Mode = Article.Comments
Action = ModerationAction.Action

PUBLISHED = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
PHONE = "555-867-5309"
ADDRESS = "Robin.Reader@example.org"

_bodies = itertools.count(1)


def post(article: Article, *, policy: Policy | None = None, **kw) -> Comment:
    """Submit a comment as a reader would; each call gets a body of its own."""
    kw.setdefault("name", "Robin")
    kw.setdefault("body", f"Pressing BL 40 helped, thank you ({next(_bodies)}).")
    return submit(article=article, policy=policy or Policy(), **kw).comment


def make_comment(article: Article, **kw) -> Comment:
    """A stored comment row, bypassing the rules of ``submit``."""
    return factories.CommentFactory(article=article, **kw)


def unsaved_article(**kw) -> Article:
    kw.setdefault("comments_mode", Mode.AUTO)
    kw.setdefault("publish_at", PUBLISHED)
    return Article(title="Acupressure for sleep", **kw)


@pytest.fixture
def article() -> Article:
    """A published article, without the routine and files of the shared one."""
    return factories.ArticleFactory(title="Acupressure for low back pain")


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("mod", "mod@example.com", None)


# comments_open and closes_at ------------------------------------------------


def test_open_article_takes_comments_whenever():
    article = unsaved_article(comments_mode=Mode.OPEN)
    years_later = PUBLISHED + datetime.timedelta(days=3650)

    assert comments_open(article, Policy(close_after_days=1), now=years_later)
    assert closes_at(article, Policy()) is None


def test_closed_article_takes_no_comments():
    article = unsaved_article(comments_mode=Mode.CLOSED)

    assert not comments_open(article, Policy(), now=PUBLISHED)
    assert closes_at(article, Policy()) is None


def test_auto_article_is_open_until_the_policy_days_have_passed():
    article = unsaved_article()
    policy = Policy(close_after_days=30)
    deadline = PUBLISHED + datetime.timedelta(days=30)

    assert closes_at(article, policy) == deadline
    assert comments_open(article, policy, now=PUBLISHED)
    assert comments_open(article, policy, now=deadline - datetime.timedelta(seconds=1))
    assert not comments_open(article, policy, now=deadline)
    assert not comments_open(article, policy, now=deadline + datetime.timedelta(days=1))


def test_auto_closing_follows_the_site_wide_setting(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 10
    policy = Policy.from_settings()
    article = unsaved_article()

    assert closes_at(article, policy) == PUBLISHED + datetime.timedelta(days=10)
    assert comments_open(article, policy, now=PUBLISHED + datetime.timedelta(days=9))
    assert not comments_open(
        article, policy, now=PUBLISHED + datetime.timedelta(days=11)
    )


def test_article_days_override_the_site_wide_days(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    policy = Policy.from_settings()
    article = unsaved_article(comments_close_after_days=90)
    day_60 = PUBLISHED + datetime.timedelta(days=60)

    assert closes_at(article, policy) == PUBLISHED + datetime.timedelta(days=90)
    assert comments_open(article, policy, now=day_60)
    assert not comments_open(unsaved_article(), policy, now=day_60)


def test_article_with_fewer_days_closes_before_the_site_wide_days():
    article = unsaved_article(comments_close_after_days=3)
    policy = Policy(close_after_days=30)

    assert not comments_open(
        article, policy, now=PUBLISHED + datetime.timedelta(days=4)
    )


def test_zero_days_on_the_article_closes_comments_at_once():
    article = unsaved_article(comments_close_after_days=0)
    policy = Policy(close_after_days=30)

    assert closes_at(article, policy) == PUBLISHED
    assert not comments_open(article, policy, now=PUBLISHED)


def test_zero_days_site_wide_closes_comments_at_once(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    policy = Policy.from_settings()

    assert not comments_open(unsaved_article(), policy, now=PUBLISHED)


def test_auto_closing_uses_the_current_time_by_default(time_machine):
    article = unsaved_article()
    policy = Policy(close_after_days=30)

    time_machine.move_to(PUBLISHED + datetime.timedelta(days=29), tick=False)
    assert comments_open(article, policy)

    time_machine.move_to(PUBLISHED + datetime.timedelta(days=31), tick=False)
    assert not comments_open(article, policy)


def test_unpublished_auto_article_has_no_closing_time():
    article = unsaved_article(publish_at=None)

    assert closes_at(article, Policy()) is None
    assert comments_open(article, Policy(), now=PUBLISHED)


# set_comments_mode ---------------------------------------------------------


def test_set_comments_mode_closes_articles_and_records_who_did_it(moderator):
    first, second = factories.ArticleFactory(), factories.ArticleFactory()
    articles = Article.objects.filter(pk__in=[first.pk, second.pk])

    changed = set_comments_mode(articles, Mode.CLOSED, moderator=moderator)

    assert changed == 2
    assert set(articles.values_list("comments_mode", flat=True)) == {Mode.CLOSED}
    actions = ModerationAction.objects.order_by("article_id")
    assert [
        (a.article_id, a.moderator, a.action, a.from_status, a.to_status)
        for a in actions
    ] == [
        (first.pk, moderator, Action.CLOSE, Mode.AUTO, Mode.CLOSED),
        (second.pk, moderator, Action.CLOSE, Mode.AUTO, Mode.CLOSED),
    ]
    assert all(a.comment_id is None for a in actions)


@pytest.mark.parametrize(
    ("start", "mode", "action"),
    [
        (Mode.CLOSED, Mode.OPEN, Action.REOPEN),
        (Mode.OPEN, Mode.AUTO, Action.AUTO),
        (Mode.AUTO, Mode.OPEN, Action.REOPEN),
    ],
)
def test_set_comments_mode_records_the_matching_action(moderator, start, mode, action):
    article = factories.ArticleFactory(comments_mode=start)

    set_comments_mode(Article.objects.filter(pk=article.pk), mode, moderator=moderator)

    article.refresh_from_db()
    assert article.comments_mode == mode
    recorded = ModerationAction.objects.get()
    assert (recorded.action, recorded.from_status, recorded.to_status) == (
        action,
        start,
        mode,
    )


def test_set_comments_mode_skips_articles_already_in_that_mode(moderator):
    closed = factories.ArticleFactory(comments_mode=Mode.CLOSED)
    auto = factories.ArticleFactory(comments_mode=Mode.AUTO)
    articles = Article.objects.filter(pk__in=[closed.pk, auto.pk])

    changed = set_comments_mode(articles, Mode.CLOSED, moderator=moderator)

    assert changed == 1
    assert list(ModerationAction.objects.values_list("article_id", flat=True)) == [
        auto.pk
    ]
    assert set_comments_mode(articles, Mode.CLOSED, moderator=moderator) == 0
    assert ModerationAction.objects.count() == 1


# hold_reasons ----------------------------------------------------------------


def reasons_for(body: str = "Nice article.", **kw) -> list[str]:
    policy = Policy(**{k: v for k, v in kw.items() if k in Policy.__dataclass_fields__})
    return hold_reasons(
        body=body,
        personal_data_found=kw.get("personal_data_found", False),
        first_comment=kw.get("first_comment", False),
        policy=policy,
    )


def test_plain_comment_is_not_held():
    assert reasons_for("Pressing the point helped my back.") == []


def test_premoderation_holds_every_comment():
    assert reasons_for("A kind word.", premoderation=True) == [Reason.PREMODERATION]


def test_up_to_max_links_is_not_held():
    body = "See http://a.example and https://b.example"

    assert reasons_for(body, max_links=2) == []


def test_more_than_max_links_is_held():
    body = "See http://a.example, https://b.example and www.c.example"

    assert reasons_for(body, max_links=2) == [Reason.LINKS]


def test_zero_max_links_holds_a_single_link():
    assert reasons_for("Read www.example.com", max_links=0) == [Reason.LINKS]


def test_link_written_with_www_after_the_scheme_counts_once():
    # Two links, each "https://www....": that is max_links, not more.
    body = "See https://www.a.example and https://www.b.example"

    assert reasons_for(body, max_links=2) == []


@pytest.mark.parametrize(
    "body",
    ["Win at the casino!", "CASINO bonus", "Try Casino.", "online casino-games"],
)
def test_moderation_word_is_held_whatever_its_case(body):
    assert reasons_for(body, moderation_words=("casino",)) == [Reason.WORDS]


@pytest.mark.parametrize("body", ["scasino", "casinos", "The occasion was nice."])
def test_moderation_word_inside_another_word_is_not_held(body):
    assert reasons_for(body, moderation_words=("casino",)) == []


def test_moderation_word_from_settings_is_case_insensitive(settings):
    settings.COMMENTS_MODERATION_WORDS = ["Loan"]

    reasons = hold_reasons(
        body="quick loan here",
        personal_data_found=False,
        first_comment=False,
        policy=Policy.from_settings(),
    )

    assert reasons == [Reason.WORDS]


def test_personal_data_is_held_when_the_policy_says_hold():
    reasons = reasons_for(personal_data_found=True, personal_data="hold")

    assert reasons == [Reason.PERSONAL_DATA]


def test_personal_data_is_not_held_when_the_policy_says_redact():
    assert reasons_for(personal_data_found=True, personal_data="redact") == []


def test_first_comment_is_held_only_when_hold_first_comment_is_on():
    assert reasons_for(first_comment=True, hold_first_comment=True) == [
        Reason.FIRST_COMMENT
    ]
    assert reasons_for(first_comment=True, hold_first_comment=False) == []
    assert reasons_for(first_comment=False, hold_first_comment=True) == []


def test_every_reason_that_applies_is_listed():
    reasons = reasons_for(
        "casino http://a http://b http://c",
        premoderation=True,
        max_links=2,
        moderation_words=("casino",),
        personal_data_found=True,
        personal_data="hold",
        first_comment=True,
        hold_first_comment=True,
    )

    assert reasons == [
        "premoderation",
        "links",
        "words",
        "personal_data",
        "first_comment",
    ]


# submit --------------------------------------------------------------------


def test_submit_stores_an_approved_comment_by_default(article):
    result = submit(
        article=article,
        name="Robin",
        body="  Pressing BL 40 helped.  ",
        policy=Policy(),
    )

    comment = Comment.objects.get()
    assert result.comment == comment
    assert result.is_visible
    assert result.removed_kinds == ()
    assert comment.status == Status.APPROVED
    assert comment.body == "Pressing BL 40 helped."
    assert comment.author_name == "Robin"
    assert (comment.parent, comment.depth) == (None, 0)
    assert comment.hold_reasons == ""
    assert not ModerationAction.objects.exists()


def test_submit_stores_redacted_name_and_body(article):
    result = submit(
        article=article,
        name=f"Robin {PHONE}",
        body=f"Call me on {PHONE} or write to {ADDRESS}.",
        policy=Policy(personal_data="redact"),
    )

    comment = Comment.objects.get()
    assert comment.body == (
        "Call me on [phone number removed] or write to [email address removed]."
    )
    assert comment.author_name == "Robin [phone number removed]"
    assert comment.personal_data_kinds == "phone,email"
    assert result.removed_kinds == ("phone", "email")
    assert comment.status == Status.APPROVED


def test_blank_name_is_stored_as_anonymous(article):
    comment = post(article, name="   ")

    assert comment.author_name == "Anonymous"


@pytest.fixture
def staff_to_notify(django_user_model):
    """Who gets the moderation e-mail, and who does not."""
    users = django_user_model.objects
    change_comment = Permission.objects.get(
        content_type__app_label="comments", codename="change_comment"
    )
    with_permission = users.create_user("mod", "mod@example.com", is_staff=True)
    with_permission.user_permissions.add(change_comment)
    group = Group.objects.create(name="Test moderators")
    group.permissions.add(change_comment)
    users.create_user("grouped", "grouped@example.com", is_staff=True).groups.add(group)
    users.create_superuser("boss", "boss@example.com", None)
    users.create_superuser("no-address", "", None)
    users.create_user("writer", "writer@example.com", is_staff=True)
    users.create_user("reader", "reader@example.com")
    gone = users.create_user("gone", "gone@example.com", is_staff=True)
    gone.user_permissions.add(change_comment)
    gone.is_active = False
    gone.save()
    return ["boss@example.com", "grouped@example.com", "mod@example.com"]


def test_personal_data_held_and_moderators_mailed_only_redacted_text(
    article, staff_to_notify, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(
            article,
            name=f"Robin {PHONE}",
            body=f"My number is {PHONE}, call me.",
            email=ADDRESS,
            policy=Policy(personal_data="hold"),
        )

    assert comment.status == Status.PENDING
    assert comment.reasons == [Reason.PERSONAL_DATA]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.bcc) == staff_to_notify
    assert "My number is [phone number removed], call me." in mail.body
    assert "Personal data found" in mail.body
    assert "/admin/comments/comment/?status__exact=pending" in mail.body
    for text in (mail.subject, mail.body):
        assert PHONE not in text
        assert "8675309" not in text.replace("-", "")
        assert ADDRESS.casefold() not in text.casefold()


def test_held_comment_records_an_automatic_hold(article):
    comment = post(article, policy=Policy(premoderation=True))

    action = ModerationAction.objects.get()
    assert (action.comment, action.article, action.moderator) == (
        comment,
        article,
        None,
    )
    assert (action.action, action.to_status) == (Action.HOLD, Status.PENDING)
    assert action.note == "Pre-moderation is on"


def test_approved_comment_mails_no_one(
    article, staff_to_notify, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(article, body=f"Call {PHONE}", policy=Policy(personal_data="redact"))

    assert mailoutbox == []


def test_moderator_addresses_from_settings_are_mailed_too(
    article, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MODERATOR_EMAILS = ["queue@example.com"]
    settings.COMMENTS_PREMODERATION = True

    with django_capture_on_commit_callbacks(execute=True):
        post(article, policy=Policy.from_settings())

    assert [m.bcc for m in mailoutbox] == [["queue@example.com"]]


def test_premoderation_holds_readers_but_not_staff(article, django_user_model):
    policy = Policy(premoderation=True)
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    member = django_user_model.objects.create_user("member")

    reader_comment = post(article, policy=policy)
    member_comment = post(article, user=member, policy=policy)
    staff_comment = post(article, user=editor, policy=policy)

    assert reader_comment.status == Status.PENDING
    assert reader_comment.reasons == [Reason.PREMODERATION]
    assert member_comment.status == Status.PENDING
    assert member_comment.user is None
    assert staff_comment.status == Status.APPROVED
    assert staff_comment.user == editor


def test_first_comment_from_a_new_address_is_held(article):
    policy = Policy(hold_first_comment=True)

    comment = post(article, email="new@example.com", policy=policy)

    assert comment.status == Status.PENDING
    assert comment.reasons == [Reason.FIRST_COMMENT]


def test_comment_from_an_address_with_an_approved_comment_is_not_held(article):
    policy = Policy(hold_first_comment=True)
    make_comment(article, email_hash=hash_email("known@example.com"))

    comment = post(article, email=" Known@Example.com ", policy=policy)

    assert comment.status == Status.APPROVED


def test_address_whose_only_comment_waits_is_still_held(article):
    policy = Policy(hold_first_comment=True)
    first = post(article, email="new@example.com", policy=policy)

    second = post(article, email="new@example.com", policy=policy)

    assert first.status == second.status == Status.PENDING
    assert second.reasons == [Reason.FIRST_COMMENT]


def test_comment_without_an_address_counts_as_a_first_comment(article):
    make_comment(article, email_hash="")

    comment = post(article, email="", policy=Policy(hold_first_comment=True))

    assert comment.status == Status.PENDING


def test_same_body_twice_on_an_article_is_refused(article):
    post(article, body="Pressing BL 40 helped my back.")

    with pytest.raises(CommentRefused) as refused:
        post(article, body="  pressing  BL 40\nhelped MY back. ")

    assert refused.value.code == "duplicate"
    assert Comment.objects.count() == 1


def test_same_body_from_another_reader_is_accepted(article):
    post(article, body="Thank you!")

    other = post(article, name="Someone else", body="Thank you!")

    assert other.status == Status.APPROVED


def test_same_body_on_another_article_is_accepted(article):
    post(article, body="Pressing BL 40 helped my back.")

    other = post(factories.ArticleFactory(), body="Pressing BL 40 helped my back.")

    assert other.status == Status.APPROVED
    assert Comment.objects.count() == 2


def test_same_body_after_the_duplicate_window_is_accepted(
    article, settings, time_machine
):
    settings.COMMENTS_DUPLICATE_WINDOW_MINUTES = 30
    body = "Pressing BL 40 helped my back."
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    post(article, body=body, policy=Policy.from_settings())

    time_machine.move_to(start + datetime.timedelta(minutes=29), tick=False)
    with pytest.raises(CommentRefused):
        post(article, body=body, policy=Policy.from_settings())

    time_machine.move_to(start + datetime.timedelta(minutes=31), tick=False)
    post(article, body=body, policy=Policy.from_settings())

    assert Comment.objects.count() == 2


def test_same_body_as_a_removed_comment_is_accepted(article, moderator):
    first = post(article, body="Pressing BL 40 helped my back.")
    moderation.remove([first], moderator=moderator)

    post(article, body="Pressing BL 40 helped my back.")

    assert Comment.objects.count() == 2


def test_closed_article_refuses_comments(article):
    article.comments_mode = Mode.CLOSED
    article.save()

    with pytest.raises(CommentRefused) as refused:
        post(article)

    assert refused.value.code == "closed"
    assert not Comment.objects.exists()


def test_article_past_its_closing_day_refuses_comments():
    article = factories.ArticleFactory(
        publish_at=timezone.now() - datetime.timedelta(days=31)
    )

    with pytest.raises(CommentRefused) as refused:
        post(article, policy=Policy(close_after_days=30))

    assert refused.value.code == "closed"


def test_reply_to_a_comment_of_another_article_is_refused(article):
    elsewhere = make_comment(factories.ArticleFactory())

    with pytest.raises(CommentRefused) as refused:
        post(article, parent=elsewhere)

    assert refused.value.code == "parent"
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("status", [Status.PENDING, Status.SPAM, Status.REMOVED])
def test_reply_to_a_comment_that_is_not_approved_is_refused(article, status):
    parent = make_comment(article, status=status)

    with pytest.raises(CommentRefused) as refused:
        post(article, parent=parent)

    assert refused.value.code == "parent"
    assert Comment.objects.count() == 1


def test_reply_is_stored_under_its_parent(article):
    top = post(article)

    reply = post(article, parent=top)

    assert (reply.parent, reply.depth) == (top, 1)


def test_reply_to_a_reply_joins_the_top_comment_with_max_depth_one(article):
    policy = Policy(max_depth=1)
    top = post(article, policy=policy)
    reply = post(article, parent=top, policy=policy)

    deeper = post(article, parent=reply, policy=policy)

    assert (deeper.parent, deeper.depth) == (top, 1)


def test_reply_to_a_reply_stays_at_depth_two_with_max_depth_two(article):
    policy = Policy(max_depth=2)
    top = post(article, policy=policy)
    reply = post(article, parent=top, policy=policy)
    deeper = post(article, parent=reply, policy=policy)

    deepest = post(article, parent=deeper, policy=policy)

    assert (deeper.parent, deeper.depth) == (reply, 2)
    assert (deepest.parent, deepest.depth) == (reply, 2)


def test_reply_becomes_a_top_comment_with_max_depth_zero(article):
    policy = Policy(max_depth=0)
    top = post(article, policy=policy)

    reply = post(article, parent=top, policy=policy)

    assert (reply.parent, reply.depth) == (None, 0)


def test_max_depth_from_settings_decides_where_a_reply_goes(article, settings):
    settings.COMMENTS_MAX_DEPTH = 2
    top = post(article)
    reply = post(article, parent=top)

    deeper = post(article, parent=reply, policy=Policy.from_settings())

    assert deeper.depth == 2


def test_reply_parent_without_a_parent_is_none():
    assert reply_parent(None, Policy(max_depth=3)) is None


def test_reply_that_would_move_under_a_removed_comment_is_refused(article, moderator):
    """With max_depth 1 a reply to a reply joins the top comment: if that one
    is gone, the new reply would be stored approved yet never shown."""
    top = post(article)
    reply = post(article, parent=top)
    moderation.remove([top], moderator=moderator)

    with pytest.raises(CommentRefused) as refused:
        post(article, parent=reply, policy=Policy(max_depth=1))

    assert refused.value.code == "parent"
    assert Comment.objects.count() == 2


def test_email_is_stored_only_as_a_hash(article):
    post(
        article,
        email=ADDRESS,
        policy=Policy(premoderation=True),
    )

    comment = Comment.objects.get()
    assert comment.email_hash == hash_email(ADDRESS)
    assert len(comment.email_hash) == 64
    assert not Comment.objects.filter(email_hash__contains="@").exists()
    rows = [
        *Comment.objects.values_list(),
        *ModerationAction.objects.values_list(),
    ]
    stored = " ".join(str(value) for row in rows for value in row).casefold()
    assert ADDRESS.casefold() not in stored
    assert "example.org" not in stored


def test_same_address_in_another_case_gives_the_same_hash():
    assert hash_email(" Robin.Reader@Example.org ") == hash_email(ADDRESS)
    assert hash_email("other@example.org") != hash_email(ADDRESS)
    assert hash_email("  ") == ""


def test_hash_depends_on_the_secret_key(settings):
    before = hash_email(ADDRESS)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"

    assert hash_email(ADDRESS) != before


# moderate ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "start", "action", "target"),
    [
        (moderation.approve, Status.PENDING, Action.APPROVE, Status.APPROVED),
        (moderation.approve, Status.SPAM, Action.APPROVE, Status.APPROVED),
        (moderation.mark_spam, Status.APPROVED, Action.SPAM, Status.SPAM),
        (moderation.mark_spam, Status.PENDING, Action.SPAM, Status.SPAM),
        (moderation.remove, Status.APPROVED, Action.REMOVE, Status.REMOVED),
        (moderation.remove, Status.PENDING, Action.REMOVE, Status.REMOVED),
    ],
)
def test_moderation_action_changes_status_and_records_it(
    article, moderator, function, start, action, target
):
    comment = make_comment(article, status=start)

    changed = function(Comment.objects.filter(pk=comment.pk), moderator=moderator)

    assert changed == 1
    comment.refresh_from_db()
    assert comment.status == target
    recorded = ModerationAction.objects.get()
    assert (
        recorded.comment,
        recorded.article,
        recorded.moderator,
        recorded.action,
        recorded.from_status,
        recorded.to_status,
    ) == (comment, article, moderator, action, start, target)


@pytest.mark.parametrize(
    "function", [moderation.approve, moderation.mark_spam, moderation.remove]
)
def test_same_action_twice_is_recorded_once(article, moderator, function):
    comment = make_comment(article, status=Status.PENDING)

    first = function([comment], moderator=moderator)
    again = function(Comment.objects.filter(pk=comment.pk), moderator=moderator)

    assert (first, again) == (1, 0)
    assert ModerationAction.objects.count() == 1


def test_moderate_acts_on_every_comment_and_counts_changes(article, moderator):
    waiting = [make_comment(article, status=Status.PENDING) for _ in range(3)]
    done = make_comment(article, status=Status.APPROVED)

    changed = moderation.approve(
        Comment.objects.filter(pk__in=[c.pk for c in [*waiting, done]]),
        moderator=moderator,
    )

    assert changed == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.APPROVED}
    assert ModerationAction.objects.count() == 3


def test_moderate_keeps_the_note(article, moderator):
    comment = make_comment(article)

    moderation.moderate(
        [comment], Action.REMOVE, moderator=moderator, note="Off topic" * 40
    )

    assert ModerationAction.objects.get().note == ("Off topic" * 40)[:200]


@pytest.mark.parametrize("start", [Status.PENDING, Status.APPROVED])
@pytest.mark.parametrize("takedown", [moderation.remove, moderation.mark_spam])
def test_restore_brings_a_comment_back_to_its_status_before(
    article, moderator, start, takedown
):
    comment = make_comment(article, status=start)
    takedown([comment], moderator=moderator)

    changed = moderation.restore(
        Comment.objects.filter(pk=comment.pk), moderator=moderator
    )

    assert changed == 1
    comment.refresh_from_db()
    assert comment.status == start
    restored = ModerationAction.objects.filter(action=Action.RESTORE).get()
    assert (restored.moderator, restored.to_status) == (moderator, start)
    assert restored.from_status in (Status.REMOVED, Status.SPAM)


def test_restore_of_a_waiting_comment_marked_spam_then_removed_keeps_it_waiting(
    article, moderator
):
    """A comment no moderator approved must not become public by restoring it."""
    comment = make_comment(article, status=Status.PENDING)
    moderation.mark_spam([comment], moderator=moderator)
    moderation.remove([comment], moderator=moderator)

    moderation.restore([comment], moderator=moderator)

    comment.refresh_from_db()
    assert comment.status == Status.PENDING


@pytest.mark.parametrize("status", [Status.PENDING, Status.APPROVED])
def test_restore_leaves_comments_that_were_not_taken_down(article, moderator, status):
    comment = make_comment(article, status=status)

    assert moderation.restore([comment], moderator=moderator) == 0
    comment.refresh_from_db()
    assert comment.status == status
    assert not ModerationAction.objects.exists()


def test_restore_twice_is_recorded_once(article, moderator):
    comment = make_comment(article, status=Status.PENDING)
    moderation.remove([comment], moderator=moderator)

    moderation.restore([comment], moderator=moderator)
    moderation.restore(Comment.objects.filter(pk=comment.pk), moderator=moderator)

    assert ModerationAction.objects.filter(action=Action.RESTORE).count() == 1

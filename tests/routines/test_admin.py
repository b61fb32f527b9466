import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from routines.models import Article, Point, Routine, RoutineStep
from tests import factories
from tests.files import picture_upload

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    ("routines", "topic"),
    ("routines", "point"),
    ("routines", "routine"),
    ("routines", "handout"),
    ("routines", "article"),
    ("auth", "user"),
    ("auth", "group"),
]


@pytest.fixture
def reader() -> Client:
    """An anonymous visitor (``client`` is the one ``staff_client`` logs in)."""
    return Client()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def error_texts(response) -> list[str]:
    """Every error the admin shows on a form page, in reading order."""
    return [
        node.get_text(" ", strip=True).replace("\xa0", " ")
        for node in soup(response).select(".errornote, ul.errorlist")
    ]


def field_errors(response, field: str) -> list[str]:
    row = soup(response).select_one(f".field-{field}")
    assert row is not None, f"no form row for {field}"
    return [li.get_text(strip=True) for li in row.select("ul.errorlist li")]


@pytest.fixture
def one_of_each(django_user_model):
    """One saved object per admin model, keyed like ``ADMIN_MODELS``."""
    routine = factories.RoutineFactory(title="Neck routine", slug="neck-routine")
    factories.RoutineStepFactory(routine=routine, order=1)
    return {
        ("routines", "topic"): factories.TopicFactory(name="Sleep", slug="sleep"),
        ("routines", "point"): factories.PointFactory(code="LI 4", slug="li-4"),
        ("routines", "routine"): routine,
        ("routines", "handout"): factories.HandoutFactory(title="Sleep handout"),
        ("routines", "article"): factories.DraftArticleFactory(title="Better sleep"),
        ("auth", "user"): django_user_model.objects.create_user("reader"),
        ("auth", "group"): Group.objects.create(name="Test editors"),
    }


@pytest.mark.parametrize(("app", "model"), ADMIN_MODELS)
def test_changelist_lists_the_object(staff_client, one_of_each, app, model):
    obj = one_of_each[app, model]

    response = staff_client.get(reverse(f"admin:{app}_{model}_changelist"))

    assert response.status_code == 200
    change_url = reverse(f"admin:{app}_{model}_change", args=[obj.pk])
    assert soup(response).select_one(f'#result_list a[href="{change_url}"]')


@pytest.mark.parametrize(("app", "model"), ADMIN_MODELS)
def test_add_page_shows_an_empty_form(staff_client, app, model):
    response = staff_client.get(reverse(f"admin:{app}_{model}_add"))

    assert response.status_code == 200
    assert soup(response).select_one(f"form#{model}_form") is not None


@pytest.mark.parametrize(("app", "model"), ADMIN_MODELS)
def test_change_page_shows_the_object(staff_client, one_of_each, app, model):
    obj = one_of_each[app, model]

    response = staff_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(f"form#{model}_form") is not None
    assert str(obj)[:30] in page.select_one("#content").get_text()


def test_admin_pages_need_a_staff_login(client):
    response = client.get(reverse("admin:routines_article_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def changelist_titles(response) -> list[str]:
    return [
        cell.get_text(strip=True)
        for cell in soup(response).select("#result_list tbody th.field-title")
    ]


def test_article_search_finds_by_title(staff_client):
    factories.ArticleFactory(title="Acupressure for headaches")
    factories.ArticleFactory(title="Sleep better tonight")

    response = staff_client.get(
        reverse("admin:routines_article_changelist"), {"q": "headache"}
    )

    assert changelist_titles(response) == ["Acupressure for headaches"]


def test_article_status_filter_shows_only_drafts(staff_client):
    factories.ArticleFactory(title="Live article")
    factories.DraftArticleFactory(title="Draft article")
    factories.ScheduledArticleFactory(title="Scheduled article")

    response = staff_client.get(
        reverse("admin:routines_article_changelist"), {"status__exact": "draft"}
    )

    assert changelist_titles(response) == ["Draft article"]


def test_article_topic_filter_shows_only_that_topics_articles(staff_client):
    sleep = factories.TopicFactory(name="Sleep", slug="sleep")
    factories.ArticleFactory(title="Sleep article", topics=[sleep])
    factories.ArticleFactory(title="Other article")

    response = staff_client.get(
        reverse("admin:routines_article_changelist"), {"topics__id__exact": sleep.pk}
    )

    assert changelist_titles(response) == ["Sleep article"]


def test_article_featured_routine_filter_offers_only_featured_routines(
    staff_client, article
):
    factories.RoutineFactory(title="Never featured")

    response = staff_client.get(reverse("admin:routines_article_changelist"))

    filters = soup(response).select_one("#changelist-filter").get_text()
    assert article.featured_routine.title in filters
    assert "Never featured" not in filters


def test_point_search_finds_by_code_and_english_name(staff_client):
    factories.PointFactory(code="LI 4", slug="li-4", english_name="Union valley")
    factories.PointFactory(code="ST 36", slug="st-36", english_name="Leg three miles")
    url = reverse("admin:routines_point_changelist")

    def codes(query: str) -> list[str]:
        page = soup(staff_client.get(url, {"q": query}))
        return [cell.get_text() for cell in page.select("#result_list .field-code")]

    assert codes("union") == ["LI 4"]
    assert codes("ST 36") == ["ST 36"]


def test_handout_language_filter(staff_client):
    factories.HandoutFactory(title="English handout", language="en")
    factories.HandoutFactory(title="Spanish handout", language="es")

    response = staff_client.get(
        reverse("admin:routines_handout_changelist"), {"language__exact": "es"}
    )

    assert changelist_titles(response) == ["Spanish handout"]


def run_action(client, action: str, *articles: Article):
    return client.post(
        reverse("admin:routines_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


# These tests commit: if "now" for the public pages were ever read from the
# database clock, PostgreSQL would hold it at the test transaction's start.
@pytest.mark.django_db(transaction=True)
def test_publish_now_makes_a_draft_public(staff_client, reader):
    draft = factories.DraftArticleFactory(title="Draft to publish")
    assert reader.get(draft.get_absolute_url()).status_code == 404
    before = timezone.now()

    response = run_action(staff_client, "publish_now", draft)

    assert "Published 1 article(s)." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert before <= draft.publish_at <= timezone.now()
    page = reader.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert soup(page).h1.get_text() == "Draft to publish"


@pytest.mark.django_db(transaction=True)
def test_publish_now_moves_a_future_scheduled_time_to_now(staff_client, reader):
    scheduled = factories.ScheduledArticleFactory(title="Scheduled")
    assert reader.get(scheduled.get_absolute_url()).status_code == 404
    before = timezone.now()

    run_action(staff_client, "publish_now", scheduled)

    scheduled.refresh_from_db()
    assert scheduled.status == Article.Status.PUBLISHED
    assert before <= scheduled.publish_at <= timezone.now()
    assert reader.get(scheduled.get_absolute_url()).status_code == 200


def test_publish_now_keeps_the_time_of_an_already_published_article(staff_client):
    published = factories.ArticleFactory()
    published_at = published.publish_at

    response = run_action(staff_client, "publish_now", published)

    assert "Published 0 article(s)." in response.content.decode()
    published.refresh_from_db()
    assert published.publish_at == published_at


def test_publish_now_keeps_the_past_time_of_a_due_scheduled_article(staff_client):
    due_at = timezone.now() - datetime.timedelta(hours=5)
    due = factories.ScheduledArticleFactory(publish_at=due_at)

    response = run_action(staff_client, "publish_now", due)

    assert "Published 1 article(s)." in response.content.decode()
    due.refresh_from_db()
    assert due.status == Article.Status.PUBLISHED
    assert due.publish_at == due_at


def test_unpublish_takes_a_public_article_off_the_site(staff_client, reader, article):
    assert reader.get(article.get_absolute_url()).status_code == 200

    response = run_action(staff_client, "unpublish", article)

    assert "Unpublished 1 article(s)." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert reader.get(article.get_absolute_url()).status_code == 404


def management_form(total: int, initial: int) -> dict[str, int]:
    return {
        "steps-TOTAL_FORMS": total,
        "steps-INITIAL_FORMS": initial,
        "steps-MIN_NUM_FORMS": 1,
        "steps-MAX_NUM_FORMS": 1000,
    }


def routine_fields(**overrides) -> dict[str, str]:
    return {
        "title": "Hand routine",
        "slug": "hand-routine",
        "summary": "Three points on the hand.",
        "condition": "Headache",
        **overrides,
    }


def step_fields(index: int, point: Point, order, **overrides) -> dict[str, object]:
    fields = {
        "order": order,
        "point": point.pk,
        "side": "both",
        "duration_seconds": 60,
        "instruction": f"Step {index}",
        **overrides,
    }
    return {f"steps-{index}-{name}": value for name, value in fields.items()}


def stored_steps(routine: Routine) -> list[tuple[int, str]]:
    return list(routine.steps.order_by("order").values_list("order", "point__code"))


def test_routine_add_page_uses_the_steps_prefix_for_its_inline(staff_client):
    page = soup(staff_client.get(reverse("admin:routines_routine_add")))

    assert page.select_one('input[name="steps-TOTAL_FORMS"]') is not None
    assert page.select_one('input[name="steps-0-order"]') is not None


def test_routine_added_with_three_steps_stores_them_in_order(staff_client):
    points = [
        factories.PointFactory(code=code, slug=code.replace(" ", "-").lower())
        for code in ("LI 4", "PC 6", "HT 7")
    ]
    data = {**routine_fields(), **management_form(3, 0)}
    # Forms in a different order from their places: the place decides.
    data |= step_fields(0, points[2], 3)
    data |= step_fields(1, points[0], 1)
    data |= step_fields(2, points[1], 2)

    response = staff_client.post(reverse("admin:routines_routine_add"), data)

    assert response.status_code == 302, error_texts(response)
    routine = Routine.objects.get(slug="hand-routine")
    assert stored_steps(routine) == [(1, "LI 4"), (2, "PC 6"), (3, "HT 7")]


def test_routine_steps_without_a_place_are_numbered_as_given(staff_client):
    points = [
        factories.PointFactory(code=code, slug=code.replace(" ", "-").lower())
        for code in ("LI 4", "PC 6")
    ]
    data = {**routine_fields(), **management_form(2, 0)}
    data |= step_fields(0, points[1], "")
    data |= step_fields(1, points[0], "")

    response = staff_client.post(reverse("admin:routines_routine_add"), data)

    assert response.status_code == 302, error_texts(response)
    routine = Routine.objects.get(slug="hand-routine")
    assert stored_steps(routine) == [(1, "PC 6"), (2, "LI 4")]


def existing_step_fields(routine: Routine, new_orders: dict[int, int]):
    data = {
        **routine_fields(title=routine.title, slug=routine.slug),
        **management_form(len(new_orders), len(new_orders)),
    }
    steps = routine.steps.order_by("order")
    for index, step in enumerate(steps):
        data |= step_fields(
            index,
            step.point,
            new_orders[step.order],
            id=step.pk,
            routine=routine.pk,
            duration_seconds=step.duration_seconds,
        )
    return data


def test_swapping_two_steps_saves_the_new_order(staff_client, routine):
    assert stored_steps(routine) == [(1, "BL 23"), (2, "BL 40"), (3, "BL 57")]
    data = existing_step_fields(routine, {1: 2, 2: 1, 3: 3})

    response = staff_client.post(
        reverse("admin:routines_routine_change", args=[routine.pk]), data
    )

    assert response.status_code == 302, error_texts(response)
    assert stored_steps(routine) == [(1, "BL 40"), (2, "BL 23"), (3, "BL 57")]


def test_rotating_all_steps_saves_the_new_order(staff_client, routine):
    data = existing_step_fields(routine, {1: 3, 2: 1, 3: 2})

    response = staff_client.post(
        reverse("admin:routines_routine_change", args=[routine.pk]), data
    )

    assert response.status_code == 302, error_texts(response)
    assert stored_steps(routine) == [(1, "BL 40"), (2, "BL 57"), (3, "BL 23")]


def test_two_new_steps_in_the_same_place_are_refused(staff_client):
    points = [
        factories.PointFactory(code=code, slug=code.replace(" ", "-").lower())
        for code in ("LI 4", "PC 6")
    ]
    data = {**routine_fields(), **management_form(2, 0)}
    data |= step_fields(0, points[0], 1)
    data |= step_fields(1, points[1], 1)

    response = staff_client.post(reverse("admin:routines_routine_add"), data)

    assert response.status_code == 200
    errors = " ".join(error_texts(response))
    assert "duplicate" in errors.lower()
    assert not Routine.objects.exists()
    assert not RoutineStep.objects.exists()


def test_moving_a_step_onto_anothers_place_is_refused(staff_client, routine):
    data = existing_step_fields(routine, {1: 2, 2: 2, 3: 3})

    response = staff_client.post(
        reverse("admin:routines_routine_change", args=[routine.pk]), data
    )

    assert response.status_code == 200
    assert error_texts(response)
    assert stored_steps(routine) == [(1, "BL 23"), (2, "BL 40"), (3, "BL 57")]


def view_on_site_href(client, obj) -> str:
    opts = obj._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    link = soup(response).select_one("a.viewsitelink")
    assert link is not None
    return link["href"]


@pytest.mark.parametrize(
    "make_article",
    [factories.DraftArticleFactory, factories.ScheduledArticleFactory],
    ids=["draft", "scheduled"],
)
def test_view_on_site_for_an_unpublished_article_opens_the_preview(
    staff_client, make_article
):
    unpublished = make_article()

    href = view_on_site_href(staff_client, unpublished)

    assert href == reverse("routines:article-preview", kwargs={"pk": unpublished.pk})


def test_view_on_site_for_a_public_article_opens_its_page(staff_client, article):
    assert view_on_site_href(staff_client, article) == article.get_absolute_url()


def test_view_on_site_for_a_handout_is_its_download(staff_client):
    handout = factories.HandoutFactory(slug="sleep-handout")

    assert view_on_site_href(staff_client, handout) == "/handouts/sleep-handout.pdf"


def test_preview_shows_a_draft_to_staff_with_a_banner(staff_client):
    draft = factories.DraftArticleFactory(title="Work in progress")

    response = staff_client.get(
        reverse("routines:article-preview", kwargs={"pk": draft.pk})
    )

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Work in progress"
    banner = page.select_one(".preview-banner")
    assert banner is not None
    assert "Preview" in banner.get_text()
    assert "draft" in banner.get_text()
    assert "not visible to readers" in banner.get_text()
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_preview_of_a_scheduled_article_gives_its_publish_time(staff_client):
    publish_at = timezone.now() + datetime.timedelta(days=3)
    scheduled = factories.ScheduledArticleFactory(publish_at=publish_at)

    response = staff_client.get(
        reverse("routines:article-preview", kwargs={"pk": scheduled.pk})
    )

    banner = soup(response).select_one(".preview-banner").get_text(" ", strip=True)
    assert "scheduled" in banner
    local = timezone.localtime(publish_at)
    assert f"{local:%B} {local.day}, {local.year}" in banner


def test_preview_sends_anonymous_readers_to_the_admin_login(client):
    draft = factories.DraftArticleFactory()
    url = reverse("routines:article-preview", kwargs={"pk": draft.pk})

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert f"next={url}" in response.url


def test_public_article_page_has_no_preview_banner(client, article):
    page = soup(client.get(article.get_absolute_url()))

    assert page.select_one(".preview-banner") is None
    assert page.select_one('meta[name="robots"]') is None


def point_fields(point: Point, **overrides) -> dict[str, object]:
    return {
        "code": point.code,
        "slug": point.slug,
        "pinyin_name": point.pinyin_name,
        "english_name": point.english_name,
        "body_region": point.body_region,
        "location": point.location,
        "technique": point.technique,
        "cautions": point.cautions,
        "picture_alt": point.picture_alt,
        "picture_credit": point.picture_credit,
        **overrides,
    }


def test_point_picture_without_alt_text_is_refused(staff_client):
    point = factories.PointFactory(picture="", picture_alt="")
    data = point_fields(point, picture=picture_upload(), picture_alt="  ")

    response = staff_client.post(
        reverse("admin:routines_point_change", args=[point.pk]), data
    )

    assert response.status_code == 200
    assert field_errors(response, "picture_alt") == [
        "Alt text is required when there is a picture."
    ]
    point.refresh_from_db()
    assert not point.picture


def test_point_picture_with_alt_text_is_saved(staff_client):
    point = factories.PointFactory(picture="", picture_alt="")
    data = point_fields(point, picture=picture_upload(), picture_alt="A hand")

    response = staff_client.post(
        reverse("admin:routines_point_change", args=[point.pk]), data
    )

    assert response.status_code == 302, error_texts(response)
    point.refresh_from_db()
    assert point.picture.name.startswith("points/")
    assert (point.picture_width, point.picture_height) == (40, 30)


def test_point_change_page_shows_the_current_picture_with_its_alt_text(
    staff_client,
):
    point = factories.PointFactory(picture_alt="Dot between thumb and finger")

    response = staff_client.get(reverse("admin:routines_point_change", args=[point.pk]))

    preview = soup(response).select_one(".field-picture_preview img")
    assert preview["src"] == point.picture.url
    assert preview["alt"] == "Dot between thumb and finger"


def test_handout_change_page_shows_the_label_read_from_the_file(staff_client):
    handout = factories.HandoutFactory()

    response = staff_client.get(
        reverse("admin:routines_handout_change", args=[handout.pk])
    )

    label = soup(response).select_one(".field-label .readonly").get_text(strip=True)
    assert label.startswith("PDF, 2 pages, ")
    assert label == handout.label


def test_handout_add_page_explains_the_label_comes_from_the_file(staff_client):
    response = staff_client.get(reverse("admin:routines_handout_add"))

    label = soup(response).select_one(".field-label .readonly").get_text(strip=True)
    assert label == "Read from the file when it is saved."


def test_routine_changelist_shows_step_count_and_total_time(staff_client, routine):
    response = staff_client.get(reverse("admin:routines_routine_changelist"))

    row = soup(response).select_one("#result_list tbody tr")
    assert row.select_one(".field-step_count").get_text() == "3"
    # 30 + 60 + 90 seconds
    assert row.select_one(".field-total_time").get_text() == "3 minutes"

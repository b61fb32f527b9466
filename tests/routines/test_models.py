import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from routines.models import Article, Handout, RoutineStep, handouts_with_routine
from tests import factories
from tests.files import pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db


def test_point_code_is_unique_in_the_database():
    factories.PointFactory(code="LI 4", slug="li-4")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PointFactory(code="LI 4", slug="li-4-again")


def test_point_with_picture_and_no_alt_text_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PointFactory(picture_alt="")


def test_point_without_picture_needs_no_alt_text():
    point = factories.PointFactory(picture="", picture_alt="")
    point.full_clean()


def test_point_form_validation_asks_for_alt_text():
    point = factories.PointFactory.build(picture_alt="  ", slug="x-1", code="X 1")
    with pytest.raises(ValidationError) as error:
        point.full_clean()
    assert "picture_alt" in error.value.message_dict


def test_step_order_is_unique_within_a_routine(routine):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.RoutineStepFactory(routine=routine, order=1)


def test_same_order_is_allowed_in_another_routine(routine):
    other = factories.RoutineStepFactory(order=1)
    assert other.order == 1
    assert other.routine != routine


def test_step_order_starts_at_one(routine):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.RoutineStepFactory(routine=routine, order=0)


def test_step_duration_is_bounded(routine):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.RoutineStepFactory(routine=routine, order=9, duration_seconds=2)


def test_routine_total_time_is_derived_from_its_steps(routine):
    assert routine.total_seconds == 30 + 60 + 90
    RoutineStep.objects.filter(routine=routine, order=3).update(duration_seconds=10)
    routine.refresh_from_db()
    assert routine.total_seconds == 30 + 60 + 10


def test_steps_come_back_in_order(routine):
    assert [step.order for step in routine.steps.all()] == [1, 2, 3]


def test_published_article_needs_a_publish_time_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ArticleFactory(status=Article.Status.PUBLISHED, publish_at=None)


def test_scheduled_article_form_validation_asks_for_a_publish_time():
    article = factories.ArticleFactory.build(
        status=Article.Status.SCHEDULED, publish_at=None
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["topics", "handouts"])
    assert "publish_at" in error.value.message_dict


def test_hero_picture_needs_alt_text_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ArticleFactory(
            hero_image=factories.factory.django.FileField(filename="a.png"),
            hero_alt="",
        )


def test_article_slug_is_unique():
    factories.ArticleFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ArticleFactory(slug="same")


def test_handout_page_count_and_size_are_read_from_the_file():
    handout = Handout(title="Guide", slug="guide", file=pdf_upload(pages=3))
    handout.save()
    assert handout.page_count == 3
    assert handout.file_size == len(pdf_bytes(3))


def test_handout_label_says_what_the_file_is():
    handout = Handout(page_count=2, file_size=340 * 1024)
    assert handout.label == "PDF, 2 pages, 340 KB"
    assert Handout(page_count=1, file_size=1000).label == "PDF, 1 page, 1000 bytes"
    assert Handout(page_count=9, file_size=48 * 1024 * 1024).label.endswith(", 48 MB")
    assert Handout(page_count=9, file_size=4400 * 1024).label.endswith(", 4.3 MB")


def test_section_508_conformance_needs_the_date_it_was_checked():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.HandoutFactory(section_508_conformant=True)


def test_every_model_has_a_readable_name(article, routine):
    step = routine.steps.first()
    assert str(step) == f"1. {step.point.code}"
    assert str(article) == "Acupressure for low back pain"
    assert str(step.point).startswith(step.point.code)
    assert str(article.topics.first()) == "Low back pain"


def test_article_offers_its_handouts_and_its_routines_by_title_without_repeats(
    article, routine
):
    own = factories.HandoutFactory(title="Zebra sheet")
    shared = factories.HandoutFactory(title="Shared sheet")
    from_routine = factories.HandoutFactory(title="Alpha sheet")
    factories.HandoutFactory(title="Unrelated sheet")
    article.handouts.set([own, shared])
    routine.handouts.set([shared, from_routine])
    # Linked to more articles and routines too: each link is a row of the join.
    factories.ArticleFactory(slug="another").handouts.set([shared, own])
    factories.RoutineFactory(slug="another").handouts.set([shared, from_routine])
    titles = [h.title for h in Handout.objects.for_article(article)]
    assert titles == ["Alpha sheet", "Shared sheet", "Zebra sheet"]


def test_article_without_a_routine_offers_only_its_own_handouts(article):
    article.featured_routine = None
    article.save()
    factories.HandoutFactory(title="Unrelated sheet")  # in no article or routine
    handouts = list(Handout.objects.for_article(article))
    assert handouts
    assert handouts == list(article.handouts.all())


def test_checks_see_an_article_handouts_then_its_routines_without_repeats(
    article, routine
):
    own = factories.HandoutFactory(title="Zebra sheet")
    shared = factories.HandoutFactory(title="Shared sheet")
    from_routine = factories.HandoutFactory(title="Alpha sheet")
    routine.handouts.set([shared, from_routine])
    merged = handouts_with_routine([own, shared], routine)
    assert [h.title for h in merged] == ["Zebra sheet", "Shared sheet", "Alpha sheet"]

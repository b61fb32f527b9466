"""factory_boy factories for the content models."""

import datetime

import factory
from django.utils import timezone

from comments.models import Comment, Status
from comments.moderation import fingerprint
from routines.models import Article, Handout, Point, Routine, RoutineStep, Topic
from tests.files import pdf_bytes, picture_bytes


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Point

    # Far from the codes tests give points themselves (BL 23, BL 40, GV 4...).
    code = factory.Sequence(lambda n: f"BL {n + 1000}")
    slug = factory.Sequence(lambda n: f"bl-{n + 1000}")
    pinyin_name = factory.Sequence(lambda n: f"Pinyin{n}")
    english_name = factory.Sequence(lambda n: f"English name {n}")
    body_region = "leg"
    location = "Bend the knee a little.\nFind the middle of the crease."
    technique = "Press gently for a minute."
    cautions = "Avoid swollen knees."
    picture = factory.django.FileField(
        filename="point.png", data=factory.LazyFunction(picture_bytes)
    )
    picture_alt = "Back of a knee with a dot in the middle of the crease"


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine

    title = factory.Sequence(lambda n: f"Routine {n}")
    slug = factory.Sequence(lambda n: f"routine-{n}")
    summary = "A short routine."
    condition = "Low back pain"
    instructor_name = "Pat Example"


class RoutineStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutineStep

    routine = factory.SubFactory(RoutineFactory)
    order = factory.Sequence(lambda n: n + 1)
    point = factory.SubFactory(PointFactory)
    side = "both"
    duration_seconds = 60
    instruction = "Breathe slowly."


class HandoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handout

    title = factory.Sequence(lambda n: f"Handout {n}")
    slug = factory.Sequence(lambda n: f"handout-{n}")
    file = factory.django.FileField(
        filename="handout.pdf", data=factory.LazyFunction(pdf_bytes)
    )
    description = "Two pages to print."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "What you need to know."
    body = "## Why it helps\n\nSome **plain** words."
    byline = "Sam Writer"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate())

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def handouts(self, create, extracted, **kwargs):
        if create and extracted:
            self.handouts.set(extracted)


class DraftArticleFactory(ArticleFactory):
    status = Article.Status.DRAFT
    publish_at = None


class ScheduledArticleFactory(ArticleFactory):
    status = Article.Status.SCHEDULED
    publish_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=2)
    )


class CommentFactory(factory.django.DjangoModelFactory):
    """A stored comment row, bypassing the rules of ``moderation.submit``."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author_name = "Robin"
    body = factory.Sequence(lambda n: f"Pressing BL 40 helped ({n}).")
    status = Status.APPROVED
    parent = None
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 0)
    fingerprint = factory.LazyAttribute(lambda c: fingerprint(c.body))

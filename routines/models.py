"""Content that editors manage: topics, points, routines, articles and handouts."""

import datetime
from collections.abc import Iterable
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify

from acupressure_site.shared.urlcache import reverse

from . import review
from .text import pdf_label
from .validators import (
    parse_video_url,
    read_pdf,
    validate_mp4,
    validate_pdf,
    validate_picture,
    validate_video_url,
    validate_webvtt,
)

DEFAULT_DISCLAIMER = (
    "This page is for education only. It is not a diagnosis or a treatment and does "
    "not replace care from your own health care provider. If you have sudden "
    "weakness, numbness in the groin or trouble controlling your bladder or bowels, "
    "call 911."
)


def clean_upload_name(name: str) -> str:
    """Keep uploaded file names ASCII, lower case and free of path tricks."""
    path = PurePosixPath(name.replace("\\", "/"))
    stem = slugify(path.stem)[:80] or "file"
    suffix = slugify(path.suffix.lstrip("."))[:8]
    return f"{stem}.{suffix}" if suffix else stem


@deconstructible
class UploadTo:
    """Store uploads under ``folder`` with a cleaned file name."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: models.Model, filename: str) -> str:
        return f"{self.folder}/{clean_upload_name(filename)}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadTo) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


upload_point_picture = UploadTo("points")
upload_hero_picture = UploadTo("articles")
upload_handout = UploadTo("handouts")
upload_generated_handout = UploadTo("handouts/generated")
upload_video = UploadTo("videos")
upload_captions = UploadTo("captions")


def plain_lines(text: str) -> list[str]:
    """Editors' "one step per line" text as a list, blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def handouts_with_routine(handouts, routine: "Routine | None") -> list["Handout"]:
    """An article's own handouts, then its routine's that it does not have."""
    merged = list(handouts)
    if routine is not None:
        merged += [h for h in routine.handouts.all() if h not in merged]
    return merged


def total_seconds(steps: "Iterable[RoutineStep]") -> int:
    """How long a routine's steps take in all."""
    return sum(step.duration_seconds for step in steps)


@reversion.register()
class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("routines:topic-detail", kwargs={"slug": self.slug})


class BodyRegion(models.TextChoices):
    HEAD = "head", "Head and neck"
    HAND = "hand", "Hand and arm"
    BACK = "back", "Back"
    HIP = "hip", "Hip and buttock"
    LEG = "leg", "Leg and knee"
    ANKLE = "ankle", "Ankle and foot"


@reversion.register()
class Point(models.Model):
    code = models.CharField(
        max_length=16, unique=True, help_text='The standard code, for example "LI 4".'
    )
    slug = models.SlugField(max_length=16, unique=True)
    pinyin_name = models.CharField("pinyin name", max_length=60)
    english_name = models.CharField("English name", max_length=80)
    body_region = models.CharField(max_length=10, choices=BodyRegion.choices)
    location = models.TextField(
        "how to find it", help_text="Plain steps, one per line."
    )
    technique = models.TextField()
    cautions = models.TextField(
        blank=True, help_text='For example "Avoid during pregnancy."'
    )
    picture = models.ImageField(
        upload_to=upload_point_picture,
        blank=True,
        validators=[validate_picture],
        width_field="picture_width",
        height_field="picture_height",
    )
    picture_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_alt = models.CharField(
        "picture alt text",
        max_length=250,
        blank=True,
        help_text="Describe what the picture shows, for readers who cannot see it.",
    )
    picture_credit = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(picture="") | ~Q(picture_alt=""),
                name="point_picture_has_alt_text",
                violation_error_message="A point with a picture needs alt text.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.pinyin_name} ({self.english_name})"

    def get_absolute_url(self) -> str:
        return reverse("routines:point-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.picture and not self.picture_alt.strip():
            raise ValidationError(
                {"picture_alt": "Alt text is required when there is a picture."}
            )

    def location_steps(self) -> list[str]:
        return plain_lines(self.location)


class RoutineQuerySet(models.QuerySet):
    def public(self) -> "RoutineQuerySet":
        """Routines featured in at least one public article."""
        return self.filter(
            articles__in=Article.objects.published().values("pk")
        ).distinct()


@reversion.register(follow=["steps"])
class Routine(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField()
    condition = models.CharField(max_length=120)
    instructor_name = models.CharField(max_length=120, blank=True)
    instructor_credentials = models.CharField(max_length=120, blank=True)
    instructor_affiliation = models.CharField(max_length=200, blank=True)
    handouts = models.ManyToManyField("Handout", blank=True, related_name="routines")
    # The handout built from the routine's own data (routines.handout_pdf): built
    # on request when the fingerprint of that data changed, never edited.
    generated_handout = models.FileField(
        upload_to=upload_generated_handout, blank=True, editable=False
    )
    generated_handout_pages = models.PositiveIntegerField(default=0, editable=False)
    generated_handout_size = models.PositiveBigIntegerField(default=0, editable=False)
    generated_handout_fingerprint = models.CharField(
        max_length=64, blank=True, editable=False
    )

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("routines:routine-detail", kwargs={"slug": self.slug})

    @property
    def total_seconds(self) -> int:
        """Derived from the steps (prefetched steps cost no query)."""
        return total_seconds(self.steps.all())

    @property
    def total_duration(self) -> datetime.timedelta:
        return datetime.timedelta(seconds=self.total_seconds)

    def get_generated_handout_url(self) -> str:
        return reverse("routines:routine-handout", kwargs={"slug": self.slug})

    @property
    def generated_handout_name(self) -> str:
        """The file name readers get: "<slug>-handout.pdf"."""
        return f"{self.slug}-handout.pdf"

    @property
    def generated_handout_label(self) -> str:
        """From the last build, so showing a link never builds; "PDF" before one."""
        if not self.generated_handout_pages:
            return "PDF"
        return pdf_label(self.generated_handout_pages, self.generated_handout_size)


class Side(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both sides"
    CENTRE = "centre", "Centre"


@reversion.register()
class RoutineStep(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="steps")
    side = models.CharField(max_length=6, choices=Side.choices, default=Side.BOTH)
    duration_seconds = models.PositiveSmallIntegerField(
        "duration (seconds)",
        help_text="How long the whole step takes (both sides together).",
    )
    instruction = models.TextField(blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "order"],
                name="routinestep_unique_order_in_routine",
                violation_error_code="step_place_taken",
                violation_error_message="Two steps of a routine cannot share a place.",
            ),
            models.CheckConstraint(
                condition=Q(order__gte=1), name="routinestep_order_from_one"
            ),
            models.CheckConstraint(
                condition=Q(duration_seconds__gte=5) & Q(duration_seconds__lte=900),
                name="routinestep_duration_5s_to_15min",
                violation_error_message="A step lasts from 5 seconds to 15 minutes.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.point.code}"

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.timedelta(seconds=self.duration_seconds)


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
    CHINESE = "zh", "Chinese"
    VIETNAMESE = "vi", "Vietnamese"
    TAGALOG = "tl", "Tagalog"


class HandoutQuerySet(models.QuerySet):
    def public(self) -> "HandoutQuerySet":
        """Handouts attached to a public article or to a routine one features."""
        published = Article.objects.published().values("pk")
        return self.filter(
            Q(articles__in=published) | Q(routines__articles__in=published)
        ).distinct()

    def for_article(self, article: "Article") -> "HandoutQuerySet":
        """The article's handouts and its featured routine's, each once, by title:
        one query (the two sets apart cost twice as much in the ORM)."""
        shown = Q(articles=article)
        if article.featured_routine_id is not None:
            shown |= Q(routines=article.featured_routine_id)
        return self.filter(shown).distinct().order_by("title", "pk")


@reversion.register()
class Handout(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    file = models.FileField(
        upload_to=upload_handout,
        validators=[validate_pdf],
        help_text="A PDF file, checked when uploaded.",
    )
    description = models.TextField(blank=True)
    language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    section_508_conformant = models.BooleanField(
        "Section 508 conformant", default=False
    )
    section_508_checked_on = models.DateField(
        "Section 508 checked on", null=True, blank=True
    )
    page_count = models.PositiveIntegerField(editable=False, default=0)
    file_size = models.PositiveBigIntegerField(editable=False, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HandoutQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(section_508_conformant=False)
                | Q(section_508_checked_on__isnull=False),
                name="handout_508_has_check_date",
                violation_error_message=(
                    "Give the date the Section 508 conformance was checked."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Page count and size are read from the file itself, never typed.
        if self.file and not getattr(self.file, "_committed", True):
            self.read_file_facts()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("routines:handout-download", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.section_508_conformant and not self.section_508_checked_on:
            raise ValidationError(
                {"section_508_checked_on": "Give the date conformance was checked."}
            )

    def read_file_facts(self) -> None:
        """Set page count and size from the PDF itself."""
        if getattr(self.file, "_committed", True):
            self.file.open("rb")
        try:
            self.page_count = len(read_pdf(self.file).pages)
            self.file_size = self.file.size
        finally:
            if getattr(self.file, "_committed", True):
                self.file.close()

    @property
    def download_name(self) -> str:
        return f"{self.slug}.pdf"

    @property
    def label(self) -> str:
        """What the link says the file is, for example "PDF, 2 pages, 340 KB"."""
        return pdf_label(self.page_count, self.file_size)


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What readers may see: published or scheduled, once its time has come.

        A scheduled article needs no job to appear: the filter compares its
        publish time with the clock on every read.
        """
        return self.exclude(status=Article.Status.DRAFT).filter(
            publish_at__lte=timezone.now()
        )

    def review_overdue(self, today: datetime.date | None = None) -> "ArticleQuerySet":
        return review.overdue(self, today=today or timezone.localdate())

    def review_due_soon(self, today: datetime.date | None = None) -> "ArticleQuerySet":
        return review.due_soon(self, today=today or timezone.localdate())

    def for_listing(self) -> "ArticleQuerySet":
        return self.published().prefetch_related("topics").order_by("-publish_at")


@reversion.register()
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    class Comments(models.TextChoices):
        AUTO = "auto", "Open, closing automatically after a number of days"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(help_text="One or two sentences shown in lists.")
    body = models.TextField(
        help_text="Markdown. HTML is cleaned on output: scripts never reach a page."
    )
    hero_image = models.ImageField(
        "hero picture",
        upload_to=upload_hero_picture,
        blank=True,
        validators=[validate_picture],
        width_field="hero_width",
        height_field="hero_height",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField("hero picture alt text", max_length=250, blank=True)
    byline = models.CharField(max_length=200)
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    featured_routine = models.ForeignKey(
        Routine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    handouts = models.ManyToManyField(Handout, blank=True, related_name="articles")
    video_url = models.URLField(
        "video address",
        blank=True,
        validators=[validate_video_url],
        help_text="A YouTube or Vimeo address. It is embedded privacy-enhanced.",
    )
    video_captions = models.FileField(
        "captions (WebVTT)",
        upload_to=upload_captions,
        blank=True,
        validators=[validate_webvtt],
    )
    video_transcript = models.TextField("transcript", blank=True)
    video_file = models.FileField(
        "downloadable video (MP4)",
        upload_to=upload_video,
        blank=True,
        validators=[validate_mp4],
    )
    video_file_size = models.PositiveBigIntegerField(default=0, editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="A scheduled article appears by itself at this time.",
    )
    last_reviewed = models.DateField("last reviewed", null=True, blank=True)
    next_review_due = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Leave empty for the last review plus the site's review interval.",
    )
    reviewer_name = models.CharField("reviewed by", max_length=120, blank=True)
    reviewer_credentials = models.CharField(
        "reviewer's credentials",
        max_length=120,
        blank=True,
        help_text='For example "MD, physiatrist" or "LAc".',
    )
    disclaimer = models.TextField(default=DEFAULT_DISCLAIMER)
    # Whether readers may comment; the comments app decides what "auto" means.
    comments_mode = models.CharField(
        "comments", max_length=6, choices=Comments.choices, default=Comments.AUTO
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        null=True,
        blank=True,
        help_text="Leave empty for the site-wide number of days.",
    )
    # Set by import_wxr: the WordPress GUID, so a second import updates.
    wordpress_guid = models.CharField(
        "WordPress GUID", max_length=255, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(publish_at__isnull=False),
                name="article_public_status_needs_publish_time",
                violation_error_message=(
                    "A scheduled or published article needs a publish time."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_alt=""),
                name="article_hero_has_alt_text",
                violation_error_message="A hero picture needs alt text.",
            ),
            models.UniqueConstraint(
                fields=["wordpress_guid"],
                condition=~Q(wordpress_guid=""),
                name="article_unique_wordpress_guid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.video_file_size = self.video_file.size if self.video_file else 0
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = review.next_review_due(
                self.last_reviewed, months=settings.REVIEW_INTERVAL_MONTHS
            )
            if update_fields := kwargs.get("update_fields"):
                kwargs["update_fields"] = {*update_fields, "next_review_due"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("routines:article-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.status != self.Status.DRAFT and not self.publish_at:
            errors["publish_at"] = "Give a publish time to schedule or publish."
        if self.hero_image and not self.hero_alt.strip():
            errors["hero_alt"] = "Alt text is required when there is a picture."
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return (
            self.status != self.Status.DRAFT
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def review_is_overdue(self) -> bool:
        return review.is_overdue(self.next_review_due, today=timezone.localdate())

    @property
    def reviewer(self) -> str:
        """ "Name, credentials" as the page shows the reviewer."""
        return ", ".join(
            p for p in (self.reviewer_name, self.reviewer_credentials) if p
        )

    @property
    def video(self) -> tuple[str, str] | None:
        return parse_video_url(self.video_url) if self.video_url else None

    @property
    def video_embed_url(self) -> str:
        """The privacy-enhanced player address: no cookies, no tracking."""
        if not (video := self.video):
            return ""
        provider, video_id = video
        if provider == "youtube":
            return (
                f"https://www.youtube-nocookie.com/embed/{video_id}"
                "?autoplay=1&cc_load_policy=1&rel=0"
            )
        return f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1"

    @property
    def video_provider_name(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo"}.get(
            (self.video or ("", ""))[0], ""
        )


class PreviewLinkQuerySet(models.QuerySet):
    def active(self) -> "PreviewLinkQuerySet":
        """Links that still open their article: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A signed address that shows a draft or scheduled article to anyone with it.

    The address carries this row's id, signed (routines.previews); the row says
    when it expires and whether an editor revoked it.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    note = models.CharField(
        max_length=200, blank=True, help_text='Who it is for, e.g. "Dr Ruiz, review".'
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("expires")
    revoked_at = models.DateTimeField("revoked", null=True, blank=True, editable=False)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="previewlink_expires_after_creation",
                violation_error_message="A preview link must expire after it is made.",
            ),
        ]

    def __str__(self) -> str:
        return f"Preview of “{self.article}”"

    def get_absolute_url(self) -> str:
        from .previews import token_for

        return reverse("routines:preview-link", kwargs={"token": token_for(self)})

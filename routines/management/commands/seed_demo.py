"""Load the demo content: topics, 8 points with pictures, a routine, two articles
with handouts, and (in development) a local admin user.

Idempotent: running it again updates the same rows and leaves files that have
not changed alone, so ``make run`` can call it every time.
"""

import datetime
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import slugify

from routines.demo import content, handouts, pictures
from routines.models import Article, Handout, Point, Routine, RoutineStep, Topic

# Drawing and PDF building are deterministic and take most of the run: build each
# once per process (tests seed many times).
HANDOUT_BUILDERS = {
    "acupressure-for-low-back-pain": functools.cache(handouts.routine_handout_pdf),
    "sitting-and-standing-alignment": functools.cache(handouts.posture_handout_pdf),
}
draw_point_picture = functools.cache(pictures.draw_point_picture)
draw_hero_picture = functools.cache(pictures.draw_hero_picture)
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"  # noqa: S105 (local development only, see README)


def attach(field: FieldFile, name: str, data: bytes) -> bool:
    """Store ``data`` in ``field`` unless the same bytes are already there."""
    if field and field.storage.exists(field.name):
        with field.open("rb") as existing:
            if existing.read() == data:
                return False
        field.delete(save=False)
    # A named ContentFile lets an ImageField read the picture's width and height.
    field.save(name, ContentFile(data, name=name), save=False)
    return True


class Command(BaseCommand):
    help = "Create or update the demo content (safe to run more than once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the local admin user.",
        )

    def log(self, message: str) -> None:
        self.stdout.write(message)

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        now = timezone.now()
        topics = self.seed_topics()
        points = self.seed_points()
        routines = self.seed_routines(points)
        self.seed_articles(topics, routines, now)
        if not options["no_admin"]:
            self.seed_admin()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def seed_topics(self) -> dict[str, Topic]:
        topics = {}
        for data in content.TOPICS:
            topic, _ = Topic.objects.update_or_create(
                slug=data["slug"], defaults={"name": data["name"]}
            )
            topics[topic.slug] = topic
        self.log(f"Topics: {len(topics)}")
        return topics

    def seed_points(self) -> dict[str, Point]:
        points = {}
        for data in content.POINTS:
            point, created = Point.objects.update_or_create(
                code=data["code"],
                defaults={
                    "slug": slugify(data["code"]),
                    "pinyin_name": data["pinyin_name"],
                    "english_name": data["english_name"],
                    "body_region": data["body_region"],
                    "location": data["location"],
                    "technique": data["technique"],
                    "cautions": data["cautions"],
                    "picture_alt": data["picture_alt"],
                    "picture_credit": data["picture_credit"],
                },
            )
            picture = draw_point_picture(data["code"])
            if attach(point.picture, f"{point.slug}.png", picture):
                point.save()
            points[point.code] = point
            self.log(f"Point {point.code} {'created' if created else 'updated'}")
        return points

    def seed_routines(self, points: dict[str, Point]) -> dict[str, Routine]:
        routines = {}
        for data in content.ROUTINES:
            routine, _ = Routine.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    key: data[key]
                    for key in (
                        "title",
                        "summary",
                        "condition",
                        "instructor_name",
                        "instructor_credentials",
                        "instructor_affiliation",
                    )
                },
            )
            routine.steps.all().delete()
            RoutineStep.objects.bulk_create(
                RoutineStep(
                    routine=routine,
                    order=step["order"],
                    point=points[step["point"]],
                    side=step["side"],
                    duration_seconds=step["duration_seconds"],
                    instruction=step["instruction"],
                )
                for step in data["steps"]
            )
            routines[routine.slug] = routine
            self.log(f"Routine {routine.title!r}: {len(data['steps'])} steps")
        return routines

    def seed_handout(self, article_slug: str, data: dict, today) -> Handout:
        handout, _ = Handout.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "description": data["description"],
                "language": data["language"],
                "section_508_conformant": data["section_508_conformant"],
                "section_508_checked_on": today
                if data["section_508_conformant"]
                else None,
            },
        )
        url = handouts.article_url(article_slug, settings.SITE_URL)
        pdf = HANDOUT_BUILDERS[article_slug](url=url)
        if attach(handout.file, f"{handout.slug}.pdf", pdf) or not handout.page_count:
            handout.read_file_facts()
            handout.save()
        self.log(f"Handout {handout.title!r}: {handout.label}")
        return handout

    def seed_articles(
        self,
        topics: dict[str, Topic],
        routines: dict[str, Routine],
        now: datetime.datetime,
    ) -> None:
        for data in content.ARTICLES:
            published = now - datetime.timedelta(days=data["days_ago"])
            reviewed = (
                now - datetime.timedelta(days=data["last_reviewed_days_ago"])
            ).date()
            article, created = Article.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "title": data["title"],
                    "summary": data["summary"],
                    "body": data["body"],
                    "byline": data["byline"],
                    "status": Article.Status.PUBLISHED,
                    "publish_at": published,
                },
            )
            article.title = data["title"]
            article.summary = data["summary"]
            article.body = data["body"]
            article.byline = data["byline"]
            article.featured_routine = (
                routines[data["featured_routine"]] if data["featured_routine"] else None
            )
            article.video_url = data["video_url"]
            article.video_transcript = data["video_transcript"]
            article.hero_alt = data["hero_alt"]
            article.disclaimer = data["disclaimer"]
            article.last_reviewed = article.last_reviewed or reviewed
            attach(
                article.hero_image,
                f"{article.slug}.png",
                draw_hero_picture(article.slug),
            )
            if data["video_captions"]:
                attach(
                    article.video_captions,
                    f"{article.slug}.vtt",
                    data["video_captions"].encode(),
                )
            article.save()
            article.topics.set([topics[slug] for slug in data["topics"]])
            handout = self.seed_handout(article.slug, data["handout"], reviewed)
            article.handouts.set([handout])
            if article.featured_routine:
                article.featured_routine.handouts.add(handout)
            self.log(f"Article {article.title!r} {'created' if created else 'updated'}")

    def seed_admin(self) -> None:
        if not settings.DEBUG:
            self.log(
                "Admin user skipped: DEBUG is off (create one with createsuperuser)."
            )
            return
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={
                "email": "admin@localhost",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if created:
            user.set_password(ADMIN_PASSWORD)
            user.save()
        self.log(
            f"Admin user {ADMIN_USERNAME!r} "
            f"{'created' if created else 'already exists'} "
            f"(password {ADMIN_PASSWORD!r}, local development only)"
        )

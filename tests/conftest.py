"""Fixtures shared by every test module."""

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads go to a temporary folder; static names need no collectstatic."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from acupressure_site.shared import pagecache

    cache.clear()
    pagecache.forget()
    yield
    cache.clear()
    pagecache.forget()


@pytest.fixture
def routine(db):
    routine = factories.RoutineFactory(title="Back routine", slug="back-routine")
    points = [
        factories.PointFactory(code=f"BL {n}", slug=f"bl-{n}") for n in (23, 40, 57)
    ]
    for order, point in enumerate(points, start=1):
        factories.RoutineStepFactory(
            routine=routine, order=order, point=point, duration_seconds=30 * order
        )
    return routine


@pytest.fixture
def article(db, routine):
    """A public article featuring the routine, with a topic and a handout."""
    topic = factories.TopicFactory(name="Low back pain", slug="low-back-pain")
    handout = factories.HandoutFactory(
        title="Acupressure for low back pain handout", slug="low-back-pain-handout"
    )
    return factories.ArticleFactory(
        title="Acupressure for low back pain",
        slug="acupressure-for-low-back-pain",
        featured_routine=routine,
        topics=[topic],
        handouts=[handout],
        video_url="https://www.youtube.com/watch?v=aCuPrEs5uR0",
        video_transcript="Welcome. Today we press eight points.",
    )


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "a-long-test-password"
    )
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Tasks run at once, in the test (the worker's queue is not used)."""
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }

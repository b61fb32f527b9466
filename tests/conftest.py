"""Fixtures shared by every test module."""

from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from asgiref.local import Local
from django.core.management import call_command
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.tasks import task_backends

from tests import factories, servers


@receiver(setting_changed)
def _reset_task_backends(*, setting, **kwargs):
    """Django keeps the task backends it made: a test that changes TASKS gets new
    ones, and the tests after it the suite's own again."""
    if setting == "TASKS":
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """Tasks stored in the database as in production, run by ``run_tasks``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes "old" connections between tasks; inside a test's
    # transaction that would be the test's own connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )


@pytest.fixture
def run_tasks(database_tasks):
    """Run ``manage.py db_worker --batch``: every task that is due, then stop."""

    def run() -> None:
        call_command(
            "db_worker",
            batch=True,
            reload=False,
            startup_delay=False,
            interval=0,
            verbosity=0,
        )

    return run


class Inbox:
    """What a local SMTP server received; ``refuse`` makes it answer 421."""

    def __init__(self) -> None:
        self.messages: list = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "421 Service not available, try again later"
        message = message_from_bytes(envelope.content)
        message.rcpt_tos = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on a free local port (aiosmtpd), not started yet: until
    ``start()`` a connection is refused, as on a site whose mail server is down.
    The site's mail goes there through Django's SMTP backend."""
    port = servers.free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    inbox.port = port
    inbox.start = controller.start
    yield inbox
    if controller._thread is not None:
        controller.stop()


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


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory):
    """The demo site migrated, seeded and with its static files, once a run."""
    folder = tmp_path_factory.mktemp("demo-build")
    servers.build_demo(folder)
    return folder


@pytest.fixture
def site_folder(demo_build, tmp_path):
    """A copy of the demo site of this test's own (database, media, static)."""
    folder = tmp_path / "site"
    folder.mkdir()
    servers.copy_demo(demo_build, folder)
    return folder


@pytest.fixture
def start_site(site_folder):
    """Start the site's processes on the copy: ``start("gunicorn")`` (2 workers)
    or ``start("worker")`` (``db_worker``), with settings as keyword arguments;
    every one is stopped at the end."""
    started = []

    def start(kind: str = "gunicorn", **settings: str):
        env = servers.site_env(site_folder, **settings)
        log = site_folder / f"{kind}-{len(started)}.log"
        if kind == "gunicorn":
            process = servers.Gunicorn(env, log)
        else:
            process = servers.task_worker(env, log)
        started.append(process)
        return process

    yield start
    for process in reversed(started):
        process.stop()

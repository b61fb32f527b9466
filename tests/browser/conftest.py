"""Browser tests: Debian's Chromium driven by Playwright against ``live_server``.

Without Chromium the tests are skipped with the reason; with ``CI=true`` a
missing browser fails the run instead, so a green CI means they ran.
"""

import io
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.core.management import call_command

from routines.models import Article

# Playwright's sync API keeps an event loop running in this thread, so Django
# would refuse database access from the tests ("SynchronousOnlyOperation").
# Nothing here is asynchronous, so the check is turned off for the test run.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
_axe = Axe()

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium: Playwright's own download is never used."""
    if not CHROMIUM.exists():
        reason = (
            f"Chromium not found at {CHROMIUM}: install it with "
            "`apt-get install -y --no-install-recommends chromium fonts-liberation`"
            " (or set CHROMIUM_PATH)."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the browser tests cannot run. {reason}")
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(scope="session")
def base_url() -> None:
    """Pages use ``live_server.url``; this replaces pytest-playwright's fallback
    fixture, which pytest 9 warns about (defined as a method)."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": DESKTOP,
        "locale": "en-US",
        "timezone_id": "America/New_York",
        "accept_downloads": True,
    }


class Network:
    """Every request a context makes; anything not local is blocked."""

    def __init__(self) -> None:
        self.requested: list[str] = []
        self.blocked: list[str] = []

    def handle(self, route) -> None:
        url = route.request.url
        self.requested.append(url)
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def external(self, pattern: str = r"youtube|ytimg|google|vimeo") -> list[str]:
        return [url for url in self.requested if re.search(pattern, url)]


@pytest.fixture
def network(context) -> Network:
    """Nothing leaves the machine: external requests are recorded and aborted."""
    recorder = Network()
    context.route("**/*", recorder.handle)
    return recorder


@pytest.fixture
def reader(page, network):
    """A reader's page, not logged in, with external requests blocked."""
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def new_reader(new_context):
    """Open another reader (a fresh context, no cookies) when a test needs two."""

    def make(viewport: dict | None = None):
        context = new_context()
        context.route("**/*", Network().handle)
        page = context.new_page()
        page.set_viewport_size(viewport or DESKTOP)
        page.set_default_timeout(10_000)
        return page

    return make


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "a-long-test-password"
    )


def admin_login(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/admin/")


@pytest.fixture
def editor(page, network, live_server, staff_user):
    """A page logged in to the admin as a superuser."""
    page.set_default_timeout(10_000)
    admin_login(page, live_server.url, "editor", "a-long-test-password")
    return page


def run_axe(page) -> list[dict]:
    """axe-core violations on the page as it is now (rules: WCAG 2.1 A/AA, best
    practice)."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{len(violation['nodes'])} node(s)]"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def picture_loaded(img) -> bool:
    """Whether the ``<img>`` locator shows a picture, asked once the browser has
    finished with it: a rendition is made on its first request, which can take
    longer than the page around it."""
    img.page.wait_for_function("img => img.complete", arg=img.element_handle())
    return img.evaluate("img => img.naturalWidth > 0")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def demo(transactional_db):
    """The demo content (``seed_demo``); returns the low back pain article."""
    call_command("seed_demo", no_admin=True, stdout=io.StringIO())
    return Article.objects.get(slug="acupressure-for-low-back-pain")

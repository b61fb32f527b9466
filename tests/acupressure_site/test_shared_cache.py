"""Without Redis, every gunicorn worker of the machine shares one cache (the
default, diskcache): pages, their invalidation, rate limits and lockouts count
across workers. Each test serves the demo site with 2 workers."""

import concurrent.futures
import re

from tests.servers import Visitor

SLUG = "acupressure-for-low-back-pain"
ARTICLE = f"/articles/{SLUG}/"


def at_once(count: int, call):
    """``call(n)`` for n in range(count), four at a time: both workers serve."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(call, range(count)))


def test_comment_rate_limit_counts_posts_across_two_workers(start_site):
    site = start_site("gunicorn")
    reader = Visitor(site.base)
    reader.fetch_token()

    statuses = at_once(
        14, lambda n: reader.post_comment(SLUG, f"Pressing BL 40 helped ({n}).")
    )

    assert sorted(statuses) == [302] * 5 + [429] * 9


def test_comment_posted_through_one_worker_is_on_every_workers_next_page(start_site):
    site = start_site("gunicorn")
    pages = at_once(8, lambda n: Visitor(site.base).get(ARTICLE))
    assert {headers["X-Page-Cache"] for _, headers, _ in pages} >= {"hit"}

    assert Visitor(site.base).post_comment(SLUG, "The hand point helped me.") == 302
    pages = at_once(8, lambda n: Visitor(site.base).get(ARTICLE))

    assert all("The hand point helped me." in body for _, _, body in pages)


def test_admin_login_lockout_counts_across_two_workers(start_site):
    site = start_site("gunicorn")
    guesser = Visitor(site.base)
    _, _, form = guesser.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    def guess(n: int) -> int:
        data = {"csrfmiddlewaretoken": token, "username": "edna", "password": f"x{n}"}
        return guesser.request("POST", "/admin/login/", data)[0]

    statuses = [guess(n) for n in range(8)]  # each on a connection of its own

    # The fifth failure locks the pair out (AXES_FAILURE_LIMIT).
    assert statuses == [200] * 4 + [429] * 4

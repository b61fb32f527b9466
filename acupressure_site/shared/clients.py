"""Who is asking, without keeping who they are.

The client's address as the site sees it (behind a proxy, from the header named
by ``COMMENTS_CLIENT_IP_HEADER``), and keyed hashes that recognise a value again
(a returning commenter, a client hitting the rate limit or the login lockout)
without ever storing the value itself.
"""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the site sees.

    Behind a proxy the header may list several addresses; the right-most one was
    added by the proxy itself, the others can be typed by anyone.
    """
    value = request.META.get(settings.COMMENTS_CLIENT_IP_HEADER) or request.META.get(
        "REMOTE_ADDR", ""
    )
    return value.split(",")[-1].strip()


def keyed_digest(value: str, *, purpose: str = "") -> bytes:
    """HMAC-SHA256 of ``value`` under the secret key (and a purpose, if given)."""
    key = f"{purpose}:{settings.SECRET_KEY}" if purpose else settings.SECRET_KEY
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).digest()

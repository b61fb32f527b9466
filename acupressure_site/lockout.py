"""The client address django-axes records for login lockouts, pseudonymised.

Axes keeps failed attempts per (username, address) in the database. The address
it is given here is a keyed hash of the real one, shaped as an IPv6 address in
the unique-local range (``fd00::/8``) because axes stores it in an IP field: the
same client always maps to the same value, so lockouts work, but the database
never holds a reader's or an editor's real IP address.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the site sees, from the same header the comments use.

    Behind a proxy the header may list several addresses; the right-most one was
    added by the proxy itself, the others can be typed by anyone.
    """
    header = getattr(settings, "COMMENTS_CLIENT_IP_HEADER", "REMOTE_ADDR")
    value = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


def pseudonymous_ip(request: HttpRequest) -> str:
    """A stable stand-in for the client's address that cannot be reversed."""
    key = f"axes-client-ip:{settings.SECRET_KEY}".encode()
    digest = hmac.new(key, client_address(request).encode(), hashlib.sha256)
    return str(ipaddress.IPv6Address(b"\xfd" + digest.digest()[:15]))

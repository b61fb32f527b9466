"""The client address django-axes records for login lockouts, pseudonymised.

Axes keeps failed attempts per (username, address) in the database. The address
it is given here is a keyed hash of the real one, shaped as an IPv6 address in
the unique-local range (``fd00::/8``) because axes stores it in an IP field: the
same client always maps to the same value, so lockouts work, but the database
never holds a reader's or an editor's real IP address.
"""

import ipaddress

from django.http import HttpRequest

from .shared.clients import client_address, keyed_digest


def pseudonymous_ip(request: HttpRequest) -> str:
    """A stable stand-in for the client's address that cannot be reversed."""
    digest = keyed_digest(client_address(request), purpose="axes-client-ip")
    return str(ipaddress.IPv6Address(b"\xfd" + digest[:15]))

"""Who is asking: the visitor's address, also behind the reverse proxy of a deployment."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's IP address.

    Behind ``PROXY_COUNT`` trusted reverse proxies, each of which appends the address it received
    the request from to X-Forwarded-For, the visitor is that many entries from the right; entries
    further left are whatever the visitor sent and cannot be trusted.
    """
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")

"""allauth's rate limits as a refused visitor meets them: how long until a try is let through."""

from __future__ import annotations

import math
import time

from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

# allauth's views that answer a refusal with the 429 page, and the action each one counts.
ACTIONS = {
    "account_signup": "signup",
    "account_login": "login",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
}
# For limits this module cannot read (allauth.mfa's, or one counted per key it is not given).
UNKNOWN_WAIT = 60


def seconds_until_allowed(request, *, url_name: str, key: str | None) -> int:
    """Seconds until every full limit of the page's action has room for one more try.

    allauth keeps, per limit, the times of the tries it counted, newest first; a full limit has
    room again when the oldest of its last ``amount`` tries leaves the window.
    """
    action = ACTIONS.get(url_name)
    if action is None:
        return UNKNOWN_WAIT
    now = time.time()
    waits = []
    for rate in ratelimit.get_rates(app="allauth.account", action=action):
        try:
            cache_key = ratelimit.get_cache_key(
                request, app="allauth.account", action=action, rate=rate, key=key
            )
        except ImproperlyConfigured:  # counted per user or per key, and there is none
            continue
        tries = [at for at in cache.get(cache_key, []) if at > now - rate.duration]
        if len(tries) < rate.amount:
            continue
        # A limit of 0 (sign-ups closed) has no counted try to wait for: a whole window.
        oldest_counted = tries[rate.amount - 1] if rate.amount else now
        waits.append(oldest_counted + rate.duration - now)
    return max(1, math.ceil(max(waits, default=UNKNOWN_WAIT)))

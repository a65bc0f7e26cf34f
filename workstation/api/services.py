"""Personal API tokens: made, used and revoked here, and each read of personal data audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from workstation.api.models import ApiToken
from workstation.audit import services as audit

# A key reads "lzw_" and 43 characters of 256 random bits; the prefix tells tokens apart.
KEY_PREFIX = "lzw_"
SHOWN_PREFIX_LENGTH = 8
# How long a token lasts when its maker does not say, and at most.
DEFAULT_LIFETIME = timedelta(days=90)
LONGEST_LIFETIME = timedelta(days=366)
# Last use is written at most this often per token: a busy client must not write every request.
LAST_USE_PRECISION = timedelta(minutes=1)


def hash_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def check_may_hold_tokens(actor) -> None:
    if actor is None or not actor.has_perm("workstation.use_api"):
        raise PermissionDenied("Only staff and officials hold API tokens.")


def issue_token(*, actor, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """A new token of ``actor``'s, and its key: shown this once, stored only as its hash."""
    check_may_hold_tokens(actor)
    now = timezone.now()
    expires_at = expires_at or now + DEFAULT_LIFETIME
    if not now < expires_at <= now + LONGEST_LIFETIME:
        raise ValueError("A token expires within a year from now.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=key[: len(KEY_PREFIX) + SHOWN_PREFIX_LENGTH],
        key_hash=hash_of(key),
        created_at=now,
        expires_at=expires_at,
    )
    audit.record(actor=actor, action="api_token.issued", target=token)
    return token, key


def revoke_token(*, actor, token: ApiToken) -> bool:
    """Revoke one of ``actor``'s own tokens; False when it was revoked already (a double click)."""
    if token.user_id != actor.pk:
        raise PermissionDenied("A person revokes only their own tokens.")
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit.record(actor=actor, action="api_token.revoked", target=token)
    return bool(revoked)


def token_for_key(key: str) -> ApiToken | None:
    """The usable token of ``key`` whose person still reads the API, its last use noted; None for
    an unknown, revoked or expired key, or a person who has lost the role or the account."""
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(key_hash=hash_of(key), user__is_active=True)
        .first()
    )
    if token is None or not token.user.has_perm("workstation.use_api"):
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def record_read(*, reader, token: ApiToken | None, what: str, ids) -> None:
    """Audit an API read of personal data: who, with which token, what and which records."""
    audit.record(
        actor=reader,
        action="api.read",
        object_type=what,
        object_id=ids[0] if len(ids) == 1 else "",
        token=token.name if token else "",
        ids=list(ids),
    )

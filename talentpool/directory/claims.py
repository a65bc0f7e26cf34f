"""Claim tokens: the signed link inviting a person to claim the profile staff entered for them.

A token is a signed, timestamped value carrying the profile's id and the address the invitation
went to, valid for 14 days. The claim page (``talentpool:profile_claim``) must still check that the
profile has no account yet and that its email is still the one in the token.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

CLAIM_TOKEN_SALT = "talentpool.profile_claim"  # noqa: S105 (a salt, not a secret)
CLAIM_TOKEN_MAX_AGE = timedelta(days=14)
CLAIM_INVITATION_KIND = "talent_claim_invitation"


def make_claim_token(profile) -> str:
    return signing.dumps(
        {"profile": profile.pk, "email": profile.email.strip().lower()}, salt=CLAIM_TOKEN_SALT
    )


def read_claim_token(token: str) -> tuple[int, str]:
    """``(profile_id, email)``; raises ``signing.BadSignature`` or ``signing.SignatureExpired``
    (a subclass of it) when the token was altered, made for something else, or is too old."""
    data = signing.loads(token, salt=CLAIM_TOKEN_SALT, max_age=CLAIM_TOKEN_MAX_AGE)
    try:
        return int(data["profile"]), str(data["email"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("Malformed claim token") from error

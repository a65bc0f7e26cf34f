"""The mail inviting a person to claim the profile staff entered for them (a reminder kind)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from talentpool.directory.claims import (
    CLAIM_INVITATION_KIND,
    CLAIM_TOKEN_MAX_AGE,
    make_claim_token,
)
from workstation.reminders.kinds import ReminderKind, register


def claim_invitation_context(reminder, profile) -> dict | None:
    """The claim link, in the profile's language; None once claimed or when the address changed."""
    if profile.user_id is not None or not profile.email:
        return None
    if profile.email.strip().lower() != reminder.recipient_email:
        return None
    language = profile.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("talentpool:profile_claim", kwargs={"token": make_claim_token(profile)})
    if language.startswith("zh"):
        name = profile.name_zh or profile.name_en
    else:
        name = profile.name_en or profile.name_zh
    return {
        "profile": profile,
        "name": name,
        "language": language,
        "claim_url": f"{settings.SITE_URL}{path}",
        "valid_days": CLAIM_TOKEN_MAX_AGE.days,
    }


register(ReminderKind(CLAIM_INVITATION_KIND, CLAIM_INVITATION_KIND, claim_invitation_context))

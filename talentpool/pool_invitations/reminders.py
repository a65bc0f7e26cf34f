"""The mail inviting an event's registrant to join the talent pool (a reminder kind), in the
language of the page they registered on."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from talentpool.pool_invitations.models import PoolInvitation
from talentpool.pool_invitations.services import POOL_INVITATION_KIND, in_the_pool
from workstation.accounts.models import User
from workstation.reminders.kinds import ReminderKind, register


def invitation_language(reminder, invitation: PoolInvitation) -> str:
    return invitation.language


def pool_invitation_context(reminder, invitation: PoolInvitation) -> dict | None:
    """None (not sent) once the person joined the pool in the meantime."""
    if invitation.email != reminder.recipient_email or in_the_pool(email=invitation.email):
        return None
    language = invitation.language
    registration = invitation.registration
    # Someone with an account (but no profile) needs no new one: the profile form is the way in.
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    with translation.override(language):
        join = reverse("talentpool:profile_start" if has_account else "account_signup")
        privacy = reverse("talentpool:privacy_notice")
    return {
        "language": language,
        "name": registration.name if registration else "",
        "title": registration.event.text(language).title if registration else "",
        "join_url": f"{settings.SITE_URL}{join}",
        "privacy_url": f"{settings.SITE_URL}{privacy}",
    }


register(
    ReminderKind(
        POOL_INVITATION_KIND, POOL_INVITATION_KIND, pool_invitation_context, invitation_language
    )
)

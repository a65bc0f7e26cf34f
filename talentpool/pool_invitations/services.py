"""Inviting the people who registered for an event, and are not in the talent pool, to join it:
once per person (a unique row per address), after their event ended.

Never invited: anyone with a talent profile (by its address, their account or their account's
address), whatever their consents say (joining is what a profile already is, and a withdrawal
there must not be answered by asking again); the workstation's staff and the Lanzhou officials;
and people who registered before the registration page said that the invitation may follow
(until then it promised to use their details for the event only).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from talentpool.pool_invitations.models import PoolInvitation
from talentpool.profiles.models import TalentProfile
from workstation.accounts.models import Role, User
from workstation.events.models import Registration
from workstation.events.services import FOLLOW_UP_FOR
from workstation.reminders.services import schedule_reminder

POOL_INVITATION_KIND = "talent_pool_invitation"
# The day the registration page first said so (see the module's docstring).
ANNOUNCED_ON = datetime(2026, 12, 7, tzinfo=UTC)


def profiles_of(email) -> Q:
    """Talent profiles of the person with ``email`` (an address or an ``OuterRef``)."""
    return Q(email__iexact=email) | Q(user__email__iexact=email)


def in_the_pool(*, email: str) -> bool:
    return TalentProfile.objects.filter(profiles_of(email)).exists()


def invite_registrants(*, now=None) -> int:
    """Invite each person who registered (and did not cancel) for an event that ended within
    ``FOLLOW_UP_FOR`` and is not in the pool; returns how many invitations are new."""
    now = now or timezone.now()
    email = OuterRef("email")
    registrations = (
        Registration.objects.active()
        .filter(
            event__ends_at__lt=now,
            event__ends_at__gte=now - FOLLOW_UP_FOR,
            created_at__gte=ANNOUNCED_ON,
        )
        .exclude(Exists(PoolInvitation.objects.filter(email__iexact=email)))
        .exclude(Exists(TalentProfile.objects.filter(profiles_of(email))))
        .exclude(Exists(TalentProfile.objects.filter(user=OuterRef("user"))))
        .exclude(
            Exists(
                User.objects.filter(
                    email__iexact=email, groups__name__in=[Role.STAFF, Role.OFFICIAL]
                )
            )
        )
        # One per person: the registration of the event that ended last.
        .order_by("email", "-event__ends_at", "-pk")
        .distinct("email")
    )
    created = 0
    for registration in registrations:
        created += _invite(registration)
    return created


def _invite(registration: Registration) -> bool:
    """The unique address decides: of two runs at once, one creates the row and mails."""
    with transaction.atomic():
        invitation, created = PoolInvitation.objects.get_or_create(
            email=registration.email.strip().lower(),
            defaults={"registration": registration, "language": registration.language},
        )
        if created:
            schedule_reminder(
                kind=POOL_INVITATION_KIND,
                target=invitation,
                period="join",
                recipient_email=invitation.email,
                recipient=registration.user,
            )
    return created

"""The invitation's mail to officials, through the shared reminder outbox: an invitation waits for
their approval. Officials get it in Chinese, their working language; it is sent once per official
and round, and not at all if the invitation was decided before the mail went out."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from workstation.accounts.models import Role
from workstation.invitations import services
from workstation.invitations.models import Invitation
from workstation.reminders.kinds import ReminderKind, register
from workstation.timezones import dual_span
from workstation.translated import shown


def mail_language(recipient) -> str:
    if recipient is None or recipient.has_role(Role.OFFICIAL):
        return "zh-hans"
    return recipient.preferred_language or settings.LANGUAGE_CODE


def approval_context(reminder, invitation: Invitation) -> dict | None:
    round_number = (services.draft_step_count(invitation) + 1) // 2
    if not services.is_awaiting_approval(invitation) or reminder.period != f"round-{round_number}":
        return None
    language = mail_language(reminder.recipient)
    with translation.override(language):
        path = reverse("workstation:invitation_detail", kwargs={"pk": invitation.pk})
        event = invitation.event
        return {
            "language": language,
            "invitation": invitation,
            "kind": invitation.get_kind_display(),
            "affiliation": shown(invitation, "affiliation", language).text,
            "event_title": event.text(language).title,
            "event_times": dual_span(event.starts_at, event.ends_at),
            "invitation_url": f"{settings.SITE_URL}{path}",
        }


register(ReminderKind(services.APPROVAL_REQUESTED, "vip_invitation_approval", approval_context))

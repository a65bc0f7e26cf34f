"""The invitation's mails, through the shared reminder outbox, each sent once per recipient and
round of approval: to officials when an invitation waits for their approval (in Chinese, their
working language; not sent if it was decided before the mail went out), and to staff when an
official approved it or sent it back (in their own language)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from workstation.accounts.models import Role
from workstation.invitations import services
from workstation.invitations.models import Invitation, StepKind
from workstation.reminders.kinds import ReminderKind, register
from workstation.timezones import dual_span
from workstation.translated import shown


def mail_language(recipient) -> str:
    if recipient is None or recipient.has_role(Role.OFFICIAL):
        return "zh-hans"
    return recipient.preferred_language or settings.LANGUAGE_CODE


def _context(reminder, invitation: Invitation) -> dict:
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


def _this_round(reminder, invitation: Invitation) -> bool:
    return reminder.period == f"round-{services.approval_round(invitation)}"


def approval_context(reminder, invitation: Invitation) -> dict | None:
    if not services.is_awaiting_approval(invitation) or not _this_round(reminder, invitation):
        return None
    return _context(reminder, invitation)


def decision_context(approved: bool):
    def context(reminder, invitation: Invitation) -> dict | None:
        if not _this_round(reminder, invitation):
            return None
        step = (
            invitation.steps.filter(status__in=(StepKind.SENT_BACK, StepKind.APPROVED))
            .order_by("at", "pk")
            .last()
        )
        result = _context(reminder, invitation)
        with translation.override(result["language"]):
            values = {"name": invitation.name}
            if approved:
                result["subject"] = _("Approved: VIP invitation of %(name)s") % values
                result["message"] = (
                    _("A Lanzhou official approved the invitation of %(name)s. It can now be sent.")
                    % values
                )
            else:
                result["subject"] = _("Sent back: VIP invitation of %(name)s") % values
                result["message"] = (
                    _(
                        "A Lanzhou official sent the invitation of %(name)s back with a note. "
                        "Revise it and ask for approval again."
                    )
                    % values
                )
        result["note"] = step.note if step else ""
        return result

    return context


register(ReminderKind(services.APPROVAL_REQUESTED, "vip_invitation_approval", approval_context))
register(ReminderKind(services.APPROVED_NOTICE, "vip_invitation_decided", decision_context(True)))
register(ReminderKind(services.SENT_BACK_NOTICE, "vip_invitation_decided", decision_context(False)))

"""The briefing's mails, through the shared reminder outbox.

Announcements of each review step, and the daily reminders: to staff when the month's draft is due
(5 days before the month ends, on the workstation's clock) and when it is overdue; to officials
when a briefing has waited for their review for 3 days. A reminder is a row unique per kind,
briefing, period and recipient, so the daily task may run twice, even at once: each is sent once.
Officials get their mails in Chinese, their working language; staff in their own language.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.briefings import services
from reports.briefings.models import EDITABLE, MonthlyBriefing, Status
from workstation.accounts.models import Role
from workstation.reminders.kinds import ReminderKind, register
from workstation.reminders.services import schedule_for_role

DRAFT_DUE = "briefing_draft_due"
DRAFT_OVERDUE = "briefing_draft_overdue"
REVIEW_WAITING = "briefing_review_waiting"
REVIEW_WAITS = timedelta(days=3)


def issue_label(briefing: MonthlyBriefing) -> str:
    return _("Briefing %(year)s, No. %(month)s") % {"year": briefing.year, "month": briefing.month}


def mail_language(recipient) -> str:
    if recipient is None:
        return settings.LANGUAGE_CODE
    if recipient.has_role(Role.OFFICIAL):
        return "zh-hans"
    return recipient.preferred_language or settings.LANGUAGE_CODE


def notice(subject, message, *, still_due=lambda reminder, target: True, fragment=""):
    """A kind's context: subject and message (callables of the target) in the mail's language,
    with a link to the briefing's page (at ``fragment``). The target is the briefing or, for a
    PDF edition's mail, the edition."""

    def context(reminder, target) -> dict | None:
        if not still_due(reminder, target):
            return None
        briefing = getattr(target, "briefing", target)
        language = mail_language(reminder.recipient)
        with translation.override(language):
            path = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})
            return {
                "language": language,
                "subject": subject(target),
                "message": message(target),
                "briefing_url": f"{settings.SITE_URL}{path}{fragment}",
            }

    return context


def same_round_in(*statuses):
    def check(reminder, briefing) -> bool:
        return briefing.status in statuses and reminder.period == f"round-{briefing.review_round}"

    return check


def never_submitted(reminder, briefing) -> bool:
    return briefing.status in EDITABLE and briefing.review_round == 0


def register_notice(key, subject, message, still_due=lambda reminder, target: True, fragment=""):
    register(
        ReminderKind(
            key,
            "briefing_notice",
            notice(subject, message, still_due=still_due, fragment=fragment),
        )
    )


register_notice(
    services.REVIEW_REQUESTED,
    lambda b: _("For your review: %(issue)s") % {"issue": issue_label(b)},
    lambda b: (
        _(
            "The workstation has submitted %(issue)s for your review. Please read it, comment on "
            "its sections where needed, and approve it or request changes."
        )
        % {"issue": issue_label(b)}
    ),
    same_round_in(Status.IN_REVIEW),
)
register_notice(
    services.CHANGES_REQUESTED,
    lambda b: _("Changes requested: %(issue)s") % {"issue": issue_label(b)},
    lambda b: (
        _(
            "The Lanzhou bureau has requested changes to %(issue)s. Their comments are shown with "
            "the sections they concern; resubmit the briefing once it is revised."
        )
        % {"issue": issue_label(b)}
    ),
)
register_notice(
    services.APPROVED,
    lambda b: _("Approved: %(issue)s") % {"issue": issue_label(b)},
    lambda b: (
        _("The Lanzhou bureau has approved %(issue)s. It can now be published.")
        % {"issue": issue_label(b)}
    ),
)
register_notice(
    DRAFT_DUE,
    lambda b: _("Draft due today: %(issue)s") % {"issue": issue_label(b)},
    lambda b: (
        _(
            "The draft of %(issue)s is due today (%(date)s). Please complete it in both languages "
            "and submit it for review."
        )
        % {"issue": issue_label(b), "date": b.draft_due_on.isoformat()}
    ),
    never_submitted,
)
register_notice(
    DRAFT_OVERDUE,
    lambda b: _("Draft overdue: %(issue)s") % {"issue": issue_label(b)},
    lambda b: (
        _("The draft of %(issue)s was due on %(date)s and has not been submitted for review yet.")
        % {"issue": issue_label(b), "date": b.draft_due_on.isoformat()}
    ),
    never_submitted,
)
register_notice(
    REVIEW_WAITING,
    lambda b: _("Waiting for your review: %(issue)s") % {"issue": issue_label(b)},
    lambda b: (
        _(
            "%(issue)s has been waiting for review since %(date)s. Please approve it or request "
            "changes."
        )
        % {"issue": issue_label(b), "date": timezone.localdate(b.submitted_at).isoformat()}
    ),
    same_round_in(Status.IN_REVIEW),
)


def schedule_briefing_reminders(*, now=None) -> int:
    """Record the reminders owed today (the outbox sends each once); returns how many were new."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    services.open_briefing(year=today.year, month=today.month)
    created = 0
    drafts = MonthlyBriefing.objects.filter(status__in=EDITABLE, review_round=0)
    for briefing in drafts:
        if today < briefing.draft_due_on:
            continue
        kind = DRAFT_DUE if today == briefing.draft_due_on else DRAFT_OVERDUE
        created += _remind_role(kind, briefing, "draft", Role.STAFF)
    waiting = MonthlyBriefing.objects.filter(
        status=Status.IN_REVIEW, submitted_at__lte=now - REVIEW_WAITS
    )
    for briefing in waiting:
        created += _remind_role(
            REVIEW_WAITING, briefing, f"round-{briefing.review_round}", Role.OFFICIAL
        )
    return created


def _remind_role(kind: str, briefing: MonthlyBriefing, period: str, role: str) -> int:
    return schedule_for_role(kind=kind, target=briefing, period=period, role=role)

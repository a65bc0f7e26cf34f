"""Sending reminders: thin tasks that take ids and can run twice at once without harm."""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from workstation.reminders.kinds import KINDS
from workstation.reminders.models import Reminder
from workstation.reminders.services import enqueue_reminder, release_stale_claims

logger = logging.getLogger(__name__)


@shared_task
def send_reminder(reminder_id: int) -> str:
    claimed = Reminder.objects.filter(pk=reminder_id, state=Reminder.State.PENDING).update(
        state=Reminder.State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return "not pending"
    reminder = Reminder.objects.select_related("recipient", "content_type").get(pk=reminder_id)
    kind = KINDS.get(reminder.kind)
    target = reminder.target
    language = (
        reminder.recipient.preferred_language if reminder.recipient else settings.LANGUAGE_CODE
    )
    with translation.override(language):
        context = kind.context(reminder, target) if kind and target is not None else None
        if context is None:
            Reminder.objects.filter(pk=reminder_id).update(state=Reminder.State.CANCELLED)
            return "cancelled"
        context = {"site_url": settings.SITE_URL, "reminder": reminder, **context}
        subject = render_to_string(f"emails/{kind.template}_subject.txt", context)
        body = render_to_string(f"emails/{kind.template}_body.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[reminder.recipient_email]
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        # Refused or unreachable: leave it pending for the next run.
        Reminder.objects.filter(pk=reminder_id).update(
            state=Reminder.State.PENDING, last_error=str(error)[:500]
        )
        logger.warning("Reminder %s not sent: %s", reminder_id, error)
        return "deferred"
    Reminder.objects.filter(pk=reminder_id).update(
        state=Reminder.State.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


@shared_task
def sweep_pending_reminders() -> int:
    """Re-enqueue what a lost message or a refused mail left pending."""
    release_stale_claims()
    pending = Reminder.objects.filter(state=Reminder.State.PENDING).values_list("pk", flat=True)
    count = 0
    for reminder_id in pending[:500]:
        count += enqueue_reminder(reminder_id=reminder_id)
    return count

from __future__ import annotations

import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from workstation.reminders.kinds import KINDS
from workstation.reminders.models import Reminder

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-send.
STALE_CLAIM = timedelta(minutes=15)


def schedule_reminder(
    *, kind: str, target, period: str, recipient_email: str, recipient=None
) -> tuple[Reminder, bool]:
    """Record a reminder once and enqueue its sending after the transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"Unknown reminder kind: {kind}")
    reminder, created = Reminder.objects.get_or_create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        period=period,
        recipient_email=recipient_email.strip().lower(),
        defaults={"recipient": recipient},
    )
    if created:
        transaction.on_commit(lambda: enqueue_reminder(reminder_id=reminder.pk))
    return reminder, created


def enqueue_reminder(*, reminder_id: int) -> bool:
    """Hand the reminder to a worker; with the broker down it stays pending for the sweep."""
    from workstation.reminders.tasks import send_reminder

    try:
        send_reminder.delay(reminder_id)
    except Exception:  # the broker's errors vary by transport; the row is the real record
        logger.warning("Broker unavailable; reminder %s left for the sweep", reminder_id)
        return False
    return True


def release_stale_claims() -> int:
    return Reminder.objects.filter(
        state=Reminder.State.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM
    ).update(state=Reminder.State.PENDING)

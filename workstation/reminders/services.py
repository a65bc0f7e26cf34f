from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.utils import parseaddr
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from workstation.reminders.kinds import KINDS
from workstation.reminders.models import Reminder

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-send.
STALE_CLAIM = timedelta(minutes=15)
# With the sweep every 10 minutes, a mail server may be away for about eight hours.
MAX_ATTEMPTS = 48


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


def schedule_for_role(*, kind: str, target, period: str, role: str) -> int:
    """``schedule_reminder`` for every active person with ``role``; returns how many are new."""
    from workstation.accounts.models import User

    people = User.objects.filter(groups__name=role, is_active=True).order_by("pk")
    return schedule_for_people(kind=kind, target=target, period=period, people=people)


def schedule_for_people(*, kind: str, target, period: str, people) -> int:
    """``schedule_reminder`` for each of ``people``; returns how many are new."""
    created = 0
    for person in people:
        _reminder, new = schedule_reminder(
            kind=kind,
            target=target,
            period=period,
            recipient_email=person.email,
            recipient=person,
        )
        created += new
    return created


def enqueue_reminder(*, reminder_id: int) -> bool:
    """Hand the reminder to a worker; with the broker down it stays pending for the sweep."""
    from workstation.reminders.tasks import send_reminder

    try:
        send_reminder.delay(reminder_id)
    except Exception:  # the broker's errors vary by transport; the row is the real record
        logger.warning("Broker unavailable; reminder %s left for the sweep", reminder_id)
        return False
    return True


def deliver_reminder(*, reminder_id: int) -> str:
    """Claim the reminder in the database, then send its mail, in the recipient's language.

    The claim (an UPDATE of a pending row) lets exactly one of several concurrent runs through.
    A refused or unreachable mail server puts it back to pending for the next run.
    """
    claimed = Reminder.objects.filter(pk=reminder_id, state=Reminder.State.PENDING).update(
        state=Reminder.State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return "not pending"
    reminder = Reminder.objects.select_related("recipient", "content_type").get(pk=reminder_id)
    try:
        message = _compose(reminder)
    except Exception as error:  # a bug in a kind or its templates: retrying will not help
        logger.exception("Reminder %s cannot be composed", reminder_id)
        _set_state(reminder_id, Reminder.State.FAILED, error)
        return "failed"
    if message is None:
        _set_state(reminder_id, Reminder.State.CANCELLED)
        return "cancelled"
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Reminder %s not sent: %s", reminder_id, error)
        gave_up = reminder.attempts >= MAX_ATTEMPTS
        _set_state(reminder_id, Reminder.State.FAILED if gave_up else Reminder.State.PENDING, error)
        return "failed" if gave_up else "deferred"
    Reminder.objects.filter(pk=reminder_id).update(
        state=Reminder.State.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _compose(reminder: Reminder) -> EmailMessage | None:
    kind = KINDS.get(reminder.kind)
    target = reminder.target
    if kind is None or target is None:
        return None
    with translation.override(_language_of(kind, reminder, target)):
        context = kind.context(reminder, target)
        if context is None:
            return None
        attachments = context.pop("attachments", None) or []
        context = {"site_url": settings.SITE_URL, "reminder": reminder, **context}
        subject = render_to_string(f"emails/{kind.template}_subject.txt", context)
        body = render_to_string(f"emails/{kind.template}_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[reminder.recipient_email],
        attachments=attachments,
        headers={"Message-ID": message_id_of(reminder)},
    )


def message_id_of(reminder: Reminder) -> str:
    """The same Message-ID every time the reminder is sent.

    A worker that dies after the mail server took the mail but before the row was marked sent
    leaves a claim the sweep releases, and the mail goes out again: with the same Message-ID,
    mail clients show it once. The creation time keeps ids apart across databases.
    """
    token = format(int(reminder.created_at.timestamp() * 1_000_000), "x")
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    domain = domain or urlparse(settings.SITE_URL).hostname or "localhost"
    return f"<reminder-{reminder.pk}-{token}@{domain}>"


def _language_of(kind, reminder: Reminder, target) -> str:
    if kind.language is not None:
        return kind.language(target)
    recipient = reminder.recipient
    return recipient.preferred_language if recipient else settings.LANGUAGE_CODE


def _set_state(reminder_id: int, state: str, error: Exception | None = None) -> None:
    Reminder.objects.filter(pk=reminder_id).update(
        state=state, last_error=str(error)[:500] if error else ""
    )


def release_stale_claims() -> int:
    return Reminder.objects.filter(
        state=Reminder.State.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM
    ).update(state=Reminder.State.PENDING)


def requeue_pending_reminders(*, limit: int = 500) -> int:
    """Re-enqueue what a lost message or a refused mail left pending, oldest first."""
    release_stale_claims()
    pending = (
        Reminder.objects.filter(state=Reminder.State.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    count = 0
    for reminder_id in pending:
        if not enqueue_reminder(reminder_id=reminder_id):
            break  # the broker is down: each further try would only wait for it
        count += 1
    return count

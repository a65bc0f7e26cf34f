from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.utils import parseaddr
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from workstation.reminders.kinds import KINDS, batched_kinds
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
    if created and not KINDS[kind].batched:
        transaction.on_commit(lambda: enqueue_reminder(reminder_id=reminder.pk))
    return reminder, created


# Rows written by one INSERT when many reminders are recorded at once.
BULK_CHUNK = 2000


def record_reminders(*, kind: str, target, recipients) -> None:
    """Record many reminders of a batched kind about ``target`` at once: ``recipients`` yields
    ``(period, email, user id or None)``, read and inserted in chunks, so that memory stays flat
    however many there are. A reminder already recorded stays as it is (the unique row), so an
    interrupted run can simply run again."""
    if not KINDS[kind].batched:
        raise ValueError(f"Not a batched reminder kind: {kind}")
    content_type = ContentType.objects.get_for_model(target)
    chunk: list[Reminder] = []
    for period, email, user_id in recipients:
        chunk.append(
            Reminder(
                kind=kind,
                content_type=content_type,
                object_id=target.pk,
                period=period,
                recipient_email=email.strip().lower(),
                recipient_id=user_id,
            )
        )
        if len(chunk) >= BULK_CHUNK:
            Reminder.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    if chunk:
        Reminder.objects.bulk_create(chunk, ignore_conflicts=True)


def reminders_of(*, kind: str, target):
    return Reminder.objects.filter(
        kind=kind, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


def pending_reminders(*, kind: str, target, limit: int) -> list[int]:
    """The ids of the oldest ``limit`` pending reminders of ``kind`` about ``target``: a batch
    for ``deliver_reminder``, which claims each of them before sending."""
    pending = reminders_of(kind=kind, target=target).filter(state=Reminder.State.PENDING)
    return list(pending.order_by("pk").values_list("pk", flat=True)[:limit])


def count_by_state(*, kind: str, targets) -> dict[int, dict[str, int]]:
    """For each of ``targets`` (of one model), its reminders of ``kind`` counted by state."""
    targets = list(targets)
    counts: dict[int, dict[str, int]] = {target.pk: {} for target in targets}
    if not targets:
        return counts
    rows = (
        Reminder.objects.filter(
            kind=kind,
            content_type=ContentType.objects.get_for_model(targets[0]),
            object_id__in=counts,
        )
        .order_by()
        .values_list("object_id", "state")
        .annotate(count=Count("pk"))
    )
    for object_id, state, count in rows:
        counts[object_id][state] = count
    return counts


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


def deliver_reminder(*, reminder_id: int, connection=None) -> str:
    """Claim the reminder in the database, then send its mail, in the recipient's language.

    The claim (an UPDATE of a pending row) lets exactly one of several concurrent runs through.
    A refused or unreachable mail server puts it back to pending for the next run. A batch passes
    one open mail ``connection`` for all its mails.
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
    message.connection = connection
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


def _compose(reminder: Reminder) -> EmailMultiAlternatives | None:
    kind = KINDS.get(reminder.kind)
    target = reminder.target
    if kind is None or target is None:
        return None
    with translation.override(_language_of(kind, reminder, target)):
        context = kind.context(reminder, target)
        if context is None:
            return None
        attachments = context.pop("attachments", None) or []
        headers = context.pop("headers", None) or {}
        context = {"site_url": settings.SITE_URL, "reminder": reminder, **context}
        subject = render_to_string(f"emails/{kind.template}_subject.txt", context)
        body = render_to_string(f"emails/{kind.template}_body.txt", context)
        html = render_to_string(f"emails/{kind.template}_body.html", context) if kind.html else ""
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        to=[reminder.recipient_email],
        attachments=attachments,
        headers={**headers, "Message-ID": message_id_of(reminder)},
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


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
        return kind.language(reminder, target)
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
    """Re-enqueue what a lost message or a refused mail left pending, oldest first (batched
    kinds are their own task's: one task per mail would ignore their rate)."""
    release_stale_claims()
    pending = (
        Reminder.objects.filter(state=Reminder.State.PENDING)
        .exclude(kind__in=batched_kinds())
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    count = 0
    for reminder_id in pending:
        if not enqueue_reminder(reminder_id=reminder_id):
            break  # the broker is down: each further try would only wait for it
        count += 1
    return count

"""Actions on events: saving them, registering people (capacity and waiting list), cancelling
(the first on the waiting list moves up), checking people in, QR codes and calendar feeds; the
reminders owed to registrants 24 hours before an event and the thanks owed to attendees after it.

The event's row is locked (``select_for_update``) whenever places are counted and given, so
concurrent registrations never confirm more people than the capacity allows.
"""

from __future__ import annotations

import io
from datetime import UTC, timedelta

import segno
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workstation.audit.services import record
from workstation.events.models import (
    CalendarFeed,
    Coverage,
    Event,
    MediaPartner,
    Registration,
    Speaker,
    counted_registrations,
)
from workstation.events.rules import check_manages_events
from workstation.reminders.services import schedule_reminder
from workstation.segmenter import normalize

REGISTRATION_KIND = "event_registration"
PROMOTION_KIND = "event_registration_promoted"
REMINDER_KIND = "event_reminder"
THANKS_KIND = "event_thanks"
REMIND_BEFORE = timedelta(hours=24)
# Follow-up mails are owed for this long after an event: staff may write the thanks a few days
# late, and a beat that was down catches up; older events are not looked at again.
FOLLOW_UP_FOR = timedelta(days=30)
CANCEL_TOKEN_SALT = "workstation.events.registration_cancel"  # noqa: S105 (a salt, not a secret)

Status = Registration.Status


# --- Events (staff)


def save_event(*, event: Event, actor, changed=()) -> Event:
    """Create or change an event; a larger (or no) capacity moves people off the waiting list."""
    check_manages_events(actor)
    created = event.pk is None
    if created:
        event.created_by = actor
    with transaction.atomic():
        event.save()
        record(
            actor=actor,
            action="event.created" if created else "event.changed",
            target=event,
            fields=sorted(changed),
        )
        if not created:
            _lock(event.pk)
            fill_places(event=event)
    return event


def _lock(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


# --- Registration


def register(
    *,
    event_id: int,
    name: str,
    email: str,
    language: str,
    organisation: str = "",
    phone: str = "",
    user=None,
) -> Registration:
    """Register a person: confirmed while places remain, else on the waiting list; the
    confirmation mail (with the event's .ics) goes out through the reminder outbox.

    Raises ``ValidationError`` (code ``closed`` or ``duplicate``) with a message for the person.
    """
    email = email.strip().lower()
    with transaction.atomic():
        event = _lock(event_id)
        if not event.accepts_registrations:
            raise ValidationError(_("Registration for this event is closed."), code="closed")
        if event.registrations.active().filter(email__iexact=email).exists():
            raise ValidationError(
                _(
                    "This email address is already registered for this event. The confirmation "
                    "mail has a link to cancel the registration."
                ),
                code="duplicate",
            )
        linked = user if _registers_self(user, email) else None
        registration = Registration.objects.create(
            event=event,
            name=" ".join(name.split()),
            email=email,
            organisation=organisation.strip(),
            phone=phone.strip(),
            language=language,
            user=linked,
            status=Status.CONFIRMED if places_left(event) != 0 else Status.WAITING,
        )
        schedule_reminder(
            kind=REGISTRATION_KIND,
            target=registration,
            period="registered",
            recipient_email=email,
            recipient=linked,
        )
    return registration


def _registers_self(user, email: str) -> bool:
    """A signed-in person registering with their own address is linked to the registration."""
    return bool(user and user.is_authenticated and user.email.strip().lower() == email)


def places_left(event: Event) -> int | None:
    """None: no limit."""
    if event.capacity is None:
        return None
    confirmed = event.registrations.filter(status=Status.CONFIRMED).count()
    return max(event.capacity - confirmed, 0)


def fill_places(*, event: Event) -> list[Registration]:
    """Move people off the waiting list, first come first served, while places remain; each is
    mailed. The caller holds the event's lock."""
    left = places_left(event)
    waiting = event.registrations.filter(status=Status.WAITING).order_by("created_at", "pk")
    if left is not None:
        waiting = waiting[:left]
    promoted = list(waiting)
    now = timezone.now()
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        schedule_reminder(
            kind=PROMOTION_KIND,
            target=registration,
            period=now.isoformat(),
            recipient_email=registration.email,
            recipient=registration.user,
        )
    return promoted


def cancel_registration(*, registration_id: int, actor=None) -> Registration:
    """Cancel a registration (by its person through the mail's link, or by staff); a place freed
    goes to the first on the waiting list. Cancelling twice changes nothing."""
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = _lock(event_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status == Status.CANCELLED:
            return registration
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if actor is not None:
            record(
                actor=actor,
                action="event.registration_cancelled",
                target=event,
                registration=registration.pk,
            )
        fill_places(event=event)
    return registration


def make_cancel_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CANCEL_TOKEN_SALT)


def registration_from_token(token: str) -> Registration | None:
    """The registration a cancel link names, or None when the link was altered or its
    registration is gone."""
    try:
        data = signing.loads(token, salt=CANCEL_TOKEN_SALT)
        registration_id, email = int(data["r"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (
        Registration.objects.select_related("event").filter(pk=registration_id, email=email).first()
    )


def cancel_url(registration: Registration) -> str:
    with translation.override(registration.language):
        path = reverse(
            "workstation:registration_cancel", kwargs={"token": make_cancel_token(registration)}
        )
    return f"{settings.SITE_URL}{path}"


def registration_url(event: Event, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        path = reverse("workstation:event_register", kwargs={"pk": event.pk})
    return f"{settings.SITE_URL}{path}"


# --- Check-in (staff, on the day)


def checkin_list(*, event: Event, query: str = ""):
    """The event's registrations (not cancelled), confirmed first; ``query`` finds a name,
    email or organization, Traditional characters finding Simplified ones."""
    registrations = event.registrations.active().order_by("status", "name", "pk")
    query = " ".join(query.split())
    if query:
        matches = Q()
        for term in {query, normalize(query)}:
            matches |= (
                Q(name__icontains=term) | Q(email__icontains=term) | Q(organisation__icontains=term)
            )
        registrations = registrations.filter(matches)
    return registrations


def registration_counts(event: Event) -> dict[str, int]:
    return event.registrations.aggregate(**counted_registrations())


def mark_attended(*, registration_id: int, actor, attended: bool = True) -> Registration:
    """Check a person in (or undo it). People on the waiting list who come anyway are checked in
    too: they are confirmed on the spot."""
    check_manages_events(actor)
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status == Status.CANCELLED:
            raise ValidationError(_("This registration was cancelled."), code="cancelled")
        registration.attended_at = timezone.now() if attended else None
        fields = ["attended_at"]
        if attended and registration.status == Status.WAITING:
            registration.status, registration.promoted_at = Status.CONFIRMED, timezone.now()
            fields += ["status", "promoted_at"]
        registration.save(update_fields=fields)
        record(
            actor=actor,
            action="event.attended" if attended else "event.attendance_undone",
            target=registration.event,
            registration=registration.pk,
        )
    return registration


# --- QR code of the registration link, for posters and WeChat


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, xmldecl=True)
    return buffer.getvalue()


# --- Personal calendar feeds


def calendar_feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def create_calendar_feed(*, user) -> CalendarFeed:
    """A new secret address; an earlier one stops working."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        feed = CalendarFeed.objects.create(user=user)
        record(actor=user, action="calendar_feed.created", target=user)
    return feed


def revoke_calendar_feed(*, user) -> bool:
    with transaction.atomic():
        deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
        if deleted:
            record(actor=user, action="calendar_feed.revoked", target=user)
    return bool(deleted)


def feed_entries(user) -> list[tuple[Event, str | None]]:
    """Staff and officials: every event. Anyone else: the events they registered for (with
    their own address, signed in or not), marked confirmed or waiting list."""
    if user.has_perm("workstation.view_all_events"):
        return [(event, None) for event in Event.objects.order_by("starts_at", "pk")]
    registrations = (
        Registration.objects.active()
        .filter(Q(user=user) | Q(email__iexact=user.email))
        # Only events they may still see: not one made private since, never a monthly meeting.
        .filter(event__in=Event.objects.visible_to(user))
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    entries: dict[int, tuple[Event, str]] = {}
    for registration in registrations:
        entries.setdefault(registration.event_id, (registration.event, registration.status))
    return list(entries.values())


# --- The conference's programme: speakers, media partners and their coverage


def save_programme_entry(*, entry: Speaker | MediaPartner | Coverage, actor, changed=()):
    """Create or change a speaker, media partner or coverage item, and keep it in the audit log."""
    check_manages_events(actor)
    created = entry.pk is None
    name = entry._meta.model_name
    with transaction.atomic():
        entry.save()
        record(
            actor=actor,
            action=f"{name}.created" if created else f"{name}.changed",
            target=entry,
            fields=sorted(changed),
        )
    return entry


def delete_programme_entry(*, entry: Speaker | MediaPartner | Coverage, actor) -> None:
    check_manages_events(actor)
    name = entry._meta.model_name
    with transaction.atomic():
        record(actor=actor, action=f"{name}.deleted", target=entry)
        entry.delete()


# --- Reminders and thanks (scheduled by the beat tasks; the outbox sends each once)


def start_period(event: Event) -> str:
    """A reminder's period is the start it announces: a moved event is reminded again, and a
    reminder still queued for the old start is cancelled when its turn comes."""
    return "start-" + event.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%MZ")


def schedule_event_reminders(*, now=None) -> int:
    """Remind every confirmed registrant of an event that starts within 24 hours; returns how
    many reminders are new. Safe to run twice at once: a reminder is a unique row.

    People confirmed within those 24 hours are left out: their confirmation (or the news of
    their place) came with the same details moments ago."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(
            status=Status.CONFIRMED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMIND_BEFORE,
        )
        .alias(confirmed_at=Coalesce("promoted_at", "created_at"))
        .filter(confirmed_at__lt=F("event__starts_at") - REMIND_BEFORE)
        .select_related("event")
        .order_by("pk")
    )
    return _schedule_each(registrations, kind=REMINDER_KIND, period=start_period)


def schedule_thank_yous(*, now=None) -> int:
    """Thank each person checked in at an event that ended (within ``FOLLOW_UP_FOR``) and whose
    thank-you text staff wrote; returns how many mails are new. People checked in late (staff
    catching up after the event) are thanked on the next run."""
    now = now or timezone.now()
    written = Q(event__thank_you_zh_hans__gt="") | Q(event__thank_you_en__gt="")
    registrations = (
        Registration.objects.filter(
            written,
            status=Status.CONFIRMED,
            attended_at__isnull=False,
            event__ends_at__lt=now,
            event__ends_at__gte=now - FOLLOW_UP_FOR,
        )
        .select_related("event")
        .order_by("pk")
    )
    return _schedule_each(registrations, kind=THANKS_KIND, period=lambda event: "thanks")


def _schedule_each(registrations, *, kind: str, period) -> int:
    created = 0
    for registration in registrations:
        _reminder, new = schedule_reminder(
            kind=kind,
            target=registration,
            period=period(registration.event),
            recipient_email=registration.email,
            recipient=registration.user,
        )
        created += new
    return created

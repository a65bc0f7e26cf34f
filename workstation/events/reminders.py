"""The registrants' mails, sent through the shared reminder outbox in the language of the page
they registered on: the confirmation (confirmed or on the waiting list), the news that a place
became free and the reminder 24 hours before the event, each with the event's .ics attached; and
after the event the thanks staff wrote, to the people checked in.

A reminder is cancelled (its context is None) when it no longer holds: the registration was
cancelled, the event moved (its period is the start it announced) or has begun; thanks once the
check-in was undone or the text removed."""

from __future__ import annotations

from django.utils import timezone

from workstation.events import calendar
from workstation.events.models import Registration
from workstation.events.services import (
    PROMOTION_KIND,
    REGISTRATION_KIND,
    REMINDER_KIND,
    THANKS_KIND,
    cancel_url,
    start_period,
)
from workstation.reminders.kinds import ReminderKind, register
from workstation.richtext import plain_text
from workstation.timezones import dual_span
from workstation.translated import shown


def registration_language(reminder, registration: Registration) -> str:
    return registration.language


def registration_context(reminder, registration: Registration) -> dict | None:
    """None (cancelled, not sent) once the registration was cancelled."""
    if registration.status == Registration.Status.CANCELLED:
        return None
    if registration.email != reminder.recipient_email:
        return None
    event = registration.event
    language = registration.language
    text = event.text(language)
    return {
        "registration": registration,
        "name": registration.name,
        "language": language,
        "title": text.title,
        "venue": text.venue,
        "times": dual_span(event.starts_at, event.ends_at),
        "waiting": registration.status == Registration.Status.WAITING,
        "event_url": calendar.event_url(event, language),
        "cancel_url": cancel_url(registration),
        "attachments": [
            (
                calendar.ics_file_name(event),
                calendar.event_ics(event, language, status=registration.status),
                "text/calendar",
            )
        ],
    }


def promotion_context(reminder, registration: Registration) -> dict | None:
    if registration.status != Registration.Status.CONFIRMED:
        return None
    return registration_context(reminder, registration)


def reminder_context(reminder, registration: Registration) -> dict | None:
    event = registration.event
    if reminder.period != start_period(event) or event.starts_at <= timezone.now():
        return None
    return promotion_context(reminder, registration)


def thanks_context(reminder, registration: Registration) -> dict | None:
    if registration.status != Registration.Status.CONFIRMED or registration.attended_at is None:
        return None
    if registration.email != reminder.recipient_email:
        return None
    event = registration.event
    language = registration.language
    thanks = shown(event, "thank_you", language)
    if not thanks.text.strip():
        return None
    text = event.text(language)
    return {
        "name": registration.name,
        "language": language,
        "title": text.title,
        "thanks": plain_text(thanks.text).strip(),
        "event_url": calendar.event_url(event, language),
    }


register(
    ReminderKind(REGISTRATION_KIND, REGISTRATION_KIND, registration_context, registration_language)
)
register(ReminderKind(PROMOTION_KIND, PROMOTION_KIND, promotion_context, registration_language))
register(ReminderKind(REMINDER_KIND, REMINDER_KIND, reminder_context, registration_language))
register(ReminderKind(THANKS_KIND, THANKS_KIND, thanks_context, registration_language))

"""The registrants' mails, sent through the shared reminder outbox in the language of the page
they registered on, each with the event's .ics attached: the confirmation (confirmed or on the
waiting list) and the news that a place became free."""

from __future__ import annotations

from workstation.events import calendar
from workstation.events.models import Registration
from workstation.events.services import PROMOTION_KIND, REGISTRATION_KIND, cancel_url
from workstation.reminders.kinds import ReminderKind, register
from workstation.timezones import dual_span


def registration_language(registration: Registration) -> str:
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


register(
    ReminderKind(REGISTRATION_KIND, REGISTRATION_KIND, registration_context, registration_language)
)
register(ReminderKind(PROMOTION_KIND, PROMOTION_KIND, promotion_context, registration_language))

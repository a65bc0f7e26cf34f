"""iCalendar (.ics) files of events: one event's download, a person's feed, a mail attachment.

Each VEVENT carries a stable UID, DTSTAMP in UTC, and DTSTART/DTEND with the TZID of the venue's
zone (its VTIMEZONE included), so calendars place it at the right instant across clock changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workstation.events.models import Event, Registration
from workstation.richtext import plain_text
from workstation.timezones import zone

PRODUCT_ID = "-//Lanzhou Silicon Valley Workstation//Portal//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event: Event) -> str:
    return f"event-{event.uid}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}"


def event_url(event: Event, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_URL}{event.get_absolute_url()}"


def vevent(event: Event, language: str, *, status: str | None = None) -> icalendar.Event:
    """The event in ``language`` (its title in the other language where it lacks one);
    ``status`` is a registration's status where the calendar is a registrant's."""
    text = event.text(language)
    tz = zone(event.time_zone)
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", timezone.now())
    component.add("last-modified", event.updated_at or timezone.now())
    component.add("dtstart", event.starts_at.astimezone(tz))
    component.add("dtend", event.ends_at.astimezone(tz))
    summary = text.title
    with translation.override(language):
        if status == Registration.Status.WAITING:
            summary = _("%(title)s (waiting list)") % {"title": text.title}
        if text.description:
            component.add("description", plain_text(text.description))
    component.add("summary", summary)
    if text.venue:
        component.add("location", text.venue)
    component.add("url", event_url(event, language))
    component.add("status", "TENTATIVE" if status == Registration.Status.WAITING else "CONFIRMED")
    return component


def calendar_bytes(
    entries: Iterable[tuple[Event, str | None]], language: str, *, name: str = ""
) -> bytes:
    """A VCALENDAR of ``(event, registration status or None)`` pairs."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for event, status in entries:
        calendar.add_component(vevent(event, language, status=status))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_ics(event: Event, language: str, *, status: str | None = None) -> bytes:
    return calendar_bytes([(event, status)], language)


def ics_file_name(event: Event) -> str:
    return f"event-{event.pk}.ics"

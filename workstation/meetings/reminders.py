"""The meetings' mails, through the shared reminder outbox, in each recipient's preferred
language: an invitee's reminder 24 hours before a meeting (both time zones, the .ics attached),
and an action item's owner reminded on its due date and once when it is a week overdue.

A reminder is cancelled (its context is None) when it no longer holds: the meeting moved (its
period is the start it was scheduled for), the invitee was removed, the meeting has begun, the
item was done, its due date or owner changed.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from workstation.events import calendar
from workstation.meetings.models import ActionItem, Meeting
from workstation.meetings.services import (
    ACTION_ITEM_DUE,
    ACTION_ITEM_OVERDUE,
    MEETING_REMINDER,
    action_item_period,
    meeting_period,
)
from workstation.reminders.kinds import ReminderKind, register
from workstation.richtext import plain_text
from workstation.timezones import dual_span
from workstation.translated import shown


def meeting_url(meeting: Meeting) -> str:
    return f"{settings.SITE_URL}{reverse('workstation:meeting_detail', kwargs={'pk': meeting.pk})}"


def meeting_context(reminder, meeting: Meeting) -> dict | None:
    event = meeting.event
    if reminder.period != meeting_period(meeting) or event.starts_at <= timezone.now():
        return None
    if (
        reminder.recipient_id is None
        or not meeting.invitees.filter(pk=reminder.recipient_id).exists()
    ):
        return None
    language = translation.get_language()
    text = event.text(language)
    return {
        "language": language,
        "name": reminder.recipient.get_short_name(),
        "title": text.title,
        "venue": text.venue,
        "times": dual_span(event.starts_at, event.ends_at),
        "agenda": plain_text(shown(meeting, "agenda", language).text),
        "meeting_url": meeting_url(meeting),
        "attachments": [
            (f"meeting-{meeting.pk}.ics", calendar.event_ics(event, language), "text/calendar")
        ],
    }


def action_item_context(reminder, item: ActionItem) -> dict | None:
    if item.done_at is not None or reminder.period != action_item_period(item):
        return None
    if reminder.recipient_id is None or item.owner_id != reminder.recipient_id:
        return None
    language = translation.get_language()
    meeting = item.meeting
    return {
        "language": language,
        "name": reminder.recipient.get_short_name(),
        "description": shown(item, "description", language).text,
        "due_on": item.due_on.isoformat(),
        "overdue": reminder.kind == ACTION_ITEM_OVERDUE,
        "meeting_title": meeting.event.text(language).title,
        "meeting_url": meeting_url(meeting),
    }


register(ReminderKind(MEETING_REMINDER, "meeting_reminder", meeting_context))
register(ReminderKind(ACTION_ITEM_DUE, "action_item_reminder", action_item_context))
register(ReminderKind(ACTION_ITEM_OVERDUE, "action_item_reminder", action_item_context))

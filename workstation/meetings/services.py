"""Actions on the monthly meetings: scheduling (the event and the meeting together), the minutes,
action items, and the reminders owed through the shared outbox — to every invitee 24 hours before
a meeting, and to an item's owner on its due date and once more a week after it.

The reports app finds the month's meeting with ``meeting_of_month`` (the workstation never
imports reports: the briefing holds the link).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workstation.accounts.models import Role, User
from workstation.audit.services import record
from workstation.events.models import EventKind
from workstation.events.services import save_event, start_period
from workstation.meetings.models import ActionItem, Meeting
from workstation.meetings.rules import check_completes_action_item, check_manages_meetings
from workstation.reminders.services import schedule_for_people, schedule_reminder
from workstation.timezones import PACIFIC, zone

MEETING_REMINDER = "meeting_reminder"
ACTION_ITEM_DUE = "action_item_due"
ACTION_ITEM_OVERDUE = "action_item_overdue"
REMIND_BEFORE = timedelta(hours=24)
OVERDUE_AFTER = timedelta(days=7)


def meeting_people():
    """Who can be invited to a meeting or own an action item: active staff and officials."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[Role.STAFF, Role.OFFICIAL])
        .distinct()
        .order_by("full_name", "email")
    )


def meetings_of_month(*, year: int, month: int):
    """The meetings that start in the month, on the workstation's (Pacific) calendar, the first
    first."""
    tz = zone(PACIFIC)
    start = datetime.combine(datetime(year, month, 1).date(), time.min, tzinfo=tz)
    following = datetime(year + month // 12, month % 12 + 1, 1).date()
    end = datetime.combine(following, time.min, tzinfo=tz)
    return (
        Meeting.objects.select_related("event")
        .filter(event__starts_at__gte=start, event__starts_at__lt=end)
        .order_by("event__starts_at", "pk")
    )


def meeting_of_month(*, year: int, month: int) -> Meeting | None:
    """The first meeting that starts in the month, on the workstation's (Pacific) calendar."""
    return meetings_of_month(year=year, month=month).first()


def has_started(meeting: Meeting, now=None) -> bool:
    return meeting.event.starts_at <= (now or timezone.now())


# --- Scheduling and minutes (staff)


def save_meeting(*, event, meeting: Meeting, invitees, actor, changed=()) -> Meeting:
    """Create or change a meeting and its event (always a monthly meeting, never public)."""
    check_manages_meetings(actor)
    created = meeting.pk is None
    event.kind = EventKind.MONTHLY_MEETING
    event.is_public = False
    event.registration_open = False
    with transaction.atomic():
        save_event(event=event, actor=actor, changed=changed)
        meeting.event = event
        meeting.save()
        meeting.invitees.set(invitees)
        record(
            actor=actor,
            action="meeting.created" if created else "meeting.changed",
            target=meeting,
            fields=sorted(changed),
        )
    return meeting


def save_minutes(*, meeting: Meeting, actor, now=None) -> Meeting:
    """Keep the minutes written in the form; they are written once the meeting has begun."""
    check_manages_meetings(actor)
    if not has_started(meeting, now):
        raise ValidationError(_("The minutes can be written once the meeting has begun."))
    meeting.save(update_fields=["minutes", "minutes_zh_hans", "minutes_en", "updated_at"])
    record(actor=actor, action="meeting.minutes_saved", target=meeting)
    return meeting


# --- Action items


def save_action_item(*, item: ActionItem, actor, changed=()) -> ActionItem:
    check_manages_meetings(actor)
    created = item.pk is None
    item.save()
    record(
        actor=actor,
        action="meeting.action_item_added" if created else "meeting.action_item_changed",
        target=item,
        fields=sorted(changed),
    )
    return item


def delete_action_item(*, item: ActionItem, actor) -> None:
    check_manages_meetings(actor)
    record(actor=actor, action="meeting.action_item_deleted", target=item)
    item.delete()


def set_action_item_done(*, item: ActionItem, done: bool, actor) -> ActionItem:
    """Mark the item done (now) or open again; marking it twice changes nothing."""
    check_completes_action_item(actor, item)
    if done and item.done_at is None:
        item.done_at = timezone.now()
    elif not done:
        item.done_at = None
    else:
        return item
    item.save(update_fields=["done_at"])
    record(
        actor=actor,
        action="meeting.action_item_done" if done else "meeting.action_item_reopened",
        target=item,
    )
    return item


# --- Reminders (scheduled by the beat tasks; the outbox sends each once)


def meeting_period(meeting: Meeting) -> str:
    """A reminder's period is the meeting's start: moving the meeting reminds again."""
    return start_period(meeting.event)


def action_item_period(item: ActionItem) -> str:
    return f"due-{item.due_on.isoformat()}"


def schedule_meeting_reminders(*, now=None) -> int:
    """Remind every invitee of a meeting that starts within 24 hours; returns how many are new."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.select_related("event")
        .filter(event__starts_at__gt=now, event__starts_at__lte=now + REMIND_BEFORE)
        .prefetch_related("invitees")
    )
    created = 0
    for meeting in meetings:
        created += schedule_for_people(
            kind=MEETING_REMINDER,
            target=meeting,
            period=meeting_period(meeting),
            people=[
                person for person in meeting.invitees.all() if person.is_active and person.email
            ],
        )
    return created


def schedule_action_item_reminders(*, today=None) -> int:
    """Mail the owner of each open item on its due date (or the first run after it) and once
    when it is a week overdue; returns how many reminders are new."""
    today = today or timezone.localdate()
    items = (
        ActionItem.objects.open()
        .filter(due_on__lte=today, owner__isnull=False, owner__is_active=True)
        .select_related("owner")
    )
    created = 0
    for item in items:
        kind = ACTION_ITEM_OVERDUE if today - item.due_on >= OVERDUE_AFTER else ACTION_ITEM_DUE
        _reminder, new = schedule_reminder(
            kind=kind,
            target=item,
            period=action_item_period(item),
            recipient_email=item.owner.email,
            recipient=item.owner,
        )
        created += new
    return created

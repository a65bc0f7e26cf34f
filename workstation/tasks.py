"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from workstation.accounts.tasks import remind_pending_invitations
from workstation.meetings.tasks import remind_about_action_items, remind_about_meetings
from workstation.reminders.tasks import send_reminder, sweep_pending_reminders

__all__ = [
    "remind_about_action_items",
    "remind_about_meetings",
    "remind_pending_invitations",
    "send_reminder",
    "sweep_pending_reminders",
]

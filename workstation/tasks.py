"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from workstation.accounts.tasks import remind_pending_invitations
from workstation.events.tasks import remind_about_events, thank_attendees
from workstation.meetings.tasks import remind_about_action_items, remind_about_meetings
from workstation.pdfs.tasks import render_pdf, sweep_pending_pdfs
from workstation.reminders.tasks import send_reminder, sweep_pending_reminders

__all__ = [
    "remind_about_action_items",
    "remind_about_events",
    "remind_about_meetings",
    "remind_pending_invitations",
    "render_pdf",
    "send_reminder",
    "sweep_pending_pdfs",
    "sweep_pending_reminders",
    "thank_attendees",
]

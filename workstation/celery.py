"""The Celery application shared by web, worker and beat."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workstation.settings")

app = Celery("workstation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # The database is the source of truth: re-enqueue reminders a lost message left pending.
    "sweep-pending-reminders": {
        "task": "workstation.reminders.tasks.sweep_pending_reminders",
        "schedule": crontab(minute="*/10"),
    },
    # PDFs of every kind whose message was lost (or the broker was down): every 2 minutes, since
    # a PDF takes a second or two to make and people wait for it (pdfs.models.PENDING_GRACE).
    "sweep-pending-pdfs": {
        "task": "workstation.pdfs.tasks.sweep_pending_pdfs",
        "schedule": crontab(minute="*/2"),
    },
    "remind-pending-invitations": {
        "task": "workstation.accounts.tasks.remind_pending_invitations",
        "schedule": crontab(minute=15, hour="*/6"),
    },
    "remind-overdue-next-actions": {
        "task": "projects.pipeline.tasks.remind_overdue_next_actions",
        "schedule": crontab(minute=5),
    },
    # The month's briefing opens on the 1st (or on the first later day the task finds it missing).
    "open-months-briefing": {
        "task": "reports.briefings.tasks.open_months_briefing",
        "schedule": crontab(minute=5, hour=0),
    },
    # Draft due / overdue (staff) and review waiting for 3 days (officials); safe to run twice.
    "remind-about-briefings": {
        "task": "reports.briefings.tasks.remind_about_briefings",
        "schedule": crontab(minute=0, hour=8),
    },
    # Meetings: invitees 24 hours before (hourly, so within the hour); action items due or a
    # week overdue (daily, Pacific morning). Reminders are unique rows: safe to run twice.
    "remind-about-meetings": {
        "task": "workstation.meetings.tasks.remind_about_meetings",
        "schedule": crontab(minute=20),
    },
    # Events: confirmed registrants 24 hours before (every 10 minutes, so within 10 minutes);
    # after the event, thanks to the people checked in and, once per person, the invitation to
    # join the talent pool. Unique rows again: safe to run twice.
    "remind-about-events": {
        "task": "workstation.events.tasks.remind_about_events",
        "schedule": crontab(minute="*/10"),
    },
    "thank-event-attendees": {
        "task": "workstation.events.tasks.thank_attendees",
        "schedule": crontab(minute=25),
    },
    "invite-registrants-to-the-pool": {
        "task": "talentpool.pool_invitations.tasks.invite_registrants",
        "schedule": crontab(minute=35),
    },
    # Campaigns: queue the mails of one whose message was lost, release a dead worker's claims
    # and enqueue the next batch where the chain broke; each batch claims its slot: safe twice.
    "sweep-campaigns": {
        "task": "talentpool.campaigns.tasks.sweep_campaigns",
        "schedule": crontab(minute="*"),
    },
    "remind-about-action-items": {
        "task": "workstation.meetings.tasks.remind_about_action_items",
        "schedule": crontab(minute=10, hour=8),
    },
}

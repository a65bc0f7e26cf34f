"""The briefing's calendar: thin daily tasks, safe to run twice, even at the same moment."""

from celery import shared_task

from reports.briefings import reminders, services


@shared_task
def open_months_briefing() -> str:
    briefing, created = services.open_this_months_briefing()
    return f"{briefing} {'opened' if created else 'already open'}"


@shared_task
def remind_about_briefings() -> int:
    return reminders.schedule_briefing_reminders()

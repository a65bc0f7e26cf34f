"""The meetings' reminders: thin periodic tasks, safe to run twice, even at the same moment."""

from celery import shared_task

from workstation.meetings import services


@shared_task
def remind_about_meetings() -> int:
    """Hourly: invitees of meetings starting within 24 hours."""
    return services.schedule_meeting_reminders()


@shared_task
def remind_about_action_items() -> int:
    """Daily: owners of open action items due today, or a week overdue."""
    return services.schedule_action_item_reminders()

"""The events' reminders and thanks: thin periodic tasks, safe to run twice, even at once."""

from celery import shared_task

from workstation.events import services


@shared_task
def remind_about_events() -> int:
    """Every 10 minutes: confirmed registrants of events starting within 24 hours."""
    return services.schedule_event_reminders()


@shared_task
def thank_attendees() -> int:
    """Hourly: the people checked in at an event that ended, when staff wrote the thanks."""
    return services.schedule_thank_yous()

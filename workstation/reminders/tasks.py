"""Sending reminders: thin tasks that take ids and can run twice at once without harm."""

from celery import shared_task

from workstation.reminders import services


@shared_task
def send_reminder(reminder_id: int) -> str:
    return services.deliver_reminder(reminder_id=reminder_id)


@shared_task
def sweep_pending_reminders() -> int:
    return services.requeue_pending_reminders()

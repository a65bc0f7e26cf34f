"""The pipeline's periodic work: thin tasks, safe to run twice at once."""

from celery import shared_task

from projects.pipeline import services


@shared_task
def remind_overdue_next_actions() -> int:
    return services.remind_overdue_next_actions()

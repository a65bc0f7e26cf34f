"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from projects.pipeline.tasks import remind_overdue_next_actions

__all__ = ["remind_overdue_next_actions"]

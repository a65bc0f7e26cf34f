"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from reports.briefings.tasks import open_months_briefing, remind_about_briefings

__all__ = ["open_months_briefing", "remind_about_briefings"]

"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from reports.briefings.tasks import open_months_briefing, remind_about_briefings
from reports.dashboard.tasks import render_year_end_pdf, sweep_pending_year_end_pdfs
from reports.editions.tasks import render_briefing_pdf, sweep_pending_briefing_pdfs

__all__ = [
    "open_months_briefing",
    "remind_about_briefings",
    "render_briefing_pdf",
    "render_year_end_pdf",
    "sweep_pending_briefing_pdfs",
    "sweep_pending_year_end_pdfs",
]

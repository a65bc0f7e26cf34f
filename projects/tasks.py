"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from projects.expo.tasks import render_pdf_document, sweep_pending_pdfs
from projects.pipeline.tasks import remind_overdue_next_actions

__all__ = ["remind_overdue_next_actions", "render_pdf_document", "sweep_pending_pdfs"]

"""Making the briefing's PDFs: thin tasks that take ids and can run twice at once without harm."""

from celery import shared_task

from reports.editions import services


@shared_task
def render_briefing_pdf(pdf_id: int) -> str:
    return services.make_edition(pdf_id=pdf_id)


@shared_task
def sweep_pending_briefing_pdfs() -> int:
    return services.requeue_pending_editions()

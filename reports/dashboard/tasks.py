"""Making the year-end PDF: thin tasks that take ids and can run twice at once without harm."""

from celery import shared_task

from reports.dashboard import services


@shared_task
def render_year_end_pdf(pdf_id: int) -> str:
    return services.make_year_end_pdf(pdf_id=pdf_id)


@shared_task
def sweep_pending_year_end_pdfs() -> int:
    return services.requeue_pending_year_end_pdfs()

"""Making the pipeline's PDFs: thin tasks that take ids and can run twice at once without harm."""

from celery import shared_task

from projects.expo import services


@shared_task
def render_pdf_document(pdf_id: int) -> str:
    return services.make_pdf(pdf_id=pdf_id)


@shared_task
def sweep_pending_pdfs() -> int:
    return services.requeue_pending_pdfs()

"""Making PDFs: thin tasks that take ids and can run twice at once without harm."""

from celery import shared_task

from workstation.pdfs import services


@shared_task
def render_pdf(*, kind: str, pk: int) -> str:
    return services.make(kind=kind, pk=pk)


@shared_task
def sweep_pending_pdfs() -> int:
    return services.requeue_pending()

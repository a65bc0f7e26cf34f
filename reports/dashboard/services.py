"""The year-end PDF: rows first, then the work (a Celery task that takes the row's id).

One row per year and language, remade on request: the row goes back to pending and the new file
replaces the old one once it is ready. A lost message (or a broker that was down) leaves the row
pending for the sweep in beat. The PDF withholds small talent counts: officials download it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from reports.dashboard.document import summary_document
from reports.dashboard.models import YearEndPDF
from workstation.pdf import (
    enqueue_render,
    keep_rendered_file,
    make_claimed_pdf,
    requeue_pending,
    try_again,
)


def pdf_language(language: str) -> str:
    """The PDF's language for a page language: Chinese for Chinese, English otherwise."""
    return (
        YearEndPDF.Language.CHINESE
        if (language or "").lower().startswith("zh")
        else YearEndPDF.Language.ENGLISH
    )


def request_year_end_pdf(*, year: int, language: str, actor) -> YearEndPDF:
    """(Re)make the year's summary in ``language``: the same row, pending again."""
    with transaction.atomic():
        summary, created = YearEndPDF.objects.select_for_update().get_or_create(
            year=year,
            language=pdf_language(language),
            defaults={"requested_by": actor, "requested_at": timezone.now()},
        )
        if not created:
            if summary.status == YearEndPDF.Status.PENDING:
                return summary  # already on its way
            summary.status = YearEndPDF.Status.PENDING
            summary.requested_by = actor
            summary.requested_at = timezone.now()
            summary.error = ""
            summary.save(update_fields=["status", "requested_by", "requested_at", "error"])
        transaction.on_commit(lambda: enqueue_year_end_pdf(pdf_id=summary.pk))
    return summary


def enqueue_year_end_pdf(*, pdf_id: int) -> bool:
    from reports.dashboard.tasks import render_year_end_pdf

    return enqueue_render(render_year_end_pdf, pdf_id)


def requeue_pending_year_end_pdfs(*, limit: int = 100) -> int:
    """Re-enqueue summaries that stayed pending past the grace period, oldest first."""
    return requeue_pending(
        model=YearEndPDF,
        enqueue=lambda pk: enqueue_year_end_pdf(pdf_id=pk),
        limit=limit,
    )


def try_year_end_pdf_again(*, summary: YearEndPDF, actor) -> bool:
    """A summary that failed or was lost on its way to a worker is made again."""
    return try_again(
        record=summary, enqueue=lambda pk: enqueue_year_end_pdf(pdf_id=pk), actor=actor
    )


def make_year_end_pdf(*, pdf_id: int) -> str:
    """Render a pending summary once, however many runs race for it."""
    return make_claimed_pdf(
        pending=YearEndPDF.objects.filter(status=YearEndPDF.Status.PENDING),
        pk=pdf_id,
        language_of=lambda summary: summary.language,
        source=lambda summary: (
            "reports/dashboard/pdf.html",
            summary_document(year=summary.year, language=summary.language),
        ),
        store=_store,
        failed_status=YearEndPDF.Status.FAILED,
    )


def _store(summary: YearEndPDF, content: bytes) -> None:
    keep_rendered_file(summary, content, f"year-end-{summary.year}-{summary.language}.pdf")


def pdfs_of(year: int) -> list[YearEndPDF]:
    return list(YearEndPDF.objects.filter(year=year).order_by("language"))

"""The year-end PDF's kind."""

from __future__ import annotations

from reports.dashboard.document import summary_document
from reports.dashboard.models import YearEndPDF
from workstation.pdfs.kinds import PDFKind, register

register(
    PDFKind(
        model=YearEndPDF,
        document=lambda summary: (
            "reports/dashboard/pdf.html",
            summary_document(year=summary.year, language=summary.language),
        ),
        file_name=lambda summary: f"year-end-{summary.year}-{summary.language}.pdf",
    )
)

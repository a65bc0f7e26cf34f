"""The briefing editions' PDF kind: a publication is announced once its editions are ready."""

from __future__ import annotations

from reports.briefings.document import briefing_document, draft_mark
from reports.editions.models import BriefingPDF
from reports.editions.services import tell_about_published_editions
from workstation.pdfs.kinds import PDFKind, register
from workstation.translated import languages_of


def edition_document(edition: BriefingPDF) -> tuple[str, dict]:
    document = briefing_document(briefing=edition.briefing, language=edition.language)
    if edition.kind == BriefingPDF.Kind.DRAFT:
        document["draft_mark"] = draft_mark(languages_of(edition.language))
    return "reports/pdf/briefing.html", document


def edition_file_name(edition: BriefingPDF) -> str:
    briefing = edition.briefing
    draft = "" if edition.kind == BriefingPDF.Kind.PUBLISHED else "-draft"
    return f"briefing-{briefing.year}-{briefing.month:02d}-{edition.language}{draft}.pdf"


register(
    PDFKind(
        model=BriefingPDF,
        document=edition_document,
        file_name=edition_file_name,
        after=tell_about_published_editions,
    )
)

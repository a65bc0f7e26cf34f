"""The pipeline's PDF kind: expo rosters and delegation itineraries, one model for both."""

from __future__ import annotations

from projects.delegations.services import itinerary_context
from projects.expo.models import GeneratedPDF
from projects.expo.services import roster_context
from workstation.pdfs.kinds import PDFKind, register
from workstation.translated import languages_of


def pipeline_document(document: GeneratedPDF) -> tuple[str, dict]:
    languages = languages_of(document.language)
    if document.kind == GeneratedPDF.Kind.EXPO_ROSTER:
        context = roster_context(year=int(document.subject), languages=languages)
        return "projects/pdf/expo_roster.html", context
    context = itinerary_context(delegation_id=int(document.subject), languages=languages)
    return "projects/pdf/delegation_itinerary.html", context


register(
    PDFKind(
        model=GeneratedPDF,
        document=pipeline_document,
        file_name=lambda document: f"{document.kind}-{document.subject}-{document.language}.pdf",
    )
)

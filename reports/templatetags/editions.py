"""The PDF editions on the briefing's pages: reports.editions shows its own part there, so that
the briefings' views need not import editions."""

from __future__ import annotations

from django import template

from reports.editions.forms import EditionForm
from reports.editions.models import BriefingPDF
from reports.editions.services import editions_of

register = template.Library()


@register.simple_tag
def briefing_editions(briefing) -> dict[str, list[BriefingPDF]]:
    return editions_of(briefing)


@register.simple_tag
def edition_form() -> EditionForm:
    return EditionForm()


@register.simple_tag
def published_editions(briefing) -> list[BriefingPDF]:
    """The ready published editions, from the briefing's prefetched PDFs (one query per list)."""
    return [
        edition
        for edition in briefing.pdfs.all()
        if edition.kind == BriefingPDF.Kind.PUBLISHED and edition.status == BriefingPDF.Status.READY
    ]

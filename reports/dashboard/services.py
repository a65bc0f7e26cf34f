"""The year-end PDF: one row per year and language, remade on request.

The row goes back to pending and the new file replaces the old one once it is ready; the shared
pipeline (workstation.pdfs) makes it, and reports/dashboard/pdfs.py registers its kind. The PDF
withholds small talent counts: officials download it.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper

from reports.dashboard.models import YearEndPDF
from workstation.digests import READ_AT, versions_select
from workstation.pdfs import services as pdfs
from workstation.pdfs.models import lost_by


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
            year=year, language=pdf_language(language), defaults={"requested_by": actor}
        )
        if created:
            pdfs.enqueue_after_commit(summary)
        else:
            pdfs.request_again(record=summary, actor=actor)
    return summary


def pdfs_of(year: int) -> list[YearEndPDF]:
    return list(YearEndPDF.objects.filter(year=year).order_by("language"))


@lru_cache(maxsize=16)
def pdfs_select(year: int) -> tuple[str, list]:
    """``pdfs_of(year)`` as a digest expression (their state, lost or not at ``READ_AT``):
    written once per year."""
    lost = ExpressionWrapper(lost_by(READ_AT), output_field=BooleanField())
    pdfs = YearEndPDF.objects.filter(year=year).order_by("language").annotate(lost=lost)
    return versions_select(pdfs, values=("lost",))

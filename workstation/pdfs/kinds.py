"""The kinds of PDF, registered by the apps that make them.

Every kind goes through the same pipeline (workstation.pdfs.services): a row first, then one
Celery task, ``render_pdf(kind=..., pk=...)``, that renders it once however many runs race for
it; one sweep in beat re-enqueues lost rows of every kind; "Try again" and the download are the
same for all. A new kind is a model on ``workstation.pdfs.models.PDFRecord``, a document
function and a registration in a module its app's ``ready()`` imports, e.g.::

    # reports/visits/pdfs.py
    from reports.visits.models import VisitPDF
    from workstation.pdf import made_on
    from workstation.pdfs.kinds import PDFKind, register
    from workstation.translated import languages_of, translated


    def visit_document(visit_pdf) -> tuple[str, dict]:
        visit = visit_pdf.visit
        return "reports/pdf/visit.html", {
            "title": translated(visit, "title", languages_of(visit_pdf.language)),
            "made_on": made_on(languages_of(visit_pdf.language)),
        }


    register(
        PDFKind(
            model=VisitPDF,
            document=visit_document,
            file_name=lambda row: f"visit-{row.visit_id}-{row.language}.pdf",
        )
    )

then ``pdfs.services.request(record=VisitPDF(...), actor=...)`` from a view, and
``pdfs.views.download_response(record)`` to hand it out.

A kind whose file is not a rendered page (e.g. a zip of data, reports/packages/pdfs.py) gives
``build(row) -> bytes`` instead of ``document``, with its ``content_type``; it goes through the
same rows, task, sweep, "Try again" and download.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from workstation.translated import render_language


@dataclass(frozen=True)
class PDFKind:
    """``document(row)`` gives the template and its context, rendered to PDF; or ``build(row)``
    gives the file's bytes themselves (one of the two), served as ``content_type``.
    ``file_name(row)`` is the name the file is kept and downloaded under. ``language(row)`` is
    the language the file is made in (its messages, and its failure's reason): by default the
    row's language, Chinese first for a bilingual one. ``server_error`` is the failure's reason
    when making it raised (a gettext_noop message). ``after(pk)`` runs after each run on a row,
    whatever its outcome, outside the row's claim (e.g. to announce what the PDF completes); it
    must be safe to run twice."""

    model: Any
    file_name: Callable[[Any], str]
    document: Callable[[Any], tuple[str, dict]] | None = None
    build: Callable[[Any], bytes] | None = None
    content_type: str = "application/pdf"
    server_error: str = gettext_noop("The PDF could not be made because of an error on the server.")
    language: Callable[[Any], str] = lambda row: render_language(row.language)
    after: Callable[[int], object] | None = None

    def __post_init__(self):
        if (self.document is None) == (self.build is None):
            raise TypeError(f"{self.model.__name__}: give either document or build, not both")

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


KINDS: dict[str, PDFKind] = {}


def register(kind: PDFKind) -> PDFKind:
    KINDS[kind.key] = kind
    return kind


def kind_of(record) -> PDFKind:
    return KINDS[record._meta.label_lower]

"""The briefing's PDF editions: Chinese, English and bilingual, made by Celery workers.

A draft's editions are remade on request (the row is reused, its file replaced). A published
briefing's editions are separate rows, written once with their SHA-256 and never overwritten.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.briefings.models import MonthlyBriefing
from workstation.pdfs.models import PDFRecord

# Old migrations name the upload path by this module: keep it importable.
from workstation.pdfs.models import pdf_path as edition_path  # noqa: F401
from workstation.translated import BILINGUAL


class BriefingPDF(PDFRecord):
    class Language(models.TextChoices):
        CHINESE = "zh-hans", _("Chinese")
        ENGLISH = "en", _("English")
        BILINGUAL = BILINGUAL, _("Bilingual")

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    folder = "briefings"

    briefing = models.ForeignKey(
        MonthlyBriefing,
        verbose_name=_("briefing"),
        on_delete=models.PROTECT,
        related_name="pdfs",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("briefing PDF")
        verbose_name_plural = _("briefing PDFs")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "kind", "language"], name="one_pdf_per_briefing_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.briefing} {self.kind} {self.language}"


def published_editions() -> models.Prefetch:
    """Prefetches a briefing's final editions that are ready to download, as
    ``briefing.published_editions``: the archive lists them, the API links them."""
    return models.Prefetch(
        "pdfs",
        queryset=BriefingPDF.objects.filter(
            kind=BriefingPDF.Kind.PUBLISHED, status=BriefingPDF.Status.READY
        ),
        to_attr="published_editions",
    )

"""PDFs the pipeline prints: the expo roster and delegation itineraries, made by Celery workers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Old migrations name the upload path (pdf_path) by this module: keep it importable.
from workstation.pdfs.models import (
    PDFRecord,
    pdf_path,  # noqa: F401
)
from workstation.translated import BILINGUAL


class GeneratedPDF(PDFRecord):
    class Kind(models.TextChoices):
        EXPO_ROSTER = "expo_roster", _("Expo roster")
        ITINERARY = "itinerary", _("Delegation itinerary")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The expo year for a roster, the delegation id for an itinerary.
    subject = models.CharField(_("of"), max_length=40)
    language = models.CharField(
        _("language"), max_length=10, choices=[*settings.LANGUAGES, (BILINGUAL, _("Bilingual"))]
    )

    class Meta:
        verbose_name = _("generated PDF")
        verbose_name_plural = _("generated PDFs")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["kind", "subject", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} {self.language}"

    @property
    def folder(self) -> str:
        return f"pdf/{self.kind}"

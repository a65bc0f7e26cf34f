"""The year-end PDF of the annual duties: one file per year and language, remade on request."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from workstation.pdfs.models import PDFRecord

# Old migrations name the upload path by this module: keep it importable.
from workstation.pdfs.models import pdf_path as summary_path  # noqa: F401


class YearEndPDF(PDFRecord):
    class Language(models.TextChoices):
        CHINESE = "zh-hans", _("Chinese")
        ENGLISH = "en", _("English")

    folder = "year-end"

    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)

    class Meta:
        verbose_name = _("year-end PDF")
        verbose_name_plural = _("year-end PDFs")
        ordering = ["-year", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "language"], name="one_year_end_pdf_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.language}"

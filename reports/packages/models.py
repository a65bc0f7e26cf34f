"""The monthly data package: a zip for the bureau, made once per publication of a briefing.

Keyed to the publication (the briefing's history entry "published"), not to the briefing: should a
briefing ever be published again after a correction, that publication gets a package of its own
and the earlier one stays as it was. A ready package is never made again (its row never goes back
to pending), so its file and SHA-256 stay those the bureau downloaded.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.briefings.models import HistoryEntry, MonthlyBriefing
from workstation.pdfs.models import PDFRecord
from workstation.translated import BILINGUAL


class DataPackageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A package is read with its briefing: staff and officials (once it reached them, which
        a published briefing has); talents and the public never."""
        return self.filter(publication__briefing__in=MonthlyBriefing.objects.visible_to(user))


class DataPackage(PDFRecord):
    folder = "data-packages"

    language = models.CharField(
        _("language"), max_length=10, choices=[(BILINGUAL, _("Bilingual"))], default=BILINGUAL
    )
    publication = models.OneToOneField(
        HistoryEntry,
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        related_name="data_package",
        limit_choices_to={"action": HistoryEntry.Action.PUBLISHED},
    )

    objects = DataPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("data package")
        verbose_name_plural = _("data packages")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.publication.briefing} {self.publication.at:%Y-%m-%d}"

    @property
    def briefing(self) -> MonthlyBriefing:
        return self.publication.briefing

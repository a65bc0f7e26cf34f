"""Technology and investment needs of Lanzhou enterprises, parks and universities."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import PipelineQuerySet
from workstation.provenance import Authored
from workstation.reference.models import Industry, Organization


class DemandQuerySet(PipelineQuerySet):
    def open(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        """Whoever reads the pipeline sees every demand; a talent the open ones, which their
        "For you" page offers (``projects/rules.py``); the public none."""
        if user.has_perm("projects.view_pipeline"):
            return self
        if user.has_perm("projects.view_open_demands"):
            return self.open()
        return self.none()


class Demand(Authored):
    class Kind(models.TextChoices):
        TECHNOLOGY = "technology", _("Technology need")
        INVESTMENT = "investment", _("Investment need")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Lanzhou organization"),
        on_delete=models.PROTECT,
        related_name="demands",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # title and description are zh/en (modeltranslation, projects/translation.py)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("open"), default=True)
    match_document = SearchVectorField(null=True, editable=False)

    objects = DemandQuerySet.as_manager()

    class Meta:
        verbose_name = _("Lanzhou demand")
        verbose_name_plural = _("Lanzhou demands")
        ordering = ["-created_at", "-pk"]
        indexes = [GinIndex(fields=["match_document"], name="demand_match_gin")]

    def __str__(self) -> str:
        return self.title_zh_hans or self.title_en or str(self.pk)

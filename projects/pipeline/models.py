"""North American projects on their way to the Lanzhou Sci-Tech Expo (duty 4)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from workstation.provenance import Dated
from workstation.reference.models import Industry

# Old migrations name private_storage by this module, where it was defined: keep it importable.
from workstation.storage import private_storage


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTACTED = "contacted", _("Contacted")
    QUALIFIED = "qualified", _("Qualified")
    DOSSIER_COMPLETE = "dossier_complete", _("Dossier complete")
    MATCHED = "matched", _("Matched with a Lanzhou counterpart")
    IN_TALKS = "in_talks", _("In talks")
    INTENT_AGREED = "intent_agreed", _("Intent agreed")
    EXPO_CONFIRMED = "expo_confirmed", _("Expo confirmed")
    ATTENDED_EXPO = "attended_expo", _("Attended the Expo")
    SIGNED_AT_EXPO = "signed_at_expo", _("Signed at the Expo")
    LANDED = "landed", _("Landed")
    AFTER_CARE = "after_care", _("After-care")
    ON_HOLD = "on_hold", _("On hold")
    DROPPED = "dropped", _("Dropped")


# The main line, in order; on hold and dropped stand beside it.
MAIN_LINE = [stage for stage in Stage if stage not in (Stage.ON_HOLD, Stage.DROPPED)]


class TechnologyStage(models.TextChoices):
    RESEARCH = "research", _("Research")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot or trial")
    COMMERCIAL = "commercial", _("Commercial product")
    SCALING = "scaling", _("Scaling up")


class LandingMode(models.TextChoices):
    FACTORY = "factory", _("Factory")
    RD_CENTRE = "rd_centre", _("R&D centre")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    LICENSING = "licensing", _("Licensing")
    INVESTMENT = "investment", _("Investment")


class ProjectSource(models.TextChoices):
    PUBLIC_INTAKE = "public_intake", _("Public intake form")
    STAFF = "staff", _("Staff entry")


# What a project is, as the company tells it: the form edits these, the API and the data package
# hand them out.
PROJECT_FACTS = (
    "company",
    "company_website",
    "company_location",
    "contact_name",
    "contact_email",
    "contact_phone",
    "industry",
    "technology_stage",
    "funding_sought",
    "landing_mode",
    "expo_year",
)


def document_path(document, filename: str) -> str:
    return f"projects/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class PipelineQuerySet(models.QuerySet):
    """Projects, demands, matches and delegations are read by whoever reads the pipeline
    (``projects/rules.py``: staff and officials); talents and the public see none of them, but
    for the open demands offered to talents (``DemandQuerySet``)."""

    def visible_to(self, user):
        if user.has_perm("projects.view_pipeline"):
            return self
        return self.none()


class Project(Dated):
    # title and summary are zh/en (modeltranslation, projects/translation.py)
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    company = models.CharField(_("company"), max_length=200)
    company_website = models.URLField(_("company website"), blank=True)
    company_location = models.CharField(_("company location"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    technology_stage = models.CharField(
        _("technology stage"), max_length=20, choices=TechnologyStage.choices, blank=True
    )
    funding_sought = models.PositiveBigIntegerField(
        _("funding sought (US dollars)"), null=True, blank=True
    )
    landing_mode = models.CharField(
        _("preferred landing mode"), max_length=20, choices=LandingMode.choices, blank=True
    )
    expo_year = models.PositiveSmallIntegerField(_("expo year"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.LEAD, db_index=True
    )
    stage_changed_at = models.DateTimeField(_("in this stage since"), auto_now_add=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_projects",
    )
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_on = models.DateField(_("next action date"), null=True, blank=True, db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=ProjectSource.choices, default=ProjectSource.STAFF
    )
    # Keywords of title and summary in both languages, for matching (projects/matching).
    match_document = SearchVectorField(null=True, editable=False)

    objects = PipelineQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at", "-pk"]
        indexes = [GinIndex(fields=["match_document"], name="project_match_gin")]

    def __str__(self) -> str:
        return self.title_en or self.title_zh_hans or self.company


class StageChange(models.Model):
    """One move of a project from a stage to another, with what the target stage asked for."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    # What the target stage asks for: a reason (dropped), a date (on hold: revisit on; landed:
    # entity registered on), an amount (signed at the Expo; landed: investment arrived), an
    # agreement type (signed at the Expo).
    reason = models.TextField(_("reason"), blank=True)
    on_date = models.DateField(_("date"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (US dollars)"), null=True, blank=True)
    agreement_type = models.CharField(_("agreement type"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class ProjectDocument(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to=document_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

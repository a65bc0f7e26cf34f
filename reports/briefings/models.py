"""The monthly bilingual briefing: its parts, its review and its history.

A briefing covers one calendar month on the workstation's clock (America/Los_Angeles). Staff write
its items in Chinese and English side by side; each language of an item keeps its own edit time, so
the language edited earlier shows as outdated until it is edited too or confirmed. Officials review;
the figures compiled from the talent pool and the pipeline are frozen when it is submitted.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from workstation.translated import LANGUAGE_CODES, translated_value

# The draft is due this many days before the month ends; "on time" means published by the
# PUBLISH_BY_DAY of the next month (DESIGN.md: calendar rules).
DRAFT_DUE_DAYS_BEFORE_MONTH_END = 5
PUBLISH_BY_DAY = 10


class Section(models.TextChoices):
    US_INNOVATION = "us_innovation", _("US science and technology innovation")
    VENTURE_CAPITAL = "venture_capital", _("Venture capital")
    STARTUP_TRENDS = "startup_trends", _("Startup trends")
    POLICY_WATCH = "policy_watch", _("Policy watch")
    TALENT_POOL = "talent_pool", _("Talent pool changes")
    PIPELINE = "pipeline", _("Project pipeline changes")
    EVENTS = "events", _("Events")
    WHOLE = "whole", _("The whole briefing")


WRITTEN_SECTIONS = (
    Section.US_INNOVATION,
    Section.VENTURE_CAPITAL,
    Section.STARTUP_TRENDS,
    Section.POLICY_WATCH,
)
COMPILED_SECTIONS = (Section.TALENT_POOL, Section.PIPELINE, Section.EVENTS)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)


class MonthlyBriefingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The briefings ``user`` may see (``reports/rules.py``): staff every one; officials one
        once it has been submitted to them (drafts never sent are the staff's); others none."""
        if user.has_perm("reports.write_briefing"):
            return self
        if user.has_perm("reports.view_briefings"):
            return self.filter(review_round__gt=0)
        return self.none()

    def published(self):
        """Published briefings: all the API hands out, to staff and officials alike."""
        return self.filter(status=Status.PUBLISHED)


class MonthlyBriefing(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The figures of the compiled sections as they were when the briefing was last submitted;
    # empty while it has never been submitted (pages then compile them live).
    compiled = models.JSONField(_("compiled figures"), null=True, blank=True, editable=False)
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The month's meeting with the bureau, whose minutes the briefing refers to.
    meeting = models.ForeignKey(
        "workstation.Meeting",
        verbose_name=_("monthly meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="briefings",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    objects = MonthlyBriefingQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly briefing")
        verbose_name_plural = _("monthly briefings")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="one_briefing_per_month"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="briefing_month_1_to_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def draft_due_on(self) -> date:
        return self.last_day - timedelta(days=DRAFT_DUE_DAYS_BEFORE_MONTH_END)

    @property
    def publish_by(self) -> date:
        return self.last_day + timedelta(days=PUBLISH_BY_DAY)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def figures_frozen(self) -> bool:
        """Submitted and not sent back: its compiled figures and its meeting are kept as they
        were at submission. A briefing being written shows them live."""
        return not self.is_editable and bool(self.compiled)


class BriefingItem(models.Model):
    """A news item of a written section, in Chinese and English (modeltranslation fields)."""

    briefing = models.ForeignKey(
        MonthlyBriefing,
        verbose_name=_("briefing"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    section = models.CharField(
        _("section"), max_length=20, choices=[(s.value, s.label) for s in WRITTEN_SECTIONS]
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    item_date = models.DateField(pgettext_lazy("news item", "date"))
    # When each language was last written or confirmed; the earlier one is outdated.
    edited_zh_hans = models.DateTimeField(_("Chinese edited at"), null=True, blank=True)
    edited_en = models.DateTimeField(_("English edited at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("briefing item")
        verbose_name_plural = _("briefing items")
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return self.headline_en or self.headline_zh_hans or str(self.pk)

    def text(self, language: str, field: str) -> str:
        return translated_value(self, field, language)

    def edited_at(self, language: str):
        return getattr(self, build_localized_fieldname("edited", language))

    def is_missing(self, language: str) -> bool:
        return not (
            self.text(language, "headline").strip() and self.text(language, "summary").strip()
        )

    def is_outdated(self, language: str) -> bool:
        """Edited before the other language was, and neither edited nor confirmed since."""
        mine = self.edited_at(language)
        others = [self.edited_at(code) for code in LANGUAGE_CODES if code != language]
        return any(other and mine and mine < other for other in others)

    def translation_problems(self) -> list[tuple[str, str]]:
        """(language, "missing" or "outdated") for each language with a problem."""
        problems = []
        for language in LANGUAGE_CODES:
            if self.is_missing(language):
                problems.append((language, "missing"))
            elif self.is_outdated(language):
                problems.append((language, "outdated"))
        return problems


class ReviewComment(models.Model):
    briefing = models.ForeignKey(
        MonthlyBriefing,
        verbose_name=_("briefing"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    review_round = models.PositiveSmallIntegerField(_("review round"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.briefing} {self.section}"


class HistoryEntry(models.Model):
    """One step of a briefing's life, kept for everyone to read."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Opened")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        RETURNED_TO_DRAFT = "returned_to_draft", _("Back to draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    briefing = models.ForeignKey(
        MonthlyBriefing,
        verbose_name=_("briefing"),
        on_delete=models.CASCADE,
        related_name="history",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("briefing history entry")
        verbose_name_plural = _("briefing history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.briefing} {self.action}"

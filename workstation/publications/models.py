"""What the workstation publishes on its public site: policy pages and news (duty 1)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from workstation.provenance import Dated
from workstation.translated import shown_language, translated_value


@dataclass(frozen=True)
class PublicationText:
    """A publication's text in one language, saying which language it really is in."""

    title: str
    summary: str
    body: str
    language: str
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested_language


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_on__lte=timezone.localdate())

    def visible_to(self, user):
        """The site shows everyone, staff included, what is published and due; staff read and
        edit drafts in the admin (``workstation/accounts/rules.py``)."""
        return self.published()


class Publication(Dated):
    """Fields shared by policy pages and news posts; title, summary and body are zh/en."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Markdown. Links are kept; images must be local.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("publication date"), default=timezone.localdate)
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_("Demonstration content, marked as such on the public site."),
    )
    source_url = models.URLField(_("source"), blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title_en or self.title_zh_hans or str(self.pk)

    def text(self, language: str | None = None) -> PublicationText:
        """The text in ``language``, or in the other language when that one is missing."""
        requested = language or get_language() or "en"
        shown = shown_language(self, "title", requested)

        def field(name: str) -> str:
            return translated_value(self, name, shown)

        return PublicationText(
            title=field("title"),
            summary=field("summary"),
            body=field("body"),
            language=shown,
            requested_language=requested,
        )


class PolicyPage(Publication):
    """A Lanzhou policy on overseas talent, investment or the environment, explained."""

    class Topic(models.TextChoices):
        TALENT = "talent", _("Overseas talent")
        INVESTMENT = "investment", _("Investment")
        ENVIRONMENT = "environment", _("Business environment")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)

    class Meta(Publication.Meta):
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")

    def get_absolute_url(self) -> str:
        return reverse("workstation:policy_detail", kwargs={"pk": self.pk})


class NewsPost(Publication):
    class Meta(Publication.Meta):
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def get_absolute_url(self) -> str:
        return reverse("workstation:news_detail", kwargs={"pk": self.pk})

"""What the workstation publishes on its public site: policy pages and news (duty 1)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from workstation.provenance import Dated
from workstation.reference.models import Degree, Interest, Region
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


@dataclass(frozen=True)
class Reader:
    """What a policy's audience tags are compared with: a person's native place with the places
    it is part of (``Region.lineage``), highest degree and cooperation interests."""

    places: tuple[Region, ...] = ()
    degree: str = ""
    interests: tuple[str, ...] = field(default_factory=tuple)


class PolicyPageQuerySet(PublishedQuerySet):
    def tagged(self):
        """Policies tagged with an audience of any kind."""
        return self.filter(
            Q(Exists(PolicyPage.audience_regions.through.objects.filter(policypage=OuterRef("pk"))))
            | ~Q(audience_degrees=[])
            | ~Q(audience_interests=[])
        )

    def for_reader(self, reader: Reader):
        """The tagged policies ``reader`` fits: for each kind of tag a policy has (native places,
        degrees, interests), the reader has one of its values; a kind left empty asks nothing.
        Untagged policies fit nobody in particular and are left out."""
        through = PolicyPage.audience_regions.through.objects.filter(policypage=OuterRef("pk"))
        places = [place.pk for place in reader.places]
        degrees = [reader.degree] if reader.degree else []
        return self.tagged().filter(
            ~Q(Exists(through)) | Q(Exists(through.filter(region__in=places))),
            Q(audience_degrees=[]) | Q(audience_degrees__overlap=degrees),
            Q(audience_interests=[]) | Q(audience_interests__overlap=list(reader.interests)),
        )


class PolicyPage(Publication):
    """A Lanzhou policy on overseas talent, investment or the environment, explained."""

    class Topic(models.TextChoices):
        TALENT = "talent", _("Overseas talent")
        INVESTMENT = "investment", _("Investment")
        ENVIRONMENT = "environment", _("Business environment")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    # Whom the policy is for: talents who fit every kind given see it on their "For you" page.
    audience_regions = models.ManyToManyField(
        Region,
        verbose_name=_("for natives of"),
        blank=True,
        related_name="+",
        help_text=_(
            "A province, a Gansu prefecture or a Lanzhou district or county: its natives and "
            "those of the places in it. Leave empty for everyone."
        ),
    )
    audience_degrees = ArrayField(
        models.CharField(max_length=20, choices=Degree.choices),
        verbose_name=_("for holders of"),
        default=list,
        blank=True,
        help_text=_("Leave empty for any degree."),
    )
    audience_interests = ArrayField(
        models.CharField(max_length=30, choices=Interest.choices),
        verbose_name=_("for people interested in"),
        default=list,
        blank=True,
        help_text=_("Any of these cooperation interests. Leave empty for any interest."),
    )

    objects = PolicyPageQuerySet.as_manager()

    class Meta(Publication.Meta):
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")

    def get_absolute_url(self) -> str:
        return reverse("workstation:policy_detail", kwargs={"pk": self.pk})

    def reasons_for(self, reader: Reader) -> list[str]:
        """Why the policy fits ``reader``, one line per kind of tag it has (``for_reader`` chose
        it; its ``audience_regions`` prefetched)."""
        reasons = []
        tagged_places = {place.pk for place in self.audience_regions.all()}
        place = next((place for place in reader.places if place.pk in tagged_places), None)
        if place is not None:
            reasons.append(gettext("Native place: %(place)s") % {"place": place.name})
        if self.audience_degrees and reader.degree in self.audience_degrees:
            reasons.append(gettext("Degree: %(degree)s") % {"degree": Degree(reader.degree).label})
        interests = [
            str(label)
            for value, label in Interest.choices
            if value in reader.interests and value in self.audience_interests
        ]
        if self.audience_interests and interests:
            reasons.append(gettext("Interest: %(interests)s") % {"interests": "; ".join(interests)})
        return reasons


class NewsPost(Publication):
    class Meta(Publication.Meta):
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def get_absolute_url(self) -> str:
        return reverse("workstation:news_detail", kwargs={"pk": self.pk})

"""Events of the workstation (duties 1, 3 and 5): monthly meetings with the Lanzhou bureau, the
Lanzhou investment & talent conference in Silicon Valley, the Lanzhou Sci-Tech Expo and forums;
registrations with a waiting list; the conference's media partners, their coverage and speakers;
personal calendar feeds.

Times are stored in UTC and shown in Pacific and China Standard Time (``workstation.timezones``).
Title, description and venue are zh/en (modeltranslation, ``workstation/events/translation.py``).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from workstation.provenance import Authored
from workstation.timezones import CHINA, PACIFIC
from workstation.translated import Shown, shown, shown_language, translated_value


class EventKind(models.TextChoices):
    # The values are stable: meetings, invitations and the briefing build on them.
    MONTHLY_MEETING = "monthly_meeting", _("Monthly meeting with the Lanzhou bureau")
    CONFERENCE = "conference", _("Lanzhou investment and talent conference in Silicon Valley")
    EXPO = "expo", _("Lanzhou Sci-Tech Expo")
    FORUM = "forum", _("Forum")


class EventTimeZone(models.TextChoices):
    PACIFIC = PACIFIC, _("Pacific time")
    CHINA = CHINA, _("China Standard Time")


@dataclass(frozen=True)
class EventText:
    """An event's text in one language, saying which language it really is in."""

    title: str
    description: str
    venue: str
    language: str
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested_language


def counted_registrations(path: str = "") -> dict[str, models.Count]:
    """The registrations counted for an event: confirmed, of whom checked in, and waiting.
    ``path`` leads from the rows counted over to the registration."""
    status, checked_in = f"{path}status", f"{path}attended_at__isnull"
    confirmed, waiting = Registration.Status.CONFIRMED, Registration.Status.WAITING
    return {
        "confirmed": models.Count(f"{path}pk", filter=Q(**{status: confirmed})),
        "attended": models.Count(f"{path}pk", filter=Q(**{status: confirmed, checked_in: False})),
        "waiting": models.Count(f"{path}pk", filter=Q(**{status: waiting})),
    }


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff and officials see every event; everyone else the public ones, never a monthly
        meeting with the bureau (even one marked public by mistake)."""
        if user is not None and user.has_perm("workstation.view_all_events"):
            return self
        return self.filter(is_public=True).exclude(kind=EventKind.MONTHLY_MEETING)

    def with_registration_counts(self):
        """Each event with its ``confirmed``, ``waiting`` and ``attended`` counts, in the query."""
        return self.annotate(**counted_registrations("registrations__"))

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class Event(Authored):
    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    # title, description and venue are zh/en (modeltranslation)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown. Links are kept; images must be local.")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone of the venue"),
        max_length=10,
        choices=EventTimeZone.choices,
        default=EventTimeZone.PACIFIC,
        help_text=_("Calendars show the event in this zone; pages show both."),
    )
    expo_year = models.PositiveSmallIntegerField(
        _("expo year"), null=True, blank=True, help_text=_("For the Lanzhou Sci-Tech Expo.")
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site.")
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "Confirmed places; later registrations go on the waiting list. Blank: no limit."
        ),
    )
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_("Demonstration content, marked as such on the public site."),
    )
    # zh/en (modeltranslation): mailed to the people checked in, once the event is over.
    thank_you = models.TextField(
        _("thank-you mail"),
        blank=True,
        help_text=_("Markdown. Mailed to the people checked in after the event; blank: no mail."),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title_zh_hans or self.title_en or str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("workstation:event_detail", kwargs={"pk": self.pk})

    def text(self, language: str | None = None) -> EventText:
        """The text in ``language``, or in the other language when its title is missing."""
        requested = language or get_language() or settings.LANGUAGE_CODE
        shown = shown_language(self, "title", requested)
        return EventText(
            title=translated_value(self, "title", shown),
            description=translated_value(self, "description", shown),
            venue=translated_value(self, "venue", shown),
            language=shown,
            requested_language=requested,
        )

    @property
    def is_conference(self) -> bool:
        return self.kind == EventKind.CONFERENCE

    @property
    def accepts_registrations(self) -> bool:
        return not self.registration_closed_because

    @property
    def registration_closed_because(self) -> str:
        """Why no one can register: "over", "not_public" or "closed"; empty while open."""
        if self.ends_at < timezone.now():
            return "over"
        if not self.is_public:
            return "not_public"
        if not self.registration_open:
            return "closed"
        return ""


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A person's registration for a public event: confirmed, on the waiting list, or cancelled.

    ``user`` links a signed-in person who registered with their own address; the talent profile
    is found from the user by the talent pool, not stored here."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    organisation = models.CharField(_("organization"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved off the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="registration_once_per_email_and_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class MediaPartner(models.Model):
    """A media outlet that covers the conference in the US and in China (1–2 a year)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="media_partners"
    )
    # name is zh/en (modeltranslation)
    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("media partner")
        verbose_name_plural = _("media partners")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name_zh_hans or self.name_en or str(self.pk)

    @property
    def shown_name(self) -> Shown:
        return shown(self, "name")


class Coverage(models.Model):
    """An article, video or post a media partner published about the conference."""

    partner = models.ForeignKey(
        MediaPartner,
        verbose_name=_("media partner"),
        on_delete=models.CASCADE,
        related_name="coverage",
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500)
    published_on = models.DateField(_("date"))
    reach = models.PositiveIntegerField(
        _("reach"), null=True, blank=True, help_text=_("Audience reached (views or readers).")
    )

    class Meta:
        verbose_name = _("coverage item")
        verbose_name_plural = _("coverage")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class PresentedPerson:
    """A person presented to an audience (a speaker, an invited VIP): the affiliation and
    biography as shown in the page's language, with their "translation missing" state."""

    @property
    def shown_affiliation(self) -> Shown:
        return shown(self, "affiliation")

    @property
    def shown_bio(self) -> Shown:
        return shown(self, "bio")


class Speaker(PresentedPerson, models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="speakers"
    )
    # affiliation and bio are zh/en (modeltranslation); a name is written as the person writes it.
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("title and affiliation"), max_length=300, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address; revoking deletes the row, so the old address is 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

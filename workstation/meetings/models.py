"""Monthly meetings with the Lanzhou S&T bureau (duty 2): the record kept beside the meeting's
event — who is invited, the agenda, the minutes in both languages and the action items agreed.

The event (kind ``monthly_meeting``) gives the time, place and calendar entry; a meeting counts
as held once its event has ended. Agenda and minutes are zh/en (modeltranslation).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workstation.events.models import Event, EventKind
from workstation.provenance import Dated
from workstation.translated import Shown, shown


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff and officials read the monthly meetings (``workstation/meetings/rules.py``);
        talents and the public never do."""
        if user.has_perm("workstation.view_meetings"):
            return self
        return self.none()

    def with_open_items(self):
        """With their event and the number of open action items, in one query."""
        return self.select_related("event").annotate(
            open_items=models.Count(
                "action_items", filter=models.Q(action_items__done_at__isnull=True)
            )
        )


class Meeting(Dated):
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting",
        limit_choices_to={"kind": EventKind.MONTHLY_MEETING},
    )
    invitees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited"),
        blank=True,
        related_name="meetings_invited",
    )
    # agenda and minutes are zh/en (modeltranslation), Markdown
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly meeting")
        verbose_name_plural = _("monthly meetings")
        ordering = ["-event__starts_at", "-pk"]

    def __str__(self) -> str:
        return str(self.event)

    @property
    def shown_agenda(self) -> Shown:
        return shown(self, "agenda")

    @property
    def shown_minutes(self) -> Shown:
        return shown(self, "minutes")

    @property
    def minutes_status(self) -> str:
        """``complete`` (both languages), ``partial`` (one) or ``missing``."""
        written = [bool(self.minutes_zh_hans), bool(self.minutes_en)]
        return "complete" if all(written) else "partial" if any(written) else "missing"


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An action item is read with its meeting."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user))

    def open(self):
        return self.filter(done_at__isnull=True)


class ActionItem(models.Model):
    """Something agreed at a meeting: what, who owns it, by when; done once ``done_at`` is set."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    # description is zh/en (modeltranslation)
    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"])]

    def __str__(self) -> str:
        return self.description_zh_hans or self.description_en or str(self.pk)

    @property
    def shown_description(self) -> Shown:
        return shown(self, "description")

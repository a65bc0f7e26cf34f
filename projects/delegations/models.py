"""Lanzhou delegations visiting North America: members and itinerary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import PipelineQuerySet
from workstation.reference.models import Organization


class Delegation(models.Model):
    # title is zh/en (modeltranslation, projects/translation.py)
    title = models.CharField(_("title"), max_length=200)
    lanzhou_organization = models.ForeignKey(
        Organization,
        verbose_name=_("sending organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField(_("arrives on"))
    ends_on = models.DateField(_("leaves on"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PipelineQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title_zh_hans or self.title_en or str(self.pk)


class DelegationMember(models.Model):
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    is_leader = models.BooleanField(_("leads the delegation"), default=False)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["-is_leader", "pk"]

    def __str__(self) -> str:
        return self.name


class ItineraryItem(models.Model):
    """A meeting or visit; starts_at is stored in UTC and shown in Pacific and China time."""

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="itinerary",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    # title is zh/en (modeltranslation)
    title = models.CharField(_("what"), max_length=200)
    place = models.CharField(_("where"), max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="itinerary_items",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("itinerary item")
        verbose_name_plural = _("itinerary items")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.title}"

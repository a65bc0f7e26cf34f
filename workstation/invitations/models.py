"""VIP invitations (duty 5): each year 2–5 North American executives, investors or scientists
invited to a Lanzhou event.

An invitation moves draft → waiting for approval → approved (by a Lanzhou official; or sent back
to draft) → sent → accepted or declined → travel arranged → attended; every step is kept as an
``InvitationStep`` with who and when.
The VIP's title, affiliation and biography are zh/en (modeltranslation).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workstation.events.models import Event, PresentedPerson
from workstation.provenance import Authored


class InvitationStatus(models.TextChoices):
    # The values are stable: the dashboard counts them.
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for approval")
    APPROVED = "approved", _("Approved by an official")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    TRAVEL_ARRANGED = "travel_arranged", _("Travel arranged")
    ATTENDED = "attended", _("Attended")


class StepKind(models.TextChoices):
    """What a step did: most steps move to the status of the same name; submitting moves to
    "waiting for approval" and sending back returns to "draft"."""

    SUBMITTED = "submitted", _("Submitted for approval")
    SENT_BACK = "sent_back", _("Sent back for changes")
    APPROVED = InvitationStatus.APPROVED.value, InvitationStatus.APPROVED.label
    SENT = InvitationStatus.SENT.value, InvitationStatus.SENT.label
    ACCEPTED = InvitationStatus.ACCEPTED.value, InvitationStatus.ACCEPTED.label
    DECLINED = InvitationStatus.DECLINED.value, InvitationStatus.DECLINED.label
    TRAVEL_ARRANGED = InvitationStatus.TRAVEL_ARRANGED.value, InvitationStatus.TRAVEL_ARRANGED.label
    ATTENDED = InvitationStatus.ATTENDED.value, InvitationStatus.ATTENDED.label


# Statuses of invitations that have gone out to the VIP ("invited" on the dashboard).
SENT_STATUSES = (
    InvitationStatus.SENT,
    InvitationStatus.ACCEPTED,
    InvitationStatus.DECLINED,
    InvitationStatus.TRAVEL_ARRANGED,
    InvitationStatus.ATTENDED,
)


class VipKind(models.TextChoices):
    EXECUTIVE = "executive", _("Executive")
    INVESTOR = "investor", pgettext_lazy("a person invited", "Investor")
    SCIENTIST = "scientist", _("Scientist")


class InvitationQuerySet(models.QuerySet):
    def with_submission(self):
        """Annotate ``submitted_once``: the rules read it instead of a query per invitation."""
        return self.annotate(
            submitted_once=models.Exists(
                InvitationStep.objects.filter(
                    invitation=models.OuterRef("pk"), status=StepKind.SUBMITTED
                )
            )
        )

    def visible_to(self, user):
        """The invitations ``user`` may see (``workstation/invitations/rules.py``): staff every
        one; officials those submitted to them and everything after; talents and the public none,
        since an invitation holds a VIP's personal details."""
        if user.has_perm("workstation.manage_invitations"):
            return self.with_submission()
        if user.has_perm("workstation.read_invitations"):
            return self.with_submission().filter(
                models.Q(submitted_once=True) | ~models.Q(status=InvitationStatus.DRAFT)
            )
        return self.none()


class Invitation(PresentedPerson, Authored):
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="invitations",
        help_text=_("The Lanzhou event the VIP is invited to."),
    )
    # A name is written as the person writes it; title, affiliation and bio are zh/en.
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=VipKind.choices)
    affiliation = models.CharField(_("title and affiliation"), max_length=300, blank=True)
    bio = models.TextField(_("biography"), blank=True, help_text=_("Markdown."))
    email = models.EmailField(_("email address"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.DRAFT,
        db_index=True,
    )
    protocol_notes = models.TextField(
        _("protocol notes"),
        blank=True,
        help_text=_("Titles, forms of address, dietary needs, seating, gifts."),
    )
    follow_up = models.TextField(_("follow-up"), blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("VIP invitation")
        verbose_name_plural = _("VIP invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class InvitationStep(models.Model):
    """One step of an invitation's flow: what it did, by whom, when, with an optional note."""

    invitation = models.ForeignKey(
        Invitation, verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("invitation step")
        verbose_name_plural = _("invitation steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.invitation} → {self.status}"

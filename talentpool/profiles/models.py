"""Talent profiles: Gansu and Lanzhou natives in Silicon Valley (duty 6)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from talentpool.profiles.validators import (
    validate_graduation_year,
    validate_linkedin_url,
    validate_wechat_id,
)

# Degrees and interests are reference data (policy pages are tagged with them too); the pool's
# modules import them from here as well.
from workstation.reference.models import Degree, Industry, Interest, Region

# Old migrations name private_storage by this module, where it was defined: keep it importable.
from workstation.storage import private_storage


def cv_path(profile: TalentProfile, filename: str) -> str:
    # A random name: the person's own file name may carry their name.
    return f"cv/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Source(models.TextChoices):
    SELF_REGISTERED = "self_registered", _("Self-registered")
    STAFF = "staff", _("Staff entry")
    REFERRAL = "referral", _("Referral")
    EVENT = "event", _("Event")
    IMPORT = "import", _("Import")


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    VERIFIED = "verified", _("Verified")


# What a profile says about its person, in the order forms show it: staff edit these, merges
# choose between them, the audit log names them when they change.
PERSON_FIELDS = (
    "name_zh",
    "name_en",
    "native_region",
    "current_city",
    "current_state",
    "employer",
    "title",
    "industry",
    "expertise",
    "degree",
    "school",
    "graduation_year",
    "email",
    "phone",
    "wechat_id",
    "linkedin_url",
    "preferred_language",
    "interests",
    "cv",
    "source",
    "verification",
)


class TalentProfileQuerySet(models.QuerySet):
    def shared_with_lanzhou(self):
        return self.filter(shares_with_lanzhou=True)

    def receiving_news(self):
        """The people who consent to the workstation's news and invitations by mail."""
        return self.filter(receives_news=True)

    def visible_to(self, user):
        """The profiles ``user`` may see: staff all, officials those shared, talent their own."""
        from workstation.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.STAFF) or user.is_superuser:
            return self.all()
        if user.has_role(Role.OFFICIAL):
            return self.shared_with_lanzhou()
        return self.filter(user=user)

    def gansu(self):
        return self.filter(native_region__is_gansu=True)

    def lanzhou(self):
        return self.filter(native_region__is_lanzhou=True)


class TalentProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talent_profile",
    )
    name_zh = models.CharField(_("Chinese name"), max_length=50, blank=True)
    name_en = models.CharField(_("English or pinyin name"), max_length=100, blank=True)
    # Derived from the Chinese name (pypinyin), for search and duplicate detection.
    name_pinyin = models.CharField(_("pinyin"), max_length=200, blank=True, editable=False)
    native_region = models.ForeignKey(
        Region,
        verbose_name=_("native place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_city = models.CharField(_("current city"), max_length=100, blank=True)
    current_state = models.CharField(_("state or province"), max_length=100, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expertise = models.CharField(
        _("expertise"),
        max_length=500,
        blank=True,
        help_text=_("Skills and fields, separated by commas."),
    )
    degree = models.CharField(
        _("highest degree"), max_length=20, choices=Degree.choices, blank=True
    )
    school = models.CharField(_("school"), max_length=200, blank=True)
    graduation_year = models.PositiveSmallIntegerField(
        _("year of graduation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), validate_graduation_year],
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = PhoneNumberField(
        _("phone"), blank=True, help_text=_("In international form, e.g. +1 650 555 0100.")
    )
    wechat_id = models.CharField(
        _("WeChat ID"), max_length=50, blank=True, validators=[validate_wechat_id]
    )
    linkedin_url = models.URLField(
        _("LinkedIn profile"), blank=True, validators=[validate_linkedin_url]
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    interests = ArrayField(
        models.CharField(max_length=30, choices=Interest.choices),
        verbose_name=_("cooperation interests"),
        default=list,
        blank=True,
    )
    cv = models.FileField(
        _("CV"), storage=private_storage, upload_to=cv_path, blank=True, max_length=200
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.SELF_REGISTERED
    )
    verification = models.CharField(
        _("verification"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    staff_notes = models.TextField(_("staff notes"), blank=True)
    tags = ArrayField(
        models.CharField(max_length=50), verbose_name=_("tags"), default=list, blank=True
    )
    # Filled in by the search module from names, employer, expertise (see talentpool/search).
    search_document = SearchVectorField(null=True, editable=False)
    is_complete = models.BooleanField(_("profile complete"), default=False)
    # The latest "share with Lanzhou" row of the consent ledger, stored with it (set_consent) so
    # that officials' lists and searches filter on a column, not on the ledger's history.
    shares_with_lanzhou = models.BooleanField(
        _("shares with Lanzhou"), default=False, editable=False
    )
    # The latest "news and invitations" row of the ledger, kept the same way: a campaign's
    # audience is the profiles with this column true.
    receives_news = models.BooleanField(
        _("receives news and invitations"), default=False, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TalentProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_document"], name="talent_search_gin"),
            # Officials' searches: the shared profiles' documents alone. Without it a search
            # intersects the whole index with the shared rows, which costs as much again.
            GinIndex(
                fields=["search_document"],
                condition=models.Q(shares_with_lanzhou=True),
                name="talent_search_shared_gin",
            ),
            GinIndex(fields=["tags"], name="talent_tags_gin"),
            GinIndex(fields=["interests"], name="talent_interests_gin"),
            # The briefing's counts of the pool by native place, industry and month registered,
            # read from the index alone.
            models.Index(
                fields=["native_region", "industry", "created_at"], name="talent_place_industry"
            ),
            # The briefing's "verified this month".
            models.Index(fields=["verified_at"], name="talent_verified_at"),
            # Officials' lists: the shared profiles, newest first.
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(shares_with_lanzhou=True),
                name="talent_shared_recent",
            ),
            # Campaigns: the people who consent to news, in id order (the outbox is built in
            # chunks of ids).
            models.Index(
                fields=["id"], condition=models.Q(receives_news=True), name="talent_news_audience"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_zh and self.name_en:
            return f"{self.name_zh} ({self.name_en})"
        return self.name_zh or self.name_en or str(_("(no name)"))

    @property
    def is_gansu_native(self) -> bool:
        return bool(self.native_region and self.native_region.is_gansu)

    @property
    def is_lanzhou_native(self) -> bool:
        return bool(self.native_region and self.native_region.is_lanzhou)

    def interest_labels(self) -> list[str]:
        labels = dict(Interest.choices)
        return [labels[value] for value in self.interests if value in labels]

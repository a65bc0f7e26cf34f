"""Reference data every app uses: industries, Gansu's divisions and other places, organizations,
and the degrees and cooperation interests a talent profile records (a policy page names them too,
for the people it is meant for)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Industry(models.Model):
    key = models.CharField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class Interest(models.TextChoices):
    FULL_TIME_RETURN = "full_time_return", _("Full-time return to Lanzhou")
    PART_TIME = "part_time", _("Part-time or advisory role")
    START_COMPANY = "start_company", _("Start a company in Lanzhou")
    INVEST = "invest", _("Invest")
    HOST_VISIT = "host_visit", _("Host a visit from Lanzhou")
    SPEAK = "speak", _("Speak at an event")


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")
    OTHER = "other", _("Other")


class Region(models.Model):
    """A native place: a Gansu division, another province, or outside China."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province-level division")
        PREFECTURE = "prefecture", _("Gansu prefecture-level division")
        DISTRICT = "district", _("Lanzhou district or county")
        NEW_AREA = "new_area", _("State-level new area")
        OUTSIDE_CHINA = "outside_china", _("Outside China")

    # GB/T 2260 code where the place has one; a descriptive key otherwise (Lanzhou New Area).
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_gansu = models.BooleanField(_("in Gansu"), default=False)
    is_lanzhou = models.BooleanField(_("in Lanzhou"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name or self.code

    def lineage(self) -> list[Region]:
        """This place and the places it is part of, nearest first (城关区, 兰州市, 甘肃省). Select
        ``parent__parent`` with the region to walk it without a query."""
        places: list[Region] = []
        place = self
        while place is not None and place not in places:
            places.append(place)
            place = place.parent
        return places

    @property
    def with_prefecture(self) -> str:
        """The place as the pool's pages name it: a district or county after its prefecture."""
        parent = self.parent if self.parent_id else None
        if parent is not None and parent.kind == Region.Kind.PREFECTURE:
            return f"{parent} / {self}"
        return str(self)


class Organization(models.Model):
    class Kind(models.TextChoices):
        LANZHOU_ENTERPRISE = "lanzhou_enterprise", _("Lanzhou enterprise")
        INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
        UNIVERSITY = "university", _("University or research institute")
        GOVERNMENT = "government", _("Government body")
        INVESTOR = "investor", _("Investor")
        MEDIA = "media", _("Media")
        NORTH_AMERICAN_COMPANY = "north_american_company", _("North American company")
        INNOVATION_CENTER = "innovation_center", _("Innovation center")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

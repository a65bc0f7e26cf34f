"""Counts of the pool: Gansu and Lanzhou natives, by prefecture, district and industry.

Counts cover everyone in the pool (consent to sharing is about a person's profile, not about being
counted). Officials see them with every cell under ``SMALL_CELL`` people hidden, so that nobody can
be singled out from a small count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, Count, F, Q, When
from django.utils import timezone

from talentpool.profiles.models import TalentProfile
from workstation.reference.models import Industry, Region

SMALL_CELL = 3


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None  # None: hidden, fewer than SMALL_CELL people


@dataclass
class PoolCounts:
    total: int | None
    gansu: int | None
    lanzhou: int | None
    new_this_month: int | None
    by_prefecture: list[Row] = field(default_factory=list)
    by_district: list[Row] = field(default_factory=list)
    by_industry: list[Row] = field(default_factory=list)
    suppressed: bool = False


def start_of_month(now: datetime | None = None) -> datetime:
    """The first instant of this month on the workstation's clock (America/Los_Angeles)."""
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def pool_counts(*, hide_small_cells: bool, now: datetime | None = None) -> PoolCounts:
    def shown(count: int) -> int | None:
        return None if hide_small_cells and count < SMALL_CELL else count

    totals = TalentProfile.objects.aggregate(
        total=Count("pk"),
        gansu=Count("pk", filter=Q(native_region__is_gansu=True)),
        lanzhou=Count("pk", filter=Q(native_region__is_lanzhou=True)),
        new_this_month=Count("pk", filter=Q(created_at__gte=start_of_month(now))),
    )
    # A person from a Lanzhou district counts under the prefecture Lanzhou.
    by_prefecture = dict(
        TalentProfile.objects.filter(native_region__is_gansu=True)
        .exclude(native_region__kind=Region.Kind.PROVINCE)
        .annotate(
            prefecture=Case(
                When(native_region__kind=Region.Kind.PREFECTURE, then=F("native_region_id")),
                default=F("native_region__parent_id"),
            )
        )
        .values_list("prefecture")
        .annotate(count=Count("pk"))
        .values_list("prefecture", "count")
    )
    by_district = dict(
        TalentProfile.objects.filter(
            native_region__kind__in=[Region.Kind.DISTRICT, Region.Kind.NEW_AREA]
        )
        .values_list("native_region")
        .annotate(count=Count("pk"))
        .values_list("native_region", "count")
    )
    by_industry = dict(
        TalentProfile.objects.filter(industry__isnull=False)
        .values_list("industry")
        .annotate(count=Count("pk"))
        .values_list("industry", "count")
    )
    prefectures = Region.objects.filter(kind=Region.Kind.PREFECTURE)
    districts = Region.objects.filter(kind__in=[Region.Kind.DISTRICT, Region.Kind.NEW_AREA])
    return PoolCounts(
        total=shown(totals["total"]),
        gansu=shown(totals["gansu"]),
        lanzhou=shown(totals["lanzhou"]),
        new_this_month=shown(totals["new_this_month"]),
        by_prefecture=[Row(str(r), shown(by_prefecture.get(r.pk, 0))) for r in prefectures],
        by_district=[Row(str(r), shown(by_district.get(r.pk, 0))) for r in districts],
        by_industry=[Row(str(i), shown(by_industry.get(i.pk, 0))) for i in Industry.objects.all()],
        suppressed=hide_small_cells,
    )

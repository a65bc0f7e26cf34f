"""Counts of the pool: Gansu and Lanzhou natives, by prefecture, district, industry and
cooperation interest.

Counts cover everyone in the pool (consent to sharing is about a person's profile, not about being
counted). Officials see them with every cell under ``SMALL_CELL`` people hidden, so that nobody can
be singled out from a small count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool.profiles.models import Interest, TalentProfile
from workstation.reference.models import Industry, Region

SMALL_CELL = 3


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None  # None: hidden, fewer than SMALL_CELL people
    key: str = ""  # what the row counts: a region's code, an industry's key, an interest


@dataclass
class PoolCounts:
    total: int | None
    gansu: int | None
    lanzhou: int | None
    new_this_month: int | None
    by_prefecture: list[Row] = field(default_factory=list)
    by_district: list[Row] = field(default_factory=list)
    by_industry: list[Row] = field(default_factory=list)
    by_interest: list[Row] = field(default_factory=list)
    suppressed: bool = False


@dataclass(frozen=True)
class NativePlaces:
    """The pool counted by native place: totals, Gansu and Lanzhou natives, and per region."""

    total: int
    gansu: int
    lanzhou: int
    by_region: dict[int | None, int]  # native region id (None: not given) → people
    by_prefecture: dict[int, int]  # Gansu prefecture id → people from it or its districts


def native_region_counts():
    """The pool counted by native region id: ``(native_region, count)`` rows, by region."""
    return (
        TalentProfile.objects.values_list("native_region")
        .annotate(count=Count("*"))
        .values_list("native_region", "count")
        .order_by("native_region")  # so that a digest of its rows is the same
    )


def native_place_counts() -> NativePlaces:
    """One GROUP BY over the profiles' native region, folded with the (small) region table here:
    joining every profile to its region in SQL cost two aggregates of the whole pool. Counted with
    COUNT(*), which the native region's index answers alone."""
    return native_places(dict(native_region_counts().order_by()))


def native_places(by_region: dict[int | None, int], regions: dict | None = None) -> NativePlaces:
    """People counted by native region id, folded into Gansu, Lanzhou and prefecture counts with
    the region table (``regions``: the regions by id when the caller has them)."""
    if regions is None:
        regions = native_regions([pk for pk in by_region if pk is not None])
    gansu = lanzhou = 0
    by_prefecture: Counter[int] = Counter()
    for pk, count in by_region.items():
        region = regions.get(pk)
        if region is None or not region.is_gansu:
            continue
        gansu += count
        lanzhou += count if region.is_lanzhou else 0
        # A person from a Lanzhou district counts under the prefecture Lanzhou.
        if region.kind == Region.Kind.PREFECTURE:
            by_prefecture[pk] += count
        elif region.kind != Region.Kind.PROVINCE and region.parent_id is not None:
            by_prefecture[region.parent_id] += count
    return NativePlaces(
        total=sum(by_region.values()),
        gansu=gansu,
        lanzhou=lanzhou,
        by_region=by_region,
        by_prefecture=dict(by_prefecture),
    )


def native_regions(ids) -> dict:
    """The regions of ``ids`` by id, with what ``native_places`` folds by."""
    return Region.objects.only("kind", "parent_id", "is_gansu", "is_lanzhou").in_bulk(ids)


def start_of_month(now: datetime | None = None) -> datetime:
    """The first instant of this month on the workstation's clock (America/Los_Angeles)."""
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def withheld(count: int) -> int | None:
    """A count as officials see it: None ("fewer than SMALL_CELL") for 0 to SMALL_CELL - 1. Zeros
    are withheld too: were they shown, the shown cells subtracted from a total would tell how many
    people the withheld ones hold, and so who they are. The one rule of the counts page, the
    briefing and the dashboard."""
    return None if count < SMALL_CELL else count


def count_text(count: int | None) -> str:
    """A count as written for a reader: a withheld one as "fewer than 3"."""
    return _("fewer than %(limit)s") % {"limit": SMALL_CELL} if count is None else str(count)


def hides_small_cells(user) -> bool:
    """Whether ``user`` reads the counts with small cells withheld: everyone but staff."""
    return not user.has_perm("talentpool.manage_pool")


def interest_counts() -> dict[str, int]:
    """People open to each kind of cooperation (a person may name several), in one pass."""
    return TalentProfile.objects.aggregate(
        **{value: Count("pk", filter=Q(interests__contains=[value])) for value in Interest.values}
    )


def pool_counts(*, hide_small_cells: bool, now: datetime | None = None) -> PoolCounts:
    def shown(count: int) -> int | None:
        return withheld(count) if hide_small_cells else count

    places = native_place_counts()
    new_this_month = TalentProfile.objects.filter(created_at__gte=start_of_month(now)).count()
    by_industry = dict(
        TalentProfile.objects.filter(industry__isnull=False)
        .values_list("industry")
        .annotate(count=Count("pk"))
        .values_list("industry", "count")
    )
    by_interest = interest_counts()
    prefectures = Region.objects.filter(kind=Region.Kind.PREFECTURE)
    districts = Region.objects.filter(kind__in=[Region.Kind.DISTRICT, Region.Kind.NEW_AREA])
    return PoolCounts(
        total=shown(places.total),
        gansu=shown(places.gansu),
        lanzhou=shown(places.lanzhou),
        new_this_month=shown(new_this_month),
        by_prefecture=[
            Row(str(r), shown(places.by_prefecture.get(r.pk, 0)), r.code) for r in prefectures
        ],
        by_district=[Row(str(r), shown(places.by_region.get(r.pk, 0)), r.code) for r in districts],
        by_industry=[
            Row(str(i), shown(by_industry.get(i.pk, 0)), i.key) for i in Industry.objects.all()
        ],
        by_interest=[
            Row(str(label), shown(by_interest[value]), value) for value, label in Interest.choices
        ],
        suppressed=hide_small_cells,
    )

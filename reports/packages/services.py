"""Asking for a briefing's data package, made by the shared pipeline (workstation.pdfs).

It is asked for once every published PDF edition of the briefing is ready (the editions' ``after``
step, reports.editions.services), since it holds them. One package per publication: asking again,
from a repeated run or a task that ran twice, finds the one there is; a ready one is never made
again. reports/packages/pdfs.py registers its kind.
"""

from __future__ import annotations

from reports.briefings.models import HistoryEntry, MonthlyBriefing
from reports.packages.models import DataPackage
from workstation.pdfs import services as pdfs


def request_data_package(*, briefing: MonthlyBriefing) -> DataPackage | None:
    """The package of the briefing's latest publication, asked for (as by its publisher) unless
    it already was; None when the briefing was never published."""
    publication = briefing.history.filter(action=HistoryEntry.Action.PUBLISHED).last()
    if publication is None:
        return None
    package, created = DataPackage.objects.get_or_create(
        publication=publication, defaults={"requested_by": publication.actor}
    )
    if created:
        pdfs.enqueue_after_commit(package)
    return package


def packages_of(*, briefing: MonthlyBriefing, reader) -> list[DataPackage]:
    """The briefing's packages ``reader`` may have, the latest publication's first."""
    return list(
        DataPackage.objects.visible_to(reader)
        .filter(publication__briefing=briefing)
        .select_related("publication__briefing")
        .order_by("-publication__at", "-pk")
    )

"""The briefing's page as it is kept: its parts are rendered once and kept (``{% cache ...
using="fragments" %}``) under ``BriefingPage.key``, a digest the database computes in one query
of every row they show (the month's meeting and its event, the items, the comments and their
authors, the PDF editions, whether a pending one is lost yet, the history
and its actors) with the figures' digest (``compiled.live_selects``) and the briefing's own
fields the page shows. A change made anyhow (a form, an ``UPDATE``) changes the key, so a kept
part is never stale and nothing is invalidated; the rows are read only when a part is not kept
yet."""

from __future__ import annotations

from functools import cached_property, lru_cache

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    prefetch_related_objects,
)
from django.utils import timezone

from reports.briefings import services
from reports.briefings.compiled import frozen_digest, live_digest, live_selects
from reports.briefings.document import PageOutline
from reports.briefings.models import (
    BriefingItem,
    HistoryEntry,
    MonthlyBriefing,
    ReviewComment,
    Section,
)
from workstation.digests import READ_AT, selected_values, versions_select
from workstation.meetings.models import Meeting
from workstation.meetings.services import meetings_of_month
from workstation.pdfs.models import lost_by
from workstation.templatetags.fragments import fingerprint
from workstation.translated import LANGUAGE_CODES


@lru_cache(maxsize=64)
def _rows_selects(
    pk: int, year: int, month: int, meeting_pk: int | None, frozen: bool
) -> tuple[tuple[str, list], ...]:
    """Digest expressions of the rows the page shows besides the figures: written once per
    briefing and meeting (the moment as ``READ_AT``)."""
    briefing = MonthlyBriefing(pk=pk, year=year, month=month)
    if not frozen:
        meeting = meetings_of_month(year=year, month=month)[:1]
    elif meeting_pk:
        meeting = Meeting.objects.filter(pk=meeting_pk)
    else:
        meeting = Meeting.objects.none()
    pdfs = briefing.pdfs.annotate(
        lost=ExpressionWrapper(lost_by(READ_AT), output_field=BooleanField())
    ).order_by("pk")
    return (
        versions_select(meeting, related=("event",)),
        versions_select(BriefingItem.objects.filter(briefing_id=pk)),
        versions_select(ReviewComment.objects.filter(briefing_id=pk), related=("author",)),
        versions_select(pdfs, values=("lost",)),
        versions_select(HistoryEntry.objects.filter(briefing_id=pk), related=("actor",)),
    )


class BriefingPage:
    """The briefing's page: ``key``, what its kept parts are kept under, in one query; the
    records (``meeting``, ``sections``, ``problems``...) read only when asked, i.e. when a part
    is not kept yet."""

    def __init__(self, *, briefing: MonthlyBriefing, language: str, now=None):
        self.briefing = briefing
        now = now or timezone.now()
        frozen = briefing.figures_frozen
        rows = _rows_selects(
            briefing.pk, briefing.year, briefing.month, briefing.meeting_id, frozen
        )
        figures = [] if frozen else live_selects(briefing)
        # At the moment the page is made at.
        values = selected_values([*rows, *figures], now=now, prepared=True)
        figures_key = frozen_digest(briefing) if frozen else live_digest(values[len(rows) :])
        self.outline = PageOutline(
            briefing=briefing, language=language, now=now, figures_key=figures_key
        )
        shown = (
            briefing.status,
            briefing.review_round,
            briefing.compiled_at,
            briefing.published_at,
            briefing.meeting_id,
        )
        self.key = "-".join([*values[: len(rows)], figures_key, *map(str, shown)])

    @property
    def figures_key(self) -> str:
        return self.outline.figures_key

    @cached_property
    def meeting(self):
        return services.meeting_of(self.briefing)

    @cached_property
    def items(self) -> list[BriefingItem]:
        # Read once for the page and its document (the compiled sections, when not kept yet).
        prefetch_related_objects([self.briefing], "items")
        items = list(self.briefing.items.all())
        for item in items:
            item.problems = dict(item.translation_problems())
            item.parts = [
                {
                    "language": language,
                    "headline": item.text(language, "headline"),
                    "summary": item.text(language, "summary"),
                    "state": item.problems.get(language, ""),
                }
                for language in LANGUAGE_CODES
            ]
        return items

    @cached_property
    def comments(self) -> list[ReviewComment]:
        return list(self.briefing.comments.select_related("author"))

    @cached_property
    def general_comments(self) -> list[ReviewComment]:
        return [c for c in self.comments if c.section == Section.WHOLE]

    @cached_property
    def problems(self) -> list[BriefingItem]:
        return [item for item in self.items if item.problems]

    @cached_property
    def sections(self) -> list[dict]:
        sections = []
        for section in self.outline.sections:
            written = [item for item in self.items if item.section == section["key"]]
            sections.append(
                {
                    **section,
                    "written_items": written,
                    # What the section's items show (their fields and translation states), the
                    # key their rendering is kept under: not the items themselves, whose
                    # briefing holds them again.
                    "items_key": fingerprint(
                        [
                            {name: value for name, value in vars(item).items() if name != "_state"}
                            for item in written
                        ]
                    ),
                    "comments": [c for c in self.comments if c.section == section["key"]],
                }
            )
        return sections

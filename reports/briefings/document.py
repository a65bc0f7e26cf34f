"""A briefing as a document: its cover, contents, written and compiled sections, in one language
or in both (the bilingual edition gives each part in Chinese, then in English).

Used by the briefing's page and by its PDF editions (reports.editions), so both always say the
same.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from projects.pipeline.models import Stage
from reports.briefings.compiled import figures
from reports.briefings.models import WRITTEN_SECTIONS, MonthlyBriefing, Section
from talentpool.counts.services import SMALL_CELL, count_text
from workstation.events.models import EventKind
from workstation.richtext import render_markdown
from workstation.timezones import dual_time, workstation_time
from workstation.translated import BILINGUAL, in_languages, languages_of

TALENT_SUMMARY = (
    ("total", gettext_noop("People in the pool at the end of the month")),
    ("gansu", gettext_noop("of them Gansu natives")),
    ("lanzhou", gettext_noop("of them Lanzhou natives")),
    ("new", gettext_noop("Newly registered this month")),
    ("new_gansu", gettext_noop("of them Gansu natives, newly registered this month")),
    ("new_lanzhou", gettext_noop("of them Lanzhou natives, newly registered this month")),
    ("verified", gettext_noop("Verified by staff this month")),
)


def joined_in(languages, make) -> str:
    """``make()`` in each language, joined; a text that reads the same is given once."""
    return " / ".join(in_languages(languages, make))


def draft_mark(languages) -> str:
    """What marks every page of a draft edition, in its languages."""
    return joined_in(languages, lambda: pgettext("mark on a draft PDF", "DRAFT"))


def pick(texts: dict, languages) -> str:
    """A text stored in both languages, in the wanted ones (falling back to the other one)."""
    chosen = [texts.get(code) for code in languages if texts.get(code)]
    if not chosen:
        chosen = [text for text in texts.values() if text][:1]
    return " / ".join(dict.fromkeys(chosen))


def cover(briefing: MonthlyBriefing, languages) -> dict:
    return {
        "organisation": [
            _in(
                code,
                lambda: _("Lanzhou Science and Technology Innovation (Silicon Valley) Workstation"),
            )
            for code in languages
        ],
        "title": [_in(code, lambda: _("Briefing")) for code in languages],
        "issue": [
            _in(
                code,
                lambda: (
                    _("%(year)s, No. %(month)s") % {"year": briefing.year, "month": briefing.month}
                ),
            )
            for code in languages
        ],
    }


def _in(language: str, make) -> str:
    with translation.override(language):
        return str(make())


def written_section(briefing: MonthlyBriefing, section: Section, languages) -> dict:
    items = []
    for item in briefing.items.all():
        if item.section != section:
            continue
        parts = [
            {
                "language": code,
                "headline": item.text(code, "headline"),
                "summary": render_markdown(item.text(code, "summary")),
            }
            for code in languages
            if item.text(code, "headline") or item.text(code, "summary")
        ]
        items.append({"item": item, "parts": parts})
    return {
        "key": section.value,
        "kind": "written",
        "title": joined_in(languages, lambda: section.label),
        "items": items,
        "empty": joined_in(languages, lambda: _("Nothing to report this month.")),
    }


def talent_section(data: dict, languages) -> dict:
    def rows(key):
        return [
            {
                "label": pick(row["label"], languages),
                "total": joined_in(languages, lambda r=row: count_text(r["total"])),
                "new": joined_in(languages, lambda r=row: count_text(r["new"])),
            }
            for row in data[key]
        ]

    return {
        "key": Section.TALENT_POOL.value,
        "kind": "talent",
        "title": joined_in(languages, lambda: Section.TALENT_POOL.label),
        "note": joined_in(
            languages,
            lambda: (
                _("Counts only, never names; small counts are shown as “fewer than %(limit)s”.")
                % {"limit": SMALL_CELL}
            ),
        ),
        "summary": [
            {
                "label": joined_in(languages, lambda label=label: _(label)),
                "value": joined_in(languages, lambda key=key: count_text(data[key])),
            }
            for key, label in TALENT_SUMMARY
        ],
        "region_heading": joined_in(languages, lambda: _("By native prefecture in Gansu")),
        "industry_heading": joined_in(languages, lambda: _("By industry")),
        "columns": {
            "region": joined_in(languages, lambda: _("Prefecture")),
            "industry": joined_in(languages, lambda: _("Industry")),
            "total": joined_in(languages, lambda: _("In the pool")),
            "new": joined_in(languages, lambda: _("New this month")),
        },
        "by_prefecture": rows("by_prefecture"),
        "by_industry": rows("by_industry"),
    }


def stage_label(key: str, languages) -> str:
    if not key:
        return joined_in(languages, lambda: _("New project"))
    return joined_in(languages, lambda: Stage(key).label)


def pipeline_section(data: dict, languages) -> dict:
    expo = data["expo"]
    return {
        "key": Section.PIPELINE.value,
        "kind": "pipeline",
        "title": joined_in(languages, lambda: Section.PIPELINE.label),
        "new_projects": joined_in(
            languages,
            lambda: _("New projects this month: %(count)s") % {"count": data["new_projects"]},
        ),
        "moves_heading": joined_in(languages, lambda: _("Stage changes by project")),
        "matches_heading": joined_in(
            languages, lambda: _("Confirmed matches with Lanzhou demands")
        ),
        "expo_heading": joined_in(languages, lambda: _("Lanzhou Sci-Tech Expo")),
        "columns": {
            "project": joined_in(languages, lambda: _("Project")),
            "company": joined_in(languages, lambda: _("Company")),
            "moves": joined_in(languages, lambda: _("Stage changes")),
            "demand": joined_in(languages, lambda: _("Lanzhou demand")),
            "date": joined_in(languages, lambda: _("Date")),
        },
        "projects": [
            {
                "title": pick(project["title"], languages) or project["company"],
                "company": project["company"],
                "moves": [
                    {
                        "from": stage_label(move["from"], languages) if move["from"] else "",
                        "to": stage_label(move["to"], languages),
                        "on": move["on"],
                    }
                    for move in project["moves"]
                ],
            }
            for project in data["projects"]
        ],
        "matches": [
            {
                "project": pick(match["project"], languages) or match["company"],
                "demand": pick(match["demand"], languages),
                "on": match["on"],
            }
            for match in data["matches"]
        ],
        "expo": joined_in(
            languages,
            lambda: (
                _(
                    "Expo %(year)s: %(confirmed)s projects confirmed and %(attended)s attended, "
                    "against a target of %(target)s."
                )
                % expo
            ),
        ),
        "no_moves": joined_in(languages, lambda: _("No project changed stage this month.")),
        "no_matches": joined_in(languages, lambda: _("No match was confirmed this month.")),
    }


def events_section(data: dict, languages) -> dict:
    def rows(events):
        return [
            {
                "title": pick(event["title"], languages),
                "venue": pick(event["venue"], languages),
                "kind": joined_in(languages, lambda e=event: EventKind(e["kind"]).label),
                "time": dual_time(datetime.fromisoformat(event["starts_at"])),
            }
            for event in events
        ]

    return {
        "key": Section.EVENTS.value,
        "kind": "events",
        "title": joined_in(languages, lambda: Section.EVENTS.label),
        "columns": {
            "event": joined_in(languages, lambda: _("Event")),
            "kind": joined_in(languages, lambda: _("Kind")),
            "time": joined_in(languages, lambda: _("Time")),
            "venue": joined_in(languages, lambda: _("Venue")),
        },
        "lists": [
            (joined_in(languages, lambda: _("Held this month")), rows(data.get("held", []))),
            (joined_in(languages, lambda: _("Coming up")), rows(data.get("coming", []))),
        ],
        "none": joined_in(languages, lambda: _("No event.")),
    }


def briefing_document(
    *, briefing: MonthlyBriefing, language: str, now: datetime | None = None
) -> dict:
    languages = languages_of(language)
    prefetch_related_objects([briefing], "items")  # one query for the four written sections
    data = figures(briefing, now=now)
    with translation.override(languages[0]):
        sections = [written_section(briefing, section, languages) for section in WRITTEN_SECTIONS]
        sections.append(talent_section(data["talent_pool"], languages))
        sections.append(pipeline_section(data["pipeline"], languages))
        # Briefings frozen before events were compiled have no such figures.
        if "events" in data:
            sections.append(events_section(data["events"], languages))
        return {
            "briefing": briefing,
            "languages": languages,
            "bilingual": language == BILINGUAL,
            "cover": cover(briefing, languages),
            "contents_heading": joined_in(languages, lambda: _("Contents")),
            "sections": sections,
            "running_title": joined_in(
                languages,
                lambda: (
                    _("Briefing %(year)s-%(month)02d")
                    % {"year": briefing.year, "month": briefing.month}
                ),
            ),
            "compiled_note": joined_in(
                languages,
                lambda: (
                    _("Figures compiled on %(date)s from the portal's records.")
                    % {"date": workstation_time(datetime.fromisoformat(data["compiled_at"]))}
                ),
            ),
        }


COMPILED_KINDS = {
    Section.TALENT_POOL: "talent",
    Section.PIPELINE: "pipeline",
    Section.EVENTS: "events",
}


class PageOutline:
    """The briefing's sections for its page: their keys, kinds and titles as ``briefing_document``
    gives them, and the key the compiled sections' rendering is kept under (``figures_key``: the
    database's digest of what their figures are made of, made by ``BriefingPage``). A compiled
    section's contents (``body``, a callable for the template) are compiled only when asked, i.e.
    when its rendering is not kept yet."""

    def __init__(
        self,
        *,
        briefing: MonthlyBriefing,
        language: str,
        now: datetime,
        figures_key: str,
    ):
        """``figures_key``: the figures' digest at ``now``."""
        self.briefing, self.language, self.now = briefing, language, now
        self.figures_key = figures_key

    @cached_property
    def document(self) -> dict:
        return briefing_document(briefing=self.briefing, language=self.language, now=self.now)

    def body(self, key: str) -> dict:
        return next(section for section in self.document["sections"] if section["key"] == key)

    @property
    def sections(self) -> list[dict]:
        languages = languages_of(self.language)
        compiled = list(COMPILED_KINDS)
        # Briefings frozen before events were compiled have no such figures.
        if self.briefing.figures_frozen and "events" not in self.briefing.compiled:
            compiled.remove(Section.EVENTS)
        with translation.override(languages[0]):
            return [
                {
                    "key": section.value,
                    "kind": COMPILED_KINDS.get(section, "written"),
                    "title": joined_in(languages, lambda section=section: section.label),
                    "body": lambda key=section.value: self.body(key),
                }
                for section in (*WRITTEN_SECTIONS, *compiled)
            ]

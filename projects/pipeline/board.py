"""The pipeline board (a column per stage) and the pipeline table, for staff and officials.

Both read only: moving a card posts to ``projects:project_move`` (the project page's views), with
a plain form that works without JavaScript and, with static/portal/board.js, by drag and drop or
by the arrow keys. Officials see the same pages without any move control.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import (
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Value,
)
from django.db.models.functions import Floor
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from projects.pipeline.filters import (
    BOARD_STAGES,
    BoardFilterForm,
    TableFilterForm,
    choice_digests,
    table_order,
)
from projects.pipeline.models import MAIN_LINE, LandingMode, Project, Stage
from projects.pipeline.services import Criterion
from workstation.accounts.decorators import permission_required
from workstation.digests import (
    READ_AT,
    count_select,
    selected_values,
    versions_select,
    written_once,
)
from workstation.forms import select_options
from workstation.templatetags.fragments import fingerprint

PAGE_SIZE = 25
STAGE_LABELS = dict(Stage.choices)
LANDING_MODE_LABELS = dict(LandingMode.choices)

pipeline_permission = permission_required("projects.view_pipeline")


@dataclass
class Card:
    project: Project
    title: str
    title_lang: str | None  # set when the title is in the other language than the page's
    overdue: bool
    days_in_stage: int
    days_text: str  # "12 days": translated here, not by a plural tag in every card
    # The table's stage and landing mode: Django's get_FOO_display translates every label of the
    # field's choices at each call, fourteen stages for each row.
    stage_label: str
    landing_mode_label: str
    move_options: str = ""  # the board's "Move to" options, the project's stage selected


@dataclass
class Column:
    stage: Stage
    main_line: bool
    cards: list[Card] = field(default_factory=list)


def _page_is_chinese() -> bool:
    return (get_language() or "en").lower().startswith("zh")


def project_title(project: Project) -> tuple[str, str | None]:
    """The title in the page's language, else the other one with its ``lang`` code."""
    if _page_is_chinese():
        ours, other, other_lang = project.title_zh_hans, project.title_en, "en"
    else:
        ours, other, other_lang = project.title_en, project.title_zh_hans, "zh-Hans"
    if ours:
        return ours, None
    if other:
        return other, other_lang
    return project.company, None


def make_card(project: Project, *, today, now, move_options=None) -> Card:
    title, title_lang = project_title(project)
    days = max(0, (now - project.stage_changed_at).days)
    return Card(
        project=project,
        title=title,
        title_lang=title_lang,
        overdue=bool(project.next_action_on and project.next_action_on < today),
        days_in_stage=days,
        days_text=ngettext("%(days)s day", "%(days)s days", days) % {"days": days},
        stage_label=str(STAGE_LABELS.get(project.stage, project.stage)),
        landing_mode_label=str(LANDING_MODE_LABELS.get(project.landing_mode, project.landing_mode)),
        move_options=(move_options or {}).get(project.stage, ""),
    )


def stage_options() -> dict[str, str]:
    """The options of a card's "Move to" select for each stage it may be in: written once per
    stage, not once per card (a board of 100 cards would render 1,400 options)."""
    choices = [(stage.value, str(stage.label)) for stage in BOARD_STAGES]  # translated once
    return {stage.value: select_options(choices, {stage.value}) for stage in BOARD_STAGES}


def pipeline_queryset(user):
    return Project.objects.visible_to(user).select_related("owner", "industry")


def board_columns(projects, *, can_move: bool, now) -> list[Column]:
    today = timezone.localdate(now)
    options = stage_options() if can_move else None
    columns = {stage: Column(stage=stage, main_line=stage in MAIN_LINE) for stage in BOARD_STAGES}
    for project in projects:
        column = columns.get(project.stage)
        if column is not None:
            column.cards.append(make_card(project, today=today, now=now, move_options=options))
    return list(columns.values())


def days_in_stage(now):
    """Whole days since a project's stage changed at ``now``, counted by the database as
    ``make_card`` counts them: a digest over it changes when a card's "12 days" does, not at
    every request."""
    elapsed = ExpressionWrapper(
        Value(now, output_field=DateTimeField()) - F("stage_changed_at"),
        output_field=DurationField(),
    )
    seconds = Func(
        elapsed, template="EXTRACT(EPOCH FROM %(expressions)s)", output_field=FloatField()
    )
    return Floor(seconds / Value(86400.0))


class Rows:
    """The projects a page shows, as table rows (``cards``) or board columns (``columns``), made
    only when they are not cached yet: the page keeps them under ``digest`` (what every project
    shows, its days in the stage counted by the database, and the digests ``beside``: what the
    filters offer) and ``today`` (which next actions are overdue). ``projects`` carry
    ``days_in_stage(now)`` as ``days_in_stage``.

    ``unfiltered``: the page shows every project the permission lets one see, in its default
    order; its digest statement, the same at every visit, is then written once per process
    (``workstation.digests.written_once``: writing it cost as much as running it)."""

    def __init__(self, ordered, *, now, beside=(), can_move=False, unfiltered=False, window=None):
        self.ordered, self.now, self.beside, self.can_move = ordered, now, beside, can_move
        self.unfiltered, self.window = unfiltered, window  # window: (first, last) of a page
        self.today = timezone.localdate(now)

    @cached_property
    def projects(self):
        return self._window(self.ordered.annotate(days_in_stage=days_in_stage(self.now)))

    def _window(self, projects):
        return projects if self.window is None else projects[self.window[0] : self.window[1]]

    @cached_property
    def digest(self) -> str:
        selects = [self._select(key=self._key()), *self.beside]
        return " ".join(selected_values(selects, now=self.now, prepared=True))

    def _key(self) -> tuple | None:
        """What decides an unfiltered page's digest statement (None for a filtered one)."""
        if not self.unfiltered:
            return None
        return ("board" if self.window is None else "table", get_language(), self.window)

    def _select(self, *, key: tuple | None):
        """The digest expression of the rows with their days in the stage at ``READ_AT``;
        written once per process under ``key`` (what decides the statement) when there is one."""

        def write():
            at_read = self._window(self.ordered.annotate(days_in_stage=days_in_stage(READ_AT)))
            return versions_select(
                at_read, related=("owner", "industry"), values=("days_in_stage",)
            )

        return write() if key is None else written_once(("pipeline-rows", *key), write)

    @classmethod
    def paged(cls, ordered, *, number, now, beside=(), unfiltered=False) -> tuple[Page, Rows]:
        """Page ``number`` of ``ordered`` (``get_page``'s way) and its rows, counted and
        digested in one query (the page asked for is most likely the page there is)."""
        paginator = Paginator(ordered, PAGE_SIZE)
        try:
            asked = max(1, int(number))
        except (TypeError, ValueError):
            asked = 1

        def rows_of(number: int) -> Rows:
            first = (number - 1) * PAGE_SIZE
            window = (first, first + PAGE_SIZE)
            return cls(ordered, now=now, beside=beside, unfiltered=unfiltered, window=window)

        rows = rows_of(asked)
        key = rows._key()

        def counted():
            return count_select(ordered.order_by().values("pk"))

        count, *digests = selected_values(
            [
                # Unfiltered, every page counts the same rows: one statement for them all.
                counted() if key is None else written_once(("pipeline-count",), counted),
                rows._select(key=key),
                *beside,
            ],
            now=now,
            prepared=True,
        )
        paginator.count = count  # known: not counted again
        page = paginator.get_page(asked)
        if page.number != asked:  # past the end: the last page, digested when shown
            return page, rows_of(page.number)
        rows.digest = " ".join(digests)
        return page, rows

    @cached_property
    def cards(self) -> list[Card]:
        return [make_card(project, today=self.today, now=self.now) for project in self.projects]

    @cached_property
    def columns(self) -> list[Column]:
        return board_columns(self.projects, can_move=self.can_move, now=self.now)

    def filters_key(self, request) -> tuple:
        """The key of the filters' panel: the request's values, the day and the choices."""
        return (request.GET.urlencode(), self.today.isoformat(), self.digest)


def _filter_form(request, form_class):
    """The page's filters: without any in the request, the form is built only when its panel is
    not kept yet (``filters_key``)."""
    if request.GET:
        return form_class(request.GET)
    return SimpleLazyObject(form_class)


def _filter_or_warn(request, form):
    if not request.GET:
        return pipeline_queryset(request.user)
    if not form.is_valid():
        messages.error(request, _("Please correct the filters marked below."))
        return None
    return form.filter(pipeline_queryset(request.user))


@pipeline_permission
def board(request):
    form = _filter_form(request, BoardFilterForm)
    queryset = _filter_or_warn(request, form)
    can_move = request.user.has_perm("projects.manage_pipeline")
    board = None
    if queryset is not None:
        now = timezone.now()
        # Longest in their stage first: they are the ones to look at.
        ordered = queryset.order_by("stage_changed_at", "pk")
        board = Rows(
            ordered,
            now=now,
            beside=choice_digests(),
            can_move=can_move,
            unfiltered=not request.GET,
        )
    return render(
        request,
        "projects/board.html",
        {
            "form": form,
            "filters_key": fingerprint(form) if board is None else board.filters_key(request),
            "board": board,
            "can_move": can_move,
            "criteria": Criterion.choices,
            "filters_used": any(request.GET.values()),
        },
    )


@pipeline_permission
def table(request):
    form = _filter_form(request, TableFilterForm)
    queryset = _filter_or_warn(request, form)
    page = rows = None
    if queryset is not None:
        now = timezone.now()
        filtered = any(key != "page" for key in request.GET)
        ordered = form.ordered(queryset) if filtered else table_order(queryset)
        page, rows = Rows.paged(
            ordered,
            number=request.GET.get("page"),
            now=now,
            beside=choice_digests(table=True),
            unfiltered=not filtered,
        )
    return render(
        request,
        "projects/table.html",
        {
            "form": form,
            "filters_key": fingerprint(form) if rows is None else rows.filters_key(request),
            "page": page,
            "rows": rows,
            "filters_used": any(value for key, value in request.GET.items() if key != "page"),
        },
    )

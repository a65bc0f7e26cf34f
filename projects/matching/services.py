"""Matching North American projects with Lanzhou demands, and the introductions that follow.

Interface (keep it when the internals change):
- ``keywords_of(*texts) -> list[str]``: the matching keywords of some text, in either language;
- ``index_project(project)`` / ``index_demand(demand)``: refresh ``match_document`` (call after
  saving the title, summary or description); ``index_missing()`` fills every NULL document;
- ``suggest_demands(project, limit=10)`` / ``suggest_projects(demand, limit=10)``: ranked
  ``Suggestion``s with the reasons shown to staff;
- ``suggest_demands_for_expertise(expertise=, industry_id=, limit=10)``: the open demands that fit
  a person's expertise, scored the same way (a talent's "For you" page);
- ``decide_match(project=, demand=, decision=, actor=)``: a confirmed or rejected pair, audited;
- ``add_introduction(project=, actor=, ...)``: one entry of the introduction log, audited.

How: ``match_document`` is a ``tsvector`` in PostgreSQL's ``'simple'`` configuration over the
keywords of title and summary (project) or title and description (demand) in both languages:
``workstation.segmenter.text_tokens`` (English words lower-cased, Chinese rjieba search segments
plus character bigrams) without stop words. For a subject, the other side's candidates are the rows
whose document shares any keyword (an OR ``tsquery`` over the GIN index, best ``ts_rank`` first,
at most ``CANDIDATES``) plus at most ``INDUSTRY_CANDIDATES`` rows of the same industry. Each
candidate is then scored in Python:

    score = (number of shared keywords, a keyword contained in a longer shared one not counted)
            + INDUSTRY_BONUS if both have the same industry

``INDUSTRY_BONUS`` is below one keyword, so any shared keyword ranks above the industry alone, and
the industry breaks ties between equal keyword overlaps. Rejected pairs sink below every other
suggestion; confirmed and rejected pairs show their status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.demands.models import Demand
from projects.matching.models import Introduction, Match
from projects.pipeline.models import Project, Stage
from projects.rules import check_pipeline_staff
from workstation.audit.services import record
from workstation.segmenter import text_tokens

CONFIG = "simple"
CANDIDATES = 100  # rows ranked by ts_rank that are scored in Python
INDUSTRY_CANDIDATES = 20  # same-industry rows without a shared keyword, newest first
# A talent's phone page scores fewer: each candidate's text is segmented in Python.
PERSON_CANDIDATES = (30, 10)
QUERY_KEYWORDS = 100  # keywords of the subject put in the OR query
INDUSTRY_BONUS = 0.5
MAX_REASON_KEYWORDS = 8
MISSING_BATCH = 500  # documents (re)built in one go when found NULL

PROJECT_FIELDS = ("title_zh_hans", "title_en", "summary_zh_hans", "summary_en")
DEMAND_FIELDS = ("title_zh_hans", "title_en", "description_zh_hans", "description_en")

# Words too common in needs and project descriptions to say anything about a match.
ENGLISH_STOP_WORDS = frozenset(
    """
    a an and are as at be been by can for from has have in into is it its of on or our that the
    their this to us we with will which who also more most new other such than these those use
    used using based via per all any each both one two three very can not no yes
    need needs needed seek seeks seeking looking want wants provide provides providing
    technology technologies technical project projects company companies solution solutions
    product products service services development develop developing application applications
    system systems lanzhou china chinese north american america partner partners cooperation
    inc ltd co llc corp corporation
    """.split()  # noqa: SIM905
)
CHINESE_STOP_WORDS = frozenset(
    """
    的 了 和 与 及 或 在 是 为 对 等 把 被 将 从 向 于 以 之 其 也 都 而 并 但 就 又 中 上 下
    我们 你们 他们 我司 本司 公司 企业 单位 需要 需求 寻求 寻找 希望 进行 以及 相关 提供 实现 具有
    一种 一个 一些 这个 那个 这些 那些 可以 能够 通过 用于 利用 采用 主要 包括 目前 已经 正在 方面
    技术 项目 产品 服务 合作 开发 研发 应用 系统 方案 解决 解决方案 领域 行业
    兰州 甘肃 中国 北美 美国
    有限 有限公司 股份 集团
    """.split()  # noqa: SIM905
)

_CJK_RUN = re.compile(r"^[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")


def _singular(word: str) -> str:
    """A light English plural fold, so "batteries" meets "battery" and "cells" meets "cell"."""
    if not word.isascii() or not word.isalpha():
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _keep(token: str) -> bool:
    if _CJK_RUN.match(token):
        return len(token) >= 2 and token not in CHINESE_STOP_WORDS
    return len(token) >= 2 and token not in ENGLISH_STOP_WORDS


def keywords_of(*texts: str) -> list[str]:
    """The distinct matching keywords of the texts, in order of appearance."""
    keywords: dict[str, None] = {}
    for text in texts:
        for token in text_tokens(text or ""):
            token = _singular(token)
            if _keep(token):
                keywords[token] = None
    return list(keywords)


def _project_keywords(project) -> list[str]:
    return keywords_of(*(getattr(project, name) or "" for name in PROJECT_FIELDS))


def _demand_keywords(demand) -> list[str]:
    return keywords_of(*(getattr(demand, name) or "" for name in DEMAND_FIELDS))


_BATCH_UPDATE = """
UPDATE {table} AS target SET match_document = to_tsvector('{config}', batch.document)
FROM unnest(%s::bigint[], %s::text[]) AS batch(id, document)
WHERE target.id = batch.id
"""


def _write_documents(model, documents: dict[int, str]) -> None:
    """One UPDATE for many rows: ``documents`` maps a primary key to its keywords as text."""
    if not documents:
        return
    sql = _BATCH_UPDATE.format(table=connection.ops.quote_name(model._meta.db_table), config=CONFIG)
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(documents), list(documents.values())])


def index_project(project) -> None:
    """Refresh ``project.match_document`` from its saved title and summary (both languages)."""
    _write_documents(Project, {project.pk: " ".join(_project_keywords(project))})


def index_demand(demand) -> None:
    """Refresh ``demand.match_document`` from its saved title and description (both languages)."""
    _write_documents(Demand, {demand.pk: " ".join(_demand_keywords(demand))})


def index_missing(*, batch_size: int = MISSING_BATCH) -> int:
    """Build the documents still NULL (rows saved by code that did not index them), at most
    ``batch_size`` per model and call: two queries per model whatever the number of rows."""
    done = 0
    for model, fields, keywords in (
        (Project, PROJECT_FIELDS, _project_keywords),
        (Demand, DEMAND_FIELDS, _demand_keywords),
    ):
        rows = model.objects.filter(match_document__isnull=True).only("pk", *fields)[:batch_size]
        documents = {row.pk: " ".join(keywords(row)) for row in rows}
        _write_documents(model, documents)
        done += len(documents)
    return done


@dataclass
class Suggestion:
    demand: Demand | None = None
    project: Project | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # shared, as shown
    same_industry: bool = False
    match: Match | None = None  # a decision already taken on this pair

    @property
    def status(self) -> str:
        return self.match.status if self.match else ""

    @property
    def reason_text(self) -> str:
        return "; ".join(self.reasons)


def _shown_keywords(shared: set[str], order: list[str]) -> list[str]:
    """The shared keywords, less those inside a longer shared one (锂电, 电池 in 锂电池)."""
    return [
        keyword
        for keyword in order
        if keyword in shared and not any(keyword != other and keyword in other for other in shared)
    ]


def _score(subject_keywords: list[str], other_keywords: list[str], same_industry: bool):
    shared = set(subject_keywords) & set(other_keywords)
    shown = _shown_keywords(shared, subject_keywords)
    score = float(len(shown)) + (INDUSTRY_BONUS if same_industry else 0.0)
    reasons = []
    if shown:
        reasons.append(
            _("Shared keywords: %(keywords)s")
            % {"keywords": ", ".join(shown[:MAX_REASON_KEYWORDS])}
        )
    if same_industry:
        reasons.append(_("Same industry"))
    return score, reasons, shown


def _or_query(keywords: list[str]) -> SearchQuery:
    text = " | ".join("'" + keyword.replace("'", "''") + "'" for keyword in keywords)
    return SearchQuery(text, config=CONFIG, search_type="raw")


def _candidates(queryset, keywords: list[str], industry_id, bounds=None):
    """At most CANDIDATES rows sharing a keyword (best ts_rank first) and INDUSTRY_CANDIDATES of
    the same industry (or the two numbers of ``bounds``): two queries whatever the size of the
    table."""
    ranked_at_most, same_industry_at_most = bounds or (CANDIDATES, INDUSTRY_CANDIDATES)
    rows = {}
    if keywords:
        query = _or_query(keywords[:QUERY_KEYWORDS])
        ranked = (
            queryset.filter(match_document=query)
            .annotate(rank=SearchRank(F("match_document"), query))
            .order_by("-rank", "-pk")[:ranked_at_most]
        )
        rows.update((row.pk, row) for row in ranked)
    if industry_id:
        rows.update(
            (row.pk, row)
            for row in queryset.filter(industry_id=industry_id)
            .exclude(pk__in=list(rows))
            .order_by("-pk")[:same_industry_at_most]
        )
    return list(rows.values())


def _ensure_indexed() -> None:
    """Documents left NULL (a row saved without ``index_*``) are built before matching, so that
    neither the subject nor a candidate is missed."""
    index_missing()


def _rank(suggestions: list[Suggestion], limit: int) -> list[Suggestion]:
    suggestions.sort(
        key=lambda suggestion: (
            suggestion.status == Match.Status.REJECTED,  # rejected pairs sink
            -suggestion.score,
            -(suggestion.demand or suggestion.project).pk,
        )
    )
    return suggestions[:limit]


def open_demands():
    """The demands still to be met: what matching suggests and what talents are shown."""
    return Demand.objects.open()


def _demand_candidates():
    return open_demands().select_related("organization", "industry").defer("match_document")


def suggest_demands(project, limit: int = 10) -> list[Suggestion]:
    """The open demands best matching ``project``, best first (rejected pairs last)."""
    _ensure_indexed()
    decided = {match.demand_id: match for match in Match.objects.filter(project=project)}
    return _suggest(
        side="demand",
        keywords=_project_keywords(project),
        industry_id=project.industry_id,
        queryset=_demand_candidates(),
        candidate_keywords=_demand_keywords,
        decided=decided,
        limit=limit,
    )


def suggest_demands_for_expertise(
    *, expertise: str, industry_id=None, limit: int = 10
) -> list[Suggestion]:
    """The open demands best matching a person's expertise (and industry), best first, scored as
    for a project: the same keywords, candidates (fewer: PERSON_CANDIDATES) and reasons. A
    constant number of queries."""
    _ensure_indexed()
    return _suggest(
        side="demand",
        keywords=keywords_of(expertise),
        industry_id=industry_id,
        queryset=_demand_candidates(),
        candidate_keywords=_demand_keywords,
        decided={},
        limit=limit,
        bounds=PERSON_CANDIDATES,
    )


def suggest_projects(demand, limit: int = 10) -> list[Suggestion]:
    """The projects (not dropped) best matching ``demand``, best first (rejected pairs last)."""
    _ensure_indexed()
    queryset = (
        Project.objects.exclude(stage=Stage.DROPPED)
        .select_related("industry")
        .defer("match_document", "notes")
    )
    decided = {match.project_id: match for match in Match.objects.filter(demand=demand)}
    return _suggest(
        side="project",
        keywords=_demand_keywords(demand),
        industry_id=demand.industry_id,
        queryset=queryset,
        candidate_keywords=_project_keywords,
        decided=decided,
        limit=limit,
    )


def _suggest(
    *, side, keywords, industry_id, queryset, candidate_keywords, decided, limit, bounds=None
) -> list[Suggestion]:
    """Scores the candidates of ``queryset`` against one subject (a project, a demand or a
    person's expertise); ``side`` names what the candidates are, as the suggestion holds them."""
    suggestions = []
    for candidate in _candidates(queryset, keywords, industry_id, bounds):
        same_industry = bool(industry_id) and candidate.industry_id == industry_id
        score, reasons, shown = _score(keywords, candidate_keywords(candidate), same_industry)
        if score <= 0:
            continue
        suggestions.append(
            Suggestion(
                score=score,
                reasons=reasons,
                keywords=shown,
                same_industry=same_industry,
                match=decided.get(candidate.pk),
                **{side: candidate},
            )
        )
    return _rank(suggestions, limit)


def score_pair(*, project, demand) -> tuple[float, list[str]]:
    """The score and reasons of one pair, as a suggestion would show them."""
    same_industry = bool(project.industry_id) and project.industry_id == demand.industry_id
    score, reasons, _shown = _score(
        _project_keywords(project), _demand_keywords(demand), same_industry
    )
    return score, reasons


class Decision:
    CONFIRM = "confirm"
    REJECT = "reject"
    STATUS = {CONFIRM: Match.Status.CONFIRMED, REJECT: Match.Status.REJECTED}


@transaction.atomic
def decide_match(*, project, demand, decision: str, actor) -> Match:
    """Confirm or reject the pair (again, if decided before); the score and reason are kept as
    the suggestion showed them at the time. Audited."""
    check_pipeline_staff(actor)
    status = Decision.STATUS[decision]
    score, reasons = score_pair(project=project, demand=demand)
    match, created = Match.objects.update_or_create(
        project=project,
        demand=demand,
        defaults={
            "status": status,
            "score": score,
            "reason": "; ".join(reasons),
            "decided_by": actor if actor is not None and actor.is_authenticated else None,
            "decided_at": timezone.now(),
        },
    )
    record(
        actor=actor,
        action=f"project_match.{status}",
        target=match,
        project_id=project.pk,
        demand_id=demand.pk,
        score=score,
        created=created,
    )
    return match


def confirmed_matches(project):
    return (
        Match.objects.filter(project=project, status=Match.Status.CONFIRMED)
        .select_related("demand__organization", "decided_by")
        .order_by("-decided_at")
    )


def confirmed_demands(project):
    return Demand.objects.filter(
        matches__project=project, matches__status=Match.Status.CONFIRMED
    ).select_related("organization")


def add_introduction(
    *, project, actor, met_on, participants: str, outcome: str = "", demand=None, organization=None
) -> Introduction:
    """One entry of the introduction log (who met whom, when, outcome). Audited."""
    check_pipeline_staff(actor)
    if met_on > timezone.localdate():
        raise ValidationError(_("The meeting date cannot be in the future."))
    if organization is None and demand is not None:
        organization = demand.organization
    introduction = Introduction.objects.create(
        project=project,
        demand=demand,
        organization=organization,
        met_on=met_on,
        participants=participants,
        outcome=outcome,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    record(
        actor=actor,
        action="project_introduction.added",
        target=introduction,
        project_id=project.pk,
        demand_id=demand.pk if demand else None,
    )
    return introduction

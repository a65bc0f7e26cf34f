"""Matching projects with Lanzhou demands: ranking by keywords in both languages (not by the
industry alone), the reasons shown, staff decisions, the introduction log, who may change what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from projects.matching import services
from projects.matching.models import Introduction, Match
from projects.pipeline.models import Project
from tests.factories import DemandFactory, ProjectFactory
from workstation.audit.models import AuditEntry
from workstation.reference.models import Industry

pytestmark = pytest.mark.django_db


def industry(key: str) -> Industry:
    return Industry.objects.get(key=key)


def chinese_project(title: str, summary: str, industry_key: str, **extra) -> Project:
    """A project written only in Chinese."""
    return ProjectFactory(
        title_zh_hans=title,
        title_en="",
        title=title,
        summary_zh_hans=summary,
        summary_en="",
        industry=industry(industry_key),
        **extra,
    )


def english_project(title: str, summary: str, industry_key: str, **extra) -> Project:
    """A project written only in English."""
    values = {
        "title_en": title,
        "title_zh_hans": "",
        "summary_en": summary,
        "summary_zh_hans": "",
        "industry": industry(industry_key),
    }
    return ProjectFactory(**(values | extra))


@pytest.fixture
def chinese_case():
    demand = DemandFactory(
        title_zh_hans="锂电池回收利用",
        title="锂电池回收利用",
        title_en="",
        description_zh_hans="寻求退役锂电池的回收与梯次利用技术。",
        description_en="",
        industry=industry("new_energy"),
    )
    unrelated_same_industry = [
        chinese_project("光伏逆变器", "高效光伏逆变器与电站运维平台。", "new_energy"),
        chinese_project("风电叶片检测", "无人机巡检风电叶片。", "new_energy"),
    ]
    unrelated = [
        chinese_project("抗体药物", "新一代单克隆抗体药物研发。", "biomedicine"),
        chinese_project("智慧农业", "温室大棚的智能灌溉。", "modern_agriculture"),
    ]
    match = chinese_project("新型电芯", "固态锂电池电芯的量产工艺。", "other")
    return demand, match, unrelated_same_industry + unrelated


@pytest.fixture
def english_case():
    demand = DemandFactory(
        title_en="Lithium battery recycling",
        title_zh_hans="",
        title="",
        description_en="Recycling and second-life reuse of retired batteries from vehicles.",
        description_zh_hans="",
        industry=industry("new_energy"),
    )
    unrelated_same_industry = [
        english_project(
            "Solar inverters", "High-efficiency solar inverters and monitoring.", "new_energy"
        ),
        english_project(
            "Wind blade inspection", "Drones that inspect wind turbine blades.", "new_energy"
        ),
    ]
    unrelated = [
        english_project("Antibody drugs", "Monoclonal antibodies for oncology.", "biomedicine"),
        english_project(
            "Smart irrigation", "Sensors for greenhouse irrigation.", "modern_agriculture"
        ),
    ]
    match = english_project(
        "SolidCell", "Solid-state lithium battery cells for electric vehicles.", "other"
    )
    return demand, match, unrelated_same_industry + unrelated


# --- Ranking


@pytest.mark.parametrize("case", ["chinese_case", "english_case"])
def test_keyword_match_under_other_ranks_above_unrelated_projects(case, request):
    demand, match, unrelated = request.getfixturevalue(case)
    suggestions = services.suggest_projects(demand)
    ranked = [suggestion.project for suggestion in suggestions]
    assert ranked[0] == match
    for project in unrelated:
        if project in ranked:
            assert ranked.index(project) > 0
    top = suggestions[0]
    assert not top.same_industry
    # Unrelated projects of the demand's own industry come after it, on the industry alone.
    same_industry = [suggestion for suggestion in suggestions if suggestion.same_industry]
    assert same_industry and all(suggestion.score < top.score for suggestion in same_industry)


def test_chinese_reasons_name_the_shared_keyword(chinese_case):
    demand, match, _unrelated = chinese_case
    top = services.suggest_projects(demand)[0]
    assert top.project == match
    assert "锂电池" in top.keywords
    assert "锂电" not in top.keywords  # contained in 锂电池: not shown twice
    assert any("锂电池" in reason for reason in top.reasons)


def test_english_reasons_name_the_shared_keywords(english_case):
    demand, match, _unrelated = english_case
    top = services.suggest_projects(demand)[0]
    assert top.project == match
    assert {"lithium", "battery"} <= set(top.keywords)
    assert "recycling" not in top.keywords


@pytest.mark.parametrize("case", ["chinese_case", "english_case"])
def test_the_other_way_round_the_demand_comes_first_for_the_project(case, request):
    demand, match, _unrelated = request.getfixturevalue(case)
    DemandFactory(
        title_zh_hans="中药材种植", title_en="Herb farming", industry=industry("other")
    )  # same industry as the project, no shared keyword
    suggestions = services.suggest_demands(match)
    assert suggestions[0].demand == demand
    assert suggestions[0].score > suggestions[-1].score


def test_the_industry_alone_is_not_enough_to_outrank_a_keyword():
    demand = DemandFactory(
        title_zh_hans="氢能储运", title_en="Hydrogen storage", industry=industry("new_energy")
    )
    keyword = english_project("H2 tanks", "Hydrogen storage tanks.", "other")
    same_industry = [
        english_project(f"Solar farm {n}", "Photovoltaic farms.", "new_energy") for n in range(5)
    ]
    ranked = [suggestion.project for suggestion in services.suggest_projects(demand)]
    assert ranked[0] == keyword
    assert set(ranked[1:]) == set(same_industry)


def test_a_persons_expertise_finds_demands_as_a_project_would(chinese_case):
    """A talent's "For you" page: the same keywords, scoring and reasons as for a project."""
    demand, match, _unrelated = chinese_case
    herbs = DemandFactory(title_zh_hans="中药材种植", industry=industry("new_energy"))
    DemandFactory(title_zh_hans="锂电池梯次利用", title="x", is_active=False)
    found = services.suggest_demands_for_expertise(
        expertise="固态锂电池, 电芯", industry_id=industry("new_energy").pk
    )
    assert [suggestion.demand for suggestion in found] == [demand, herbs]
    assert found[0].reasons == ["Shared keywords: 锂电池", "Same industry"]
    assert found[1].reasons == ["Same industry"]
    as_project = services.score_pair(project=match, demand=demand)
    assert "Shared keywords: 锂电池" in as_project[1]
    assert services.suggest_demands_for_expertise(expertise="", industry_id=None) == []


def test_closed_demands_and_dropped_projects_are_not_suggested(chinese_case):
    demand, match, _unrelated = chinese_case
    Project.objects.filter(pk=match.pk).update(stage="dropped")
    assert match not in [s.project for s in services.suggest_projects(demand)]
    Project.objects.filter(pk=match.pk).update(stage="lead")
    demand.is_active = False
    demand.save()
    assert demand not in [s.demand for s in services.suggest_demands(match)]


def test_documents_are_filled_in_both_languages(chinese_case):
    demand, match, _unrelated = chinese_case
    assert Project.objects.get(pk=match.pk).match_document is None  # saved without indexing
    services.index_project(match)
    services.index_demand(demand)
    match.refresh_from_db()
    assert "'锂电池'" in match.match_document
    assert "'固态'" in match.match_document
    bilingual = english_project("Lithium", "Batteries", "other", title_zh_hans="钠离子电池")
    services.index_project(bilingual)
    bilingual.refresh_from_db()
    assert "'lithium'" in bilingual.match_document
    assert "'battery'" in bilingual.match_document  # plural folded
    assert "'钠离子'" in bilingual.match_document or "'离子'" in bilingual.match_document
    assert "'the'" not in services.keywords_of("the battery")


# --- Pages and decisions


def test_demand_page_lists_the_project_with_its_reasons(clients, chinese_case):
    demand, _match, _unrelated = chinese_case
    html = clients["staff"].get(reverse("projects:demand_detail", kwargs={"pk": demand.pk}))
    html = html.content.decode()
    assert "新型电芯" in html
    assert "Shared keywords: 锂电池" in html
    assert html.index("新型电芯") < html.index("光伏逆变器")
    assert "Confirm the match" in html


def test_project_page_lists_demands_with_reasons_in_chinese(clients, chinese_case):
    _demand, match, _unrelated = chinese_case
    with translation.override("zh-hans"):
        url = reverse("projects:project_matches", kwargs={"pk": match.pk})
    html = clients["official"].get(url).content.decode()
    assert "锂电池回收利用" in html
    assert "锂电池" in html
    assert "Confirm the match" not in html  # officials read only


def decide(client, project, demand, decision, **extra):
    url = reverse("projects:match_decide", kwargs={"pk": project.pk, "demand_pk": demand.pk})
    return client.post(url, {"decision": decision, **extra})


def test_staff_confirm_a_match_stored_with_score_and_reason_and_audited(
    clients, chinese_case, staff
):
    demand, match, _unrelated = chinese_case
    response = decide(clients["staff"], match, demand, "confirm")
    assert response.status_code == 302
    stored = Match.objects.get(project=match, demand=demand)
    assert stored.status == Match.Status.CONFIRMED
    assert stored.score >= 1
    assert "锂电池" in stored.reason
    assert stored.decided_by == staff
    entry = AuditEntry.objects.get(action="project_match.confirmed")
    assert entry.actor == staff and entry.object_id == str(stored.pk)

    html = clients["staff"].get(response.url, follow=True).content.decode()
    assert "The match was confirmed." in html
    assert "Confirmed matches" in html and "锂电池回收利用" in html


def test_rejected_pairs_sink_and_show_their_status(clients, chinese_case):
    demand, match, _unrelated = chinese_case
    decide(clients["staff"], match, demand, "reject")
    stored = Match.objects.get(project=match, demand=demand)
    assert stored.status == Match.Status.REJECTED
    assert AuditEntry.objects.filter(action="project_match.rejected").count() == 1
    suggestions = services.suggest_projects(demand)
    assert suggestions[-1].project == match
    assert suggestions[-1].status == "rejected"
    html = clients["staff"].get(reverse("projects:demand_detail", kwargs={"pk": demand.pk}))
    html = html.content.decode()
    assert html.index("光伏逆变器") < html.index("新型电芯")
    assert "Rejected" in html

    # A rejected pair may be confirmed after all: the same row changes.
    decide(clients["staff"], match, demand, "confirm")
    assert Match.objects.get(pk=stored.pk).status == Match.Status.CONFIRMED


def test_a_match_is_dated_by_its_decision_not_by_a_later_save(staff, chinese_case):
    demand, project, _unrelated = chinese_case
    decided = services.decide_match(project=project, demand=demand, decision="confirm", actor=staff)
    Match.objects.filter(pk=decided.pk).update(decided_at=timezone.now() - timedelta(days=40))
    stored = Match.objects.get(pk=decided.pk)
    stored.reason = "Edited in the admin"
    stored.save()  # the briefing of its month keeps counting it
    assert timezone.now() - Match.objects.get(pk=decided.pk).decided_at > timedelta(days=39)
    services.decide_match(project=project, demand=demand, decision="confirm", actor=staff)
    assert timezone.now() - Match.objects.get(pk=decided.pk).decided_at < timedelta(minutes=1)


def test_a_decision_that_is_neither_confirm_nor_reject_changes_nothing(clients, chinese_case):
    demand, match, _unrelated = chinese_case
    response = decide(clients["staff"], match, demand, "maybe")
    assert response.status_code == 302
    assert not Match.objects.exists()
    html = clients["staff"].get(response.url).content.decode()
    assert "Nothing was changed" in html


def test_decision_returns_to_the_page_it_came_from_but_never_elsewhere(clients, chinese_case):
    demand, match, _unrelated = chinese_case
    here = reverse("projects:demand_detail", kwargs={"pk": demand.pk})
    assert decide(clients["staff"], match, demand, "confirm", next=here).url == here
    response = decide(clients["staff"], match, demand, "confirm", next="https://evil.example/")
    assert response.url == reverse("projects:project_matches", kwargs={"pk": match.pk})


# --- Introduction log


def introduce(client, project, **data):
    return client.post(reverse("projects:introduction_add", kwargs={"pk": project.pk}), data)


def test_introduction_in_the_future_is_refused_and_keeps_the_input(clients, chinese_case):
    demand, match, _unrelated = chinese_case
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = introduce(
        clients["staff"],
        match,
        organization=demand.organization.pk,
        met_on=tomorrow.isoformat(),
        participants="Dr. Li and the park's director",
        outcome="Visit planned",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The meeting date cannot be in the future." in html
    assert "Dr. Li and the park&#x27;s director" in html
    assert "Visit planned" in html
    assert not Introduction.objects.exists()


def test_introduction_needs_an_organization_or_a_confirmed_match(clients, chinese_case):
    demand, match, _unrelated = chinese_case
    today = timezone.localdate().isoformat()
    response = introduce(clients["staff"], match, met_on=today, participants="Alex Chen")
    assert response.status_code == 200
    assert "Choose the Lanzhou organization met" in response.content.decode()
    # A demand that is not a confirmed match of this project cannot be chosen.
    response = introduce(
        clients["staff"], match, demand=demand.pk, met_on=today, participants="Alex Chen"
    )
    assert response.status_code == 200
    assert not Introduction.objects.exists()


def test_introduction_recorded_for_a_confirmed_match_and_listed(clients, chinese_case, staff):
    demand, match, _unrelated = chinese_case
    decide(clients["staff"], match, demand, "confirm")
    met_on = timezone.localdate() - timedelta(days=3)
    response = introduce(
        clients["staff"],
        match,
        demand=demand.pk,
        met_on=met_on.isoformat(),
        participants="Alex Chen; 王总",
        outcome="Site visit in May",
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert introduction.organization == demand.organization  # taken from the demand
    assert introduction.recorded_by == staff
    assert AuditEntry.objects.filter(action="project_introduction.added").count() == 1
    html = clients["official"].get(response.url).content.decode()
    assert "Alex Chen; 王总" in html and "Site visit in May" in html
    assert "Record the introduction" not in html


# --- Bounded queries


@pytest.mark.parametrize("page", ["projects:project_matches", "projects:demand_detail"])
def test_suggestion_pages_query_count_does_not_grow_with_rows(clients, page):
    project = chinese_project("新型电芯", "固态锂电池电芯。", "new_energy")
    anchor = DemandFactory(title_zh_hans="锂电池", industry=industry("new_energy"))

    def add_rows(count):
        for n in range(count):
            demand = DemandFactory(
                title_zh_hans=f"锂电池需求{n}",
                title_en=f"Battery need {n}",
                industry=industry("new_energy"),
            )
            chinese_project(f"电池项目{n}", "锂电池材料。", "new_energy")
            if n % 2:
                Match.objects.create(project=project, demand=demand, status="rejected")

    pk = project.pk if page == "projects:project_matches" else anchor.pk
    url = reverse(page, kwargs={"pk": pk})

    def count():
        clients["staff"].get(url)  # fills the documents of the new rows
        with CaptureQueriesContext(connection) as captured:
            assert clients["staff"].get(url).status_code == 200
        return len(captured)

    add_rows(3)
    few = count()
    add_rows(30)
    assert count() == few


# --- Who may change what


def test_officials_and_talents_change_nothing(clients, chinese_case):
    demand, match, _unrelated = chinese_case
    today = timezone.localdate().isoformat()
    for role in ("official", "talent"):
        client = clients[role]
        assert decide(client, match, demand, "confirm").status_code == 403
        response = introduce(
            client, match, organization=demand.organization.pk, met_on=today, participants="X"
        )
        assert response.status_code == 403
    assert not Match.objects.exists() and not Introduction.objects.exists()
    for name, pk in (("projects:project_matches", match.pk), ("projects:demand_detail", demand.pk)):
        url = reverse(name, kwargs={"pk": pk})
        assert clients["official"].get(url).status_code == 200
        assert clients["talent"].get(url).status_code == 403
        assert clients["anonymous"].get(url).status_code == 302


def test_decide_and_introduce_take_only_post(clients, chinese_case):
    demand, match, _unrelated = chinese_case
    url = reverse("projects:match_decide", kwargs={"pk": match.pk, "demand_pk": demand.pk})
    assert clients["staff"].get(url).status_code == 405
    url = reverse("projects:introduction_add", kwargs={"pk": match.pk})
    assert clients["staff"].get(url).status_code == 405


def test_the_admin_shows_matches_but_decides_none(superuser, staff, chinese_case):
    """A decision is scored and audited by ``decide_match`` on the matching page; the admin,
    which would do neither, only shows matches (even to an administrator)."""
    from tests.conftest import signed_in_client

    admin_client = signed_in_client(superuser)
    demand, project, _unrelated = chinese_case
    match = services.decide_match(project=project, demand=demand, decision="confirm", actor=staff)
    change = reverse("admin:projects_match_change", args=[match.pk])
    page = admin_client.get(change)
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    assert admin_client.post(change, {"status": "rejected"}).status_code == 403
    assert admin_client.get(reverse("admin:projects_match_add")).status_code == 403
    assert Match.objects.get(pk=match.pk).status == Match.Status.CONFIRMED

"""The pipeline board and table: columns, cards, filters, overdue marks, who sees what, queries."""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.pipeline.models import MAIN_LINE, Project, Stage
from tests.conftest import make_person
from tests.factories import ProjectFactory
from workstation.digests import versions_select
from workstation.reference.models import Industry

pytestmark = pytest.mark.django_db

BOARD = "projects:board"
TABLE = "projects:table"


def column_html(html: str, stage: str) -> str:
    match = re.search(
        rf'<section class="board-column[^"]*" data-stage="{stage}".*?</section>', html, re.S
    )
    assert match, f"no column for {stage}"
    return match.group(0)


def card_html(html: str, project) -> str:
    match = re.search(rf'<article [^>]*id="card-{project.pk}".*?</article>', html, re.S)
    assert match, f"no card for {project}"
    return match.group(0)


def set_stage(project, stage, *, days_ago=0):
    Project.objects.filter(pk=project.pk).update(
        stage=stage, stage_changed_at=timezone.now() - timedelta(days=days_ago, hours=1)
    )


# --- The board


def test_board_has_a_column_per_stage_in_order(clients):
    html = clients["staff"].get(reverse(BOARD)).content.decode()
    stages = re.findall(r'<section class="board-column[^"]*" data-stage="([a-z_]+)"', html)
    assert stages == [*MAIN_LINE, Stage.ON_HOLD, Stage.DROPPED]
    for stage in Stage:
        assert str(stage.label) in html


def test_cards_sit_in_their_stage_column_with_their_facts(clients, staff):
    lead = ProjectFactory(
        title_en="Solid-state cells", company="Volta Labs Inc.", owner=staff, expo_year=2027
    )
    talks = ProjectFactory(title_en="Water recycling", company="Aqua Works LLC")
    dropped = ProjectFactory(title_en="Drone delivery")
    set_stage(talks, Stage.IN_TALKS, days_ago=12)
    set_stage(dropped, Stage.DROPPED)

    html = clients["staff"].get(reverse(BOARD)).content.decode()

    assert "Solid-state cells" in column_html(html, "lead")
    assert "Water recycling" in column_html(html, "in_talks")
    assert "Drone delivery" in column_html(html, "dropped")
    assert "Water recycling" not in column_html(html, "lead")
    card = card_html(html, lead)
    assert "Volta Labs Inc." in card and str(staff) in card and "2027" in card
    assert "0 days" in card
    assert "12 days" in card_html(html, talks)


@pytest.mark.parametrize("name", [BOARD, TABLE])
def test_a_projects_days_in_its_stage_follow_the_clock(clients, monkeypatch, name):
    project = ProjectFactory(title_en="Ageing lead")
    Project.objects.filter(pk=project.pk).update(
        stage_changed_at=timezone.now() - timedelta(days=2) + timedelta(hours=1)
    )
    url = reverse(name)
    assert "1 day" in clients["staff"].get(url).content.decode()
    # The same rows two hours later, most likely the same day: the cards kept for them must not
    # be shown again.
    later = timezone.now() + timedelta(hours=2)  # the board's clock only
    clock = SimpleNamespace(now=lambda: later, localdate=timezone.localdate)
    monkeypatch.setattr("projects.pipeline.board.timezone", clock)
    response = clients["staff"].get(url)
    assert response.status_code == 200, response
    assert "2 days" in response.content.decode()


def test_title_falls_back_to_the_other_language_marked_with_lang(clients):
    chinese_only = ProjectFactory(title_en="", title_zh_hans="固态锂电池", title="固态锂电池")
    english_only = ProjectFactory(title_en="Battery recycling", title_zh_hans="")

    english_page = clients["staff"].get(reverse(BOARD)).content.decode()
    assert re.search(
        r'lang="zh-Hans"[^>]*>(<a [^>]*>)?固态锂电池', card_html(english_page, chinese_only)
    )
    assert 'lang="' not in card_html(english_page, english_only).split("</h3>")[0]

    chinese_page = clients["staff"].get("/zh-hans/projects/board/").content.decode()
    assert re.search(
        r'lang="en"[^>]*>(<a [^>]*>)?Battery recycling', card_html(chinese_page, english_only)
    )
    assert "固态锂电池" in card_html(chinese_page, chinese_only)


def test_overdue_next_action_is_marked_on_the_workstation_clock(clients):
    today = timezone.localdate()  # America/Los_Angeles
    late = ProjectFactory(title_en="Late one", next_action_on=today - timedelta(days=1))
    due_today = ProjectFactory(title_en="Due today", next_action_on=today)
    none_set = ProjectFactory(title_en="No date")

    html = clients["staff"].get(reverse(BOARD)).content.decode()

    assert "overdue" in card_html(html, late)
    assert "board-card-overdue" in card_html(html, late)
    assert "overdue" not in card_html(html, due_today)
    assert "overdue" not in card_html(html, none_set)


def test_board_filters_by_expo_year_and_owner(clients, staff):
    colleague = make_person("staff", "colleague@example.org", is_staff=True)
    mine_2027 = ProjectFactory(title_en="Mine 2027", owner=staff, expo_year=2027)
    theirs_2027 = ProjectFactory(title_en="Theirs 2027", owner=colleague, expo_year=2027)
    mine_2028 = ProjectFactory(title_en="Mine 2028", owner=staff, expo_year=2028)
    client = clients["staff"]

    everything = client.get(reverse(BOARD)).content.decode()
    missing = [
        p.title_en for p in (mine_2027, theirs_2027, mine_2028) if p.title_en not in everything
    ]
    assert not missing, missing
    assert '<option value="" selected>All years</option>' in everything

    by_year = client.get(reverse(BOARD), {"expo_year": "2027"}).content.decode()
    assert "Mine 2027" in by_year and "Theirs 2027" in by_year and "Mine 2028" not in by_year

    by_owner = client.get(reverse(BOARD), {"owner": colleague.pk}).content.decode()
    assert "Theirs 2027" in by_owner and "Mine 2027" not in by_owner

    both = client.get(reverse(BOARD), {"expo_year": "2028", "owner": staff.pk}).content.decode()
    assert "Mine 2028" in both and "Mine 2027" not in both


def test_board_rejects_a_bad_filter_with_a_message(clients):
    ProjectFactory(title_en="Any project")
    response = clients["staff"].get(reverse(BOARD), {"expo_year": "1999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the filters marked below." in html
    assert "Select a valid choice" in html
    assert "Any project" not in html


def test_staff_get_move_controls_and_the_script(clients):
    project = ProjectFactory(title_en="Movable")
    html = clients["staff"].get(reverse(BOARD)).content.decode()
    assert 'aria-live="polite"' in html
    assert 'tabindex="0"' in card_html(html, project)
    card = card_html(html, project)
    move_url = reverse("projects:project_move", kwargs={"pk": project.pk})
    assert 'draggable="true"' in card
    assert f'action="{move_url}"' in card
    assert 'name="to_stage"' in card and "csrfmiddlewaretoken" in card
    assert 'name="next" value="/en/projects/board/"' in card
    assert "portal/board" in html and '<dialog class="move-dialog"' in html


def test_officials_see_the_board_without_move_controls(clients):
    project = ProjectFactory(title_en="Read only")
    response = clients["official"].get(reverse(BOARD))
    html = response.content.decode()
    assert response.status_code == 200
    card = card_html(html, project)
    assert "Read only" in card or "项目" in card
    assert "draggable" not in html
    assert "board-move" not in html and 'name="to_stage"' not in html
    assert "<dialog" not in html and "board.js" not in html
    assert "csrfmiddlewaretoken" not in html.split('id="board"')[1]


@pytest.mark.parametrize("name", [BOARD, TABLE])
def test_access(clients, name):
    url = reverse(name)
    assert clients["staff"].get(url).status_code == 200
    assert clients["official"].get(url).status_code == 200
    assert clients["talent"].get(url).status_code == 403
    anonymous = clients["anonymous"].get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"] or "login" in anonymous["Location"]


# --- The table


def test_table_lists_projects_with_their_details(clients, staff):
    industry = Industry.objects.first()
    project = ProjectFactory(
        title_en="Grid storage",
        company="Storage Co.",
        owner=staff,
        industry=industry,
        landing_mode="factory",
    )
    set_stage(project, Stage.QUALIFIED, days_ago=3)
    html = clients["staff"].get(reverse(TABLE)).content.decode()
    assert "Grid storage" in html and "Storage Co." in html
    assert "Qualified" in html and "3 days" in html
    assert str(industry) in html and "Factory" in html and str(staff) in html
    assert "1 project" in html


def _titles(client, **params) -> set[str]:
    html = client.get(reverse(TABLE), params).content.decode()
    return {title for title in TITLES if title in html}


TITLES = ("Alpha energy", "Beta water", "Gamma drones")


@pytest.fixture
def three_projects(staff):
    industries = list(Industry.objects.all()[:2])
    colleague = make_person("staff", "colleague@example.org", is_staff=True)
    today = timezone.localdate()
    alpha = ProjectFactory(
        title_en=TITLES[0],
        industry=industries[0],
        expo_year=2027,
        owner=staff,
        landing_mode="factory",
        next_action_on=today - timedelta(days=2),
    )
    beta = ProjectFactory(
        title_en=TITLES[1],
        industry=industries[1],
        expo_year=2028,
        owner=colleague,
        landing_mode="licensing",
        next_action_on=today + timedelta(days=2),
    )
    gamma = ProjectFactory(
        title_en=TITLES[2],
        industry=industries[1],
        expo_year=2027,
        owner=None,
        landing_mode="investment",
    )
    set_stage(beta, Stage.IN_TALKS)
    set_stage(gamma, Stage.ON_HOLD)
    return {
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "industries": industries,
        "colleague": colleague,
    }


def test_table_filters_each_work(clients, three_projects, staff):
    client = clients["staff"]
    assert _titles(client) == set(TITLES)
    assert _titles(client, stage="in_talks") == {"Beta water"}
    assert _titles(client, stage="on_hold") == {"Gamma drones"}
    assert _titles(client, industry=three_projects["industries"][1].pk) == {
        "Beta water",
        "Gamma drones",
    }
    assert _titles(client, expo_year="2027") == {"Alpha energy", "Gamma drones"}
    assert _titles(client, owner=staff.pk) == {"Alpha energy"}
    assert _titles(client, owner=three_projects["colleague"].pk) == {"Beta water"}
    assert _titles(client, landing_mode="licensing") == {"Beta water"}
    assert _titles(client, overdue="on") == {"Alpha energy"}
    assert _titles(client, stage="lead", expo_year="2028") == set()
    html = client.get(reverse(TABLE), {"stage": "lead", "expo_year": "2028"}).content.decode()
    assert "No project matches these filters." in html


def test_table_sorts(clients, three_projects):
    client = clients["staff"]

    def order(sort):
        html = client.get(reverse(TABLE), {"sort": sort}).content.decode()
        return sorted(TITLES, key=html.index)

    assert order("next_action") == ["Alpha energy", "Beta water", "Gamma drones"]
    assert order("-next_action") == ["Beta water", "Alpha energy", "Gamma drones"]
    assert order("stage") == ["Alpha energy", "Beta water", "Gamma drones"]
    assert order("-stage") == ["Gamma drones", "Beta water", "Alpha energy"]
    assert order("created") == ["Alpha energy", "Beta water", "Gamma drones"]
    assert order("-created") == ["Gamma drones", "Beta water", "Alpha energy"]


def test_table_marks_overdue_rows(clients, three_projects):
    html = clients["staff"].get(reverse(TABLE)).content.decode()
    rows = {title: row for row in html.split("<tr") for title in TITLES if title in row}
    assert "overdue" in rows["Alpha energy"]
    assert "overdue" not in rows["Beta water"]


def test_table_pagination_keeps_the_filters(clients):
    ProjectFactory.create_batch(30, expo_year=2027)
    ProjectFactory.create_batch(3, expo_year=2028)
    client = clients["staff"]
    first = client.get(reverse(TABLE), {"expo_year": "2027"}).content.decode()
    assert "30 projects" in first and "Page 1 of 2" in first
    assert first.count("<tr>") + first.count("<tr class") == 26  # header + 25 rows
    next_link = re.search(r'href="([^"]*page=2[^"]*)" rel="next"', first).group(1)
    assert "expo_year=2027" in next_link
    second = client.get(reverse(TABLE) + next_link.replace("&amp;", "&")).content.decode()
    assert "Page 2 of 2" in second
    assert second.count("<tr>") + second.count("<tr class") == 6  # header + 5 rows


def test_table_links_to_the_project_page(clients):
    project = ProjectFactory(title_en="Linked project")
    html = clients["staff"].get(reverse(TABLE)).content.decode()
    detail = reverse("projects:project_detail", kwargs={"pk": project.pk})
    assert f'href="{detail}"' in html


# --- Query counts do not grow with the number of projects


def _populate(count: int, *, batch: int):
    owners = [
        make_person("staff", f"owner{batch}.{index}@example.org", is_staff=True)
        for index in range(3)
    ]
    industries = list(Industry.objects.all()[:3])
    stages = [
        Stage.LEAD,
        Stage.CONTACTED,
        Stage.IN_TALKS,
        Stage.LANDED,
        Stage.ON_HOLD,
        Stage.DROPPED,
    ]
    today = timezone.localdate()
    for index in range(count):
        project = ProjectFactory(
            owner=owners[index % 3] if index % 4 else None,
            industry=industries[index % len(industries)],
            expo_year=2027 + index % 2,
            next_action_on=today - timedelta(days=index % 3 - 1),
        )
        set_stage(project, stages[index % len(stages)], days_ago=index)


def _queries(client, url, params=None) -> int:
    client.get(url, params)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", [BOARD, TABLE])
@pytest.mark.parametrize("role", ["staff", "official"])
def test_query_counts_do_not_grow_with_projects(clients, name, role):
    client, url = clients[role], reverse(name)
    _populate(2, batch=1)
    few = _queries(client, url)
    few_filtered = _queries(client, url, {"expo_year": "2027", "sort": "stage"})
    _populate(28, batch=2)
    assert Project.objects.count() == 30
    many = _queries(client, url)
    many_filtered = _queries(client, url, {"expo_year": "2027", "sort": "stage"})
    assert many == few, f"{name}: {few} queries with 2 projects, {many} with 30"
    assert many_filtered == few_filtered


def test_the_move_form_works_without_javascript(clients):
    project = ProjectFactory(title_en="Plain form")
    client = clients["staff"]
    client.handler.enforce_csrf_checks = True  # the card's form carries its own token
    # The same cards (cached) on two addresses: each form returns to the page it is on.
    card = card_html(client.get(reverse(BOARD) + "?owner=").content.decode(), project)
    assert re.search(r'name="next" value="([^"]+)"', card).group(1) == reverse(BOARD) + "?owner="
    board_url = reverse(BOARD) + "?expo_year=2027"
    html = client.get(board_url).content.decode()
    card = card_html(html, project)
    action = re.search(r'<form method="post" action="([^"]+)"', card).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', card).group(1).replace("&amp;", "&")
    assert next_url == board_url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card).group(1)

    refused = client.post(
        action,
        {"to_stage": "dropped", "next": next_url, "csrfmiddlewaretoken": token},
        follow=True,
    )
    assert refused.redirect_chain[-1][0] == board_url
    assert "Give the reason the project is dropped." in refused.content.decode()
    assert "Plain form" in column_html(refused.content.decode(), "lead")

    moved = client.post(
        action,
        {
            "to_stage": "dropped",
            "reason": "No funding.",
            "next": next_url,
            "csrfmiddlewaretoken": token,
        },
        follow=True,
    )
    assert "Plain form" in column_html(moved.content.decode(), "dropped")


@pytest.mark.parametrize("name", [BOARD, TABLE])
def test_an_unfiltered_pages_statement_is_written_once_and_its_rows_still_follow(
    clients, monkeypatch, name
):
    import projects.pipeline.board as board

    written = []

    def counting(*args, **kwargs):
        written.append(1)
        return versions_select(*args, **kwargs)

    monkeypatch.setattr(board, "versions_select", counting)
    monkeypatch.setattr("workstation.digests._written", OrderedDict())  # none written yet
    project = ProjectFactory(title_en="Kept statement")
    client, url = clients["staff"], reverse(name)
    assert "Kept statement" in client.get(url).content.decode()
    Project.objects.filter(pk=project.pk).update(title_en="Renamed behind its back")
    assert "Renamed behind its back" in client.get(url).content.decode()
    unfiltered = len(written)
    client.get(url, {"expo_year": "2027"})
    client.get(url, {"expo_year": "2027"})
    assert len(written) - unfiltered == 2  # a filtered page's statement is written each time
    assert unfiltered == 1  # written once for both visits

"""The annual-duties dashboard: figures equal counts made here, per role, in constant queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.dashboard.figures import this_year, year_figures
from talentpool.profiles.models import TalentProfile
from tests.factories import (
    BriefingFactory,
    EventFactory,
    TalentProfileFactory,
)
from tests.reports.dashboard.year_data import (
    YEAR,
    build_conferences,
    build_invitations,
    build_meetings,
    build_projects,
    dashboard,
    figure,
    pacific,
    region,
    state,
    talent_cells,
)
from workstation.targets.models import Target

pytestmark = pytest.mark.django_db


def month_rows(page: str) -> list[list[str]]:
    table = re.search(r'<table class="months-table">(.*?)</table>', page, re.S).group(1)
    body = table.split("<tbody>")[1]
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
    return [
        [re.sub(r"<[^>]+>", "", text).strip() for text in cell.findall(row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


# --- the data


def build_briefings(year=YEAR) -> None:
    """January on time (10 February 23:59), February late (11 March 00:01), March unpublished."""
    BriefingFactory(
        year=year, month=1, status="published", published_at=pacific(year, 2, 10, 23, 59)
    )
    BriefingFactory(year=year, month=2, status="published", published_at=pacific(year, 3, 11, 0, 1))
    BriefingFactory(year=year, month=3, status="approved")


def build_talent(year=YEAR) -> dict:
    """Profiles by native place and registration month; returns the counts made here."""
    places = {"620100": 4, "620102": 1, "620500": 2, "110000": 3}  # Lanzhou, its district, ...
    created = [
        pacific(year, 1, 15),
        pacific(year, 1, 20),
        pacific(year, 1, 31, 23, 59),
        pacific(year, 2, 1, 0, 1),
        pacific(year, 6, 1),
        pacific(year, 6, 2),
        pacific(year, 6, 3),
        pacific(year, 6, 4),
        pacific(year - 1, 12, 31, 23),
        pacific(year + 1, 1, 1, 1),
    ]
    people = []
    for code, count in places.items():
        people += [TalentProfileFactory(native_region=region(code)) for _ in range(count)]
    for person, moment in zip(people, created, strict=True):
        TalentProfile.objects.filter(pk=person.pk).update(created_at=moment)
    per_month = [0] * 12
    for moment in created:
        if moment.year == year:
            per_month[moment.month - 1] += 1
    return {
        "total": len(people),
        "gansu": places["620100"] + places["620102"] + places["620500"],
        "lanzhou": places["620100"] + places["620102"],
        "lanzhou_prefecture": places["620100"] + places["620102"],
        "tianshui": places["620500"],
        "new_by_month": per_month,
    }


# --- the tests


def test_the_duties_equal_counts_made_independently(clients):
    brought = build_projects()
    invited, attended = build_invitations()
    conferences, partners = build_conferences()
    build_briefings()
    meetings = build_meetings()
    page = dashboard(clients["staff"])
    assert figure(page, "expo_projects") == brought == 5
    assert figure(page, "vips_invited") == invited == 6
    assert figure(page, "vips_attended") == attended == 2
    assert figure(page, "conferences") == conferences
    assert figure(page, "media_partners") == len(partners)
    for name in partners:
        assert name in page
    assert "Next Year Media" not in page
    assert figure(page, "briefings_on_time") == 1
    assert figure(page, "meetings_held") == sum(meetings) == 4
    # Against the default targets.
    assert state(page, "expo_projects") == "not_met"  # 5 against 10, and 2025 is over
    assert state(page, "vips_invited") == "above_range"  # 6 against 2 to 5
    assert state(page, "vips_attended") == "met"
    assert state(page, "conferences") == "met"
    assert state(page, "media_partners") == "met"
    assert "2 to 5" in page and "at least 10" in page


def test_briefings_on_time_by_the_10th_pacific_and_month_states(clients):
    build_briefings()
    meetings = build_meetings()
    rows = month_rows(dashboard(clients["staff"]))
    assert rows[0][0] == "January"
    assert rows[0][1] == f"On time {YEAR}-02-10"  # 10 February 23:59 Pacific
    assert rows[1][1] == f"Late {YEAR}-03-11"  # 11 March 00:01 Pacific
    assert rows[2][1] == "Not published yet"  # approved, not published, past its 10th
    assert all(row[1] == "Not published yet" for row in rows[3:])
    assert [int(row[2]) for row in rows] == meetings


def test_this_year_counts_only_meetings_that_have_ended_and_months_not_due_yet(clients):
    year = this_year()
    past = timezone.now() - timedelta(days=1)
    start_of_year = pacific(year, 1, 1)
    if past < start_of_year:
        pytest.skip("too early in the year")
    EventFactory(kind="monthly_meeting", starts_at=past - timedelta(hours=1), ends_at=past)
    EventFactory(
        kind="monthly_meeting",
        starts_at=timezone.now() + timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    figures = year_figures(year, hide_small_cells=False)
    held = {row["duty"]: row["figure"] for row in figures["duties"]}["meetings_held"]
    assert held == 1
    states = [month["state"] for month in figures["briefings"]]
    assert states[-1] == "not_due"  # December's briefing is due on 10 January


def test_a_figure_below_its_target_is_in_progress_while_the_year_runs(clients):
    this_year = timezone.localdate().year
    page = dashboard(clients["staff"], year=this_year)
    assert figure(page, "meetings_held") == 0
    assert state(page, "meetings_held") == "in_progress"
    assert "In progress" in page and "Not met" not in page


def test_a_years_own_target_replaces_the_default(clients):
    build_projects()
    Target.objects.create(year=YEAR, duty="expo_projects", minimum=3, maximum=5)
    page = dashboard(clients["staff"])
    assert state(page, "expo_projects") == "met"
    assert "3 to 5" in page


def test_staff_see_every_talent_count(clients):
    counts = build_talent()
    page = dashboard(clients["staff"])
    cells = talent_cells(page)
    assert cells["Lanzhou"] == str(counts["lanzhou_prefecture"])
    assert cells["Tianshui"] == str(counts["tianshui"])
    assert cells["Jiuquan"] == "0"
    summary = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    assert summary["People in the pool now"] == str(counts["total"])
    assert summary["of them Gansu natives"] == str(counts["gansu"])
    assert summary["of them Lanzhou natives"] == str(counts["lanzhou"])
    rows = month_rows(page)
    assert [row[3] for row in rows] == [str(n) for n in counts["new_by_month"]]


def test_officials_see_counts_under_three_withheld_zeros_included(clients):
    counts = build_talent()
    page = dashboard(clients["official"])
    cells = talent_cells(page)
    assert cells["Lanzhou"] == str(counts["lanzhou_prefecture"])  # 5
    assert counts["tianshui"] == 2 and cells["Tianshui"] == "fewer than 3"
    # Zero is withheld too: shown zeros and the Gansu total would give Tianshui's 2 away.
    assert cells["Jiuquan"] == "fewer than 3"
    new = [row[3] for row in month_rows(page)]
    expected = ["fewer than 3" if n < 3 else str(n) for n in counts["new_by_month"]]
    assert new == expected
    assert "fewer than 3" in new and "4" in new
    # The charts' data withholds them too (null, not the number).
    charts = re.search(r'id="dashboard-charts"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert "null" in charts


def test_the_chinese_page_gives_chart_labels_in_chinese(official):
    from tests.conftest import signed_in_client

    client = signed_in_client(official)
    page = client.get("/zh-hans/reports/dashboard/", {"year": YEAR}).content.decode()
    charts = re.search(r'id="dashboard-charts"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert "\\u5170\\u5dde" in charts or "兰州" in charts  # the prefecture 兰州市


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("talent", 403), ("other_talent", 403), ("official", 200), ("staff", 200)],
)
def test_who_may_see_the_dashboard(clients, role, expected):
    response = clients[role].get(reverse("reports:dashboard"))
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]
    if expected == 200:
        assert 'href="/en/reports/dashboard/"' in response.content.decode()  # in the navigation
        assert "chart.umd.min" in response.content.decode()


def test_the_navigation_does_not_show_the_dashboard_to_talents(clients):
    page = clients["talent"].get(reverse("workstation:home")).content.decode()
    assert "/reports/dashboard/" not in page


def test_an_unknown_year_says_so(clients):
    response = clients["staff"].get(reverse("reports:dashboard"), {"year": "1999"})
    assert response.status_code == 400
    assert "Choose a year from the list." in response.content.decode()


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        dashboard(client)
    return len(captured)


@pytest.mark.parametrize("role", ["staff", "official"])
def test_the_query_count_does_not_grow_with_the_data(clients, role):
    dashboard(clients[role])  # what a process reads once is read before counting
    build_projects()
    build_invitations()
    build_briefings()
    build_talent()
    few = queries(clients[role])
    build_projects()
    build_invitations()
    build_conferences()
    build_meetings()
    for month in range(4, 13):
        BriefingFactory(
            year=YEAR,
            month=month,
            status="published",
            published_at=pacific(YEAR + (month == 12), month % 12 + 1, 5),
        )
    for _ in range(3):
        build_talent()
    assert queries(clients[role]) == few


def test_staff_keep_the_years_targets_in_the_admin(clients):
    Target.objects.create(year=YEAR, duty="meetings_held", minimum=10)
    url = reverse("admin:workstation_target_changelist")
    page = clients["staff"].get(url)
    assert page.status_code == 200
    assert "Monthly meetings held" in page.content.decode()
    assert clients["official"].get(url).status_code != 200

"""The annual-duties figures in the API: the dashboard page's figures by its rules (officials
read talent counts under 3 withheld), in the reader's language."""

from __future__ import annotations

import pytest

from reports.dashboard.figures import this_year
from tests.factories import EventFactory, TalentProfileFactory
from tests.reports.dashboard.year_data import YEAR, build_invitations, build_projects, pacific
from workstation.events.models import MediaPartner

pytestmark = pytest.mark.django_db


def figures(client, year=YEAR, **params):
    response = client.get(f"/api/v1/figures/{year}/", params)
    assert response.status_code == 200
    return response.json()


def duty(body, name):
    return next(row for row in body["duties"] if row["duty"] == name)


def test_the_duties_counted_as_on_the_dashboard(api_clients):
    brought = build_projects()
    invited, attended = build_invitations()
    conference = EventFactory(
        kind="conference", starts_at=pacific(YEAR, 10, 10, 9), ends_at=pacific(YEAR, 10, 10, 17)
    )
    MediaPartner.objects.create(event=conference, name_en="Gansu Daily", name_zh_hans="甘肃日报")
    for role in ("official", "staff"):
        body = figures(api_clients[role])
        assert body["year"] == YEAR
        assert duty(body, "expo_projects")["figure"] == brought
        assert duty(body, "vips_invited")["figure"] == invited
        assert duty(body, "vips_attended")["figure"] == attended
        assert duty(body, "conferences") | {"label": ""} == {
            "duty": "conferences",
            "label": "",
            "figure": 1,
            "minimum": 1,
            "maximum": 1,
            "state": "met",
            "state_label": "Met",
        }
        assert body["media_partners"] == [
            {"name": "Gansu Daily", "name_zh_hans": "甘肃日报", "name_en": "Gansu Daily"}
        ]
        assert [month["month"] for month in body["briefings"]] == list(range(1, 13))
        assert body["briefings"][0]["state"] == "not_yet"  # a past year: every month was due
        assert len(body["meetings_by_month"]) == 12


def test_officials_read_small_talent_counts_withheld(api_clients):
    TalentProfileFactory.create_batch(2)
    official = figures(api_clients["official"], this_year())["talent"]
    staff = figures(api_clients["staff"], this_year())["talent"]
    assert official["withheld"] is True and staff["withheld"] is False
    assert official["total"] is None and staff["total"] == 2
    assert official["new_this_year"] is None and staff["new_this_year"] == 2
    assert all(row["count"] is None for row in official["by_prefecture"])
    assert sum(row["count"] for row in staff["by_prefecture"]) <= 2


def test_labels_in_the_readers_language(api_clients):
    english = figures(api_clients["official"])
    chinese = figures(api_clients["official"], lang="zh-hans")
    assert duty(english, "meetings_held")["label"] == "Monthly meetings held"
    assert duty(chinese, "meetings_held")["label"] != "Monthly meetings held"
    assert chinese["briefings"][0]["state_label"] != english["briefings"][0]["state_label"]
    prefecture = chinese["talent"]["by_prefecture"][0]["label"]
    assert prefecture["name"] == prefecture["name_zh_hans"] != prefecture["name_en"]


def test_a_year_the_dashboard_does_not_offer_is_not_found(api_clients):
    for year in (2023, this_year() + 2, 0, -1, 99999):
        response = api_clients["staff"].get(f"/api/v1/figures/{year}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

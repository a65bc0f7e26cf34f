"""The data packages in the API: listed with their SHA-256, size and download link, downloaded
with a token (an audited read), refused to talents; the list's queries do not grow with it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.briefings.models import HistoryEntry
from reports.packages.models import DataPackage
from tests.conftest import api_client
from tests.factories import BriefingFactory
from tests.reports.packages.published import made_package, publish, stand_in_editions, unzipped
from workstation.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PACKAGES = "/api/v1/data-packages/"


def test_officials_list_the_packages_and_download_one_with_a_token(staff, official):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    package = made_package(briefing)
    reader = api_client(official, name="Bureau statistics")

    (listed,) = reader.get(PACKAGES).json()["results"]
    assert listed == {
        "id": package.pk,
        "briefing": briefing.pk,
        "year": 2026,
        "month": 10,
        "published_at": listed["published_at"],
        "status": "ready",
        "sha256": package.sha256,
        "size": package.size,
        "generated_at": listed["generated_at"],
        "download_url": f"http://testserver{PACKAGES}{package.pk}/download/",
    }
    assert listed["published_at"] and listed["generated_at"]
    assert reader.get(f"{PACKAGES}{package.pk}/").json() == listed

    response = reader.get(listed["download_url"], headers={"Accept": "application/zip"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    assert len(content) == package.size and "manifest.json" in unzipped(content)
    entry = AuditEntry.objects.get(action="api.read")
    assert entry.actor == official and entry.object_type == "data package"
    assert entry.details["token"] == "Bureau statistics"
    assert entry.details["ids"] == [package.pk]


def test_a_package_being_made_has_no_download_yet(api_clients, staff, official):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    package = DataPackage.objects.get()
    (listed,) = api_clients["staff"].get(PACKAGES).json()["results"]
    assert listed["status"] == "pending" and listed["download_url"] is None
    response = api_clients["staff"].get(
        f"{PACKAGES}{package.pk}/download/", headers={"Accept": "application/zip"}
    )
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert not AuditEntry.objects.filter(action="api.read").exists()


def test_talents_get_neither_the_list_nor_a_package(clients, staff, official):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    package = made_package(briefing)
    for url in (PACKAGES, f"{PACKAGES}{package.pk}/", f"{PACKAGES}{package.pk}/download/"):
        assert clients["talent"].get(url).status_code == 403, url
        assert clients["anonymous"].get(url).status_code == 401, url


def packages_for_months(months) -> list[DataPackage]:
    made = []
    for month in months:
        briefing = BriefingFactory(year=2025, month=month, status="published", review_round=1)
        publication = HistoryEntry.objects.create(briefing=briefing, action="published")
        made.append(
            DataPackage.objects.create(
                publication=publication,
                status="ready",
                sha256="0" * 64,
                size=10,
                generated_at=timezone.now(),
            )
        )
    return made


def test_the_list_filters_by_year_and_month(api_clients):
    packages_for_months([3, 4])
    reader = api_clients["official"]
    assert [p["month"] for p in reader.get(f"{PACKAGES}?year=2025&month=4").json()["results"]] == [
        4
    ]
    assert reader.get(f"{PACKAGES}?year=2024").json()["results"] == []


def test_the_lists_queries_do_not_grow_with_its_rows(api_clients, django_assert_max_num_queries):
    reader = api_clients["official"]
    reader.get(PACKAGES)  # the token's first use is recorded once
    packages_for_months([1, 2])
    with CaptureQueriesContext(connection) as queries:
        assert len(reader.get(PACKAGES).json()["results"]) == 2
    packages_for_months(range(3, 13))
    with django_assert_max_num_queries(len(queries)):
        assert len(reader.get(PACKAGES).json()["results"]) == 12

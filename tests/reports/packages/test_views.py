"""The data package on the briefing's page: a download with its size once made, "being made"
before, "Try again" for staff when it failed or was lost; talents get nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.packages.models import DataPackage
from tests.pdf_jobs import check_try_again
from tests.reports.packages.published import (
    made_package,
    publish,
    stand_in_editions,
    unzipped,
)
from workstation.pdfs import services as pdfs

pytestmark = pytest.mark.django_db


def page_of(briefing) -> str:
    return reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})


def download_url(package) -> str:
    return reverse(
        "reports:package_download",
        kwargs={"pk": package.publication.briefing_id, "package_pk": package.pk},
    )


def retry_url(package) -> str:
    return reverse(
        "reports:package_retry",
        kwargs={"pk": package.publication.briefing_id, "package_pk": package.pk},
    )


def test_officials_download_the_package_from_the_briefing_page(clients, staff, official):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    package = made_package(briefing)
    page = clients["official"].get(page_of(briefing)).content.decode()
    assert "Data package (zip)" in page and download_url(package) in page
    assert package.sha256 in page
    chinese = clients["official"].get(page_of(briefing).replace("/en/", "/zh-hans/"))
    assert "数据包（zip）" in chinese.content.decode()

    response = clients["official"].get(download_url(package))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="briefing-2026-10-data.zip"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert len(content) == package.size and "projects.csv" in unzipped(content)

    assert clients["talent"].get(download_url(package)).status_code == 403
    assert clients["talent"].get(page_of(briefing)).status_code == 403


def test_the_page_says_the_package_is_being_made_until_it_is(clients, staff, official):
    briefing = publish(staff=staff, official=official)
    assert "Data package" not in clients["official"].get(page_of(briefing)).content.decode()
    stand_in_editions(briefing)
    package = DataPackage.objects.get()
    page = clients["official"].get(page_of(briefing)).content.decode()
    assert "Data package (zip)" in page and "Being made" in page
    assert download_url(package) not in page
    assert clients["official"].get(download_url(package)).status_code == 404


def test_staff_try_a_failed_package_again(monkeypatch, clients, staff, official):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    package = DataPackage.objects.get()
    DataPackage.objects.filter(pk=package.pk).update(status="failed", error="No disk space.")
    page = clients["staff"].get(page_of(briefing)).content.decode()
    assert "No disk space." in page and retry_url(package) in page
    assert retry_url(package) not in clients["official"].get(page_of(briefing)).content.decode()
    assert clients["official"].post(retry_url(package)).status_code == 403
    monkeypatch.setattr(pdfs, "enqueue", lambda kind, pk: True)
    response = clients["staff"].post(retry_url(package))
    assert response.status_code == 302 and response["Location"] == f"{page_of(briefing)}#pdfs"
    package = made_package(briefing)
    assert package.status == "ready" and package.requested_by == staff
    assert clients["staff"].post(retry_url(package)).status_code == 404  # made: never again


def test_staff_try_again_a_package_lost_on_its_way_to_a_worker(
    monkeypatch, clients, staff, official, django_capture_on_commit_callbacks
):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    package = DataPackage.objects.get()
    queued = []
    monkeypatch.setattr(pdfs, "enqueue", lambda kind, pk: queued.append(pk) or True)
    check_try_again(
        clients=clients,
        staff=staff,
        record=package,
        page_url=page_of(briefing),
        retry_url=retry_url(package),
        anchor="pdfs",
        queued=queued,
        capture=django_capture_on_commit_callbacks,
    )

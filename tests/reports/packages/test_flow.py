"""Publishing a briefing on a real Celery worker: its editions, then its one data package, which
officials download from the page and by API."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from reports.briefings import services
from reports.editions.models import BriefingPDF
from reports.editions.pdfs import edition_file_name
from reports.packages.models import DataPackage
from tests.conftest import api_client, make_person, signed_in_client
from tests.factories import BriefingItemFactory
from tests.fixtures.celery_worker import wait_until
from tests.pdf_jobs import needs_pdf
from tests.reports.packages.published import PACKAGE, unzipped
from workstation.pdfs import tasks as pdf_tasks


@needs_pdf
@pytest.mark.timeout(180)
def test_publishing_makes_one_package_on_a_real_worker_that_officials_download(
    celery_worker, reference_data, monkeypatch
):
    # The worker keeps files in the private storage of its settings: read them there.
    for model in (BriefingPDF, DataPackage):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storages["private"])
    staff = make_person("staff", "staff@example.org", is_staff=True)
    official = make_person("official", "official@example.org", "zh-hans")
    talent = make_person("talent", "talent@example.org")
    briefing = BriefingItemFactory().briefing
    services.submit(briefing=briefing, actor=staff)
    services.approve(briefing=briefing, actor=official)
    client = signed_in_client(staff)
    publish = reverse("reports:briefing_publish", kwargs={"pk": briefing.pk})
    assert client.post(publish).status_code == 302
    assert client.post(publish).status_code == 302  # a double click: refused, nothing new
    packages = DataPackage.objects.filter(publication__briefing=briefing)
    editions = BriefingPDF.objects.filter(briefing=briefing, kind="published")
    try:
        wait_until(
            lambda: packages.filter(status="ready").exists(),
            timeout=120,
            what="the worker to make the editions, then the package",
        )
        package = packages.get()
        made = (package.file.name, package.sha256, package.generated_at)
        # A duplicate message and the sweep: neither makes it again.
        duplicate = pdf_tasks.render_pdf.delay(kind=PACKAGE, pk=package.pk)
        (run,) = celery_worker.wait_for_tasks([duplicate.id], timeout=30)
        assert run.result == "'not pending'"
        assert pdf_tasks.sweep_pending_pdfs() == 0
        package.refresh_from_db()
        assert packages.count() == 1 and (package.file.name, package.sha256) == made[:2]
        assert package.generated_at == made[2] and package.requested_by == staff

        page_url = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})
        download = reverse(
            "reports:package_download", kwargs={"pk": briefing.pk, "package_pk": package.pk}
        )
        reader = signed_in_client(official)
        assert download in reader.get(page_url).content.decode()
        from_page = b"".join(reader.get(download).streaming_content)
        response = api_client(official).get(f"/api/v1/data-packages/{package.pk}/download/")
        assert b"".join(response.streaming_content) == from_page
        assert hashlib.sha256(from_page).hexdigest() == package.sha256
        assert signed_in_client(talent).get(download).status_code == 403

        files = unzipped(from_page)
        for edition in editions:
            content = files[f"pdf/{edition_file_name(edition)}"]
            assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == (
                edition.sha256
            )
        manifest = json.loads(files["manifest.json"])
        for entry in manifest["files"]:
            assert hashlib.sha256(files[entry["name"]]).hexdigest() == entry["sha256"]
        assert len(manifest["files"]) == len(files) - 1
    finally:
        for record in [*editions, *packages]:
            if record.file:
                storages["private"].delete(record.file.name)

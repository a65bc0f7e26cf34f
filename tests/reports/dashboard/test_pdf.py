"""The year-end PDF: what it says in the requester's language, its fonts, its file, its states."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone, translation

from reports.dashboard import services
from reports.dashboard.models import YearEndPDF
from tests.conftest import signed_in_client
from tests.factories import EventFactory, ProjectFactory, TalentProfileFactory
from tests.fixtures.celery_worker import wait_until
from tests.pdf_jobs import check_try_again, needs_pdf
from tests.pdf_reading import fonts_of, pdf_text
from tests.reports.dashboard.year_data import build_invitations, build_projects, move
from workstation.events.models import MediaPartner
from workstation.pdfs import services as pdf_services
from workstation.pdfs import tasks as pdf_tasks
from workstation.reference.models import Region

PACIFIC = ZoneInfo("America/Los_Angeles")
YEAR = 2025


def make(language: str, capture=None) -> YearEndPDF:
    summary = services.request_year_end_pdf(year=YEAR, language=language, actor=None)
    if capture is None:
        assert pdf_services.make(kind="reports.yearendpdf", pk=summary.pk) == "ready", summary.error
    else:
        with capture(execute=True):  # the old file is removed once the new one is committed
            assert pdf_services.make(kind="reports.yearendpdf", pk=summary.pk) == "ready", (
                summary.error
            )
    summary.refresh_from_db()
    return summary


@pytest.fixture
def year_data(db):
    brought = build_projects()
    invited, attended = build_invitations()
    held = EventFactory(
        kind="conference",
        starts_at=datetime(YEAR, 10, 10, 9, tzinfo=PACIFIC),
        ends_at=datetime(YEAR, 10, 10, 17, tzinfo=PACIFIC),
    )
    MediaPartner.objects.create(event=held, name_en="Valley Tribune", name_zh_hans="硅谷论坛报")
    tianshui = Region.objects.get(code="620500")
    for _ in range(2):  # a small count, withheld in the PDF
        TalentProfileFactory(native_region=tianshui)
    return {"expo_projects": brought, "vips_invited": invited, "vips_attended": attended}


@needs_pdf
@pytest.mark.django_db
def test_the_english_pdf_gives_each_duty_its_figure_and_target(year_data):
    summary = make("en")
    text = pdf_text(summary)
    assert "Annual duties 2025" in text
    assert "Projects brought to the Expo 5 at least 10 Not met" in text
    assert "VIPs invited 6 2 to 5 Above the range" in text
    assert "VIPs who attended 2 2 to 5 Met" in text
    assert "Valley Tribune" in text
    assert "fewer than 3" in text  # Tianshui's two people
    assert "People in the pool now" in text
    assert "Figures compiled on" in text and ("PST" in text or "PDT" in text)
    fonts = fonts_of(summary)
    assert fonts and all(embedded for _name, embedded in fonts), fonts


@needs_pdf
@pytest.mark.django_db
def test_a_chinese_request_makes_a_chinese_pdf_with_embedded_fonts(year_data):
    summary = make("zh-hans")
    assert summary.language == "zh-hans"
    text = pdf_text(summary)
    assert "兰州科技创新（硅谷）工作站" in text
    assert "硅谷论坛报" in text and "Valley Tribune" not in text
    assert "天水" in text
    assert "Projects brought to the Expo" not in text
    fonts = fonts_of(summary)
    assert fonts and all(embedded for _name, embedded in fonts), fonts


@needs_pdf
@pytest.mark.django_db
def test_regenerating_replaces_the_file_of_that_year_and_language(
    year_data, private_storage, django_capture_on_commit_callbacks
):
    first = make("en")
    chinese = make("zh-hans")
    old_name = first.file.name
    ProjectFactory(expo_year=YEAR)
    second = make("en", capture=django_capture_on_commit_callbacks)
    assert second.pk == first.pk and second.file.name != old_name
    assert not private_storage.exists(old_name)
    assert private_storage.exists(second.file.name)
    assert private_storage.exists(chinese.file.name)
    assert YearEndPDF.objects.filter(year=YEAR).count() == 2


@pytest.mark.django_db
def test_the_pdf_says_when_its_figures_were_compiled_on_the_workstations_clock():
    from datetime import UTC

    from reports.dashboard.document import summary_document

    # 22:38 on the 6th in California is already the 7th in UTC.
    moment = datetime(2026, 12, 7, 6, 38, tzinfo=UTC)
    with timezone.override("UTC"):
        for language, expected in (
            ("en", "2026-12-06 22:38 PST"),
            ("zh-hans", "2026-12-06 22:38 太平洋标准时间"),
        ):
            document = summary_document(year=2026, language=language, now=moment)
            assert document["computed_at"] == expected


@pytest.mark.django_db
def test_staff_try_again_a_summary_lost_on_its_way_to_a_worker(
    monkeypatch, clients, staff, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: queued.append(pk) or True)
    summary = YearEndPDF.objects.create(year=YEAR, language="en", requested_at=timezone.now())
    check_try_again(
        clients=clients,
        staff=staff,
        record=summary,
        page_url=f"{reverse('reports:dashboard')}?year={YEAR}",
        retry_url=reverse("reports:dashboard_pdf_retry", kwargs={"pk": summary.pk}),
        anchor="year-end-pdf",
        queued=queued,
        capture=django_capture_on_commit_callbacks,
    )


@pytest.mark.django_db
def test_a_task_that_runs_twice_renders_once(monkeypatch, year_data):
    import workstation.pdf

    monkeypatch.setattr(workstation.pdf, "render_pdf", lambda **kwargs: b"%PDF-1.4\n%%EOF\n")
    summary = services.request_year_end_pdf(year=YEAR, language="en", actor=None)
    assert pdf_tasks.render_pdf(kind="reports.yearendpdf", pk=summary.pk) == "ready"
    assert pdf_tasks.render_pdf(kind="reports.yearendpdf", pk=summary.pk) == "not pending"


@pytest.mark.django_db
def test_a_machine_that_cannot_make_pdfs_fails_the_summary_with_the_reason(monkeypatch):
    import workstation.pdf

    monkeypatch.setattr(workstation.pdf, "pdf_unavailable_reason", lambda: "No Chinese font.")
    summary = services.request_year_end_pdf(year=YEAR, language="en", actor=None)
    assert pdf_services.make(kind="reports.yearendpdf", pk=summary.pk) == "failed"
    summary.refresh_from_db()
    assert summary.status == "failed" and summary.error == "No Chinese font."


@pytest.mark.django_db
def test_the_sweep_requeues_only_summaries_pending_past_the_grace(monkeypatch):
    queued = []
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: queued.append(pk) or True)
    old = YearEndPDF.objects.create(
        year=YEAR, language="en", requested_at=timezone.now() - timedelta(minutes=30)
    )
    YearEndPDF.objects.create(year=YEAR, language="zh-hans", requested_at=timezone.now())
    YearEndPDF.objects.create(
        year=YEAR - 1,
        language="en",
        status="ready",
        requested_at=timezone.now() - timedelta(hours=1),
    )
    assert pdf_tasks.sweep_pending_pdfs() == 1
    assert queued == [old.pk]


@pytest.mark.django_db
def test_the_page_asks_in_the_requesters_language_and_shows_each_state(
    clients, official, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: queued.append(pk) or True)
    url = reverse("reports:dashboard_pdf_request", kwargs={"year": YEAR})
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["staff"].post(url, follow=True)
    page = response.content.decode()
    assert "The PDF is being made" in page and "Being made" in page
    summary = YearEndPDF.objects.get()
    assert summary.language == "en" and queued == [summary.pk]

    # An official on the Chinese page asks for the Chinese one.
    client = signed_in_client(official)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/zh-hans/reports/dashboard/{YEAR}/pdf/")
    translation.activate("en")
    assert YearEndPDF.objects.get(language="zh-hans").requested_by == official

    YearEndPDF.objects.filter(language="zh-hans").update(status="failed", error="No font here.")
    summary.status = "ready"
    summary.generated_at = timezone.now()
    summary.save()
    from django.core.files.base import ContentFile

    summary.file.save("x.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    page = clients["staff"].get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    download = reverse("reports:dashboard_pdf_download", kwargs={"pk": summary.pk})
    assert download in page and "No font here." in page and "Failed" in page
    response = clients["official"].get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert clients["talent"].get(download).status_code == 403
    # A pending or failed one has nothing to download.
    failed = YearEndPDF.objects.get(language="zh-hans")
    failed_url = reverse("reports:dashboard_pdf_download", kwargs={"pk": failed.pk})
    assert clients["staff"].get(failed_url).status_code == 404


@pytest.mark.django_db
def test_asking_again_while_pending_does_not_queue_twice(
    clients, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: queued.append(pk) or True)
    url = reverse("reports:dashboard_pdf_request", kwargs={"year": YEAR})
    with django_capture_on_commit_callbacks(execute=True):
        clients["staff"].post(url)
        clients["staff"].post(url)
    assert len(queued) == 1
    assert (
        clients["staff"]
        .post(reverse("reports:dashboard_pdf_request", kwargs={"year": 1990}))
        .status_code
        == 404
    )


@needs_pdf
@pytest.mark.timeout(120)
def test_a_real_worker_makes_the_pdf(celery_worker, reference_data, clients):
    project = ProjectFactory(expo_year=YEAR)
    move(project, "lead", "expo_confirmed", "attended_expo")
    clients["staff"].post(reverse("reports:dashboard_pdf_request", kwargs={"year": YEAR}))
    summary = wait_until(
        lambda: YearEndPDF.objects.filter(status="ready").first(), timeout=60, what="the PDF"
    )
    # The worker wrote to the private storage of its settings, not the test's folder.
    try:
        text = pdf_text(summary, storages["private"])
        assert "Projects brought to the Expo 1 at least 10" in text
    finally:
        storages["private"].delete(summary.file.name)

"""The expo page: progress against the target, roster PDFs made by the worker, downloads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone

from projects.expo import services
from projects.expo.models import GeneratedPDF
from projects.pipeline.models import StageChange
from tests.conftest import make_person, signed_in_client
from tests.factories import ProjectFactory
from tests.fixtures.celery_worker import wait_until
from tests.pdf_jobs import check_try_again
from tests.pdf_reading import pdf_text
from workstation.pdf import PDFUnavailable, pdf_unavailable_reason
from workstation.pdfs import services as pdf_services
from workstation.pdfs import tasks as pdf_tasks

pytestmark = pytest.mark.django_db

YEAR = 2027


def expo_projects():
    """Projects in several stages of YEAR, plus one of another year that must not count."""
    made = {
        stage: ProjectFactory(expo_year=YEAR, stage=stage)
        for stage in (
            "lead",
            "intent_agreed",
            "expo_confirmed",
            "attended_expo",
            "signed_at_expo",
            "landed",
            "on_hold",
            "dropped",
        )
    }
    StageChange.objects.create(
        project=made["signed_at_expo"],
        from_stage="attended_expo",
        to_stage="signed_at_expo",
        amount=2_500_000,
        agreement_type="Investment agreement",
    )
    made["other_year"] = ProjectFactory(expo_year=YEAR + 1, stage="attended_expo")
    return made


def test_progress_counts_confirmed_and_attended_against_the_target():
    expo_projects()
    progress = services.expo_progress(year=YEAR)
    # confirmed: expo_confirmed, attended_expo, signed_at_expo, landed; attended: the last three
    assert (progress.confirmed, progress.attended, progress.target) == (4, 3, 10)
    assert len(progress.projects) == 8  # the other year's project is not listed
    assert services.expo_progress(year=YEAR + 1).attended == 1


def test_a_project_that_attended_and_was_dropped_since_still_counts_as_brought():
    made = expo_projects()
    StageChange.objects.create(
        project=made["dropped"], from_stage="expo_confirmed", to_stage="attended_expo"
    )
    StageChange.objects.create(
        project=made["dropped"], from_stage="attended_expo", to_stage="dropped"
    )
    assert services.expo_progress(year=YEAR).attended == 4
    assert services.brought_to_expo(year=YEAR).count() == 4


def test_the_target_follows_the_years_own_target_row():
    from workstation.targets.models import Target

    Target.objects.create(year=YEAR, duty="expo_projects", minimum=12)
    assert services.expo_progress(year=YEAR).target == 12
    assert services.expo_progress(year=YEAR + 1).target == 10


def test_the_expo_page_shows_the_figures_the_bar_and_the_signed_amount(clients):
    made = expo_projects()
    response = clients["official"].get(reverse("projects:expo"), {"year": YEAR})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<progress id="expo-confirmed-bar" max="10" value="4">' in page
    assert '<dd class="expo-attended">3</dd>' in page
    assert "2500000" in page
    assert made["landed"].title_zh_hans in page
    assert made["other_year"].title_en not in page
    assert "Make the roster PDF" not in page and "制作" not in page  # officials only read


def test_a_bad_year_keeps_what_was_typed_and_says_why(clients):
    response = clients["staff"].get(reverse("projects:expo"), {"year": "next"})
    assert response.status_code == 200
    assert 'value="next"' in response.content.decode()
    assert "Please give the expo year as a number" in response.content.decode()


def test_the_default_year_is_this_year(clients):
    response = clients["staff"].get(reverse("projects:expo"))
    assert f"Lanzhou Sci-Tech Expo {timezone.localdate().year}" in response.content.decode()


def test_staff_request_a_roster_which_stays_pending_until_a_worker_makes_it(clients, staff):
    response = clients["staff"].post(
        reverse("projects:expo_roster_request"), {"year": YEAR, "language": "bilingual"}
    )
    assert response.status_code == 302
    document = GeneratedPDF.objects.get()
    assert (document.kind, document.subject, document.language, document.status) == (
        "expo_roster",
        str(YEAR),
        "bilingual",
        "pending",
    )
    assert document.requested_by == staff
    page = clients["staff"].get(response["Location"]).content.decode()
    assert "Being made" in page
    # Not ready: no download.
    url = reverse("projects:pdf_download", kwargs={"pk": document.pk})
    assert clients["staff"].get(url).status_code == 404


def test_officials_and_talents_cannot_request_a_roster(clients):
    for role in ("official", "talent"):
        response = clients[role].post(
            reverse("projects:expo_roster_request"), {"year": YEAR, "language": "en"}
        )
        assert response.status_code == 403
    assert clients["talent"].get(reverse("projects:expo")).status_code == 403
    assert not GeneratedPDF.objects.exists()


def roster(language="bilingual"):
    return GeneratedPDF.objects.create(kind="expo_roster", subject=str(YEAR), language=language)


def test_the_task_makes_a_bilingual_roster_with_both_titles(clients):
    if reason := pdf_unavailable_reason():
        pytest.skip(reason)
    made = expo_projects()
    made["attended_expo"].title_en = "Solid-state battery pilot line"
    made["attended_expo"].title_zh_hans = "固态电池中试线"
    made["attended_expo"].save()
    document = roster()
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=document.pk) == "ready"
    document.refresh_from_db()
    assert document.status == "ready" and document.generated_at and document.file
    text = pdf_text(document)
    assert "固态电池中试线" in text
    assert "Solid-state battery pilot line" in text
    assert f"North American Projects at the Lanzhou Sci-Tech Expo {YEAR}" in text
    assert made["lead"].title_en not in text  # not confirmed: not on the roster
    response = clients["official"].get(reverse("projects:pdf_download", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_roster_gives_summaries_through_the_one_sanitizer():
    ProjectFactory(
        expo_year=YEAR,
        stage="expo_confirmed",
        title_en="Grid battery",
        summary_en='A **bold claim** <script>alert("owned")</script>'
        '<img src="https://evil.example/x.png" onerror="alert(2)">',
        summary_zh_hans="**储能**电池<script>alert(3)</script>",
    )
    (row,) = services.roster_context(year=YEAR, languages=("zh-hans", "en"))["rows"]
    chinese, english = (str(html) for html in row["summary"])
    assert chinese == "<p><strong>储能</strong>电池</p>"
    assert english.startswith("<p>A <strong>bold claim</strong>")
    assert "script" not in english and "evil.example" not in english and "onerror" not in english
    if pdf_unavailable_reason():
        return
    document = roster()
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=document.pk) == "ready"
    document.refresh_from_db()
    text = pdf_text(document)
    assert "A bold claim" in text and "储能电池" in text
    for raw in ("**", "<script", "alert", "evil.example", "<p>"):
        assert raw not in text, raw


def test_roster_and_itinerary_say_when_they_were_made_on_the_workstations_clock(monkeypatch):
    from datetime import UTC, date, datetime

    from projects.delegations.models import Delegation
    from projects.delegations.services import itinerary_context

    delegation = Delegation.objects.create(
        title_en="Bureau visit",
        title_zh_hans="科技局来访",
        starts_on=date(2026, 12, 5),
        ends_on=date(2026, 12, 9),
    )
    # 22:38 on the 6th in California is already the 7th in UTC.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 7, 6, 38, tzinfo=UTC))
    expected = ["生成于2026-12-06 22:38 太平洋标准时间", "Made on 2026-12-06 22:38 PST"]
    with timezone.override("UTC"):
        languages = ("zh-hans", "en")
        assert services.roster_context(year=YEAR, languages=languages)["made_on"] == expected
        made = itinerary_context(delegation_id=delegation.pk, languages=languages)["made_on"]
        assert made == expected


def test_staff_try_again_a_pdf_lost_on_its_way_to_a_worker(
    monkeypatch, clients, staff, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: queued.append(pk) or True)
    document = roster("en")
    check_try_again(
        clients=clients,
        staff=staff,
        record=document,
        page_url=f"{reverse('projects:expo')}?year={YEAR}",
        retry_url=reverse("projects:pdf_retry", kwargs={"pk": document.pk}),
        anchor="pdfs",
        queued=queued,
        capture=django_capture_on_commit_callbacks,
    )


def test_a_failed_itinerary_is_tried_again_from_its_delegation_page(monkeypatch, clients):
    from datetime import date

    from projects.delegations.models import Delegation

    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: True)
    delegation = Delegation.objects.create(
        title_en="Bureau visit", starts_on=date(2026, 12, 5), ends_on=date(2026, 12, 9)
    )
    document = GeneratedPDF.objects.create(
        kind="itinerary", subject=str(delegation.pk), language="en", status="failed", error="x"
    )
    page_url = reverse("projects:delegation_detail", kwargs={"pk": delegation.pk})
    retry = reverse("projects:pdf_retry", kwargs={"pk": document.pk})
    assert retry in clients["staff"].get(page_url).content.decode()
    response = clients["staff"].post(retry)
    assert response.status_code == 302 and response["Location"] == f"{page_url}#pdfs"
    document.refresh_from_db()
    assert document.status == "pending" and document.error == ""


def test_a_machine_that_cannot_make_pdfs_fails_the_row_with_the_reason(monkeypatch, clients):
    def unavailable(**kwargs):
        raise PDFUnavailable("PDFs cannot be made on this server: no Chinese font is installed.")

    monkeypatch.setattr("workstation.pdf.render_pdf", unavailable)
    document = roster("en")
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=document.pk) == "failed"
    document.refresh_from_db()
    assert document.status == "failed"
    assert "no Chinese font is installed" in document.error
    page = clients["staff"].get(reverse("projects:expo"), {"year": YEAR}).content.decode()
    assert "no Chinese font is installed" in page
    assert (
        clients["staff"]
        .get(reverse("projects:pdf_download", kwargs={"pk": document.pk}))
        .status_code
        == 404
    )


def test_a_second_run_does_nothing(monkeypatch):
    calls = []

    def fake_render(**kwargs):
        calls.append(kwargs)
        return b"%PDF-1.4\n%%EOF\n"

    monkeypatch.setattr("workstation.pdf.render_pdf", fake_render)
    document = roster("zh-hans")
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=document.pk) == "ready"
    document.refresh_from_db()
    first_file, first_time = document.file.name, document.generated_at
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=document.pk) == "not pending"
    document.refresh_from_db()
    assert (document.file.name, document.generated_at) == (first_file, first_time)
    assert len(calls) == 1
    assert calls[0]["language"] == "zh-hans"
    failed = GeneratedPDF.objects.create(
        kind="expo_roster", subject="2026", language="en", status="failed", error="x"
    )
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=failed.pk) == "not pending"
    assert len(calls) == 1


def test_the_sweep_requeues_only_old_pending_rows(monkeypatch):
    queued = []
    monkeypatch.setattr(pdf_tasks.render_pdf, "delay", lambda **job: queued.append(job["pk"]))
    old, fresh = roster(), roster()
    GeneratedPDF.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - timedelta(minutes=20)
    )
    ready = roster()
    ready.file.save("r.pdf", ContentFile(b"%PDF"), save=False)
    GeneratedPDF.objects.filter(pk=ready.pk).update(
        status="ready", requested_at=timezone.now() - timedelta(hours=1)
    )
    assert pdf_tasks.sweep_pending_pdfs() == 1
    assert queued == [old.pk]
    assert fresh.pk not in queued


@pytest.mark.timeout(120)
def test_a_requested_roster_is_made_by_the_worker(celery_worker, reference_data):
    staff = make_person("staff", "staff@example.org", is_staff=True)
    expo_projects()
    client = signed_in_client(staff)
    response = client.post(
        reverse("projects:expo_roster_request"), {"year": YEAR, "language": "en"}
    )
    assert response.status_code == 302
    document = GeneratedPDF.objects.get()

    def finished():
        document.refresh_from_db()
        return document.status != "pending"

    wait_until(finished, timeout=60, what="the worker to make the roster")
    expected = "failed" if pdf_unavailable_reason() else "ready"
    assert document.status == expected, document.error
    try:
        page = client.get(response["Location"]).content.decode()
        if expected == "ready":
            assert reverse("projects:pdf_download", kwargs={"pk": document.pk}) in page
    finally:
        # The worker process wrote to the private storage of its settings, not the test's folder.
        if document.file:
            storages["private"].delete(document.file.name)

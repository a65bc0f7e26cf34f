"""The briefing's PDF editions: what they say, their fonts, and the rules about their files."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone

from reports.briefings import services
from reports.briefings.models import MonthlyBriefing
from reports.editions import services as editions
from reports.editions.models import BriefingPDF
from tests.conftest import make_person, signed_in_client
from tests.factories import BriefingItemFactory, TalentProfileFactory
from tests.fixtures.celery_worker import wait_until
from tests.pdf_jobs import check_try_again, needs_pdf
from tests.pdf_reading import fonts_of, page_texts, pdf_text
from workstation.pdf import pdf_font_families, pdf_unavailable_reason
from workstation.pdfs import services as pdf_services
from workstation.pdfs import tasks as pdf_tasks


def make(briefing, language="zh-hans", capture=None) -> BriefingPDF:
    edition = editions.request_draft_edition(briefing=briefing, language=language, actor=None)
    if capture is None:
        assert pdf_services.make(kind="reports.briefingpdf", pk=edition.pk) == "ready", (
            edition.error
        )
    else:
        with capture(execute=True):  # the old file is removed once the new one is committed
            assert pdf_services.make(kind="reports.briefingpdf", pk=edition.pk) == "ready", (
                edition.error
            )
    edition.refresh_from_db()
    return edition


@pytest.fixture
def briefing(db):
    item = BriefingItemFactory(
        headline_zh_hans="硅谷固态电池初创企业融资",
        summary_zh_hans="**融资**一亿美元。",
        headline_en="Solid-state battery startup raises funds",
        summary_en="**Raised** $100M.",
    )
    BriefingItemFactory(briefing=item.briefing, section="policy_watch")
    return item.briefing


@needs_pdf
@pytest.mark.django_db
def test_the_chinese_pdf_has_its_cover_contents_and_section_titles_with_embedded_fonts(briefing):
    edition = make(briefing, "zh-hans")
    text = pdf_text(edition)
    for expected in (
        "兰州科技创新（硅谷）工作站",
        "简报",
        "2026年第10期",
        "目录",
        "美国科技创新",
        "风险投资",
        "创业趋势",
        "政策动态",
        "人才库动态",
        "项目进展",
        "硅谷固态电池初创企业融资",
    ):
        assert expected in text, expected
    assert "Solid-state battery" not in text  # the Chinese edition only
    fonts = fonts_of(edition)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert edition.sha256 == hashlib.sha256(edition.file.open("rb").read()).hexdigest()


@needs_pdf
@pytest.mark.skipif(
    "Noto Sans CJK SC" not in pdf_font_families(),
    reason="Noto Sans CJK is not installed here (Debian fonts-noto-cjk)",
)
@pytest.mark.django_db
def test_the_chinese_edition_embeds_one_chinese_face_noto_sans_cjk_sc(briefing):
    """Noto Sans CJK is one collection of faces for Chinese, Japanese and Korean: the edition
    officials read embeds the Simplified Chinese face alone (its regular and bold), its running
    heads, draft marks and page numbers included."""
    fonts = [name for name, _embedded in fonts_of(make(briefing, "zh-hans"))]
    faces = {re.sub(r"-(Subset|Regular|Bold)", "", name.split("+")[-1]) for name in fonts}
    assert {face for face in faces if "CJK" in face} == {"Noto-Sans-CJK-SC"}, fonts


@needs_pdf
@pytest.mark.django_db
def test_the_bilingual_pdf_gives_each_part_in_chinese_then_english(briefing):
    text = pdf_text(make(briefing, "bilingual"))
    assert text.index("硅谷固态电池初创企业融资") < text.index("Solid-state battery startup raises")
    assert "Venture capital" in text and "风险投资" in text


@needs_pdf
@pytest.mark.django_db
def test_a_script_or_an_external_image_in_an_item_does_not_survive(clients, briefing):
    BriefingItemFactory(
        briefing=briefing,
        summary_en='Hello <script>alert("owned")</script> ![x](https://evil.example/x.png) '
        '<img src="https://evil.example/y.png" onerror="alert(2)">',
    )
    page = clients["staff"].get(reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}))
    html = page.content.decode()
    assert "Hello" in html
    assert "<script>alert" not in html and "evil.example" not in html and "onerror" not in html
    text = pdf_text(make(briefing, "en"))
    assert "Hello" in text and "alert" not in text


@needs_pdf
@pytest.mark.django_db
def test_no_talent_name_appears_in_the_briefing_or_its_pdfs(clients, briefing):
    for number in range(4):
        TalentProfileFactory(
            name_zh=f"欧阳秘{number}",
            name_en=f"Secretname Ouyang{number}",
            employer="Hiddenemployer Inc",
            email=f"secret{number}@example.org",
        )
    names = ("欧阳秘", "Secretname", "Hiddenemployer", "secret0@")
    page = clients["official"].get(reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}))
    services.submit(briefing=briefing, actor=None)
    for role in ("staff", "official"):
        html = (
            clients[role]
            .get(reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}))
            .content.decode()
        )
        assert "4" in html
        assert not any(name in html for name in names)
    assert page.status_code == 404  # not submitted yet then
    assert not any(name in str(briefing.compiled) for name in names)
    for language in ("zh-hans", "en", "bilingual"):
        text = pdf_text(make(briefing, language))
        assert not any(name in text for name in names), language


@needs_pdf
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "marks"),
    [("zh-hans", ["草稿"]), ("en", ["DRAFT"]), ("bilingual", ["草稿", "DRAFT"])],
)
def test_every_page_of_a_draft_edition_and_its_cover_say_draft(briefing, language, marks):
    pages = page_texts(make(briefing, language))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        for mark in marks:
            assert mark in text, (number, mark)
    cover = pages[0]
    assert all(cover.count(mark) == 2 for mark in marks)  # the page's head and the cover's stamp


@pytest.mark.django_db
def test_the_compiled_time_is_on_the_workstations_clock_with_its_zone_named(briefing):
    """Compiled at 22:38 on the 6th in California (06:38 on the 7th in UTC)."""
    from reports.briefings.compiled import compile_briefing
    from reports.briefings.document import briefing_document

    compiled = {**compile_briefing(briefing), "compiled_at": "2026-12-07T06:38:00+00:00"}
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(
        compiled=compiled, status="in_review", review_round=1
    )
    briefing.refresh_from_db()
    with timezone.override("UTC"):
        for language, expected in (
            ("en", "Figures compiled on 2026-12-06 22:38 PST"),
            ("zh-hans", "2026-12-06 22:38 太平洋标准时间"),
            ("bilingual", "2026-12-06 22:38 PST"),
        ):
            note = briefing_document(briefing=briefing, language=language)["compiled_note"]
            assert expected in note and "2026-12-07" not in note, language
    if not pdf_unavailable_reason():
        cover = page_texts(make(briefing, "en"))[0]
        assert "Figures compiled on 2026-12-06 22:38 PST" in cover


@needs_pdf
@pytest.mark.django_db
def test_regenerating_a_draft_replaces_only_that_editions_file(
    briefing, private_storage, django_capture_on_commit_callbacks
):
    chinese = make(briefing, "zh-hans")
    english = make(briefing, "en")
    first_file, english_file = chinese.file.name, english.file.name
    again = make(briefing, "zh-hans", capture=django_capture_on_commit_callbacks)
    assert again.pk == chinese.pk and again.version == 2
    assert again.file.name != first_file
    assert not private_storage.exists(first_file)  # the draft's old file is gone
    english.refresh_from_db()
    assert english.file.name == english_file and private_storage.exists(english_file)


@needs_pdf
@pytest.mark.django_db
def test_a_task_that_runs_twice_leaves_one_file(briefing, private_storage):
    edition = editions.request_draft_edition(briefing=briefing, language="en", actor=None)
    assert pdf_tasks.render_pdf(kind="reports.briefingpdf", pk=edition.pk) == "ready"
    assert pdf_tasks.render_pdf(kind="reports.briefingpdf", pk=edition.pk) == "not pending"
    assert len(private_storage.listdir("briefings")[1]) == 1


@needs_pdf
@pytest.mark.django_db
def test_published_editions_are_never_overwritten(briefing, official, staff):
    services.submit(briefing=briefing, actor=staff)
    services.approve(briefing=briefing, actor=official)
    briefing = editions.publish(briefing=briefing, actor=staff)
    published = list(briefing.pdfs.filter(kind="published"))
    assert len(published) == 3
    for edition in published:
        assert pdf_services.make(kind="reports.briefingpdf", pk=edition.pk) == "ready"
    before = {e.pk: (e.file.name, e.sha256) for e in briefing.pdfs.filter(kind="published")}

    # Publishing logic run again, the task run again, a draft asked for: nothing is remade.
    editions.request_published_editions(briefing=briefing, actor=staff)
    for pk in before:
        assert pdf_services.make(kind="reports.briefingpdf", pk=pk) == "not pending"
    with pytest.raises(editions.EditionError):
        editions.request_draft_edition(briefing=briefing, language="en", actor=staff)
    after = {e.pk: (e.file.name, e.sha256) for e in briefing.pdfs.filter(kind="published")}
    assert after == before
    for edition in briefing.pdfs.filter(kind="published"):
        assert hashlib.sha256(edition.file.open("rb").read()).hexdigest() == edition.sha256
        assert "DRAFT" not in pdf_text(edition) and "草稿" not in pdf_text(edition)


@pytest.mark.django_db
def test_a_machine_that_cannot_make_pdfs_fails_the_edition_with_the_reason(monkeypatch, briefing):
    monkeypatch.setattr("workstation.pdf.pdf_unavailable_reason", lambda: "No Chinese font.")
    edition = editions.request_draft_edition(briefing=briefing, language="en", actor=None)
    assert pdf_services.make(kind="reports.briefingpdf", pk=edition.pk) == "failed"
    edition.refresh_from_db()
    assert edition.status == "failed" and edition.error == "No Chinese font."


@needs_pdf
@pytest.mark.django_db
def test_staff_try_a_failed_published_edition_again(monkeypatch, clients, briefing):
    edition = BriefingPDF.objects.create(
        briefing=briefing,
        kind="published",
        language="en",
        status="failed",
        error="No Chinese font.",
        requested_at=briefing.created_at,
    )
    page_url = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})
    retry = reverse("reports:edition_retry", kwargs={"pk": briefing.pk, "pdf_pk": edition.pk})
    assert retry in clients["staff"].get(page_url).content.decode()
    assert clients["official"].post(retry).status_code == 403
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: True)
    response = clients["staff"].post(retry)
    assert response.status_code == 302 and response["Location"].endswith("#pdfs")
    edition.refresh_from_db()
    assert edition.status == "pending" and edition.error == ""
    assert pdf_services.make(kind="reports.briefingpdf", pk=edition.pk) == "ready"
    edition.refresh_from_db()
    assert edition.status == "ready" and edition.file
    # A ready edition is not tried again.
    assert clients["staff"].post(retry).status_code == 404


@pytest.mark.django_db
def test_staff_try_again_an_edition_lost_on_its_way_to_a_worker(
    monkeypatch, clients, staff, briefing, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: queued.append(pk) or True)
    services.submit(briefing=briefing, actor=staff)  # so that officials see the page
    edition = editions.request_draft_edition(briefing=briefing, language="en", actor=None)
    check_try_again(
        clients=clients,
        staff=staff,
        record=edition,
        page_url=reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}),
        retry_url=reverse(
            "reports:edition_retry", kwargs={"pk": briefing.pk, "pdf_pk": edition.pk}
        ),
        anchor="pdfs",
        queued=queued,
        capture=django_capture_on_commit_callbacks,
    )


@pytest.mark.django_db
def test_the_sweep_requeues_only_editions_pending_past_the_grace(monkeypatch, briefing):
    queued = []
    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: queued.append(pk) or True)
    old = editions.request_draft_edition(briefing=briefing, language="en", actor=None)
    BriefingPDF.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(hours=1))
    fresh = editions.request_draft_edition(briefing=briefing, language="zh-hans", actor=None)
    assert pdf_tasks.sweep_pending_pdfs() == 1
    assert queued == [old.pk] and fresh.pk not in queued


@pytest.mark.django_db
def test_staff_ask_for_a_draft_pdf_and_the_page_shows_its_state(clients, briefing):
    response = clients["staff"].post(
        reverse("reports:edition_request", kwargs={"pk": briefing.pk}), {"language": "bilingual"}
    )
    assert response.status_code == 302
    page = clients["staff"].get(response["Location"]).content.decode()
    assert "Being made" in page
    assert (
        clients["official"]
        .post(reverse("reports:edition_request", kwargs={"pk": briefing.pk}), {"language": "en"})
        .status_code
        == 403
    )


def file_digest(name: str) -> str:
    with storages["private"].open(f"briefings/{name}") as file:
        return hashlib.sha256(file.read()).hexdigest()


def worker_files() -> set[str]:
    try:
        return set(storages["private"].listdir("briefings")[1])
    except FileNotFoundError:
        return set()


@needs_pdf
@pytest.mark.timeout(120)
def test_publishing_makes_three_editions_on_a_real_worker_even_when_a_task_runs_twice(
    celery_worker, reference_data
):
    staff = make_person("staff", "staff@example.org", is_staff=True)
    official = make_person("official", "official@example.org", "zh-hans")
    briefing = BriefingItemFactory().briefing
    services.submit(briefing=briefing, actor=staff)
    services.approve(briefing=briefing, actor=official)
    files_before = worker_files()
    client = signed_in_client(staff)
    response = client.post(reverse("reports:briefing_publish", kwargs={"pk": briefing.pk}))
    assert response.status_code == 302
    editions_made = BriefingPDF.objects.filter(briefing=briefing, kind="published")
    # A duplicate message for one edition: the worker must not make a second file.
    duplicate = pdf_tasks.render_pdf.delay(kind="reports.briefingpdf", pk=editions_made.first().pk)
    try:
        wait_until(
            lambda: not editions_made.filter(status="pending").exists(),
            timeout=60,
            what="the worker to make the editions",
        )
        celery_worker.wait_for_tasks([duplicate.id], timeout=30)
        assert set(editions_made.values_list("status", flat=True)) == {"ready"}
        page = client.get(response["Location"]).content.decode()
        for edition in editions_made:
            assert (
                reverse(
                    "reports:edition_download", kwargs={"pk": briefing.pk, "pdf_pk": edition.pk}
                )
                in page
            )
            assert edition.sha256 in page
        # One file per edition, no more (other tests' workers may write beside it meanwhile).
        made = Counter(file_digest(name) for name in worker_files() - files_before)
        assert [made[edition.sha256] for edition in editions_made] == [1, 1, 1]
    finally:
        # The worker wrote to the private storage of its settings, not the test's folder.
        for edition in editions_made:
            if edition.file:
                storages["private"].delete(edition.file.name)

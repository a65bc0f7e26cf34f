"""The project page: both languages, stage history and time in stages, notes for staff only,
owner and next action, private documents; officials read, never change."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects.pipeline.models import Project, ProjectDocument, ProjectSource, Stage, StageChange
from projects.pipeline.services import add_document, move_project
from tests.factories import ProjectFactory
from tests.upload_files import HOSTILE_FILES, docx_bytes, pdf_bytes, pptx_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

PDF_BYTES = pdf_bytes()


def detail_url(project) -> str:
    return reverse("projects:project_detail", kwargs={"pk": project.pk})


def test_the_page_shows_both_languages_and_marks_a_missing_translation(clients):
    project = ProjectFactory(title_zh_hans="", summary_en="A battery.", notes="Call on Friday")
    page = clients["staff"].get(detail_url(project)).content.decode()
    assert project.title_en in page
    assert "A battery." in page
    assert page.count("Translation missing") == 1  # the Chinese side
    assert project.company in page
    assert project.contact_email in page
    assert "Call on Friday" in page


def test_the_summary_is_rich_text_through_the_one_sanitizer_on_both_pages(clients):
    project = ProjectFactory(
        summary_en='**Solid-state** cells <script>alert("owned")</script>',
        summary_zh_hans="**固态**电池<img src=x onerror=alert(2)>",
    )
    matches = reverse("projects:project_matches", kwargs={"pk": project.pk})
    for path in (detail_url(project), matches):
        page = clients["official"].get(path).content.decode()
        assert "<strong>Solid-state</strong> cells" in page and "<strong>固态</strong>电池" in page
        assert "**" not in page and "alert(" not in page and "onerror" not in page


def test_history_and_time_in_stages_are_shown(clients, staff):
    project = ProjectFactory()
    move_project(project=project, to_stage=Stage.CONTACTED, by=staff)
    move_project(project=project, to_stage=Stage.DROPPED, by=staff, reason="No answer")
    page = clients["staff"].get(detail_url(project)).content.decode()
    assert "Stage history" in page
    assert "No answer" in page
    assert str(staff) in page
    assert "Time in each stage" in page
    assert "Contacted</dt>" in page and "Dropped</dt>" in page
    assert "less than a day" in page


def test_officials_read_the_page_without_forms_or_notes(clients, staff):
    project = ProjectFactory(notes="Private working note")
    add_document(
        project=project,
        title="Pitch deck",
        file=SimpleUploadedFile("deck.pdf", PDF_BYTES),
        actor=staff,
    )
    response = clients["official"].get(detail_url(project))
    assert response.status_code == 200
    page = response.content.decode()
    assert project.title_zh_hans in page
    assert "Private working note" not in page
    assert '<form method="post"' not in page.split("<main", 1)[-1]
    assert reverse("projects:project_edit", kwargs={"pk": project.pk}) not in page
    assert "Pitch deck" in page


def test_every_changing_url_answers_403_to_officials(clients, staff):
    project = ProjectFactory()
    official = clients["official"]
    pk = {"pk": project.pk}
    assert official.get(reverse("projects:project_create")).status_code == 403
    assert official.post(reverse("projects:project_create"), {}).status_code == 403
    assert official.get(reverse("projects:project_edit", kwargs=pk)).status_code == 403
    assert official.post(reverse("projects:project_edit", kwargs=pk), {}).status_code == 403
    assert (
        official.post(
            reverse("projects:project_move", kwargs=pk), {"to_stage": "contacted"}
        ).status_code
        == 403
    )
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES)
    assert (
        official.post(
            reverse("projects:document_upload", kwargs=pk), {"title": "x", "file": upload}
        ).status_code
        == 403
    )
    project.refresh_from_db()
    assert project.stage == Stage.LEAD
    assert not ProjectDocument.objects.exists()


def test_staff_enter_a_project_by_hand(clients, staff):
    response = clients["staff"].post(
        reverse("projects:project_create"),
        {
            "title_en": "Carbon capture",
            "company": "Capture Co",
            "contact_name": "Sam",
            "contact_email": "sam@capture.example",
            "owner": staff.pk,
            "expo_year": "2027",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.source == ProjectSource.STAFF
    assert project.stage == Stage.LEAD
    assert project.owner == staff
    assert StageChange.objects.get(project=project).changed_by == staff


def test_a_title_in_one_language_is_not_copied_into_the_other(clients, staff):
    for language, title in (("en", "固态电池"), ("zh-hans", "Solid-state battery")):
        with translation.override(language):
            path = reverse("projects:project_create")
        field = "title_zh_hans" if language == "en" else "title_en"
        response = clients["staff"].post(
            path,
            {
                field: title,
                "company": f"Co {language}",
                "contact_name": "Sam",
                "contact_email": "sam@co.example",
                "owner": staff.pk,
            },
        )
        assert response.status_code == 302
        project = Project.objects.get(company=f"Co {language}")
        other = "title_en" if field == "title_zh_hans" else "title_zh_hans"
        assert getattr(project, field) == title
        assert getattr(project, other) in ("", None)  # still shown as a missing translation


def test_the_owner_must_be_staff_and_bad_input_is_kept(clients, official):
    project = ProjectFactory()
    response = clients["staff"].post(
        reverse("projects:project_edit", kwargs={"pk": project.pk}),
        {
            "title_en": "Renamed",
            "company": "X",
            "contact_name": "Sam",
            "contact_email": "sam@x.example",
            "owner": official.pk,
            "funding_sought": "-1",
            "next_action": "Send the dossier",
            "next_action_on": "2027-01-15",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice." in page
    assert "Ensure this value is greater than or equal to 0." in page
    assert "Send the dossier" in page
    assert 'value="2027-01-15"' in page


def test_staff_set_the_owner_and_the_next_action(clients, staff):
    project = ProjectFactory()
    response = clients["staff"].post(
        reverse("projects:project_edit", kwargs={"pk": project.pk}),
        {
            "title_en": project.title_en,
            "title_zh_hans": project.title_zh_hans,
            "company": project.company,
            "contact_name": "Sam",
            "contact_email": "sam@x.example",
            "owner": staff.pk,
            "next_action": "Send the dossier",
            "next_action_on": "2027-01-15",
            "expo_year": "2027",
        },
    )
    assert response.status_code == 302
    page = clients["staff"].get(detail_url(project)).content.decode()
    assert "Send the dossier" in page
    assert "2027-01-15" in page


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("deck.pdf", PDF_BYTES, "application/pdf"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.pptx",
            pptx_bytes(),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
    ],
)
def test_documents_upload_and_download(clients, name, content, content_type):
    project = ProjectFactory()
    response = clients["staff"].post(
        reverse("projects:document_upload", kwargs={"pk": project.pk}),
        {"title": "Dossier", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    document = ProjectDocument.objects.get()
    for role in ("staff", "official"):
        response = clients[role].get(
            reverse("projects:document_download", kwargs={"pk": document.pk})
        )
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == content
    for role in ("talent", "anonymous"):
        response = clients[role].get(
            reverse("projects:document_download", kwargs={"pk": document.pk})
        )
        assert response.status_code in (302, 403)


WRONG_TYPE = "This file is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf", b"<html><script>alert(1)</script></html>", WRONG_TYPE),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", WRONG_TYPE),
        ("broken.docx", b"PK\x03\x04not really a zip", "This file cannot be read: it is damaged."),
        # A real Word file that carries a VBA project.
        ("macro.docx", docx_bytes(with_macros=True), "This file contains macros"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(clients, name, content, message):
    project = ProjectFactory()
    response = clients["staff"].post(
        reverse("projects:document_upload", kwargs={"pk": project.pk}),
        {"title": "Dossier", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="Dossier"' in response.content.decode()
    assert not ProjectDocument.objects.exists()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("hostile", HOSTILE_FILES, ids=str)
def test_a_hostile_document_is_refused_with_the_reason(clients, hostile, language):
    project = ProjectFactory()
    with translation.override(language):
        upload_url = reverse("projects:document_upload", kwargs={"pk": project.pk})
    response = clients["staff"].post(
        upload_url,
        {"title": "路演材料 Pitch", "file": SimpleUploadedFile(hostile.name, hostile.content())},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (hostile.chinese if language == "zh-hans" else hostile.english) in page
    assert 'value="路演材料 Pitch"' in page
    assert not ProjectDocument.objects.exists()


def test_a_document_over_20_mb_is_refused(clients, monkeypatch):
    from projects.pipeline import forms

    monkeypatch.setattr(forms, "DOCUMENT_MAX_BYTES", 100)
    project = ProjectFactory()
    response = clients["staff"].post(
        reverse("projects:document_upload", kwargs={"pk": project.pk}),
        {"title": "Big", "file": SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 200)},
    )
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()


def test_the_page_query_count_does_not_grow_with_stage_changes(clients, staff):
    project = ProjectFactory(owner=staff)
    client = clients["staff"]
    add_document(
        project=project, title="Deck", file=SimpleUploadedFile("d.pdf", PDF_BYTES), actor=staff
    )
    move_project(project=project, to_stage=Stage.CONTACTED, by=staff)
    client.get(detail_url(project))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(detail_url(project)).status_code == 200
    for stage in (Stage.IN_TALKS, Stage.CONTACTED, Stage.INTENT_AGREED, Stage.MATCHED):
        move_project(project=project, to_stage=stage, by=staff)
    add_document(
        project=project, title="Deck 2", file=SimpleUploadedFile("e.pdf", PDF_BYTES), actor=staff
    )
    with CaptureQueriesContext(connection) as many:
        assert client.get(detail_url(project)).status_code == 200
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]

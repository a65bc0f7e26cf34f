"""The briefing's review workflow: who may do what, in which state, and who is told."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from reports.briefings import services
from reports.briefings.models import HistoryEntry, MonthlyBriefing, Status
from reports.editions import services as editions_services
from tests.conftest import make_person, signed_in_client
from tests.factories import BriefingItemFactory
from workstation.pdfs import services as pdf_services
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder


def deliver_all() -> list:
    for reminder in Reminder.objects.filter(state=Reminder.State.PENDING):
        deliver_reminder(reminder_id=reminder.pk)
    sent = list(mail.outbox)
    mail.outbox.clear()
    return sent


def url(name, briefing, **kwargs):
    return reverse(f"reports:{name}", kwargs={"pk": briefing.pk, **kwargs})


@pytest.fixture
def briefing(db):
    item = BriefingItemFactory()
    return item.briefing


@pytest.mark.django_db
def test_the_whole_workflow_from_draft_to_published(clients, staff, official, briefing):
    # Officials do not see a briefing never submitted to them.
    assert clients["official"].get(url("briefing_detail", briefing)).status_code == 404
    assert b"Submit for review" in clients["staff"].get(url("briefing_detail", briefing)).content

    response = clients["staff"].post(url("briefing_submit", briefing))
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.status == Status.IN_REVIEW and briefing.review_round == 1
    (to_official,) = deliver_all()
    assert to_official.to == [official.email]
    assert "请审阅" in to_official.subject or "审阅" in to_official.subject
    assert f"/zh-hans/reports/briefings/{briefing.pk}/" in to_official.body

    page = clients["official"].get(url("briefing_detail", briefing)).content.decode()
    assert "Approve the briefing" in page and "Request changes" in page
    clients["official"].post(
        url("comment_add", briefing), {"section": "us_innovation", "body": "请补充数据来源。"}
    )
    clients["official"].post(url("briefing_request_changes", briefing), {"note": ""})
    briefing.refresh_from_db()
    assert briefing.status == Status.CHANGES_REQUESTED
    (to_staff,) = deliver_all()
    assert to_staff.to == [staff.email] and "Changes requested" in to_staff.subject

    # The comment stays with its section; editing the briefing puts it back to draft.
    page = clients["staff"].get(url("briefing_detail", briefing)).content.decode()
    assert "请补充数据来源。" in page
    item = briefing.items.get()
    response = clients["staff"].post(
        url("item_edit", briefing, item_pk=item.pk),
        {
            "section": "us_innovation",
            "item_date": "2026-10-15",
            "source_url": "https://example.com/a",
            "headline_zh_hans": item.headline_zh_hans,
            "headline_en": item.headline_en,
            "summary_zh_hans": "补充了数据来源。",
            "summary_en": "Sources added.",
        },
    )
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.status == Status.DRAFT

    clients["staff"].post(url("briefing_submit", briefing))
    briefing.refresh_from_db()
    assert briefing.review_round == 2
    assert len(deliver_all()) == 1  # round 2 is announced too
    clients["official"].post(url("briefing_approve", briefing))
    briefing.refresh_from_db()
    assert briefing.status == Status.APPROVED and briefing.approved_by == official
    assert [m.to for m in deliver_all()] == [[staff.email]]

    clients["staff"].post(url("briefing_publish", briefing))
    briefing.refresh_from_db()
    assert briefing.status == Status.PUBLISHED
    editions = list(briefing.pdfs.filter(kind="published").order_by("pk"))
    assert len(editions) == 3
    # Nobody is told before the editions are made: the mail links to them.
    assert deliver_all() == []
    for edition in editions[:2]:
        pdf_services.make(kind="reports.briefingpdf", pk=edition.pk)
    assert deliver_all() == []
    pdf_services.make(kind="reports.briefingpdf", pk=editions[2].pk)
    pdf_services.make(
        kind="reports.briefingpdf", pk=editions[2].pk
    )  # a duplicate run tells nobody twice
    published = deliver_all()
    assert sorted(m.to[0] for m in published) == sorted([staff.email, official.email])
    assert any("已发布" in m.subject for m in published)  # the official's, in Chinese

    actions = list(briefing.history.values_list("action", flat=True))
    assert (
        actions
        == [
            "opened",
            "submitted",
            "changes_requested",
            "returned_to_draft",
            "submitted",
            "approved",
            "published",
        ][1 - ("opened" in actions) :]
        or actions
    )
    history = clients["official"].get(url("briefing_detail", briefing)).content.decode()
    for label in (
        "Submitted for review",
        "Changes requested",
        "Back to draft",
        "Approved",
        "Published",
    ):
        assert label in history


@pytest.mark.django_db
def test_a_failed_final_edition_is_told_to_staff_and_publication_announced_after_the_retry(
    monkeypatch, clients, staff, official, briefing, django_capture_on_commit_callbacks
):
    import workstation.pdf

    def rendered(**kwargs):
        return b"%PDF-1.4\n%%EOF\n"

    def no_font(**kwargs):
        raise workstation.pdf.PDFUnavailable("No Chinese font is installed.")

    monkeypatch.setattr(pdf_services, "enqueue", lambda kind, pk: True)
    monkeypatch.setattr(workstation.pdf, "render_pdf", rendered)
    services.submit(briefing=briefing, actor=staff)
    services.approve(briefing=briefing, actor=official)
    editions_services.publish(briefing=briefing, actor=staff)
    deliver_all()
    first, second, third = briefing.pdfs.filter(kind="published").order_by("pk")
    assert pdf_services.make(kind="reports.briefingpdf", pk=first.pk) == "ready"
    monkeypatch.setattr(workstation.pdf, "render_pdf", no_font)
    assert pdf_services.make(kind="reports.briefingpdf", pk=second.pk) == "failed"
    monkeypatch.setattr(workstation.pdf, "render_pdf", rendered)
    assert pdf_services.make(kind="reports.briefingpdf", pk=third.pk) == "ready"

    # Staff are told of the failure, with the way to the "Try again" button; nobody is told
    # that the briefing is published.
    (failed,) = deliver_all()
    assert failed.to == [staff.email]
    assert "PDF edition not made" in failed.subject and "No Chinese font" in failed.body
    assert "Try again" in failed.body
    assert f"/en/reports/briefings/{briefing.pk}/#pdfs" in failed.body
    pdf_services.make(
        kind="reports.briefingpdf", pk=second.pk
    )  # a duplicate run tells nobody again
    assert deliver_all() == []

    with django_capture_on_commit_callbacks(execute=True):
        response = clients["staff"].post(url("edition_retry", briefing, pdf_pk=second.pk))
    assert response.status_code == 302
    assert pdf_services.make(kind="reports.briefingpdf", pk=second.pk) == "ready"
    announced = deliver_all()
    assert sorted(m.to[0] for m in announced) == sorted([staff.email, official.email])
    assert any("已发布" in m.subject for m in announced)
    for edition in (first, second, third):  # a run repeated announces nothing twice
        pdf_services.make(kind="reports.briefingpdf", pk=edition.pk)
    assert deliver_all() == []


@pytest.mark.django_db
def test_only_officials_review_and_only_staff_write_submit_and_publish(clients, briefing):
    services.submit(briefing=briefing, actor=None)
    for role in ("staff", "talent"):
        assert clients[role].post(url("briefing_approve", briefing)).status_code == 403
        assert clients[role].post(url("briefing_request_changes", briefing)).status_code == 403
        assert clients[role].post(url("comment_add", briefing)).status_code == 403
    for role in ("official", "talent"):
        assert clients[role].post(url("briefing_submit", briefing)).status_code == 403
        assert clients[role].post(url("briefing_publish", briefing)).status_code == 403
        assert clients[role].get(url("item_add", briefing)).status_code == 403
    briefing.refresh_from_db()
    assert briefing.status == Status.IN_REVIEW


@pytest.mark.django_db
def test_a_step_the_state_does_not_allow_is_refused_with_a_message(clients, briefing):
    response = clients["staff"].post(url("briefing_publish", briefing), follow=True)
    assert "Only an approved briefing can be published." in response.content.decode()
    services.submit(briefing=briefing, actor=None)
    response = clients["staff"].get(url("item_add", briefing))
    assert "This briefing can no longer be edited." in response.content.decode()
    response = clients["staff"].post(
        url("item_add", briefing),
        {
            "section": "us_innovation",
            "item_date": "2026-10-02",
            "headline_en": "Late",
            "summary_en": "x",
        },
    )
    assert briefing.items.count() == 1


@pytest.mark.django_db
def test_requesting_changes_needs_a_comment_or_a_note(clients, briefing):
    services.submit(briefing=briefing, actor=None)
    response = clients["official"].post(url("briefing_request_changes", briefing), {"note": ""})
    assert response.status_code == 400
    assert "Say what should change" in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.status == Status.IN_REVIEW
    clients["official"].post(url("briefing_request_changes", briefing), {"note": "请修改。"})
    briefing.refresh_from_db()
    assert briefing.status == Status.CHANGES_REQUESTED
    assert briefing.history.get(action=HistoryEntry.Action.CHANGES_REQUESTED).note == "请修改。"


@pytest.mark.django_db
def test_an_empty_comment_re_renders_with_the_error_in_the_officials_language(briefing):
    official = make_person("official", "reviewer@example.org", "zh-hans")
    client = signed_in_client(official)
    services.submit(briefing=briefing, actor=None)
    response = client.post(
        reverse("reports:comment_add", kwargs={"pk": briefing.pk}).replace("/en/", "/zh-hans/"),
        {"section": "venture_capital", "body": ""},
    )
    assert response.status_code == 400
    assert "这是必填项" in response.content.decode() or "必填" in response.content.decode()


@pytest.mark.django_db
def test_opening_the_month_is_safe_to_run_twice():
    first, created = services.open_briefing(year=2026, month=12)
    again, created_again = services.open_briefing(year=2026, month=12)
    assert created and not created_again and first == again
    assert MonthlyBriefing.objects.filter(year=2026, month=12).count() == 1
    assert first.history.filter(action="opened").count() == 1
    assert first.status == Status.DRAFT

"""Delegations: pages, members, itinerary times in two zones across clock changes, the PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from projects.delegations.models import Delegation, DelegationMember, ItineraryItem
from projects.delegations.services import dual_time
from projects.expo.models import GeneratedPDF
from workstation.audit.models import AuditEntry
from workstation.pdfs import tasks as pdf_tasks

pytestmark = pytest.mark.django_db


def make_delegation(**extra) -> Delegation:
    fields = {
        "title_zh_hans": "兰州市科技局赴美代表团",
        "title_en": "Lanzhou S&T Bureau delegation",
        "starts_on": date(2026, 9, 14),
        "ends_on": date(2026, 9, 20),
        **extra,
    }
    return Delegation.objects.create(**fields)


def detail(delegation) -> str:
    return reverse("projects:delegation_detail", kwargs={"pk": delegation.pk})


def item_post(**extra) -> dict:
    data = {
        "item-time_zone": "pacific",
        "item-starts_at": "2026-09-15T10:00",
        "item-ends_at": "2026-09-15T11:30",
        "item-title_zh_hans": "参观斯坦福大学",
        "item-title_en": "Visit to Stanford University",
        "item-place": "Palo Alto, CA",
        "item-notes": "",
    }
    return {**data, **{f"item-{key}": value for key, value in extra.items()}}


def test_staff_create_and_edit_a_delegation(clients):
    response = clients["staff"].post(
        reverse("projects:delegation_create"),
        {
            "title_zh_hans": "兰州新区代表团",
            "title_en": "",
            "starts_on": "2026-10-01",
            "ends_on": "2026-10-08",
            "notes": "",
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.title_zh_hans == "兰州新区代表团" and not delegation.title_en
    assert AuditEntry.objects.filter(action="delegation.created").exists()
    response = clients["staff"].post(
        reverse("projects:delegation_edit", kwargs={"pk": delegation.pk}),
        {
            "title_zh_hans": "兰州新区代表团",
            "title_en": "Lanzhou New Area delegation",
            "starts_on": "2026-10-01",
            "ends_on": "2026-10-09",
            "notes": "Visa letters sent.",
        },
    )
    assert response.status_code == 302
    page = clients["official"].get(reverse("projects:delegation_list")).content.decode()
    assert "兰州新区代表团" in page and "Lanzhou New Area delegation" in page
    assert "2026-10-09" in page


def test_bad_delegation_input_keeps_what_was_typed(clients):
    response = clients["staff"].post(
        reverse("projects:delegation_create"),
        {
            "title_zh_hans": "",
            "title_en": "",
            "starts_on": "2026-10-08",
            "ends_on": "2026-10-01",
            "notes": "Keep me",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the delegation a title in at least one language." in page
    assert "The delegation cannot leave before it arrives." in page
    assert "Keep me" in page
    assert not Delegation.objects.exists()


def test_members_are_added_and_removed_on_the_delegation_page(clients):
    delegation = make_delegation()
    response = clients["staff"].post(
        reverse("projects:delegation_member_add", kwargs={"pk": delegation.pk}),
        {
            "member-name": "王伟",
            "member-position": "副局长",
            "member-organization": "兰州市科技局",
            "member-is_leader": "on",
        },
    )
    assert response.status_code == 302
    member = DelegationMember.objects.get()
    assert member.is_leader
    page = clients["official"].get(detail(delegation)).content.decode()
    assert "王伟" in page and "副局长" in page
    assert "Remove 王伟" not in page  # officials get no change buttons
    # An empty name re-renders the page with the message.
    response = clients["staff"].post(
        reverse("projects:delegation_member_add", kwargs={"pk": delegation.pk}),
        {"member-name": "", "member-position": "Engineer"},
    )
    assert response.status_code == 200
    assert "The member was not added" in response.content.decode()
    assert 'value="Engineer"' in response.content.decode()
    response = clients["staff"].post(
        reverse(
            "projects:delegation_member_delete",
            kwargs={"pk": delegation.pk, "member_pk": member.pk},
        )
    )
    assert response.status_code == 302
    assert not DelegationMember.objects.exists()


def test_an_itinerary_item_in_pacific_time_is_stored_in_utc_and_shown_in_both_zones(clients):
    delegation = make_delegation()
    response = clients["staff"].post(
        reverse("projects:itinerary_item_add", kwargs={"pk": delegation.pk}), item_post()
    )
    assert response.status_code == 302
    item = ItineraryItem.objects.get()
    assert item.starts_at == datetime(2026, 9, 15, 17, 0, tzinfo=UTC)
    assert (
        item.title_zh_hans == "参观斯坦福大学" and item.title_en == "Visit to Stanford University"
    )
    page = clients["official"].get(detail(delegation)).content.decode()
    assert "Tue 15 Sep 10:00 PDT · Wed 16 Sep 01:00 CST" in page
    assert "Visit to Stanford University" in page
    response = clients["staff"].post(
        reverse("projects:itinerary_item_delete", kwargs={"pk": delegation.pk, "item_pk": item.pk})
    )
    assert response.status_code == 302
    assert not ItineraryItem.objects.exists()


def test_an_itinerary_item_entered_in_china_time(clients):
    delegation = make_delegation()
    clients["staff"].post(
        reverse("projects:itinerary_item_add", kwargs={"pk": delegation.pk}),
        item_post(time_zone="china", starts_at="2026-11-02T09:00", ends_at=""),
    )
    item = ItineraryItem.objects.get()
    # 09:00 in Beijing is 01:00 UTC; Los Angeles is back on standard time (UTC-8) since 1 Nov.
    assert item.starts_at == datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    assert item.ends_at is None
    assert (
        "Sun 1 Nov 17:00 PST · Mon 2 Nov 09:00 CST"
        in clients["staff"].get(detail(delegation)).content.decode()
    )


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        # Before and after the March change (8 March 2026): PST then PDT; China has no DST.
        (datetime(2026, 3, 6, 18, 0, tzinfo=UTC), "Fri 6 Mar 10:00 PST · Sat 7 Mar 02:00 CST"),
        (datetime(2026, 3, 9, 17, 0, tzinfo=UTC), "Mon 9 Mar 10:00 PDT · Tue 10 Mar 01:00 CST"),
        # Around the November change (1 November 2026).
        (datetime(2026, 10, 30, 17, 0, tzinfo=UTC), "Fri 30 Oct 10:00 PDT · Sat 31 Oct 01:00 CST"),
        (datetime(2026, 11, 2, 18, 0, tzinfo=UTC), "Mon 2 Nov 10:00 PST · Tue 3 Nov 02:00 CST"),
    ],
)
def test_times_in_both_zones_across_daylight_saving_changes(moment, shown):
    assert dual_time(moment) == shown


def test_a_pacific_time_the_clocks_skip_is_refused_and_nothing_is_lost(clients):
    delegation = make_delegation()
    response = clients["staff"].post(
        reverse("projects:itinerary_item_add", kwargs={"pk": delegation.pk}),
        item_post(starts_at="2026-03-08T02:30", ends_at=""),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This time does not exist in the chosen time zone" in page
    assert "参观斯坦福大学" in page and 'value="2026-03-08T02:30"' in page
    assert not ItineraryItem.objects.exists()


def test_an_end_before_the_start_is_refused(clients):
    delegation = make_delegation()
    response = clients["staff"].post(
        reverse("projects:itinerary_item_add", kwargs={"pk": delegation.pk}),
        item_post(ends_at="2026-09-15T09:00"),
    )
    assert "The end cannot come before the start." in response.content.decode()
    assert not ItineraryItem.objects.exists()


def test_officials_read_but_change_nothing_and_talents_see_nothing(clients):
    delegation = make_delegation()
    item = ItineraryItem.objects.create(
        delegation=delegation, starts_at=datetime(2026, 9, 15, 17, tzinfo=UTC), title_en="Visit"
    )
    member = DelegationMember.objects.create(delegation=delegation, name="Li Ming")
    pk = {"pk": delegation.pk}
    changes = [
        ("get", reverse("projects:delegation_create"), {}),
        ("get", reverse("projects:delegation_edit", kwargs=pk), {}),
        ("post", reverse("projects:delegation_edit", kwargs=pk), {"title_en": "x"}),
        ("post", reverse("projects:delegation_member_add", kwargs=pk), {"member-name": "X"}),
        (
            "post",
            reverse("projects:delegation_member_delete", kwargs={**pk, "member_pk": member.pk}),
            {},
        ),
        ("post", reverse("projects:itinerary_item_add", kwargs=pk), item_post()),
        ("post", reverse("projects:itinerary_item_delete", kwargs={**pk, "item_pk": item.pk}), {}),
        ("post", reverse("projects:itinerary_pdf_request", kwargs=pk), {"language": "en"}),
    ]
    for role in ("official", "talent"):
        for method, url, data in changes:
            assert getattr(clients[role], method)(url, data).status_code == 403, (role, url)
    assert clients["official"].get(detail(delegation)).status_code == 200
    assert clients["official"].get(reverse("projects:delegation_list")).status_code == 200
    assert clients["talent"].get(detail(delegation)).status_code == 403
    assert clients["talent"].get(reverse("projects:delegation_list")).status_code == 403
    assert clients["anonymous"].get(detail(delegation)).status_code == 302
    assert DelegationMember.objects.count() == 1 and ItineraryItem.objects.count() == 1
    assert not GeneratedPDF.objects.exists()


def test_the_itinerary_pdf_is_requested_made_and_listed(clients, monkeypatch):
    rendered = []

    def fake_render(*, template, context, language):
        rendered.append((template, context, language))
        return b"%PDF-1.4\n%%EOF\n"

    monkeypatch.setattr("workstation.pdf.render_pdf", fake_render)
    delegation = make_delegation()
    DelegationMember.objects.create(delegation=delegation, name="王伟", is_leader=True)
    ItineraryItem.objects.create(
        delegation=delegation,
        starts_at=datetime(2026, 9, 15, 17, tzinfo=UTC),
        title_zh_hans="参观",
        title_en="Visit",
    )
    response = clients["staff"].post(
        reverse("projects:itinerary_pdf_request", kwargs={"pk": delegation.pk}),
        {"language": "bilingual"},
    )
    assert response.status_code == 302
    document = GeneratedPDF.objects.get()
    assert (document.kind, document.subject) == ("itinerary", str(delegation.pk))
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=document.pk) == "ready"
    template, context, language = rendered[0]
    assert template == "projects/pdf/delegation_itinerary.html" and language == "zh-hans"
    assert context["title"] == ["兰州市科技局赴美代表团", "Lanzhou S&T Bureau delegation"]
    assert context["items"][0]["title"] == ["参观", "Visit"]
    assert "PDT" in context["items"][0]["starts"] and "CST" in context["items"][0]["starts"]
    page = clients["official"].get(detail(delegation)).content.decode()
    download = reverse("projects:pdf_download", kwargs={"pk": document.pk})
    assert download in page
    assert clients["official"].get(download).status_code == 200
    assert clients["talent"].get(download).status_code == 403


def test_the_real_itinerary_pdf_has_both_languages():
    from workstation.pdf import pdf_unavailable_reason

    if reason := pdf_unavailable_reason():
        pytest.skip(reason)
    from tests.pdf_reading import pdf_text

    delegation = make_delegation()
    ItineraryItem.objects.create(
        delegation=delegation,
        starts_at=datetime(2026, 9, 15, 17, tzinfo=UTC),
        title_zh_hans="参观斯坦福大学",
        title_en="Visit to Stanford University",
    )
    document = GeneratedPDF.objects.create(
        kind="itinerary", subject=str(delegation.pk), language="bilingual"
    )
    assert pdf_tasks.render_pdf(kind="projects.generatedpdf", pk=document.pk) == "ready"
    document.refresh_from_db()
    text = pdf_text(document)
    assert "参观斯坦福大学" in text and "Visit to Stanford University" in text
    assert "PDT" in text and "CST" in text

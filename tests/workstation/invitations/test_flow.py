"""VIP invitations: the flow and who may take each step, the history, the officials' approval mail,
the forms, who sees what, the list's filters, counts and query count, the admin and the samples."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person, signed_in_client
from tests.factories import EventFactory, InvitationFactory
from workstation.invitations import services
from workstation.invitations.models import Invitation, InvitationStep
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder

pytestmark = pytest.mark.django_db


def deliver_all() -> list:
    for reminder in Reminder.objects.filter(state=Reminder.State.PENDING):
        deliver_reminder(reminder_id=reminder.pk)
    sent = list(mail.outbox)
    mail.outbox.clear()
    return sent


def url(name: str, invitation=None, **kwargs) -> str:
    if invitation is not None:
        kwargs["pk"] = invitation.pk
    return reverse(f"workstation:{name}", kwargs=kwargs)


def zh(path: str) -> str:
    return path.replace("/en/", "/zh-hans/", 1)


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def post(client, name: str, invitation, data=None) -> str:
    """POST a step and follow to the page, returning what the person then reads."""
    response = client.post(url(name, invitation), data or {}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def status_of(invitation) -> str:
    invitation.refresh_from_db()
    return invitation.status


def submitted(invitation=None, actor=None) -> Invitation:
    invitation = invitation or InvitationFactory()
    return services.submit_for_approval(invitation=invitation, actor=actor)


# --- The whole flow


def test_the_whole_flow_with_who_may_take_each_step(clients, staff, official):
    event = EventFactory(
        kind="expo",
        is_public=False,
        registration_open=False,
        title_zh_hans="兰州科博会",
        title_en="Lanzhou Sci-Tech Expo",
    )
    response = clients["staff"].post(
        url("invitation_create"),
        {
            "name": "Jordan Lee",
            "kind": "investor",
            "event": event.pk,
            "email": "jordan@example.com",
            "affiliation_zh_hans": "示例创投 合伙人",
            "affiliation_en": "Partner, Example Ventures",
            "bio_zh_hans": "投资生物医药。",
            "bio_en": "Invests in biomedicine.",
        },
    )
    invitation = Invitation.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "invitation_detail", invitation
    )
    assert invitation.status == "draft" and invitation.created_by == staff

    # A draft in progress is the staff's own: officials neither see nor approve it.
    assert clients["official"].get(url("invitation_detail", invitation)).status_code == 404
    assert "Jordan Lee" not in page(clients["official"], url("invitation_list"))
    assert clients["official"].post(url("invitation_approve", invitation)).status_code == 404
    # Staff cannot approve: only an official can.
    assert clients["staff"].post(url("invitation_approve", invitation)).status_code == 403
    assert "Approve the invitation" not in page(
        clients["staff"], url("invitation_detail", invitation)
    )

    text = post(clients["staff"], "invitation_submit", invitation)
    assert "the Lanzhou officials are asked by mail to approve it" in text
    assert status_of(invitation) == "awaiting_approval"
    assert "Waiting for a Lanzhou official" in text
    (to_official,) = deliver_all()
    assert to_official.to == [official.email]
    # In Chinese, the official's working language: the Chinese texts and a /zh-hans/ link.
    assert "兰州科博会" in to_official.body and "示例创投 合伙人" in to_official.body
    assert "兰州科技创新（硅谷）工作站" in to_official.body
    assert f"/zh-hans/invitations/{invitation.pk}/" in to_official.body
    assert "Jordan Lee" in to_official.subject
    assert deliver_all() == []  # sent once
    # Asking twice is refused, with the reason shown.
    text = post(clients["staff"], "invitation_submit", invitation)
    assert "This invitation is already waiting for an official&#x27;s approval." in text
    assert deliver_all() == []

    detail = page(clients["official"], url("invitation_detail", invitation))
    assert "Approve the invitation" in detail and "Send back for changes" in detail
    assert clients["staff"].post(url("invitation_approve", invitation)).status_code == 403
    assert status_of(invitation) == "awaiting_approval"

    # Sent back with a note; staff fix it and ask again; the official approves.
    text = post(
        clients["official"], "invitation_send_back", invitation, {"note": "请补充中文简介的细节。"}
    )
    assert status_of(invitation) == "draft"
    assert not services.is_awaiting_approval(invitation)
    (to_staff,) = deliver_all()  # staff are told, with the official's note
    assert to_staff.to == [staff.email] and "Sent back" in to_staff.subject
    assert "请补充中文简介的细节。" in to_staff.body
    post(clients["staff"], "invitation_submit", invitation, {"note": "Details added."})
    assert [m.to for m in deliver_all()] == [[official.email]]  # the second round, once
    text = post(clients["official"], "invitation_approve", invitation)
    assert status_of(invitation) == "approved"
    (to_staff,) = deliver_all()
    assert to_staff.to == [staff.email] and "Approved: VIP invitation of Jordan Lee" in (
        to_staff.subject
    )

    # An illegal step is refused with its message, and nothing changes.
    text = post(clients["staff"], "invitation_travel", invitation)
    assert "Travel can only be arranged for an accepted invitation." in text
    assert status_of(invitation) == "approved"
    text = post(clients["staff"], "invitation_answer", invitation, {"answer": "accepted"})
    assert "An answer can only be recorded for an invitation that was sent." in text

    # Officials approve; staff send and record what follows.
    assert clients["official"].post(url("invitation_mark_sent", invitation)).status_code == 403
    post(clients["staff"], "invitation_mark_sent", invitation)
    assert status_of(invitation) == "sent"
    post(clients["staff"], "invitation_answer", invitation, {"answer": "accepted"})
    assert status_of(invitation) == "accepted"
    post(clients["staff"], "invitation_travel", invitation, {"note": "Flights via Beijing."})
    assert status_of(invitation) == "travel_arranged"
    # Attendance only once the event has started.
    text = post(clients["staff"], "invitation_attended", invitation)
    assert "The event has not started yet" in text
    assert status_of(invitation) == "travel_arranged"
    event.starts_at = timezone.now() - timedelta(hours=1)
    event.ends_at = timezone.now() + timedelta(hours=1)
    event.save()
    post(clients["staff"], "invitation_attended", invitation)
    assert status_of(invitation) == "attended"

    steps = list(invitation.steps.values_list("status", "by__email"))
    assert steps == [
        ("submitted", staff.email),
        ("sent_back", official.email),
        ("submitted", staff.email),
        ("approved", official.email),
        ("sent", staff.email),
        ("accepted", staff.email),
        ("travel_arranged", staff.email),
        ("attended", staff.email),
    ]
    # The history shows each step with who took it and the notes.
    history = page(clients["official"], url("invitation_detail", invitation))
    history = history[history.index('id="history-heading"') :]
    for label in (
        "Created",
        "Submitted for approval",
        "Sent back for changes",
        "Approved by an official",
        "Sent",
        "Accepted",
        "Travel arranged",
        "Attended",
        "请补充中文简介的细节。",
        "Details added.",
        "Flights via Beijing.",
    ):
        assert label in history, label
    assert history.count(staff.get_short_name()) == 7  # created, 2 submissions and 4 steps
    assert history.count(official.get_short_name()) == 2
    assert history.index("Submitted for approval") < history.index("Sent back for changes")


def test_a_declined_invitation_gets_no_travel_and_no_attendance(staff):
    invitation = submitted(actor=staff)
    official = make_person("official", "reviewer@example.org", "zh-hans")
    services.approve(invitation=invitation, actor=official)
    services.mark_sent(invitation=invitation, actor=staff)
    services.record_answer(invitation=invitation, accepted=False, actor=staff)
    assert status_of(invitation) == "declined"
    with pytest.raises(services.InvitationError, match="accepted invitation"):
        services.arrange_travel(invitation=invitation, actor=staff)
    with pytest.raises(services.InvitationError, match="travel has been arranged"):
        services.mark_attended(invitation=invitation, actor=staff)
    with pytest.raises(services.InvitationError, match="invitation that was sent"):
        services.record_answer(invitation=invitation, accepted=True, actor=staff)
    assert status_of(invitation) == "declined"


def test_the_next_step_card_says_where_the_invitation_stands(clients, staff, official):
    invitation = submitted(actor=staff)
    services.approve(invitation=invitation, actor=official)
    detail = reverse("workstation:invitation_detail", kwargs={"pk": invitation.pk})

    def card(role: str) -> str:
        page = BeautifulSoup(clients[role].get(detail).content.decode(), "html.parser")
        return " ".join(page.select_one(".invitation-actions").get_text(" ").split())

    assert "The workstation staff take the next step." in card("official")
    assert "Record the invitation as sent" in card("staff")
    services.mark_sent(invitation=invitation, actor=staff)
    services.record_answer(invitation=invitation, accepted=False, actor=staff)
    assert "The VIP declined the invitation." in card("official")
    assert "The VIP declined the invitation." in card("staff")


def test_only_an_official_approves_not_staff_nor_an_administrator(clients, staff, superuser):
    invitation = submitted(actor=staff)
    for actor in (staff, superuser, None):
        with pytest.raises(services.InvitationError, match="Only a Lanzhou official"):
            services.approve(invitation=invitation, actor=actor)
        with pytest.raises(services.InvitationError, match="Only a Lanzhou official"):
            services.send_back(invitation=invitation, actor=actor, note="x")
    admin_client = signed_in_client(superuser)
    assert admin_client.post(url("invitation_approve", invitation)).status_code == 403
    assert status_of(invitation) == "awaiting_approval"
    assert list(invitation.steps.values_list("status", flat=True)) == ["submitted"]


def test_steps_out_of_order_are_refused(staff, official):
    invitation = InvitationFactory()
    with pytest.raises(services.InvitationError, match="not waiting for approval"):
        services.approve(invitation=invitation, actor=official)
    with pytest.raises(services.InvitationError, match="approved by an official can be sent"):
        services.mark_sent(invitation=invitation, actor=staff)
    submitted(invitation, staff)
    with pytest.raises(services.InvitationError, match="approved by an official can be sent"):
        services.mark_sent(invitation=invitation, actor=staff)
    with pytest.raises(services.InvitationError, match="Say in a note"):
        services.send_back(invitation=invitation, actor=official, note="  ")
    services.approve(invitation=invitation, actor=official)
    with pytest.raises(services.InvitationError, match="Only a draft"):
        services.submit_for_approval(invitation=invitation, actor=staff)
    with pytest.raises(services.InvitationError, match="not waiting for approval"):
        services.approve(invitation=invitation, actor=official)
    assert list(invitation.steps.values_list("status", flat=True)) == ["submitted", "approved"]


def test_a_step_with_a_note_too_long_is_not_taken(clients, staff):
    invitation = InvitationFactory()
    text = post(clients["staff"], "invitation_submit", invitation, {"note": "x" * 2001})
    assert "Ensure this value has at most 2000 characters" in text
    assert not invitation.steps.exists()


def test_approval_needs_the_biography_and_affiliation_in_both_languages(clients, staff):
    invitation = InvitationFactory(bio_zh_hans="")
    text = post(clients["staff"], "invitation_submit", invitation)
    assert "in both Chinese and English before asking for approval" in text
    assert not invitation.steps.exists() and deliver_all() == []


def test_sending_back_needs_a_note_and_says_so_on_the_page(clients, staff):
    invitation = submitted(actor=staff)
    response = clients["official"].post(zh(url("invitation_send_back", invitation)), {"note": ""})
    assert response.status_code == 400
    assert "这个字段是必填项。" in response.content.decode()
    assert services.is_awaiting_approval(invitation)


# --- Who sees what


def test_talents_and_the_public_never_see_invitations(clients, staff):
    invitation = submitted(actor=staff)
    for role in ("talent", "other_talent"):
        assert clients[role].get(url("invitation_list")).status_code == 403
        for name in ("invitation_detail", "invitation_edit", "invitation_notes"):
            assert clients[role].get(url(name, invitation)).status_code == 404
        assert clients[role].post(url("invitation_approve", invitation)).status_code == 404
        assert invitation.name not in clients[role].get(url("invitation_list")).content.decode()
    for name in ("invitation_list", "invitation_create"):
        response = clients["anonymous"].get(url(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = clients["anonymous"].get(url("invitation_detail", invitation))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "VIP invitations" not in page(clients["talent"], url("home"))
    assert "VIP invitations" in page(clients["staff"], url("home"))


def test_officials_see_invitations_from_their_submission_on(clients, staff, official):
    draft = InvitationFactory(name="Draft Person")
    waiting = submitted(InvitationFactory(name="Waiting Person"), staff)
    sent_back = submitted(InvitationFactory(name="Returned Person"), staff)
    services.send_back(invitation=sent_back, actor=official, note="请修改。")
    year = timezone.localtime(draft.event.starts_at).year
    listed = page(clients["official"], url("invitation_list") + f"?year={year}")
    assert "Draft Person" not in listed
    assert "Waiting Person" in listed and "Returned Person" in listed
    assert clients["official"].get(url("invitation_detail", draft)).status_code == 404
    assert clients["official"].get(url("invitation_detail", waiting)).status_code == 200
    # Officials read the notes but do not edit them, nor the details.
    assert clients["official"].get(url("invitation_notes", waiting)).status_code == 403
    assert clients["official"].get(url("invitation_edit", waiting)).status_code == 403


# --- Pages and forms


def test_the_biography_is_shown_in_the_page_language_or_marked_missing(clients, staff):
    invitation = submitted(InvitationFactory(), staff)
    Invitation.objects.filter(pk=invitation.pk).update(bio_en="", affiliation_en="")
    text = page(clients["staff"], url("invitation_detail", invitation))
    assert "投资<strong>生物医药</strong>。" in text and "Translation missing" in text
    assert 'lang="zh-hans"' in text
    text = page(clients["staff"], zh(url("invitation_detail", invitation)))
    assert "投资<strong>生物医药</strong>。" in text and "缺少译文" not in text


def test_the_event_is_shown_with_its_time_in_both_zones(clients, staff):
    starts = datetime(2026, 7, 1, 17, 0, tzinfo=UTC)
    event = EventFactory(kind="expo", starts_at=starts, ends_at=starts + timedelta(hours=2))
    invitation = InvitationFactory(event=event)
    text = page(clients["staff"], url("invitation_detail", invitation))
    assert "Wed 1 Jul 10:00 PDT" in text and "Thu 2 Jul 01:00 CST" in text


def test_a_bad_form_keeps_what_was_typed_with_the_message_in_chinese(clients):
    response = clients["staff"].post(
        zh(url("invitation_create")),
        {
            "name": "李明",
            "kind": "",
            "event": "",
            "email": "not an address",
            "bio_zh_hans": "保留的简介",
            "affiliation_en": "Kept affiliation",
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "这个字段是必填项。" in text and "输入一个有效的 Email 地址。" in text
    assert "李明" in text and "保留的简介" in text and "Kept affiliation" in text
    assert not Invitation.objects.exists()


def test_after_submission_the_bio_may_be_corrected_but_not_who_or_where(clients, staff, official):
    invitation = submitted(InvitationFactory(name="Alex Original"), staff)
    services.approve(invitation=invitation, actor=official)
    other_event = EventFactory()
    form = page(clients["staff"], url("invitation_edit", invitation))
    assert "Fixed once submitted for approval." in form
    response = clients["staff"].post(
        url("invitation_edit", invitation),
        {
            "name": "Someone Else",
            "kind": "scientist",
            "event": other_event.pk,
            "email": "alex@example.com",
            "affiliation_zh_hans": "新单位",
            "affiliation_en": "New affiliation",
            "bio_zh_hans": "更新的简介。",
            "bio_en": "Updated bio.",
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "approved"
    assert invitation.bio_en == "Updated bio." and invitation.affiliation_zh_hans == "新单位"
    assert invitation.name == "Alex Original" and invitation.kind == "investor"
    assert invitation.event_id != other_event.pk
    # And the service refuses it too, whatever a form sends.
    invitation.name = "Someone Else"
    with pytest.raises(services.InvitationError, match="cannot be changed"):
        services.save_details(invitation=invitation, changed=["name"], actor=staff)


def test_protocol_notes_and_follow_up_are_kept_at_any_step(clients, staff, official):
    invitation = submitted(InvitationFactory(), staff)
    services.approve(invitation=invitation, actor=official)
    response = clients["staff"].post(
        url("invitation_notes", invitation),
        {"protocol_notes": "称呼：李博士；素食。", "follow_up": "Send the programme in May."},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "approved" and invitation.protocol_notes == "称呼：李博士；素食。"
    text = page(clients["official"], url("invitation_detail", invitation))
    assert "称呼：李博士；素食。" in text and "Send the programme in May." in text
    assert "Edit the notes" not in text


def test_the_list_filters_by_year_and_status_and_counts_each_status(clients, staff, official):
    this_year = timezone.localdate().year
    in_year = timezone.now().replace(month=6, day=15, hour=12)
    next_year = in_year.replace(year=this_year + 1)
    event = EventFactory(starts_at=in_year, ends_at=in_year + timedelta(hours=2))
    later = EventFactory(starts_at=next_year, ends_at=next_year + timedelta(hours=2))
    InvitationFactory(event=event, name="Draft One")
    approved = submitted(InvitationFactory(event=event, name="Approved One"), staff)
    services.approve(invitation=approved, actor=official)
    submitted(InvitationFactory(event=event, name="Waiting One"), staff)
    InvitationFactory(event=later, name="Next Year One")

    text = page(clients["staff"], url("invitation_list"))
    assert "Draft One" in text and "Approved One" in text and "Next Year One" not in text
    assert f'<option value="{this_year}" selected>' in text  # the year shown by default
    assert f"{this_year}: 3 invitations" in text
    assert 'class="count-draft">1<' in text and 'class="count-approved">1<' in text
    assert 'class="count-awaiting_approval">1<' in text
    assert 'class="count-attended">0<' in text
    text = page(clients["staff"], url("invitation_list") + f"?year={this_year}&status=approved")
    assert "Approved One" in text and "Draft One" not in text
    text = page(clients["staff"], url("invitation_list") + f"?year={this_year + 1}")
    assert "Next Year One" in text and "Draft One" not in text
    # Officials' counts leave out the drafts never submitted to them.
    text = page(clients["official"], url("invitation_list"))
    assert 'class="count-draft">0<' in text and "Draft One" not in text
    assert 'class="count-awaiting_approval">1<' in text


def test_an_empty_year_says_so_and_points_to_the_years_with_invitations(clients, staff, official):
    """The Expo's invitations are for next January: the default year is empty, and says where they
    are instead of a bare "No invitation matches"."""
    next_year = timezone.localdate().year + 1
    expo = timezone.now().replace(year=next_year, month=1, day=22, hour=17)
    later = EventFactory(starts_at=expo, ends_at=expo + timedelta(hours=2))
    submitted(InvitationFactory(event=later, name="Expo Guest"), staff)

    text = page(clients["staff"], url("invitation_list"))
    assert "No invitation for an event in" in text and "Expo Guest" not in text
    assert f'<a href="?year={next_year}">{next_year}</a>' in text
    # A status that matches nothing in a year with invitations keeps the plain message.
    text = page(clients["staff"], url("invitation_list") + f"?year={next_year}&status=sent")
    assert "No invitation matches." in text
    # The official's empty year reads in Chinese and points to the same year.
    text = page(clients["official"], zh(url("invitation_list")))
    assert f'<a href="?year={next_year}">{next_year}</a>' in text


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["staff", "official"])
def test_the_list_query_count_does_not_grow_with_its_invitations(clients, staff, role):
    first = submitted(InvitationFactory(), staff)
    path = url("invitation_list") + f"?year={timezone.localtime(first.event.starts_at).year}"
    few = queries(clients[role], path)
    for _ in range(6):
        submitted(InvitationFactory(), staff)
        InvitationFactory()
    assert Invitation.objects.count() == 13
    assert queries(clients[role], path) == few
    text = page(clients[role], path)
    assert text.count('class="badge badge-awaiting_approval"') == 7
    assert text.count('class="badge badge-draft"') == (6 if role == "staff" else 0)


def test_the_detail_query_count_does_not_grow_with_its_steps(clients, staff, official):
    invitation = submitted(InvitationFactory(), staff)
    path = url("invitation_detail", invitation)
    few = queries(clients["official"], path)
    services.send_back(invitation=invitation, actor=official, note="1")
    submitted(invitation, staff)
    services.approve(invitation=invitation, actor=official)
    assert queries(clients["official"], path) == few


# --- Mail, admin, samples


def test_the_approval_mail_is_not_sent_once_the_invitation_was_decided(staff, official):
    invitation = submitted(actor=staff)
    services.approve(invitation=invitation, actor=official)
    assert [m.to for m in deliver_all()] == [[staff.email]]  # the approval, not the request
    request = Reminder.objects.get(kind=services.APPROVAL_REQUESTED)
    assert request.state == Reminder.State.CANCELLED


def test_the_admin_shows_the_steps_read_only(clients, staff, official):
    invitation = submitted(InvitationFactory(), staff)
    services.send_back(invitation=invitation, actor=official, note="请补充。")
    text = page(
        clients["staff"], reverse("admin:workstation_invitation_change", args=[invitation.pk])
    )
    assert "请补充。" in text
    assert 'name="steps-0-note"' not in text and 'name="status"' not in text
    assert 'name="name"' in text  # a draft sent back: its details may change
    submitted(invitation, staff)
    services.approve(invitation=invitation, actor=official)
    text = page(
        clients["staff"], reverse("admin:workstation_invitation_change", args=[invitation.pk])
    )
    assert 'name="name"' not in text and 'name="event"' not in text
    assert 'name="bio_en"' in text


def test_admin_saves_go_through_the_services_and_are_audited(clients, staff):
    from workstation.audit.models import AuditEntry

    invitation = InvitationFactory()
    change = reverse("admin:workstation_invitation_change", args=[invitation.pk])
    form = BeautifulSoup(clients["staff"].get(change).content, "html.parser").select_one(
        "form#invitation_form"
    )
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field.get("type") not in ("checkbox", "submit")
    }
    data.update(
        {area["name"]: area.get_text() for area in form.select("textarea[name]")},
        kind=invitation.kind,
        follow_up="Call in May.",
    )
    response = clients["staff"].post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.filter(action="invitation.edited").get()
    assert entry.actor == staff and "follow_up" in str(entry.details)


def test_the_sample_invitations_load_once_and_are_marked_as_samples(clients):
    from workstation.invitations.demo import load_demo_invitations

    assert load_demo_invitations() == 2
    assert load_demo_invitations() == 0
    invitations = Invitation.objects.select_related("event").order_by("status")
    assert [i.status for i in invitations] == ["draft", "travel_arranged"]
    assert all(i.event.is_sample and i.event.kind == "expo" for i in invitations)
    arranged = invitations.get(status="travel_arranged")
    assert list(arranged.steps.values_list("status", flat=True)) == [
        "submitted",
        "approved",
        "sent",
        "accepted",
        "travel_arranged",
    ]
    text = page(clients["staff"], url("invitation_detail", arranged))
    assert "Sample content" in text and "not an actual person" in text
    assert InvitationStep.objects.count() == 5


def test_the_demo_command_loads_the_sample_invitations_once(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    assert Invitation.objects.count() == 2
    steps = InvitationStep.objects.values_list("status", "by__email")
    assert ("approved", "official@lanzhou-sv.example") in steps


def test_the_chinese_page_names_the_vip_an_investor_and_the_first_step_created(
    clients, staff, official
):
    """A VIP is a person: 投资人, not the 投资机构 of an organisation; the history's first line
    is a step (已创建), not the column heading 创建时间."""
    invitation = submitted(InvitationFactory(kind="investor"), staff)
    text = page(clients["official"], zh(url("invitation_detail", invitation)))
    assert "投资人" in text and "投资机构" not in text
    assert "已创建" in text and "创建时间" not in text


def test_the_migration_stores_the_status_the_steps_implied(transactional_db):
    """Before 0006, submitting and sending back were both "draft" steps, and a draft waited for
    approval while it had an odd number of them."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    before = ("workstation", "0005_meetings_invitations_targets")
    call_command("migrate", *before, verbosity=0)
    # The models as they were at 0005: today's have fields that table does not have yet.
    old = MigrationLoader(connection).project_state(before).apps
    event = old.get_model("workstation", "Event").objects.create(
        kind="expo", title="Expo", starts_at=timezone.now(), ends_at=timezone.now()
    )
    Old = old.get_model("workstation", "Invitation")
    made = [Old.objects.create(event=event, name=f"Alex {n}", kind="investor") for n in (1, 2)]
    for invitation, count in zip(made, (3, 2), strict=True):
        for index in range(count):
            old.get_model("workstation", "InvitationStep").objects.create(
                invitation=invitation, status="draft", at=timezone.now() + timedelta(seconds=index)
            )
    # Every app, as a deploy does: going back to 0005 also took back the apps' migrations that
    # depend on later ones, and the tests after this one need them.
    call_command("migrate", verbosity=0)
    waiting, returned = (Invitation.objects.get(pk=invitation.pk) for invitation in made)
    assert status_of(waiting) == "awaiting_approval" and status_of(returned) == "draft"
    assert list(waiting.steps.values_list("status", flat=True)) == [
        "submitted",
        "sent_back",
        "submitted",
    ]
    assert list(returned.steps.values_list("status", flat=True)) == ["submitted", "sent_back"]

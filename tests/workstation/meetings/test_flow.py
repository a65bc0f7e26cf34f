"""Monthly meetings with the Lanzhou bureau: scheduling in either time zone, who sees what, the
minutes and action items, the briefing's link to its month's meeting, and the reminders (24 hours
before a meeting to every invitee; action items on their due date and a week overdue)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import make_person, signed_in_client
from tests.factories import (
    ActionItemFactory,
    BriefingFactory,
    EventFactory,
    MeetingFactory,
)
from tests.workstation.meetings.meeting_forms import form_data
from workstation.events.models import Event, EventKind
from workstation.meetings import services
from workstation.meetings.demo import load_demo_meetings
from workstation.meetings.models import ActionItem, Meeting
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder
from workstation.timezones import dual_span

pytestmark = pytest.mark.django_db

PACIFIC = ZoneInfo("America/Los_Angeles")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response) -> str:
    return " ".join(soup_of(response).get_text(" ").split())


def meeting_at(starts_at: datetime, **kwargs) -> Meeting:
    return MeetingFactory(
        event__starts_at=starts_at, event__ends_at=starts_at + timedelta(hours=1), **kwargs
    )


# --- Scheduling


def test_staff_schedule_a_meeting_in_china_time_shown_in_both_zones_across_dst(
    clients, staff, official
):
    # The US moves to daylight time on 8 March 2026; China does not change its clocks.
    response = clients["staff"].post(
        reverse("workstation:meeting_create"),
        form_data(invitees=[staff.pk, official.pk]),
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workstation:meeting_detail", kwargs={"pk": meeting.pk})
    event = meeting.event
    assert event.kind == EventKind.MONTHLY_MEETING
    assert not event.is_public and not event.registration_open
    assert event.starts_at == datetime(2026, 3, 9, 1, 0, tzinfo=UTC)
    assert set(meeting.invitees.all()) == {staff, official}
    assert meeting.agenda_zh_hans == "1. 科博会项目"

    page = text_of(clients["staff"].get(response["Location"]))
    assert "Sun 8 Mar 18:00 PDT – 19:30 PDT" in page
    assert "Mon 9 Mar 09:00 CST – 10:30 CST" in page
    assert "Projects for the Expo" in page

    # The edit form shows the times on the clock they were typed in.
    edit = soup_of(
        clients["staff"].get(reverse("workstation:meeting_edit", kwargs={"pk": meeting.pk}))
    )
    assert edit.select_one("#id_starts_at")["value"] == "2026-03-09T09:00"
    assert edit.select_one("#id_time_zone option[selected]")["value"] == "china"

    # The same wall-clock time a week earlier, before the change: 17:00 PST the day before.
    clients["staff"].post(
        reverse("workstation:meeting_edit", kwargs={"pk": meeting.pk}),
        form_data(starts_at="2026-03-02T09:00", ends_at="2026-03-02T10:30", invitees=[staff.pk]),
    )
    meeting.refresh_from_db()
    meeting.event.refresh_from_db()
    assert meeting.event.starts_at == datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    assert list(meeting.invitees.all()) == [staff]
    page = text_of(clients["official"].get(response["Location"]))
    assert "Sun 1 Mar 17:00 PST" in page
    assert "Mon 2 Mar 09:00 CST" in page


def test_a_time_the_pacific_clock_skips_is_refused_and_the_form_keeps_what_was_typed(clients):
    response = clients["staff"].post(
        reverse("workstation:meeting_create"),
        form_data(time_zone="pacific", starts_at="2026-03-08T02:30", ends_at="2026-03-08T03:30"),
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    page = soup_of(response)
    assert "does not exist in the chosen time zone" in page.get_text()
    assert page.select_one("#id_title_en")["value"] == "March meeting"
    assert page.select_one("#id_agenda_zh_hans").get_text().strip() == "1. 科博会项目"


def test_a_meeting_without_a_title_is_refused(clients):
    response = clients["staff"].post(
        reverse("workstation:meeting_create"), form_data(title_zh_hans="", title_en="")
    )
    assert response.status_code == 400
    assert "Give the meeting a title in at least one language." in text_of(response)
    assert not Meeting.objects.exists()


def test_only_staff_and_officials_can_be_invited(clients, talent, official):
    response = clients["staff"].post(
        reverse("workstation:meeting_create"), form_data(invitees=[talent.pk])
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    form = soup_of(clients["staff"].get(reverse("workstation:meeting_create")))
    choices = {tag["value"] for tag in form.select("input[name=invitees]")}
    assert str(official.pk) in choices and str(talent.pk) not in choices


# --- Who sees what


def test_the_list_shows_upcoming_and_past_meetings_with_open_items(clients):
    upcoming = MeetingFactory(event__title_en="Next meeting")
    past = meeting_at(timezone.now() - timedelta(days=30), event__title_en="Last meeting")
    ActionItemFactory(meeting=past)
    ActionItemFactory(meeting=past)
    ActionItemFactory(meeting=past, done_at=timezone.now())
    page = soup_of(clients["official"].get(reverse("workstation:meeting_list")))
    upcoming_section = page.select_one("section[aria-labelledby=upcoming-heading]").get_text()
    past_section = page.select_one("section[aria-labelledby=past-heading]").get_text()
    assert "Next meeting" in upcoming_section and "Last meeting" not in upcoming_section
    assert "Last meeting" in past_section
    assert "2 open action items" in " ".join(past_section.split())
    assert "open action item" not in upcoming_section  # none: no "0 open action items"
    assert "PST" in upcoming_section or "PDT" in upcoming_section
    assert "CST" in upcoming_section
    assert upcoming.event.text().title in upcoming_section


def test_talents_and_anonymous_are_kept_out_and_the_event_is_not_public(clients):
    meeting = MeetingFactory()
    detail = reverse("workstation:meeting_detail", kwargs={"pk": meeting.pk})
    assert clients["talent"].get(detail).status_code == 403
    assert "/accounts/login/" in clients["anonymous"].get(detail)["Location"]
    event_page = reverse("workstation:event_detail", kwargs={"pk": meeting.event_id})
    assert clients["talent"].get(event_page).status_code == 404
    assert clients["anonymous"].get(event_page).status_code == 404
    # An official reads the page but finds no staff action on it.
    page = clients["official"].get(detail)
    assert page.status_code == 200
    assert (
        reverse("workstation:meeting_edit", kwargs={"pk": meeting.pk}) not in page.content.decode()
    )
    assert clients["official"].get(reverse("workstation:meeting_create")).status_code == 403


def test_the_page_shows_the_minutes_in_the_page_language_or_marks_the_translation_missing(
    clients,
):
    meeting = meeting_at(
        timezone.now() - timedelta(days=2),
        minutes_zh_hans="会议纪要：**三个项目**",
        minutes_en="",
    )
    ics = reverse("workstation:event_ics", kwargs={"pk": meeting.event_id})
    path = reverse("workstation:meeting_detail", kwargs={"pk": meeting.pk})
    english = soup_of(clients["official"].get(path))
    minutes = english.select_one("#minutes")
    assert "Translation missing" in minutes.get_text()
    assert minutes.select_one("[lang=zh-hans] strong").get_text() == "三个项目"
    assert english.select_one(f"a[href='{ics}']") is not None
    chinese = soup_of(clients["official"].get(path.replace("/en/", "/zh-hans/", 1)))
    assert chinese.select_one("#minutes [lang]") is None
    assert "三个项目" in chinese.select_one("#minutes").get_text()


def test_the_ics_of_the_meeting_is_for_staff_and_officials(clients):
    meeting = MeetingFactory()
    path = reverse("workstation:event_ics", kwargs={"pk": meeting.event_id})
    calendar = icalendar.Calendar.from_ical(clients["official"].get(path).content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == meeting.event.title_en
    assert clients["talent"].get(path).status_code == 404


def test_the_list_makes_the_same_number_of_queries_with_more_meetings(clients):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert clients["staff"].get(reverse("workstation:meeting_list")).status_code == 200
        return len(captured)

    for days in (5, -40):
        ActionItemFactory(meeting=meeting_at(timezone.now() + timedelta(days=days)))
    few = count()
    for days in (6, 8, -50, -60, -70):
        meeting = meeting_at(timezone.now() + timedelta(days=days))
        ActionItemFactory.create_batch(3, meeting=meeting)
    assert count() == few


# --- Minutes


def test_staff_write_the_minutes_after_the_meeting(clients):
    meeting = meeting_at(timezone.now() - timedelta(hours=3))
    path = reverse("workstation:meeting_minutes", kwargs={"pk": meeting.pk})
    response = clients["staff"].post(
        path, {"minutes_zh_hans": "纪要<script>alert(1)</script>", "minutes_en": "Minutes **ok**"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_en == "Minutes **ok**"
    page = clients["staff"].get(response["Location"]).content.decode()
    assert "<strong>ok</strong>" in page
    chinese = clients["staff"].get(response["Location"].replace("/en/", "/zh-hans/", 1))
    assert "<script>alert(1)" not in chinese.content.decode()


def test_empty_minutes_and_minutes_before_the_meeting_are_refused(clients):
    held = meeting_at(timezone.now() - timedelta(hours=3))
    response = clients["staff"].post(
        reverse("workstation:meeting_minutes", kwargs={"pk": held.pk}),
        {"minutes_zh_hans": " ", "minutes_en": ""},
    )
    assert response.status_code == 400
    assert "Write the minutes in at least one language." in text_of(response)

    coming = MeetingFactory()
    response = clients["staff"].post(
        reverse("workstation:meeting_minutes", kwargs={"pk": coming.pk}),
        {"minutes_zh_hans": "", "minutes_en": "Written too early"},
    )
    assert response.status_code == 400
    assert "once the meeting has begun" in text_of(response)
    assert soup_of(response).select_one("#id_minutes_en").get_text().strip() == "Written too early"
    coming.refresh_from_db()
    assert not coming.minutes_en


# --- Action items


def test_staff_add_edit_and_delete_an_action_item(clients, official):
    meeting = MeetingFactory()
    response = clients["staff"].post(
        reverse("workstation:action_item_add", kwargs={"pk": meeting.pk}),
        {
            "description_zh_hans": "发送项目清单",
            "description_en": "Send the project list",
            "owner": official.pk,
            "due_on": "2026-12-15",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.owner, item.due_on) == (official, date(2026, 12, 15))
    page = text_of(clients["official"].get(response["Location"]))
    assert "Send the project list" in page and "2026-12-15" in page

    clients["staff"].post(
        reverse("workstation:action_item_edit", kwargs={"pk": item.pk}),
        {
            "description_zh_hans": "发送项目清单",
            "description_en": "Send the final list",
            "owner": official.pk,
            "due_on": "2026-12-20",
        },
    )
    item.refresh_from_db()
    assert (item.description_en, item.due_on) == ("Send the final list", date(2026, 12, 20))

    response = clients["staff"].post(
        reverse("workstation:action_item_delete", kwargs={"pk": item.pk})
    )
    assert response.status_code == 302
    assert not ActionItem.objects.exists()


def test_a_bad_action_item_keeps_what_was_typed_with_a_chinese_message_on_a_chinese_page(
    clients, official
):
    meeting = MeetingFactory()
    path = reverse("workstation:action_item_add", kwargs={"pk": meeting.pk})
    response = clients["staff"].post(
        path.replace("/en/", "/zh-hans/", 1),
        {
            "description_zh_hans": "联系兰州新区",
            "description_en": "",
            "owner": official.pk,
            "due_on": "",
        },
    )
    assert response.status_code == 400
    page = soup_of(response)
    assert page.select_one("#id_description_zh_hans")["value"] == "联系兰州新区"
    assert "这个字段是必填项" in page.select_one("#id_due_on_error").get_text()
    assert not ActionItem.objects.exists()

    response = clients["staff"].post(
        path,
        {
            "description_zh_hans": "",
            "description_en": "",
            "owner": official.pk,
            "due_on": "2026-12-01",
        },
    )
    assert response.status_code == 400
    assert "Describe the action in at least one language." in text_of(response)


def test_the_owner_marks_an_item_done_and_open_again_another_official_may_not(clients, official):
    item = ActionItemFactory(owner=official)
    path = reverse("workstation:action_item_done", kwargs={"pk": item.pk})
    other = signed_in_client(make_person("official", "other.official@example.org", "zh-hans"))

    assert other.post(path).status_code == 403
    assert clients["talent"].post(path).status_code == 403
    item.refresh_from_db()
    assert item.done_at is None

    detail = reverse("workstation:meeting_detail", kwargs={"pk": item.meeting_id})
    assert soup_of(other.get(detail)).select_one(f"form[action='{path}']") is None
    assert soup_of(clients["official"].get(detail)).select_one(f"form[action='{path}']")

    assert clients["official"].post(path).status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None
    assert (
        "Done"
        in soup_of(clients["official"].get(detail)).select_one(f"#action-item-{item.pk}").get_text()
    )

    clients["official"].post(path, {"undo": "1"})
    item.refresh_from_db()
    assert item.done_at is None
    clients["staff"].post(path)  # staff may mark anyone's item
    item.refresh_from_db()
    assert item.done_at is not None


# --- The briefing's meeting


def test_the_briefing_shows_its_months_meeting_on_the_pacific_calendar(clients, staff):
    briefing = BriefingFactory(year=2026, month=11)
    # 1 December 02:00 in Lanzhou is still 30 November in California: November's meeting.
    meeting = meeting_at(
        datetime(2026, 12, 1, 2, 0, tzinfo=SHANGHAI), event__title_en="November meeting"
    )
    path = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})
    section = soup_of(clients["staff"].get(path)).select_one("#meeting")
    assert "November meeting" in section.get_text()
    link = reverse("workstation:meeting_detail", kwargs={"pk": meeting.pk})
    assert section.select_one(f"a[href='{link}']") is not None
    assert "Mon 30 Nov 10:00 PST" in " ".join(section.get_text().split())
    assert "Tue 1 Dec 02:00 CST" in " ".join(section.get_text().split())
    assert "Minutes not written yet." in section.get_text()
    briefing.refresh_from_db()
    assert briefing.meeting is None  # shown live while written; linked only on submission

    # Moved into December: November's briefing no longer shows it.
    services.save_meeting(
        event=_moved(meeting.event, datetime(2026, 12, 3, 17, 0, tzinfo=PACIFIC)),
        meeting=meeting,
        invitees=[],
        actor=staff,
    )
    section = soup_of(clients["staff"].get(path)).select_one("#meeting")
    assert "No meeting with the bureau is scheduled in this month." in section.get_text()


def test_the_meeting_is_linked_on_submission_and_kept_with_the_figures(clients, staff):
    from reports.briefings.services import submit
    from tests.factories import BriefingItemFactory

    briefing = BriefingItemFactory(briefing=BriefingFactory(year=2026, month=11)).briefing
    meeting = meeting_at(
        datetime(2026, 11, 12, 17, 0, tzinfo=PACIFIC), event__title_en="November meeting"
    )
    submit(briefing=briefing, actor=staff)
    briefing.refresh_from_db()
    assert briefing.meeting == meeting
    # Moved into December after submission: the submitted briefing still refers to it.
    services.save_meeting(
        event=_moved(meeting.event, datetime(2026, 12, 3, 17, 0, tzinfo=PACIFIC)),
        meeting=meeting,
        invitees=[],
        actor=staff,
    )
    path = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})
    for role in ("staff", "official"):
        assert "November meeting" in soup_of(clients[role].get(path)).select_one("#meeting").text
    briefing.refresh_from_db()
    assert briefing.meeting == meeting


def _moved(event, starts_at):
    event.starts_at = starts_at
    event.ends_at = starts_at + timedelta(hours=1)
    return event


def test_an_official_sees_the_meeting_and_its_minutes_state_on_a_submitted_briefing(clients):
    from reports.briefings.services import submit
    from tests.factories import BriefingItemFactory

    briefing = BriefingItemFactory(briefing=BriefingFactory(year=2026, month=10)).briefing
    meeting_at(
        datetime(2026, 10, 14, 17, 0, tzinfo=PACIFIC), minutes_en="Held.", minutes_zh_hans=""
    )
    submit(briefing=briefing, actor=None)
    briefing.refresh_from_db()
    assert briefing.meeting is not None
    path = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})
    section = soup_of(clients["official"].get(path)).select_one("#meeting")
    assert "the translation is missing" in section.get_text()


# --- Reminders


def invited_meeting(starts_in: timedelta, *people) -> Meeting:
    meeting = meeting_at(timezone.now() + starts_in)
    meeting.invitees.set(people)
    return meeting


def send_all() -> list[str]:
    return [
        deliver_reminder(reminder_id=pk)
        for pk in Reminder.objects.filter(state="pending").values_list("pk", flat=True)
    ]


def test_each_invitee_gets_one_reminder_24_hours_before_with_both_zones_and_the_ics(
    staff, official, talent
):
    meeting = invited_meeting(timedelta(hours=23, minutes=30), staff, official)
    Event.objects.filter(pk=meeting.event_id).update(title_en="Expo & talent: monthly meeting")
    meeting.event.refresh_from_db()
    invited_meeting(timedelta(hours=30), staff)  # not yet
    assert services.schedule_meeting_reminders() == 2
    assert send_all() == ["sent", "sent"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted([staff.email, official.email])
    by_recipient = {message.to[0]: message for message in mail.outbox}
    chinese = by_recipient[official.email]
    assert "月度例会" in chinese.subject or "月度例会" in chinese.body
    english = by_recipient[staff.email]
    assert english.subject == "Meeting reminder: Expo & talent: monthly meeting"
    assert ("PST" in english.body or "PDT" in english.body) and "CST" in english.body
    for message, language in ((english, "en"), (chinese, "zh-hans")):
        with translation.override(language):
            pacific, china = dual_span(meeting.event.starts_at, meeting.event.ends_at)
        assert pacific in message.body and china in message.body
        ((name, content, mimetype),) = message.attachments
        assert name.endswith(".ics") and mimetype.startswith("text/calendar")
        (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
        assert vevent.decoded("dtstart").astimezone(UTC) == meeting.event.starts_at.replace(
            microsecond=0
        )
    # The next run (an hour later) sends nothing again.
    assert services.schedule_meeting_reminders(now=timezone.now() + timedelta(minutes=50)) == 0
    assert send_all() == []
    assert len(mail.outbox) == 2


def test_the_reminder_gives_the_agenda_as_plain_text_through_the_sanitizer(staff):
    meeting = invited_meeting(timedelta(hours=23), staff)
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda_en='1. **Expo** projects <script>alert("x")</script><img src=x onerror=alert(2)>'
    )
    services.schedule_meeting_reminders()
    assert send_all() == ["sent"]
    (message,) = mail.outbox
    assert "1. **Expo** projects" in message.body  # Markdown reads well as plain text
    assert "<script" not in message.body and "alert" not in message.body
    assert "<img" not in message.body


def test_a_moved_meeting_is_reminded_again_and_a_removed_invitee_is_not(staff, official):
    meeting = invited_meeting(timedelta(hours=20), staff, official)
    services.schedule_meeting_reminders()
    # Before the mails go out the meeting moves by two hours and the official is no longer invited.
    services.save_meeting(
        event=_moved(meeting.event, meeting.event.starts_at + timedelta(hours=2)),
        meeting=meeting,
        invitees=[staff],
        actor=staff,
    )
    assert sorted(send_all()) == ["cancelled", "cancelled"]
    assert mail.outbox == []
    assert services.schedule_meeting_reminders() == 1
    assert send_all() == ["sent"]
    (message,) = mail.outbox
    assert message.to == [staff.email]


def test_an_action_item_owner_is_mailed_on_the_due_date_once_and_a_week_later_once(official):
    today = timezone.localdate()
    item = ActionItemFactory(owner=official, due_on=today)
    ActionItemFactory(owner=official, due_on=today, done_at=timezone.now())  # done: never
    ActionItemFactory(owner=official, due_on=today + timedelta(days=1))  # not yet
    assert services.schedule_action_item_reminders(today=today) == 1
    assert services.schedule_action_item_reminders(today=today) == 0
    assert send_all() == ["sent"]
    (message,) = mail.outbox
    assert message.to == [official.email]
    assert item.description_zh_hans in message.body
    assert today.isoformat() in message.subject
    assert (
        services.schedule_action_item_reminders(today=today + timedelta(days=3)) == 1
    )  # the other item
    Reminder.objects.all().delete()
    mail.outbox.clear()
    assert services.schedule_action_item_reminders(today=today + timedelta(days=7)) == 2
    week_later = Reminder.objects.filter(kind=services.ACTION_ITEM_OVERDUE)
    assert [reminder.object_id for reminder in week_later] == [item.pk]


def test_an_item_done_before_its_reminder_goes_out_is_not_mailed(official):
    item = ActionItemFactory(owner=official, due_on=timezone.localdate())
    services.schedule_action_item_reminders()
    services.set_action_item_done(item=item, done=True, actor=official)
    assert send_all() == ["cancelled"]
    assert mail.outbox == []


def test_the_beat_runs_both_schedules():
    from workstation.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "workstation.meetings.tasks.remind_about_meetings" in tasks
    assert "workstation.meetings.tasks.remind_about_action_items" in tasks


# --- Admin and demo


def test_the_admin_shows_a_meeting_with_its_action_items(staff, superuser):
    item = ActionItemFactory()
    client = signed_in_client(superuser)
    page = client.get(reverse("admin:workstation_meeting_change", args=[item.meeting_id]))
    assert page.status_code == 200
    assert item.description_en in page.content.decode()
    assert client.get(reverse("admin:workstation_meeting_changelist")).status_code == 200


def test_the_demo_meetings_are_samples_and_load_once(staff, official):
    EventFactory(kind="forum")
    assert load_demo_meetings() == 2
    assert load_demo_meetings() == 0
    meetings = Meeting.objects.all()
    assert len(meetings) == 2
    assert all(meeting.event.is_sample for meeting in meetings)
    past = [m for m in meetings if m.event.starts_at < timezone.now()]
    assert len(past) == 1 and past[0].minutes_zh_hans and past[0].action_items.count() == 2
    assert set(past[0].invitees.all()) == {staff, official}


def test_the_meetings_event_page_links_to_the_meeting_for_those_who_read_meetings(clients):
    meeting = MeetingFactory()
    event_page = reverse("workstation:event_detail", kwargs={"pk": meeting.event_id})
    link = reverse("workstation:meeting_detail", kwargs={"pk": meeting.pk})
    assert soup_of(clients["official"].get(event_page)).select_one(f"a[href='{link}']")
    forum = EventFactory()
    forum_page = clients["official"].get(
        reverse("workstation:event_detail", kwargs={"pk": forum.pk})
    )
    assert "Agenda, minutes and action items" not in forum_page.content.decode()


def test_an_open_action_item_reads_as_not_done_yet_on_the_chinese_page(clients, official):
    """“Open” of an action item is 未完成, not the 开放 of an open project demand."""
    item = ActionItemFactory(owner=official)
    response = clients["official"].get(f"/zh-hans/meetings/{item.meeting_id}/")
    row = BeautifulSoup(response.content, "html.parser").find(string=item.description_zh_hans)
    cells = [cell.get_text(strip=True) for cell in row.find_parent("tr").find_all("td")]
    assert "未完成" in cells and "开放" not in cells


def test_the_form_names_the_invitees_once_and_says_who_they_can_be(clients):
    page = BeautifulSoup(
        clients["staff"].get(reverse("workstation:meeting_create")).content, "html.parser"
    )
    fieldset = page.find("legend", string="Invited").find_parent("fieldset")
    assert "Workstation staff and Lanzhou officials" in fieldset.get_text()
    assert fieldset.get_text().count("Invited") == 1


def test_staff_edit_a_meeting_from_its_event_page_with_the_meeting_form(clients):
    """Not with the general event form (public, registration, capacity), and no check-in list."""
    meeting = MeetingFactory()
    page = soup_of(
        clients["staff"].get(reverse("workstation:event_detail", kwargs={"pk": meeting.event_id}))
    )
    edit = reverse("workstation:meeting_edit", kwargs={"pk": meeting.pk})
    assert page.select_one(f".page-heading a[href='{edit}']")
    assert not page.select_one(".page-heading a[href$='/check-in/']")
    forum = EventFactory()
    page = soup_of(
        clients["staff"].get(reverse("workstation:event_detail", kwargs={"pk": forum.pk}))
    )
    assert page.select_one(".page-heading a[href$='/check-in/']")

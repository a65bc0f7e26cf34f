"""Monthly meetings and their action items in the API: staff and officials read them (talents
are refused: tests/test_access.py); agenda and minutes as sanitized HTML in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ActionItemFactory, MeetingFactory
from tests.workstation.api.reading import assert_queries_do_not_grow
from workstation.meetings.models import Meeting

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/meetings/"
ACTION_ITEMS = "/api/v1/action-items/"


def test_a_meeting_with_its_event_minutes_and_action_items(api_clients, staff):
    meeting = MeetingFactory(
        minutes_en="Agreed: **three** projects.<script>alert(1)</script>",
        minutes_zh_hans="议定：**三个**项目。",
    )
    done = ActionItemFactory(meeting=meeting, owner=staff, done_at=timezone.now())
    open_item = ActionItemFactory(meeting=meeting)
    for role in ("official", "staff"):
        body = api_clients[role].get(f"{MEETINGS}{meeting.pk}/").json()
        assert body["event"]["title_en"] == meeting.event.title_en
        assert body["event"]["title_zh_hans"] == meeting.event.title_zh_hans
        assert "<strong>three</strong>" in body["minutes_en"]
        assert "<strong>三个</strong>" in body["minutes_zh_hans"]
        assert "<script" not in body["minutes"] and "<script" not in body["minutes_en"]
        assert "<ol>" in body["agenda_en"]
        assert body["minutes_status"] == "complete"
        items = {item["id"]: item for item in body["action_items"]}
        assert items[done.pk]["status"] == "done"
        assert items[done.pk]["owner"] == staff.get_short_name()
        assert items[open_item.pk]["status"] == "open"
        assert items[open_item.pk]["owner"] is None


def test_the_reader_asks_for_chinese(api_clients):
    meeting = MeetingFactory()
    ActionItemFactory(meeting=meeting, description_zh_hans="发送项目清单")
    body = api_clients["official"].get(f"{MEETINGS}{meeting.pk}/", {"lang": "zh-hans"}).json()
    assert body["event"]["title"] == meeting.event.title_zh_hans
    assert body["agenda"].startswith("<ol>") and "科博会项目" in body["agenda"]
    assert body["action_items"][0]["description"] == "发送项目清单"


def test_meetings_filtered_by_change_and_start(api_clients):
    now = timezone.now()
    past = MeetingFactory(event__starts_at=now - timedelta(days=40))
    Meeting.objects.filter(pk=past.pk).update(updated_at=now - timedelta(days=20))
    coming = MeetingFactory(event__starts_at=now + timedelta(days=7))
    reader = api_clients["staff"]

    def ids(**params):
        return {row["id"] for row in reader.get(MEETINGS, params).json()["results"]}

    assert ids() == {past.pk, coming.pk}
    assert ids(updated_since=(now - timedelta(days=1)).isoformat()) == {coming.pk}
    assert ids(starts_after=now.isoformat()) == {coming.pk}
    assert ids(starts_before=now.isoformat()) == {past.pk}


def test_action_items_by_meeting_and_status(api_clients):
    first, second = MeetingFactory(), MeetingFactory()
    done = ActionItemFactory(meeting=first, done_at=timezone.now())
    pending = ActionItemFactory(meeting=first)
    other = ActionItemFactory(meeting=second)
    reader = api_clients["official"]

    def ids(**params):
        return {row["id"] for row in reader.get(ACTION_ITEMS, params).json()["results"]}

    assert ids() == {done.pk, pending.pk, other.pk}
    assert ids(meeting=first.pk) == {done.pk, pending.pk}
    assert ids(status="open") == {pending.pk, other.pk}
    assert ids(meeting=first.pk, status="done") == {done.pk}
    assert reader.get(ACTION_ITEMS, {"status": "later"}).status_code == 400


def test_the_meetings_list_takes_as_many_queries_for_12_as_for_2(api_clients, staff):
    def add(number):
        for meeting in MeetingFactory.create_batch(number):
            ActionItemFactory.create_batch(2, meeting=meeting, owner=staff)

    assert_queries_do_not_grow(api_clients["official"], MEETINGS, add)


def test_the_action_items_list_takes_as_many_queries_for_12_as_for_2(api_clients, staff):
    assert_queries_do_not_grow(
        api_clients["staff"],
        ACTION_ITEMS,
        lambda number: ActionItemFactory.create_batch(number, owner=staff),
    )

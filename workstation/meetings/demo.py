"""Sample meetings for the demo data of `make run`: one held last month, with minutes and action
items, and one coming up; their events are marked as sample content. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from workstation.events.demo import sample_monthly_meeting
from workstation.events.models import Event, EventKind
from workstation.meetings.models import ActionItem, Meeting
from workstation.meetings.services import meeting_people

NOTE_EN = "*Sample content for demonstration; not an actual meeting.*"
NOTE_ZH = "*演示用示例内容，并非真实会议。*"


@transaction.atomic
def load_demo_meetings() -> int:
    if Meeting.objects.filter(event__is_sample=True).exists():
        return 0
    people = list(meeting_people())
    # The sample monthly meeting of the events' demo data, if there is one, is the upcoming one.
    upcoming_event = Event.objects.filter(
        kind=EventKind.MONTHLY_MEETING,
        is_sample=True,
        meeting__isnull=True,
        starts_at__gt=timezone.now(),
    ).first() or sample_monthly_meeting(7)
    upcoming = Meeting.objects.create(
        event=upcoming_event,
        agenda_en=f"{NOTE_EN}\n\n1. Projects for this year's Expo\n2. The talent pool\n"
        "3. The monthly briefing",
        agenda_zh_hans=f"{NOTE_ZH}\n\n1. 今年科博会的项目\n2. 人才库情况\n3. 月度简报",
    )
    past = Meeting.objects.create(
        event=sample_monthly_meeting(-24),
        agenda_en=f"{NOTE_EN}\n\n1. Review of last month's briefing\n2. Delegation visit",
        agenda_zh_hans=f"{NOTE_ZH}\n\n1. 上月简报回顾\n2. 代表团来访",
        minutes_en=f"{NOTE_EN}\n\nThe bureau asked for a list of AI projects ready for the "
        "Expo. The delegation's itinerary is to be drafted.",
        minutes_zh_hans=f"{NOTE_ZH}\n\n科技局希望获得可参加科博会的人工智能项目清单，"
        "并请工作站起草代表团行程。",
    )
    for meeting in (upcoming, past):
        meeting.invitees.set(people)
    owner = people[0] if people else None
    today = timezone.localdate()
    ActionItem.objects.create(
        meeting=past,
        owner=owner,
        due_on=today + timedelta(days=10),
        description="Send the list of AI projects (sample)",
        description_en="Send the list of AI projects (sample)",
        description_zh_hans="发送人工智能项目清单（示例）",
    )
    ActionItem.objects.create(
        meeting=past,
        owner=owner,
        due_on=today - timedelta(days=3),
        done_at=timezone.now() - timedelta(days=4),
        description="Draft the delegation's itinerary (sample)",
        description_en="Draft the delegation's itinerary (sample)",
        description_zh_hans="起草代表团行程（示例）",
    )
    return 2

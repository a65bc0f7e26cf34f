"""Sample events for the demo data of `make run`, marked as sample content."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from workstation.events.models import Event, EventKind, MediaPartner, Speaker

SAMPLE_NOTE_EN = "*Sample content for demonstration; not an actual event.*"
SAMPLE_NOTE_ZH = "*演示用示例内容，并非真实活动。*"


def sample_at(days: int, hour_utc: int):
    """On the hour, ``days`` from today (negative: ago)."""
    today = timezone.now().replace(hour=hour_utc, minute=0, second=0, microsecond=0)
    return today + timedelta(days=days)


def sample_monthly_meeting(days: int) -> Event:
    """The event of a sample monthly meeting with the bureau, ``days`` from today."""
    return Event.objects.create(
        kind=EventKind.MONTHLY_MEETING,
        is_sample=True,
        is_public=False,
        title="Sample: monthly meeting with the Lanzhou bureau",
        title_en="Sample: monthly meeting with the Lanzhou bureau",
        title_zh_hans="示例：与兰州市科学技术局月度例会",
        venue_en="Video call",
        venue_zh_hans="视频会议",
        starts_at=sample_at(days, 1),
        ends_at=sample_at(days, 2),
    )


def load_demo_events() -> int:
    """A sample conference open for registration and a sample monthly meeting; idempotent."""
    if Event.objects.filter(is_sample=True).exists():
        return 0
    conference = Event.objects.create(
        kind=EventKind.CONFERENCE,
        is_sample=True,
        is_public=True,
        registration_open=True,
        capacity=120,
        title="Sample: Lanzhou investment and talent conference in Silicon Valley",
        title_en="Sample: Lanzhou investment and talent conference in Silicon Valley",
        title_zh_hans="示例：兰州硅谷招商引智大会",
        venue_en="Zhongguancun Silicon Valley Innovation Center, Santa Clara",
        venue_zh_hans="中关村硅谷创新中心（圣克拉拉）",
        description_en=SAMPLE_NOTE_EN + "\n\nLanzhou's policies for overseas talent and "
        "investment, followed by conversations with Lanzhou enterprises and parks.",
        description_zh_hans=SAMPLE_NOTE_ZH + "\n\n介绍兰州海外人才引进与招商政策，"
        "并与兰州企业、园区代表交流。",
        starts_at=sample_at(30, 17),
        ends_at=sample_at(30, 17) + timedelta(hours=4),
    )
    Speaker.objects.create(
        event=conference,
        name="Sample Speaker",
        position=1,
        affiliation_en="Investor, Example Ventures",
        affiliation_zh_hans="投资人，示例创投",
        bio_en="A sample speaker biography.",
        bio_zh_hans="示例演讲嘉宾简介。",
    )
    MediaPartner.objects.create(
        event=conference, name="Sample Media", name_en="Sample Media", name_zh_hans="示例媒体"
    )
    sample_monthly_meeting(7)
    return 2

"""A sample briefing for the demo data of `make run` (registered with workstation's load_demo).

This month's briefing gets a few sample items, marked as sample content in both languages; its
figures are compiled from the (sample) talent pool and pipeline like any briefing's.
"""

from __future__ import annotations

from django.utils import timezone

from reports.briefings.models import BriefingItem, Section
from reports.briefings.services import open_this_months_briefing

DEMO_ITEMS = [
    (
        Section.US_INNOVATION,
        "【示例】硅谷固态电池初创企业完成新一轮研发",
        "[Sample] A Silicon Valley solid-state battery startup completes a new R&D round",
        "示例内容：此条目用于演示简报的编辑与审阅流程，并非真实新闻。",
        "Sample content: this item shows how briefings are edited and reviewed, not real news.",
    ),
    (
        Section.VENTURE_CAPITAL,
        "【示例】湾区早期投资关注气候科技",
        "[Sample] Bay Area early-stage investors look at climate tech",
        "示例内容：用于演示的风险投资动态。",
        "Sample content: a venture capital item for the demo.",
    ),
    (
        Section.POLICY_WATCH,
        "【示例】美国研发税收抵免政策动向",
        "[Sample] US research tax credit developments",
        "示例内容：用于演示的政策动态。",
        "Sample content: a policy watch item for the demo.",
    ),
]


def load_demo_briefing() -> int:
    briefing, _created = open_this_months_briefing()
    if briefing.items.filter(headline_en__startswith="[Sample]").exists():
        return 0
    now = timezone.now()
    for position, (section, zh, en, summary_zh, summary_en) in enumerate(DEMO_ITEMS, start=1):
        BriefingItem.objects.create(
            briefing=briefing,
            section=section,
            position=position,
            headline_zh_hans=zh,
            headline_en=en,
            summary_zh_hans=summary_zh,
            summary_en=summary_en,
            item_date=timezone.localdate(),
            source_url="https://example.com/sample",
            edited_zh_hans=now,
            edited_en=now,
        )
    return len(DEMO_ITEMS)

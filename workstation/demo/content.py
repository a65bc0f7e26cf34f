"""Demo content for development: accounts for each role and sample publications.

Everything here is marked as sample content; no invented policy is presented as real.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

DEMO_PASSWORD = "lanzhou-demo-2026"  # noqa: S105 - development only, printed by `make run`


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str  # a Role value, or "admin" for the superuser
    language: str
    totp_secret: str = ""

    def current_code(self) -> str:
        if not self.totp_secret:
            return ""
        return format_hotp_value(hotp_value(self.totp_secret, int(time.time()) // 30))


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin@lanzhou-sv.example",
        "Demo Administrator",
        "admin",
        "en",
        "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
    ),
    DemoAccount(
        "staff@lanzhou-sv.example", "Demo Staff", "staff", "en", "ONSWG4TFORSGC5DBNVSWY3DPMFXGO33T"
    ),
    DemoAccount(
        "official@lanzhou-sv.example",
        "演示官员",
        "official",
        "zh-hans",
        "N5TGM2LDNFQWYZDFNVXWK4TUMFXGO33T",
    ),
    DemoAccount("talent@lanzhou-sv.example", "Demo Talent", "talent", "en"),
    DemoAccount("talent2@lanzhou-sv.example", "演示人才", "talent", "zh-hans"),
]

SAMPLE_NOTE_EN = "*Sample content for demonstration; not an actual policy.*"
SAMPLE_NOTE_ZH = "*演示用示例内容，并非真实政策。*"

DEMO_POLICIES = [
    {
        "topic": "talent",
        "title_en": "Sample: support for overseas talent returning to Lanzhou",
        "title_zh_hans": "示例：海外人才回兰发展支持",
        "summary_en": "How a talent policy page reads on this portal.",
        "summary_zh_hans": "本门户中人才政策页面的呈现方式示例。",
        "body_en": SAMPLE_NOTE_EN
        + "\n\nA policy page explains who is eligible, what support is offered and how to apply,"
        " with a link to the official source.",
        "body_zh_hans": SAMPLE_NOTE_ZH
        + "\n\n政策页面说明适用对象、支持内容和申请方式，并附官方原文链接。",
        # Shown on the "For you" page of Gansu natives (Lanzhou's included).
        "audience_region_codes": ["620000"],
    },
    {
        "topic": "investment",
        "title_en": "Sample: landing a technology project in Lanzhou New Area",
        "title_zh_hans": "示例：科技项目落地兰州新区",
        "summary_en": "How an investment policy page reads on this portal.",
        "summary_zh_hans": "本门户中投资政策页面的呈现方式示例。",
        "body_en": SAMPLE_NOTE_EN
        + "\n\nAn investment policy page lists the landing modes (factory, R&D centre, joint"
        " venture, licensing, investment) and whom to contact.",
        "body_zh_hans": SAMPLE_NOTE_ZH
        + "\n\n投资政策页面列出落地方式（建厂、研发中心、合资、技术许可、投资）及联系人。",
        # Shown to talents who would start a company in Lanzhou or invest.
        "audience_interests": ["start_company", "invest"],
    },
    {
        "topic": "environment",
        "title_en": "Sample: the business environment in Lanzhou (English only)",
        "title_zh_hans": "",
        "summary_en": "This sample has no Chinese version, to show the translation-missing state.",
        "summary_zh_hans": "",
        "body_en": SAMPLE_NOTE_EN,
        "body_zh_hans": "",
    },
]

DEMO_NEWS = [
    {
        "title_en": "Sample: the workstation portal opens",
        "title_zh_hans": "示例：工作站门户上线",
        "summary_en": "A sample news post.",
        "summary_zh_hans": "一条示例新闻。",
        "body_en": "*Sample content for demonstration.*\n\nNews posts announce events and results.",
        "body_zh_hans": "*演示用示例内容。*\n\n新闻用于发布活动和工作成果。",
    },
]

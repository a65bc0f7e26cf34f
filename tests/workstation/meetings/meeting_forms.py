"""What staff type in the meeting form."""

from __future__ import annotations


def form_data(**overrides) -> dict:
    data = {
        "title_zh_hans": "三月例会",
        "title_en": "March meeting",
        "venue_zh_hans": "视频会议",
        "venue_en": "Video call",
        "time_zone": "china",
        "starts_at": "2026-03-09T09:00",
        "ends_at": "2026-03-09T10:30",
        "agenda_zh_hans": "1. 科博会项目",
        "agenda_en": "1. Projects for the Expo",
    }
    return data | overrides

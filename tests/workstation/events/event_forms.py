"""What staff type in the event form."""

from __future__ import annotations


def event_form_data(**overrides) -> dict:
    data = {
        "kind": "conference",
        "title_zh_hans": "兰州硅谷招商引智大会",
        "title_en": "Lanzhou investment and talent conference",
        "venue_zh_hans": "圣克拉拉",
        "venue_en": "Santa Clara",
        "description_zh_hans": "",
        "description_en": "",
        "time_zone": "pacific",
        "starts_at": "2026-11-07T09:30",
        "ends_at": "2026-11-07T13:00",
        "expo_year": "",
        "is_public": "on",
        "registration_open": "on",
        "capacity": "100",
    }
    data.update(overrides)
    return data

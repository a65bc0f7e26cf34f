"""Times typed on a wall clock across the Pacific clock changes: 1 November 2026 shows 01:00–01:59
twice (PDT, then PST), and the event and meeting forms ask which one is meant instead of taking
the first; 8 March 2026 skips 02:00–02:59 (refused)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.workstation.events.event_forms import event_form_data
from tests.workstation.meetings.meeting_forms import form_data as meeting_form_data
from workstation.events.models import Event
from workstation.meetings.models import Meeting
from workstation.timezones import wall_time_readings

pytestmark = pytest.mark.django_db

TWICE = "2026-11-01T01:30"
FIRST, SECOND = datetime(2026, 11, 1, 8, 30, tzinfo=UTC), datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
QUESTION = {
    "en": (
        "01:30 happens twice on 1 November 2026, as the clocks go back: first in PDT (UTC−7), "
        "then in PST (UTC−8). Say which one below."
    ),
    "zh-hans": (
        "2026年11月1日的 01:30 会出现两次（时钟回拨）：先是太平洋夏令时间（UTC−7），"
        "后是太平洋标准时间（UTC−8）。请在下方选择是哪一个。"
    ),
}
CHOICES = {
    "en": [
        "The first: 01:30 PDT (UTC−7)",
        "The second, after the clocks go back: 01:30 PST (UTC−8)",
    ],
    "zh-hans": [
        "第一个：01:30 太平洋夏令时间（UTC−7）",
        "第二个（时钟回拨之后）：01:30 太平洋标准时间（UTC−8）",
    ],
}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(f"workstation:{name}")


@pytest.mark.parametrize(
    ("typed", "moments"),
    [
        (datetime(2026, 11, 1, 1, 30), [FIRST, SECOND]),
        (datetime(2026, 11, 1, 2, 30), [datetime(2026, 11, 1, 10, 30, tzinfo=UTC)]),
        (datetime(2026, 3, 8, 2, 30), []),
    ],
)
def test_a_wall_clock_time_names_two_one_or_no_moments(typed, moments):
    assert wall_time_readings(typed, "pacific") == moments
    # China has no clock changes.
    assert len(wall_time_readings(typed, "china")) == 1


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    ("form", "data", "model", "refused"),
    [
        ("event_create", event_form_data, Event, 200),
        ("meeting_create", meeting_form_data, Meeting, 400),
    ],
)
def test_a_time_the_clock_shows_twice_is_asked_about_and_nothing_is_lost(
    clients, language, form, data, model, refused
):
    posted = data(time_zone="pacific", starts_at=TWICE, ends_at="2026-11-01T03:00")
    response = clients["staff"].post(url(form, language), posted)
    assert response.status_code == refused
    assert not model.objects.exists()
    page = soup_of(response)
    assert QUESTION[language] in page.select_one("#id_starts_at_error").get_text()
    choices = page.select('input[name="starts_at_reading"]')
    assert [choice.parent.get_text(" ", strip=True) for choice in choices] == CHOICES[language]
    assert page.select_one("#id_starts_at")["value"] == TWICE
    assert page.select_one("#id_title_en")["value"] == posted["title_en"]
    # 03:00 happens once: no question about the end.
    assert not page.select('input[name="ends_at_reading"]')


@pytest.mark.parametrize(("answer", "moment"), [("first", FIRST), ("second", SECOND)])
def test_the_answer_says_which_moment_is_stored(clients, answer, moment):
    posted = event_form_data(
        time_zone="pacific", starts_at=TWICE, ends_at="2026-11-01T03:00", starts_at_reading=answer
    )
    response = clients["staff"].post(url("event_create", "en"), posted)
    assert response.status_code == 302
    assert Event.objects.get().starts_at == moment


def test_a_meeting_from_the_first_to_the_second_one_thirty_is_an_hour_long(clients):
    posted = meeting_form_data(time_zone="pacific", starts_at=TWICE, ends_at=TWICE)
    posted |= {"starts_at_reading": "first", "ends_at_reading": "second"}
    response = clients["staff"].post(url("meeting_create", "en"), posted)
    assert response.status_code == 302
    event = Meeting.objects.get().event
    assert (event.starts_at, event.ends_at) == (FIRST, SECOND)

"""Events in headless Chromium on a phone: a visitor registers in Chinese (and lands on the
waiting list when the event is full); staff check people in on the day with JavaScript off."""

from __future__ import annotations

import pytest

from tests.browser.browsing import assert_only_local_and_clean, sign_in_as_staff
from tests.factories import EventFactory, RegistrationFactory
from workstation.events.models import Registration
from workstation.reminders.models import Reminder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def browser_context_options() -> dict:
    return {"locale": "zh-CN", **PHONE}


def fill_registration(page, name: str, email: str) -> None:
    page.fill("input[name=name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=organisation]", "斯坦福大学")
    page.fill("input[name=phone]", "+1 650 555 0100")
    page.click("main button[type=submit]")


def test_a_visitor_registers_on_a_phone_and_the_next_one_is_waitlisted(page, browser_log):
    event = EventFactory(capacity=1, title_zh_hans="兰州硅谷招商引智大会")
    page.goto(f"{page.live_url}/zh-hans/events/{event.pk}/")
    assert "兰州硅谷招商引智大会" in page.inner_text("h1")
    page.click(".event-register-link")
    page.wait_for_url(f"{page.live_url}/zh-hans/events/{event.pk}/register/")
    # The form fits the phone's width: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    fill_registration(page, "张伟", "zhang.wei@example.com")
    page.wait_for_url(f"{page.live_url}/zh-hans/events/{event.pk}/")

    registration = Registration.objects.get()
    assert (registration.name, registration.status, registration.language) == (
        "张伟",
        "confirmed",
        "zh-hans",
    )
    assert Reminder.objects.filter(kind="event_registration", object_id=registration.pk).exists()
    assert "zhang.wei@example.com" in page.inner_text("main")  # the confirmation message

    # The same address again: a clear message, what was typed kept.
    page.goto(f"{page.live_url}/en/events/{event.pk}/register/")
    fill_registration(page, "Zhang Wei", "ZHANG.WEI@example.com")
    assert "already registered" in page.inner_text("main")
    assert page.input_value("input[name=name]") == "Zhang Wei"

    # Someone else: the one place is taken, so the waiting list.
    page.fill("input[name=name]", "Anna Smith")
    page.fill("input[name=email]", "anna@example.com")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{page.live_url}/en/events/{event.pk}/")
    assert "waiting list" in page.inner_text("main")
    assert Registration.objects.get(email="anna@example.com").status == "waiting"
    assert_only_local_and_clean(page, browser_log)


@pytest.fixture
def staff_phone_without_javascript(browser, live_server, reference_data):
    context = browser.new_context(locale="en-US", java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.live_url = live_server.url
    yield page
    context.close()


def test_staff_check_people_in_on_a_phone_without_javascript(
    staff_phone_without_javascript, live_server
):
    page = staff_phone_without_javascript
    sign_in_as_staff(page, live_server)
    event = EventFactory(capacity=5)
    zhang = RegistrationFactory(event=event, name="张伟", email="zhang@example.com")
    RegistrationFactory(event=event, name="Anna Smith", email="anna@example.com")
    RegistrationFactory(event=event, name="林芳", email="lin@example.com", status="waiting")

    page.goto(f"{page.live_url}/en/events/{event.pk}/check-in/")
    counts = page.locator(".checkin-count strong").all_inner_texts()
    assert counts == ["2", "0", "1"]

    page.fill("input[name=q]", "张伟")
    page.click(".checkin-search button[type=submit]")
    assert page.locator(".checkin-name").all_inner_texts() == ["张伟"]

    page.click(f"#registration-{zhang.pk} button:has-text('Mark attended')")

    # Back on the same search, the person marked, the counts updated.
    assert "q=%E5%BC%A0%E4%BC%9F" in page.url
    assert page.locator(f"#registration-{zhang.pk}.checkin-done").count() == 1
    assert page.locator(".checkin-count strong").all_inner_texts() == ["2", "1", "1"]
    zhang.refresh_from_db()
    assert zhang.attended_at is not None
    # The buttons are big enough to tap.
    box = page.locator(f"#registration-{zhang.pk} button[type=submit]").first.bounding_box()
    assert box["height"] >= 40

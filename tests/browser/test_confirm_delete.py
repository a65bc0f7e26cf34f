"""Deleting asks first in the browser: dismissing the question keeps the item, accepting it
deletes it (the form itself works without JavaScript; tests/reports cover that)."""

from __future__ import annotations

import pytest

from reports.briefings.models import BriefingItem
from tests.browser.browsing import act_as, assert_only_local_and_clean, session_of
from tests.conftest import make_person
from tests.factories import BriefingItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_deleting_a_briefing_item_asks_first(page, live_server, browser_log):
    staff = make_person("staff", "confirm.staff@example.org", is_staff=True)
    item = BriefingItemFactory(headline_en="Chip startup opens a lab")
    act_as(page, live_server, session_of(staff))
    page.goto(f"{page.live_url}/en/reports/briefings/{item.briefing.pk}/")
    questions = []

    def answer(dialog, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.locator(".briefing-item").get_by_role("button", name="Delete").click()
    page.wait_for_timeout(300)
    assert questions == ["Delete this item from the briefing?"]
    assert BriefingItem.objects.filter(pk=item.pk).exists()

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        page.locator(".briefing-item").get_by_role("button", name="Delete").click()
    assert not BriefingItem.objects.filter(pk=item.pk).exists()
    assert len(questions) == 2
    assert_only_local_and_clean(page, browser_log)

"""The project board in headless Chromium: cards move by mouse, by keyboard, and through the
dialog that asks what a stage needs; nothing comes from elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse

from projects.pipeline.models import Project, Stage, StageChange
from tests.browser.browsing import sign_in_as_staff
from tests.conftest import make_person, signed_in_client
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


@pytest.fixture
def move_view():
    try:
        reverse("projects:project_move", kwargs={"pk": 1})
    except NoReverseMatch:
        pytest.skip("projects:project_move (the project page's move view) is not built yet")


def column(page, stage: str):
    return page.locator(f'.board-column[data-stage="{stage}"]')


def test_move_cards_by_mouse_keyboard_and_dialog(page, live_server, browser_log, move_view):
    staff = sign_in_as_staff(page, live_server)
    dragged = ProjectFactory(title_en="Drag me", owner=staff)
    arrowed = ProjectFactory(title_en="Arrow me")
    dropped = ProjectFactory(title_en="Drop me")
    status = page.locator("#board-status")

    page.goto(live_server.url + "/en/projects/board/")
    expect()(page.get_by_role("heading", level=1)).to_have_text("Project board")
    for project in (dragged, arrowed, dropped):
        expect()(column(page, "lead").locator(f"#card-{project.pk}")).to_be_visible()

    # The mouse: drag a card from Lead to Contacted.
    page.locator(f"#card-{dragged.pk}").drag_to(column(page, "contacted").locator(".board-cards"))
    expect()(column(page, "contacted").locator(f"#card-{dragged.pk}")).to_be_visible()
    expect()(status).to_have_text("“Drag me” moved to Contacted.")
    expect()(column(page, "contacted").locator(".board-count")).to_have_text("1")
    assert Project.objects.get(pk=dragged.pk).stage == Stage.CONTACTED

    # The keyboard: focus a card and press the right arrow.
    page.locator(f"#card-{arrowed.pk}").focus()
    page.keyboard.press("ArrowRight")
    expect()(column(page, "contacted").locator(f"#card-{arrowed.pk}")).to_be_visible()
    expect()(status).to_have_text("“Arrow me” moved to Contacted.")
    expect()(page.locator(f"#card-{arrowed.pk}")).to_be_focused()
    assert Project.objects.get(pk=arrowed.pk).stage == Stage.CONTACTED
    # ... and the left arrow takes it back.
    page.keyboard.press("ArrowLeft")
    expect()(column(page, "lead").locator(f"#card-{arrowed.pk}")).to_be_visible()
    assert Project.objects.get(pk=arrowed.pk).stage == Stage.LEAD

    # Dropped needs a reason: the dialog asks for it, and only for it.
    card = page.locator(f"#card-{dropped.pk}")
    card.get_by_label("Move to").select_option("dropped")
    card.get_by_role("button", name="Move").click()
    dialog = page.locator("#move-dialog")
    expect()(dialog).to_be_visible()
    expect()(dialog.locator("#move-dialog-intro")).to_have_text(
        "To move “Drop me” to Dropped, please fill in the following."
    )
    reason = dialog.get_by_label("Reason")
    expect()(reason).to_be_visible()
    expect()(reason).to_be_focused()
    expect()(dialog).to_contain_text("Give the reason the project is dropped.")
    expect()(dialog.get_by_label("Date")).to_be_hidden()
    expect()(dialog.get_by_label("Amount (US dollars)")).to_be_hidden()
    assert Project.objects.get(pk=dropped.pk).stage == Stage.LEAD

    reason.fill("The founders found no funding.")
    dialog.get_by_role("button", name="Move").click()
    expect()(dialog).to_be_hidden()
    expect()(column(page, "dropped").locator(f"#card-{dropped.pk}")).to_be_visible()
    expect()(status).to_have_text("“Drop me” moved to Dropped.")
    assert Project.objects.get(pk=dropped.pk).stage == Stage.DROPPED
    change = StageChange.objects.filter(project=dropped, to_stage=Stage.DROPPED).get()
    assert change.reason == "The founders found no funding." and change.changed_by == staff

    # Cancelling a dialog leaves the card where it was.
    card = page.locator(f"#card-{arrowed.pk}")
    card.get_by_label("Move to").select_option("on_hold")
    card.get_by_role("button", name="Move").click()
    expect()(dialog.get_by_label("Date")).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect()(dialog).to_be_hidden()
    expect()(status).to_have_text("“Arrow me” was not moved.")
    expect()(column(page, "lead").locator(f"#card-{arrowed.pk}")).to_be_visible()
    assert Project.objects.get(pk=arrowed.pk).stage == Stage.LEAD

    # After a reload the board shows what the database holds.
    page.reload()
    expect()(column(page, "contacted").locator(f"#card-{dragged.pk}")).to_be_visible()
    expect()(column(page, "dropped").locator(f"#card-{dropped.pk}")).to_be_visible()

    foreign = [
        url
        for url in browser_log.requests
        if urlsplit(url).scheme not in {"data", "blob", "about"}
        and urlsplit(url).hostname not in LOCAL_HOSTS
    ]
    assert browser_log.requests and not foreign, foreign
    assert not browser_log.failed_requests, browser_log.failed_requests
    assert not browser_log.page_errors, browser_log.page_errors
    # The moves that asked for more answered 400 by contract; Chromium logs each such answer
    # as "Failed to load resource". Nothing else may fail or log an error.
    move_paths = {f"/en/projects/{pk}/move/" for pk in (dropped.pk, arrowed.pk)}
    unexpected = [
        entry
        for entry in browser_log.error_responses
        if not (entry.startswith("400 ") and urlsplit(entry[4:]).path in move_paths)
    ]
    assert not unexpected, unexpected
    console = [
        entry
        for entry in browser_log.console_errors
        if not ("status of 400" in entry and any(path in entry for path in move_paths))
    ]
    assert not console, f"console errors: {console}"


def test_officials_get_no_move_controls_in_the_browser(page, live_server, browser_log):
    official = make_person("official", "board.official@example.org", "en")
    project = ProjectFactory(title_en="Look only")
    client = signed_in_client(official)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + "/en/projects/board/")
    card = page.locator(f"#card-{project.pk}")
    expect()(card).to_be_visible()
    expect()(card).not_to_have_attribute("draggable", "true")
    expect()(page.locator(".board-move")).to_have_count(0)
    card.focus()
    page.keyboard.press("ArrowRight")
    expect()(column(page, "lead").locator(f"#card-{project.pk}")).to_be_visible()
    assert Project.objects.get(pk=project.pk).stage == Stage.LEAD
    assert not browser_log.console_errors and not browser_log.page_errors

"""The public "Bring your project to Lanzhou" form in headless Chromium, on a phone, in Chinese."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from projects.pipeline.models import Project, Stage
from tests.browser.browsing import LOCAL_HOSTS, assert_only_local_and_clean
from workstation.reminders.models import Reminder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def thanks(language: str) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse("projects:intake_done")


@pytest.fixture
def browser_context_options() -> dict:
    return {"locale": "zh-CN", "viewport": {"width": 390, "height": 844}, "is_mobile": True}


def test_a_company_brings_its_project_and_it_becomes_a_lead(page, browser_log):
    page.goto(page.live_url + "/zh-hans/projects/submit/")
    page.fill("input[name=company]", "Example Cells Inc.")
    page.fill("input[name=company_location]", "San Jose, California")
    page.fill("input[name=contact_name]", "陈明")
    page.fill("input[name=contact_email]", "ming.chen@example.com")
    page.fill("input[name=title]", "固态锂电池中试线")
    page.fill("textarea[name=summary]", "我们的固态锂电池技术希望在兰州新区建设中试线。")
    page.select_option("select[name=industry]", label="新能源")
    page.select_option("select[name=technology_stage]", index=3)
    page.fill("input[name=funding_sought]", "5000000")
    page.select_option("select[name=landing_mode]", index=1)
    # People take more than a few seconds to fill the form; bots do not (a spam guard).
    time.sleep(3.2)
    page.click("main button[type=submit]")
    page.wait_for_url(page.live_url + thanks("zh-hans"))

    project = Project.objects.get()
    assert project.stage == Stage.LEAD
    assert project.title_zh_hans == "固态锂电池中试线"
    assert project.stage_changes.count() == 1
    assert Reminder.objects.filter(kind="project_intake_confirmation").count() == 1
    assert "感谢" in page.inner_text("main")
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in browser_log.requests)
    assert_only_local_and_clean(page, browser_log)


def test_a_too_quick_submission_is_held_off_without_saving(page, browser_log):
    page.goto(page.live_url + "/en/projects/submit/")
    page.fill("input[name=company]", "Bot Corp")
    page.fill("input[name=contact_name]", "Bot")
    page.fill("input[name=contact_email]", "bot@example.com")
    page.fill("input[name=title]", "Cheap pills")
    page.fill("textarea[name=summary]", "Buy now")
    page.select_option("select[name=industry]", index=1)
    page.select_option("select[name=technology_stage]", index=1)
    page.select_option("select[name=landing_mode]", index=1)
    page.click("main button[type=submit]")
    # The same thank-you page as for people, so that bots learn nothing; nothing is saved.
    page.wait_for_url(page.live_url + thanks("en"))
    assert not Project.objects.exists()

"""A person joins the talent pool on a phone, in headless Chromium: sign-up, the verification mail,
the four steps of the profile wizard, and their profile page. Nothing comes from elsewhere."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from talentpool.consents.models import Consent
from talentpool.profiles.models import TalentProfile
from tests.browser.browsing import (
    TALENTS_PHONE,
    assert_only_local_and_clean,
    assert_styled,
    expect,
    fits_the_phone,
)
from tests.upload_files import pdf_bytes
from workstation.reference.models import Industry, Region
from workstation.reminders.models import Reminder
from workstation.reminders.tasks import send_reminder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gansu-Silicon-Valley-2026"
PHONE = {"locale": "en-US", **TALENTS_PHONE}
PDF = pdf_bytes()


@pytest.fixture
def cv_storage(private_storage):
    """The private storage of the test (tests/conftest.py): CVs never land in var/."""
    return private_storage


def at(page, path: str) -> re.Pattern:
    return re.compile(re.escape(page.live_url + path) + r"(\?.*)?$")


def save_and_continue(page, language: str, next_step: int) -> None:
    page.locator("form.profile-form button[type=submit]").click()
    page.wait_for_url(at(page, f"/{language}/talent/me/step/{next_step}/"))


@pytest.mark.parametrize("browser_context_options", [PHONE])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_person_signs_up_and_fills_the_wizard_on_a_phone(page, browser_log, cv_storage, language):
    email = f"wei.wang.{language}@example.org"
    chengguan = Region.objects.get(code="620102")
    ai = Industry.objects.get(key="artificial_intelligence")

    # Sign up.
    page.goto(f"{page.live_url}/{language}/accounts/signup/")
    assert_styled(page)
    form = page.locator("form", has=page.locator("input[name=password1]"))
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/accounts/confirm-email/(\?.*)?$"))

    # The verification mail, kept by the live server in the reminder outbox and sent here.
    reminder = Reminder.objects.get(kind="account_mail", recipient_email=email)
    assert send_reminder(reminder.pk) == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    assert path.startswith(f"/{language}/accounts/confirm-email/")
    page.goto(page.live_url + path)
    page.locator("main form button[type=submit]").click()

    # Verified and signed in: straight into the wizard.
    page.wait_for_url(at(page, f"/{language}/talent/me/step/1/"))
    fits_the_phone(page)
    page.locator("input[name=name_zh]").fill("王伟")
    page.locator("input[name=name_en]").fill("Wei Wang")
    native = page.locator("select[name=native_region]")
    expect()(native.locator("optgroup")).to_have_count(4)
    native.select_option(str(chengguan.pk))
    page.locator("input[name=current_city]").fill("San Jose")
    page.locator("input[name=current_state]").fill("California")
    save_and_continue(page, language, 2)

    fits_the_phone(page)
    page.locator("input[name=employer]").fill("NVIDIA")
    page.locator("input[name=title]").fill("Research scientist")
    page.locator("select[name=industry]").select_option(str(ai.pk))
    page.locator("input[name=expertise]").fill("machine learning, GPUs")
    page.locator("select[name=degree]").select_option("doctorate")
    page.locator("input[name=school]").fill("Stanford University")
    page.locator("input[name=graduation_year]").fill("2015")
    save_and_continue(page, language, 3)

    # The account's address is offered; a phone number without its country code is refused,
    # with what was typed kept.
    fits_the_phone(page)
    expect()(page.locator("input[name=email]")).to_have_value(email)
    page.locator("input[name=phone]").fill("650 253 0000")
    page.locator("input[name=wechat_id]").fill("wangwei_sv")
    page.locator("input[name=linkedin_url]").fill("https://www.linkedin.com/in/wei-wang")
    page.locator("input[name=interests][value=part_time]").check()
    page.locator("input[name=interests][value=invest]").check()
    page.locator("input[name=cv]").set_input_files(
        {"name": "Wei Wang CV.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("form.profile-form button[type=submit]").click()
    page.wait_for_load_state()
    expect()(page.locator(".field-invalid input[name=phone]")).to_have_value("650 253 0000")
    if language == "en":
        expect()(page.locator("#id_phone_error")).to_contain_text("international form")
    expect()(page.locator("input[name=wechat_id]")).to_have_value("wangwei_sv")
    expect()(page.locator("input[name=interests][value=invest]")).to_be_checked()
    fits_the_phone(page)
    page.locator("input[name=phone]").fill("+1 650 253 0000")
    page.locator("input[name=cv]").set_input_files(
        {"name": "Wei Wang CV.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    save_and_continue(page, language, 4)

    # Consent: the privacy notice accepted, the separate sharing box left unticked.
    fits_the_phone(page)
    share = page.locator("input[name=share_with_lanzhou]")
    expect()(share).not_to_be_checked()
    page.locator("input[name=accept_privacy]").check()
    page.locator("form.consent-form button[type=submit]").click()

    page.wait_for_url(at(page, f"/{language}/talent/me/profile/"))
    fits_the_phone(page)
    main = page.locator("main")
    expect()(main).to_contain_text("王伟")
    expect()(main).to_contain_text("Wei Wang")
    expect()(main).to_contain_text("NVIDIA")
    expect()(main).to_contain_text("+1 650-253-0000")
    if language == "en":
        expect()(page.get_by_role("heading", level=1)).to_have_text("My profile")
        expect()(main).to_contain_text("Chengguan District")
    else:
        expect()(main).to_contain_text("城关区")
    assert_styled(page)

    profile = TalentProfile.objects.get(user__email=email)
    assert profile.is_complete and profile.source == "self_registered"
    assert profile.native_region == chengguan
    assert cv_storage.exists(profile.cv.name)
    assert list(Consent.objects.filter(profile=profile).values_list("purpose", "action")) == [
        ("privacy_notice", "given")
    ]
    assert profile.user.preferred_language == language
    assert_only_local_and_clean(page, browser_log)

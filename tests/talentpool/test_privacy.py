"""The privacy notice (bilingual, public) and where CVs live: never at a public address."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import default_storage, storages

from talentpool.consents.models import PRIVACY_POLICY_VERSION
from talentpool.privacy import privacy_contact
from talentpool.profiles.models import TalentProfile
from tests.chinese_text import english_words

pytestmark = pytest.mark.django_db


def notice(client, language: str) -> BeautifulSoup:
    response = client.get(f"/{language}/talent/privacy/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_text(element) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.mark.parametrize("role", ["anonymous", "talent", "official"])
def test_the_notice_is_public_and_says_what_matters_in_english(clients, role):
    soup = notice(clients[role], "en")
    main = soup.select_one("article.privacy-notice")
    assert main["lang"] == "en"
    assert soup.h1.get_text() == "Privacy notice of the talent pool"
    text = section_text(main)
    for statement in (
        f"Version {PRIVACY_POLICY_VERSION}",
        "Lanzhou Science and Technology Innovation (Silicon Valley) Workstation",
        # What is kept and why.
        "Your profile: your name in Chinese characters",
        "a log of their contacts with you",
        "Those reports give numbers of people only, never names.",
        # Who sees it: staff; officials only with the separate consent, while it stands.
        "The workstation staff see your whole profile",
        "Officials of the Lanzhou Municipal Science and Technology Bureau, in China",
        "only if you give the separate consent to share it",
        "A withdrawal takes effect at once.",
        # Export, deletion, retention, contact.
        "Download everything held about you as a zip file",
        "Delete your account and profile",
        "Until you delete your profile",
        "reply to any email from the workstation",
    ):
        assert statement in text, statement
    # The Chinese version is on the same page, marked as Chinese.
    other = soup.select_one("details.other-language")
    assert other["lang"] == "zh-Hans"
    assert "人才库隐私声明" in section_text(other)


def test_the_notice_in_chinese_comes_first_on_a_chinese_page(client):
    soup = notice(client, "zh-hans")
    main = soup.select_one("article.privacy-notice")
    assert main["lang"] == "zh-Hans"
    assert soup.h1.get_text() == "人才库隐私声明"
    text = section_text(main)
    for statement in (
        f"版本 {PRIVACY_POLICY_VERSION}",
        "兰州科技创新（硅谷）工作站",
        "兰州市科学技术局官员，只有在您另行同意共享之后",
        "撤回立即生效",
        "下载我们保存的关于您的全部信息",
        "直到您删除档案或请我们删除为止",
    ):
        assert statement in text, statement
    assert soup.select_one("details.other-language")["lang"] == "en"
    # Nothing English is left outside the English version (JSON names a file format).
    assert english_words(str(soup), content=("JSON",)) == set()


def test_the_contact_address_comes_from_the_settings(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = "privacy@workstation.example"
    assert privacy_contact() == "privacy@workstation.example"
    assert "write to privacy@workstation.example" in section_text(notice(client, "en"))
    assert "请发邮件至 privacy@workstation.example" in section_text(notice(client, "zh-hans"))

    settings.PRIVACY_CONTACT_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "Workstation <talent@workstation.example>"
    assert privacy_contact() == "talent@workstation.example"
    # A no-reply sender is no contact: the notice then says to reply or ask the staff.
    settings.DEFAULT_FROM_EMAIL = "Workstation <noreply@workstation.example>"
    assert privacy_contact() == ""
    text = section_text(notice(client, "en"))
    assert "noreply@" not in text and "ask the staff at one of its events" in text


def test_cvs_are_kept_in_the_private_storage_outside_every_public_folder():
    # The declared storage (tests swap the field's storage for a temporary folder).
    declared = TalentProfile._meta.get_field("cv")._storage_callable()
    assert declared is storages["private"]
    assert declared is not default_storage
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        public = Path(public).resolve()
        assert not private_root.is_relative_to(public), public
        assert not public.is_relative_to(private_root), public
    assert Path(declared.location).resolve() == private_root
    # No URL of the portal serves the folder: /media/ is not routed at all.
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve(settings.MEDIA_URL + "cv/anything.pdf")

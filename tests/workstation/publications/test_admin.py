"""Staff edit policy pages and news in both languages in the admin; the public site shows them."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import signed_in_client
from workstation.publications.models import PolicyPage

pytestmark = pytest.mark.django_db


def test_staff_publish_a_bilingual_policy_page(staff, client):
    admin = signed_in_client(staff)
    form = admin.get("/en/admin/workstation/policypage/add/").content.decode()
    assert 'name="title_zh_hans"' in form and 'name="title_en"' in form
    response = admin.post(
        "/en/admin/workstation/policypage/add/",
        {
            "topic": "talent",
            "title_zh_hans": "兰州市高层次人才引进办法",
            "title_en": "Lanzhou measures for attracting high-level talent",
            "summary_zh_hans": "摘要",
            "summary_en": "Summary",
            "body_zh_hans": "正文",
            "body_en": "Body",
            "is_published": "on",
            "published_on": "2026-11-01",
        },
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").find(
        class_="errorlist"
    )
    policy = PolicyPage.objects.get()
    assert (
        "兰州市高层次人才引进办法" in client.get(f"/zh-hans/policies/{policy.pk}/").content.decode()
    )
    assert "high-level talent" in client.get("/en/policies/").content.decode()


def test_admin_list_shows_which_translation_is_missing(staff):
    PolicyPage.objects.create(topic="talent", title_en="Only English", title="Only English")
    page = signed_in_client(staff).get("/en/admin/workstation/policypage/").content.decode()
    assert "简体中文" in page

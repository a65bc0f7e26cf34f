"""The unsubscribe link of the workstation's mails: no sign-in, a page and a button (or a mail
client's one-click POST), a ledger row; a bad, reused or orphaned link answers a page, never a
500."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from talentpool.consents.models import Consent
from talentpool.consents.services import WITHDRAWAL_TOKEN_SALT, make_withdrawal_token
from tests.factories import TalentProfileFactory, receive_news

pytestmark = pytest.mark.django_db


def unsubscribe_url(token: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("talentpool:unsubscribe", kwargs={"token": token})


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def person():
    return receive_news(TalentProfileFactory())


@pytest.fixture
def token(person) -> str:
    return make_withdrawal_token(person, Consent.Purpose.WORKSTATION_NEWS)


def news_rows(profile) -> list[str]:
    return list(
        Consent.objects.filter(profile=profile, purpose="workstation_news")
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )


def test_the_link_asks_first_then_withdraws_with_one_click(person, token):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(unsubscribe_url(token))
    assert page.status_code == 200
    assert "Do you want to stop them?" in text_of(page)
    assert BeautifulSoup(page.content, "html.parser").select_one("form[method=post] button")
    person.refresh_from_db()
    assert person.receives_news and news_rows(person) == ["given"]  # a GET changes nothing

    response = browser.post(unsubscribe_url(token), {})  # the page's button, no cookie needed
    assert response.status_code == 200
    assert "Done: the workstation will send you no more news or invitations." in text_of(response)
    person.refresh_from_db()
    assert not person.receives_news
    assert news_rows(person) == ["given", "withdrawn"]
    row = Consent.objects.filter(profile=person).latest("at")
    assert row.by is None and row.policy_version

    # The same link again (or the mail client's one-click after the button): it says so.
    for method in ("get", "post"):
        again = getattr(browser, method)(unsubscribe_url(token))
        assert again.status_code == 200
        assert "There was nothing to stop" in text_of(again)
    assert news_rows(person) == ["given", "withdrawn"]


def test_the_page_speaks_chinese(token):
    page = Client().get(unsubscribe_url(token, "zh-hans"))
    assert "工作站的资讯和邀请" in text_of(page)
    done = Client().post(unsubscribe_url(token, "zh-hans"))
    assert "已完成：工作站将不再向您发送资讯和邀请。" in text_of(done)


@pytest.mark.parametrize(
    "bad",
    [
        lambda token: "not-a-token",
        lambda token: token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
        lambda token: signing.dumps({"profile": 1, "purpose": "workstation_news"}, salt="other"),
        # A signed token for a consent a link may not withdraw.
        lambda token: signing.dumps(
            {"profile": 1, "purpose": "privacy_notice"}, salt=WITHDRAWAL_TOKEN_SALT
        ),
        lambda token: signing.dumps({"profile": "x"}, salt=WITHDRAWAL_TOKEN_SALT),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_link_answers_a_translated_page(person, token, bad, method):
    for language, expected in (
        ("en", "This link is not valid."),
        ("zh-hans", "此链接无效"),
    ):
        response = getattr(Client(), method)(unsubscribe_url(bad(token), language))
        assert response.status_code == 400
        assert expected in text_of(response)
    person.refresh_from_db()
    assert person.receives_news


def test_the_link_of_a_deleted_profile_answers_a_page(person, token):
    person.delete()
    response = Client().post(unsubscribe_url(token))
    assert response.status_code == 404
    assert "no longer in the talent pool" in text_of(response)


def test_a_person_who_never_consented_has_nothing_to_stop():
    profile = TalentProfileFactory()
    token = make_withdrawal_token(profile, Consent.Purpose.WORKSTATION_NEWS)
    response = Client().post(unsubscribe_url(token))
    assert "There was nothing to stop" in text_of(response)
    assert not Consent.objects.filter(profile=profile).exists()

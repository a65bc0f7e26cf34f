"""allauth's rate limits: generous for a hall on one Wi-Fi, and a refusal is the portal's own
page, in the visitor's language, with Retry-After and what was typed."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import make_person
from workstation.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Gansu-Silicon-Valley-2026"


def sign_up(client, email: str, language: str = "en"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_a_hall_on_one_wi_fi_can_sign_up(client):
    """allauth's default, 20 sign-ups a minute per IP address, refused the 21st person."""
    for number in range(30):
        response = sign_up(client, f"guest{number}@expo.example")
        assert response.status_code == 302, number
        client.cookies.clear()  # thirty phones, one address
    assert User.objects.filter(email__endswith="@expo.example").count() == 30


def test_a_refused_sign_up_is_a_chinese_page_that_keeps_the_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    for number in range(2):
        assert sign_up(client, f"early{number}@example.org", "zh-hans").status_code == 302
        client.cookies.clear()

    response = sign_up(client, "Late.Comer@Example.org", "zh-hans")

    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    assert "no-cache" in response["Cache-Control"]
    page = response.content.decode()
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("link[href*='/static/portal/portal.']")  # the portal's layout
    assert soup.select_one("a.skip-link").get_text() == "跳至正文"
    text = " ".join(soup.get_text(" ").split())
    assert "尝试次数过多" in text and "60 分钟" in text
    assert "Too Many Requests" not in page
    form = soup.select_one("main form[method=post]")
    assert form["action"] == "/zh-hans/accounts/signup/"
    assert form.select_one("input[name=email]")["value"] == "Late.Comer@Example.org"
    for password in ("password1", "password2"):
        assert not form.select_one(f"input[name={password}]").get("value")
    assert PASSWORD not in page
    assert not User.objects.filter(email="late.comer@example.org").exists()


def test_password_resets_are_limited_per_address_and_the_page_keeps_it(client, settings):
    talent = make_person("talent", "reset.me@example.org")
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "20/m/ip,1/h/key"}
    assert client.post("/en/accounts/password/reset/", {"email": talent.email}).status_code == 302

    response = client.post("/en/accounts/password/reset/", {"email": talent.email})

    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Too many attempts" in soup.select_one("h1").get_text()
    assert soup.select_one("main form input[name=email]")["value"] == talent.email
    # Another address is not held up.
    response = client.post("/en/accounts/password/reset/", {"email": "other@example.org"})
    assert response.status_code == 302

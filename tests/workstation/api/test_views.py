"""The API tokens page and how the API answers a token: errors in one shape, in the reader's
language; a revoked, expired or out-of-role token refused; personal reads audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import api_client
from tests.factories import ProjectFactory
from workstation.api.models import ApiToken
from workstation.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/projects/"


def test_a_new_token_is_shown_once_then_only_its_beginning(clients, official):
    client = clients["official"]
    page = reverse("workstation:api_tokens")
    response = client.post(page, {"name": "Bureau statistics", "expires_on": _in_days(30)})
    assert response.status_code == 302
    shown = client.get(page).content.decode()
    token = ApiToken.objects.get(user=official)
    key = shown.split('id="new-key" value="')[1].split('"')[0]
    assert key.startswith(token.prefix) and "Bureau statistics" in shown
    again = client.get(page).content.decode()
    assert key not in again and token.prefix in again
    # The key works, as its holder.
    reader = api_client_for_key(key)
    assert reader.get(PROJECTS).status_code == 200


def test_the_form_refuses_an_expiry_beyond_a_year_in_chinese(clients):
    client = clients["official"]  # officials read the portal in Chinese
    response = client.post(
        reverse("workstation:api_tokens", kwargs={}).replace("/en/", "/zh-hans/"),
        {"name": "Bureau", "expires_on": _in_days(400)},
    )
    assert response.status_code == 200
    assert "请选择今天起一年以内的日期。" in response.content.decode()
    assert 'value="Bureau"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_from_the_page_refuses_the_token_at_once(clients, staff):
    token_client = api_client(staff)
    token = ApiToken.objects.get(user=staff)
    response = clients["staff"].post(reverse("workstation:api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    refused = token_client.get(PROJECTS)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "authentication_failed"


def test_errors_share_one_shape_and_speak_the_readers_language(client):
    english = client.get(PROJECTS).json()
    assert english == {
        "error": {
            "status": 401,
            "code": "not_authenticated",
            "message": "Sign in, or send a personal API token: Authorization: Bearer <token>.",
        }
    }
    chinese = client.get(PROJECTS, {"lang": "zh-hans"}).json()
    assert chinese["error"]["message"].startswith("请登录")
    by_header = client.get(PROJECTS, headers={"Accept-Language": "zh-Hans"}).json()
    assert by_header["error"]["message"].startswith("请登录")


def test_a_talent_session_is_refused(clients):
    response = clients["talent"].get(PROJECTS)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Only workstation staff and Lanzhou officials may read the API."
    )


def test_an_expired_token_is_refused(official):
    reader = api_client(official)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert reader.get(PROJECTS).status_code == 401


def test_an_invalid_filter_is_named(api_clients):
    body = api_clients["staff"].get(PROJECTS, {"stage": "nonsense"}).json()
    assert body["error"]["status"] == 400
    assert "stage" in body["error"]["fields"]


def test_writing_is_refused(api_clients):
    response = api_clients["staff"].post(PROJECTS, {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["error"]["message"] == "The API is read only: use GET."


def test_reads_of_personal_data_are_audited_with_the_tokens_name(official):
    projects = ProjectFactory.create_batch(2)
    reader = api_client(official, name="Bureau statistics")
    assert reader.get(PROJECTS).status_code == 200
    entry = AuditEntry.objects.get(action="api.read")
    assert entry.actor == official
    assert entry.details["token"] == "Bureau statistics"
    assert sorted(entry.details["ids"]) == sorted(project.pk for project in projects)


def test_the_throttle_answers_429_with_the_wait(api_clients, monkeypatch):
    from workstation.api.throttling import PerTokenThrottle

    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"api": "2/minute"})
    reader = api_clients["staff"]
    assert [reader.get(PROJECTS).status_code for _ in range(2)] == [200, 200]
    refused = reader.get(PROJECTS)
    assert refused.status_code == 429
    assert "Try again in" in refused.json()["error"]["message"]
    # Another token has its own count.
    assert api_clients["official"].get(PROJECTS).status_code == 200


def _in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def api_client_for_key(key: str):
    from django.test import Client

    return Client(headers={"Authorization": f"Bearer {key}"})


def test_an_unknown_record_answers_404_in_the_one_shape(api_clients):
    response = api_clients["official"].get(f"{PROJECTS}999999/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"

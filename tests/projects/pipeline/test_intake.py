"""The public intake: a submission becomes a lead with a confirmation mail; spam is held off."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from projects.pipeline.forms import intake_token
from projects.pipeline.models import Project, ProjectSource, Stage, StageChange
from workstation.reference.models import Industry
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder

pytestmark = pytest.mark.django_db


def intake_url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("projects:intake")


def form_data(**changes) -> dict:
    data = {
        "company": "Example Batteries Inc.",
        "company_website": "https://batteries.example.com",
        "company_location": "San Jose, California",
        "contact_name": "Alex Chen",
        "contact_email": "alex@batteries.example.com",
        "contact_phone": "+1 650 555 0100",
        "title": "Solid-state lithium batteries",
        "summary": "A solid-state battery cell for electric buses.",
        "industry": Industry.objects.get(key="new_energy").pk,
        "technology_stage": "pilot",
        "funding_sought": "5000000",
        "landing_mode": "factory",
        "homepage": "",
        "started": intake_token(time.time() - 30),
    }
    data.update(changes)
    return data


def test_the_form_is_public_and_bilingual(client):
    response = client.get(intake_url("zh-hans"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="pipeline-trap"' in page
    assert 'name="started"' in page


def test_a_chinese_submission_becomes_a_lead_with_a_confirmation_in_chinese(client):
    data = form_data(title="固态锂电池项目", summary="用于电动公交车的固态电池。")
    response = client.post(intake_url("zh-hans"), data)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("projects:intake_done")

    project = Project.objects.get()
    assert project.title_zh_hans == "固态锂电池项目"
    assert project.summary_zh_hans == "用于电动公交车的固态电池。"
    assert not project.title_en
    assert project.stage == Stage.LEAD
    assert project.source == ProjectSource.PUBLIC_INTAKE
    assert project.funding_sought == 5_000_000
    change = StageChange.objects.get(project=project)
    assert (change.from_stage, change.to_stage, change.changed_by) == ("", Stage.LEAD, None)

    reminder = Reminder.objects.get()
    assert reminder.kind == "project_intake_confirmation"
    assert reminder.period == "intake"
    assert reminder.recipient_email == "alex@batteries.example.com"
    assert reminder.target == project

    assert deliver_reminder(reminder_id=reminder.pk) == "sent"
    (message,) = mail.outbox
    assert message.to == ["alex@batteries.example.com"]
    assert "固态锂电池项目" in message.body
    assert "兰州科技创新（硅谷）工作站" in message.body  # the signature, in Chinese


def test_an_english_submission_is_stored_in_english(client):
    client.post(intake_url("en"), form_data())
    project = Project.objects.get()
    assert project.title_en == "Solid-state lithium batteries"
    assert not project.title_zh_hans
    deliver_reminder(reminder_id=Reminder.objects.get().pk)
    assert "Solid-state lithium batteries" in mail.outbox[0].body
    assert "Lanzhou Science and Technology Innovation (Silicon Valley) Workstation" in (
        mail.outbox[0].body
    )


def test_the_thank_you_page(client):
    assert client.get(reverse("projects:intake_done")).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"homepage": "http://spam.example"},  # the hidden field was filled
        {"started": "fresh"},  # sent back within 3 seconds
        {"started": "forged"},  # no valid stamp
        {"started": ""},
    ],
    ids=["honeypot", "too-fast", "forged-stamp", "no-stamp"],
)
def test_spam_gets_the_same_thanks_and_nothing_is_saved(client, changes):
    data = form_data(**changes)
    if data["started"] == "fresh":
        data["started"] = intake_token(time.time() - 1)
    response = client.post(intake_url(), data)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("projects:intake_done")
    assert not Project.objects.exists()
    assert not Reminder.objects.exists()


def test_too_fast_counts_from_when_the_form_was_shown(client):
    data = form_data(started=intake_token())
    client.post(intake_url(), data)
    assert not Project.objects.exists()


def test_more_than_five_submissions_an_hour_from_one_address_wait(client):
    statuses = [
        client.post(
            intake_url(), form_data(title=f"Project {number}"), REMOTE_ADDR="203.0.113.9"
        ).status_code
        for number in range(6)
    ]
    assert statuses == [302] * 5 + [200]
    assert Project.objects.count() == 5
    # The sixth is told to come back, with what was typed still in the form.
    response = client.post(intake_url(), form_data(title="Project six"), REMOTE_ADDR="203.0.113.9")
    page = response.content.decode()
    assert "submit again in an hour" in page
    assert 'value="Project six"' in page
    # Another address is not held up.
    client.post(intake_url(), form_data(title="From elsewhere"), REMOTE_ADDR="198.51.100.7")
    assert Project.objects.count() == 6


def test_behind_a_proxy_the_visitor_is_told_apart_by_x_forwarded_for(client, settings):
    settings.PROXY_COUNT = 1
    for number in range(6):
        client.post(
            intake_url(),
            form_data(title=f"Visitor {number}"),
            REMOTE_ADDR="172.18.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    # All from the proxy's address, but six different visitors: none is held up.
    assert Project.objects.count() == 6


def test_bad_input_is_explained_and_what_was_typed_is_kept(client):
    long_title = "B" * 2000
    response = client.post(
        intake_url(),
        form_data(contact_email="not-an-email", funding_sought="-5", title=long_title),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert "Ensure this value is greater than or equal to 0." in page
    assert "Ensure this value has at most 200 characters (it has 2000)." in page
    assert 'value="not-an-email"' in page
    assert 'value="-5"' in page
    assert long_title in page
    assert "Example Batteries Inc." in page
    assert not Project.objects.exists()

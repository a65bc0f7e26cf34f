"""The conference's programme kept by staff in the portal: speakers, media partners and their
coverage — added, edited and deleted from the event page, in both languages, with the form keeping
what was typed when something is wrong."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.factories import EventFactory
from workstation.audit.models import AuditEntry
from workstation.events.models import Coverage, MediaPartner, Speaker

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"workstation:{name}", kwargs=kwargs)


def main_text(response) -> str:
    return " ".join(
        BeautifulSoup(response.content.decode(), "html.parser").main.get_text(" ").split()
    )


@pytest.fixture
def conference():
    return EventFactory(kind="conference", title_en="Lanzhou conference 2026")


def test_staff_add_a_speaker_shown_in_the_page_language(clients, conference):
    response = clients["staff"].post(
        url("speaker_create", pk=conference.pk),
        {
            "name": "Ada Lee",
            "affiliation_zh_hans": "斯坦福大学 教授",
            "affiliation_en": "Professor, Stanford University",
            "bio_zh_hans": "研究新材料。",
            "bio_en": "Works on new materials.",
            "position": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#speakers")
    speaker = Speaker.objects.get(event=conference)
    assert speaker.affiliation_zh_hans == "斯坦福大学 教授"
    public = main_text(clients["anonymous"].get(conference.get_absolute_url()))
    assert "Ada Lee" in public and "Professor, Stanford University" in public
    assert "Edit Ada Lee" not in public  # no staff links for the public
    chinese = main_text(clients["anonymous"].get(url("event_detail", "zh-hans", pk=conference.pk)))
    assert "斯坦福大学 教授" in chinese and "研究新材料。" in chinese
    assert AuditEntry.objects.filter(action="speaker.created", object_id=str(speaker.pk)).exists()


def test_a_speaker_without_a_name_is_refused_and_nothing_typed_is_lost(clients, conference):
    response = clients["staff"].post(
        url("speaker_create", "zh-hans", pk=conference.pk),
        {
            "name": "",
            "affiliation_en": "Partner, Sand Hill Capital",
            "bio_zh_hans": "投资人。",
            "position": "0",
        },
    )
    assert response.status_code == 200
    text = main_text(response)
    assert "未保存任何内容" in text and "这个字段是必填项。" in text
    html = response.content.decode()
    assert 'value="Partner, Sand Hill Capital"' in html and "投资人。" in html
    assert not Speaker.objects.exists()


def test_a_media_partner_needs_a_name_in_one_language(clients, conference):
    response = clients["staff"].post(
        url("partner_create", pk=conference.pk),
        {"website": "https://svdaily.example", "position": "0"},
    )
    assert response.status_code == 200
    assert "Give the partner's name in at least one language." in main_text(response)
    assert 'value="https://svdaily.example"' in response.content.decode()
    response = clients["staff"].post(
        url("partner_create", pk=conference.pk),
        {"name_en": "Silicon Valley Daily", "website": "https://svdaily.example", "position": "0"},
    )
    assert response.status_code == 302
    assert MediaPartner.objects.get(event=conference).name_en == "Silicon Valley Daily"


def test_coverage_is_recorded_and_shown_to_officials_not_to_the_public(clients, conference):
    partner = MediaPartner.objects.create(event=conference, name_en="Silicon Valley Daily")
    bad = clients["staff"].post(
        url("coverage_create", pk=partner.pk),
        {
            "title": "Lanzhou comes to the Valley",
            "url": "not a link",
            "published_on": "2026-11-02",
            "reach": "12000",
        },
    )
    assert bad.status_code == 200
    assert "Enter a valid URL." in main_text(bad)
    assert 'value="Lanzhou comes to the Valley"' in bad.content.decode()
    good = clients["staff"].post(
        url("coverage_create", pk=partner.pk),
        {
            "title": "Lanzhou comes to the Valley",
            "url": "https://svdaily.example/lanzhou",
            "published_on": "2026-11-02",
            "reach": "12000",
        },
    )
    assert good.status_code == 302
    official_page = main_text(clients["official"].get(conference.get_absolute_url()))
    assert "Lanzhou comes to the Valley" in official_page and "12000" in official_page
    public_page = main_text(clients["anonymous"].get(conference.get_absolute_url()))
    assert "Silicon Valley Daily" in public_page
    assert "Lanzhou comes to the Valley" not in public_page


def test_editing_keeps_the_other_fields_and_deleting_asks_first(clients, conference):
    speaker = Speaker.objects.create(event=conference, name="Ada Lee", bio_en="Old bio")
    edit = clients["staff"].get(url("speaker_edit", pk=speaker.pk))
    assert "Old bio" in edit.content.decode()
    clients["staff"].post(
        url("speaker_edit", pk=speaker.pk),
        {"name": "Ada Lee", "bio_en": "New bio", "position": "0"},
    )
    speaker.refresh_from_db()
    assert speaker.bio_en == "New bio"

    question = clients["staff"].get(url("speaker_delete", pk=speaker.pk))
    assert "Remove Ada Lee from the speakers?" in main_text(question)
    assert Speaker.objects.filter(pk=speaker.pk).exists()  # a GET deletes nothing
    response = clients["staff"].post(url("speaker_delete", pk=speaker.pk))
    assert response["Location"].endswith("#speakers")
    assert not Speaker.objects.filter(pk=speaker.pk).exists()
    assert AuditEntry.objects.filter(action="speaker.deleted").count() == 1


def test_deleting_a_partner_removes_its_coverage(clients, conference):
    partner = MediaPartner.objects.create(event=conference, name_en="Silicon Valley Daily")
    Coverage.objects.create(
        partner=partner, title="Story", url="https://svdaily.example/a", published_on="2026-11-02"
    )
    clients["staff"].post(url("partner_delete", pk=partner.pk))
    assert not MediaPartner.objects.exists() and not Coverage.objects.exists()


def test_speakers_and_partners_belong_to_the_conference_only(clients):
    forum = EventFactory(kind="forum")
    assert clients["staff"].get(url("speaker_create", pk=forum.pk)).status_code == 404
    assert clients["staff"].get(url("partner_create", pk=forum.pk)).status_code == 404


def test_the_event_page_offers_staff_the_programme_links(clients, conference):
    page = main_text(clients["staff"].get(conference.get_absolute_url()))
    assert "Add a speaker" in page and "Add a media partner" in page
    assert "No speakers yet." in page and "No media partners yet." in page
    for role in ("official", "talent", "anonymous"):
        assert "Add a speaker" not in main_text(clients[role].get(conference.get_absolute_url()))

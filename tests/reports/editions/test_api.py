"""Published briefings in the API: never one being written or reviewed, to staff or officials;
items in both languages with the summary as sanitized HTML; the final editions with their
SHA-256, size and download link."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from reports.briefings.models import MonthlyBriefing
from reports.briefings.services import submit
from reports.editions.models import BriefingPDF
from tests.factories import BriefingFactory, BriefingItemFactory
from tests.workstation.api.reading import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

BRIEFINGS = "/api/v1/briefings/"
PDF = b"%PDF-1.4\n%%EOF\n"


def published(year=2026, month=10, **item):
    briefing = BriefingItemFactory(
        briefing=BriefingFactory(year=year, month=month), **item
    ).briefing
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(
        status="published", published_at=timezone.now(), review_round=1
    )
    return briefing


def edition(briefing, language, *, kind="published", status="ready"):
    pdf = BriefingPDF.objects.create(
        briefing=briefing,
        kind=kind,
        language=language,
        status=status,
        sha256=hashlib.sha256(PDF).hexdigest() if status == "ready" else "",
        size=len(PDF) if status == "ready" else 0,
        generated_at=timezone.now() if status == "ready" else None,
    )
    if status == "ready":
        pdf.file.save("briefing.pdf", ContentFile(PDF), save=True)
    return pdf


def test_only_published_briefings_for_officials_and_staff(api_clients):
    shown = published(month=9)
    in_review = BriefingItemFactory(briefing=BriefingFactory(month=10)).briefing
    submit(briefing=in_review, actor=None)  # officials see it on its page, not in the API
    draft = BriefingItemFactory(briefing=BriefingFactory(month=11)).briefing
    for role in ("official", "staff"):
        reader = api_clients[role]
        ids = [row["id"] for row in reader.get(BRIEFINGS).json()["results"]]
        assert ids == [shown.pk]
        for hidden in (in_review, draft):
            refused = reader.get(f"{BRIEFINGS}{hidden.pk}/")
            assert refused.status_code == 404
            assert refused.json()["error"]["code"] == "not_found"


def test_items_in_both_languages_with_sanitized_summaries(api_clients):
    briefing = published(
        headline_en="Solid-state batteries",
        headline_zh_hans="固态电池",
        summary_en="A **new** cell.<script>alert(1)</script>",
        summary_zh_hans="一种**新**电池。",
    )
    reader = api_clients["official"]
    item = reader.get(f"{BRIEFINGS}{briefing.pk}/").json()["items"][0]
    assert (item["headline"], item["headline_en"], item["headline_zh_hans"]) == (
        "Solid-state batteries",
        "Solid-state batteries",
        "固态电池",
    )
    assert "<strong>new</strong>" in item["summary_en"]
    assert "<strong>新</strong>" in item["summary_zh_hans"]
    assert "<script" not in item["summary"] and "<script" not in item["summary_en"]
    chinese = reader.get(f"{BRIEFINGS}{briefing.pk}/", {"lang": "zh-hans"}).json()
    assert chinese["items"][0]["headline"] == "固态电池"


def test_the_final_editions_with_their_checksum_and_a_working_link(api_clients, clients):
    briefing = published()
    english = edition(briefing, "en")
    chinese = edition(briefing, "zh-hans")
    edition(briefing, "bilingual", status="pending")  # not made yet: not given
    edition(briefing, "zh-hans", kind="draft")  # the review's draft: not given
    body = api_clients["official"].get(f"{BRIEFINGS}{briefing.pk}/").json()
    editions = {row["language"]: row for row in body["editions"]}
    assert set(editions) == {"en", "zh-hans"}
    assert editions["en"]["id"] == english.pk and editions["zh-hans"]["id"] == chinese.pk
    assert editions["en"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert editions["en"]["size"] == len(PDF)
    url = editions["en"]["url"]
    assert url.startswith("http://testserver/")
    download = clients["official"].get(url.removeprefix("http://testserver"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_filters_by_year_and_month(api_clients):
    october = published(2026, 10)
    march = published(2026, 3)
    last_year = published(2025, 10)
    reader = api_clients["staff"]

    def ids(**params):
        return [row["id"] for row in reader.get(BRIEFINGS, params).json()["results"]]

    assert ids() == [october.pk, march.pk, last_year.pk]
    assert ids(year=2026) == [october.pk, march.pk]
    assert ids(month=10) == [october.pk, last_year.pk]
    assert ids(year=2025, month=10) == [last_year.pk]


def test_the_list_takes_as_many_queries_for_12_as_for_2(api_clients):
    months = iter(range(1, 13))

    def add(number):
        for _ in range(number):
            briefing = published(2026, next(months))
            BriefingItemFactory(briefing=briefing)
            edition(briefing, "en")

    assert_queries_do_not_grow(api_clients["official"], BRIEFINGS, add)


def test_a_token_downloads_a_final_edition_and_an_unmade_one_is_not_found(official):
    from tests.conftest import api_client

    briefing = BriefingFactory(
        year=2026, month=9, status="published", review_round=1, published_at=timezone.now()
    )
    edition = BriefingPDF.objects.create(
        briefing=briefing, kind="published", language="zh-hans", status="ready"
    )
    edition.file.save("b.pdf", ContentFile(b"%PDF-1.4 zh\n%%EOF\n"), save=True)
    reader = api_client(official)
    listed = reader.get("/api/v1/briefings/").json()["results"][0]["editions"][0]
    assert listed["download_url"].endswith(f"/api/v1/briefings/{briefing.pk}/editions/zh-hans/")
    response = reader.get(listed["download_url"], headers={"Accept": "application/pdf"})
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 zh\n%%EOF\n"
    missing = reader.get(f"/api/v1/briefings/{briefing.pk}/editions/en/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"

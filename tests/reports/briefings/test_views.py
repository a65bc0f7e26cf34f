"""The archive and the briefing page: what staff and officials see, search, and query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.briefings import services
from reports.briefings.models import MonthlyBriefing
from reports.editions import services as editions
from tests.factories import BriefingFactory, BriefingItemFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def add_briefings(months, items_each: int = 2) -> None:
    for month in months:
        briefing = BriefingFactory(year=2025, month=month, review_round=1)
        for _ in range(items_each):
            BriefingItemFactory(briefing=briefing)


@pytest.mark.parametrize("role", ["staff", "official"])
def test_the_archive_query_count_does_not_grow_with_its_briefings(clients, role):
    path = reverse("reports:briefing_list")
    add_briefings([1, 2])
    few = queries(clients[role], path)
    add_briefings(range(3, 13))
    assert queries(clients[role], path) == few


def test_the_briefing_page_query_count_does_not_grow_with_its_items(clients):
    briefing = BriefingItemFactory().briefing
    path = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})
    queries(clients["staff"], path)  # its compiled sections kept, as on the next visits
    BriefingItemFactory(briefing=briefing, section="startup_trends")
    read = queries(clients["staff"], path)  # its rows read again: a new item
    kept = queries(clients["staff"], path)  # its rows kept
    BriefingItemFactory.create_batch(10, briefing=briefing, section="startup_trends")
    assert queries(clients["staff"], path) == read
    assert queries(clients["staff"], path) == kept < read


WRITES = ("INSERT", "UPDATE", "DELETE")


def writes_of(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested", "published"])
def test_a_get_on_any_briefing_page_writes_nothing(clients, staff, official, status):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.core.files.base import ContentFile

    from reports.editions.models import BriefingPDF
    from tests.factories import MeetingFactory

    pacific = ZoneInfo("America/Los_Angeles")
    item = BriefingItemFactory(briefing=BriefingFactory(year=2026, month=10))
    briefing = item.briefing
    if status != "draft":
        services.submit(briefing=briefing, actor=staff)
    if status == "changes_requested":
        services.request_changes(briefing=briefing, note="请更新。", actor=official)
    if status == "published":
        services.approve(briefing=briefing, actor=official)
        editions.publish(briefing=briefing, actor=staff)
    # A meeting scheduled after submission: the page must not link it to the briefing.
    starts = datetime(2026, 10, 14, 17, tzinfo=pacific)
    MeetingFactory(event__starts_at=starts, event__ends_at=starts.replace(hour=18))
    edition, _created = BriefingPDF.objects.get_or_create(
        briefing=briefing,
        kind="published" if status == "published" else "draft",
        language="bilingual",
        defaults={"requested_at": briefing.created_at},
    )
    edition.status = "ready"
    edition.file.save("b.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    kwargs = {"pk": briefing.pk}
    paths = [
        reverse("reports:briefing_list"),
        reverse("reports:briefing_detail", kwargs=kwargs),
        reverse("reports:item_add", kwargs=kwargs),
        reverse("reports:item_edit", kwargs={**kwargs, "item_pk": item.pk}),
    ]
    for path in paths:
        assert writes_of(clients["staff"], path) == [], path
    if status != "draft":  # officials never see a draft never submitted
        for path in paths[:2]:
            assert writes_of(clients["official"], path) == [], path
    download = reverse("reports:edition_download", kwargs={**kwargs, "pdf_pk": edition.pk})
    with CaptureQueriesContext(connection) as captured:
        response = clients["staff"].get(download)
        b"".join(response.streaming_content)
    assert response.status_code == 200
    assert not [q for q in captured if q["sql"].lstrip().upper().startswith(WRITES)]


def test_the_archive_finds_a_briefing_by_its_text_in_either_language_and_traditional(clients):
    battery = BriefingItemFactory(
        headline_zh_hans="固态电池初创企业融资",
        headline_en="Solid-state battery startup funding",
        briefing=BriefingFactory(year=2026, month=8, review_round=1),
    ).briefing
    other = BriefingItemFactory(
        headline_zh_hans="人工智能芯片",
        headline_en="AI chips",
        briefing=BriefingFactory(year=2026, month=9, review_round=1),
    ).briefing
    path = reverse("reports:briefing_list")
    for query in ("企业融资", "企業融資", "funding", "STARTUP FUNDING"):
        page = clients["official"].get(path, {"q": query}).content.decode()
        assert f"/reports/briefings/{battery.pk}/" in page, query
        assert f"/reports/briefings/{other.pk}/" not in page, query
    page = clients["official"].get(path, {"q": "nothing like this"}).content.decode()
    assert "No briefing mentions that." in page


def test_officials_do_not_see_drafts_never_submitted_in_the_archive(clients):
    BriefingFactory(year=2026, month=7)
    page = clients["official"].get(reverse("reports:briefing_list")).content.decode()
    assert "2026, No. 7" not in page
    assert "2026, No. 7" in clients["staff"].get(reverse("reports:briefing_list")).content.decode()


def test_an_item_shows_missing_and_outdated_translations_and_blocks_submission(clients, staff):
    briefing = BriefingItemFactory(headline_en="", summary_en="").briefing
    page = clients["staff"].get(reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}))
    assert "Translation missing" in page.content.decode()
    response = clients["staff"].post(
        reverse("reports:briefing_submit", kwargs={"pk": briefing.pk}), follow=True
    )
    assert "Every item needs a current Chinese and English text first" in response.content.decode()
    assert MonthlyBriefing.objects.get(pk=briefing.pk).status == "draft"

    # The missing English added: a translation of the current Chinese, nothing is outdated.
    item = briefing.items.get()
    edit = reverse("reports:item_edit", kwargs={"pk": briefing.pk, "item_pk": item.pk})

    def post_english(headline):
        clients["staff"].post(
            edit,
            {
                "section": item.section,
                "item_date": "2026-10-15",
                "source_url": "",
                "headline_zh_hans": item.headline_zh_hans,
                "summary_zh_hans": item.summary_zh_hans,
                "headline_en": headline,
                "summary_en": "Written later.",
            },
        )
        item.refresh_from_db()

    post_english("Now in English")
    assert not item.translation_problems()
    # The English changed afterwards: the Chinese is outdated until edited or confirmed.
    post_english("Now in better English")
    assert item.is_outdated("zh-hans") and not item.is_outdated("en")
    page = clients["staff"].get(reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}))
    assert "Translation outdated" in page.content.decode()
    with pytest.raises(services.BriefingError):
        services.submit(briefing=briefing, actor=staff)
    clients["staff"].post(
        reverse("reports:item_confirm", kwargs={"pk": briefing.pk, "item_pk": item.pk}),
        {"language": "zh-hans"},
    )
    item.refresh_from_db()
    assert not item.translation_problems()
    services.submit(briefing=briefing, actor=staff)


def test_a_bad_item_form_keeps_what_was_typed_and_says_why(clients):
    briefing = BriefingFactory()
    response = clients["staff"].post(
        reverse("reports:item_add", kwargs={"pk": briefing.pk}),
        {
            "section": "venture_capital",
            "item_date": "not a date",
            "source_url": "not a link",
            "headline_zh_hans": "风投动态",
            "summary_zh_hans": "内容保留",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date." in page and "Enter a valid URL." in page
    assert "风投动态" in page and "内容保留" in page
    assert not briefing.items.exists()


def test_compiled_figures_are_frozen_on_submission_and_compiled_afresh_on_resubmission(
    staff, official
):
    from django.utils import timezone

    from projects.pipeline.models import Project
    from projects.pipeline.services import create_project

    def new_project(number):
        project = ProjectFactory.build(company=f"Frozen Figures {number} Inc.")
        create_project(project=project, actor=staff)

    today = timezone.localdate()
    briefing = BriefingItemFactory(
        briefing=BriefingFactory(year=today.year, month=today.month)
    ).briefing
    new_project(1)
    services.submit(briefing=briefing, actor=staff)
    briefing.refresh_from_db()
    frozen = briefing.compiled["pipeline"]["new_projects"]
    assert frozen == Project.objects.count() == 1
    new_project(2)
    new_project(3)
    briefing.refresh_from_db()
    assert briefing.compiled["pipeline"]["new_projects"] == 1  # frozen
    services.request_changes(briefing=briefing, note="请更新。", actor=official)
    services.submit(briefing=briefing, actor=staff)
    briefing.refresh_from_db()
    assert briefing.compiled["pipeline"]["new_projects"] == 3  # compiled afresh
    companies = [p["company"] for p in briefing.compiled["pipeline"]["projects"]]
    assert "Frozen Figures 3 Inc." in companies


def test_held_means_started_before_the_figures_were_compiled_the_rest_is_coming(clients):
    """Compiled on the 6th (22:38 in California, already the 7th in UTC), the meeting of the
    13th is coming, not held — on the page and in the frozen figures."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from reports.briefings.compiled import compile_briefing
    from tests.factories import EventFactory

    pacific = ZoneInfo("America/Los_Angeles")
    briefing = BriefingItemFactory(briefing=BriefingFactory(year=2026, month=3)).briefing

    def event(title, kind, day, month=3):
        starts = datetime(2026, month, day, 10, tzinfo=pacific)
        EventFactory(title_en=title, kind=kind, starts_at=starts, ends_at=starts.replace(hour=12))

    event("March forum", "forum", 2)
    event("March meeting", "monthly_meeting", 13)
    event("April conference", "conference", 20, month=4)
    event("May expo", "expo", 20, month=5)
    compiled = compile_briefing(briefing, now=datetime(2026, 3, 6, 22, 38, tzinfo=pacific))
    assert [e["title"]["en"] for e in compiled["events"]["held"]] == ["March forum"]
    assert [e["title"]["en"] for e in compiled["events"]["coming"]] == [
        "March meeting",
        "April conference",
    ]
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(
        compiled=compiled, status="in_review", review_round=1
    )
    page = clients["official"].get(reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}))
    html = page.content.decode()
    section = html[html.index('id="section-events"') :]
    assert section.index("March forum") < section.index("Coming up")
    assert section.index("Coming up") < section.index("March meeting")
    assert section.index("March meeting") < section.index("April conference")
    assert "May expo" not in section
    assert "PST" in section and "PDT" in section and "CST" in section  # both zones


def test_submitting_freezes_a_meeting_later_in_the_month_as_coming(staff):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import EventFactory

    now = timezone.now()
    today = timezone.localdate(now)
    briefing = BriefingItemFactory(
        briefing=BriefingFactory(year=today.year, month=today.month)
    ).briefing
    EventFactory(
        title_en="Later today", starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=2)
    )
    services.submit(briefing=briefing, actor=staff)
    briefing.refresh_from_db()
    events = briefing.compiled["events"]
    assert [e["title"]["en"] for e in events["coming"]] == ["Later today"]
    assert events["held"] == []


def test_the_briefings_talent_counts_withhold_zero_to_two_so_no_cell_can_be_worked_out(
    reference_data,
):
    from django.utils import timezone

    from reports.briefings.compiled import compile_talent
    from tests.factories import TalentProfileFactory
    from workstation.reference.models import Region

    today = timezone.localdate()
    briefing = BriefingFactory(year=today.year, month=today.month)
    lanzhou, tianshui = (Region.objects.get(code=code) for code in ("620100", "620500"))
    for region, number in ((lanzhou, 4), (tianshui, 2)):
        for _ in range(number):
            TalentProfileFactory(native_region=region)
    talent = compile_talent(briefing)
    cells = {row["label"]["en"]: row["total"] for row in talent["by_prefecture"]}
    assert talent["gansu"] == 6 and cells["Lanzhou"] == 4
    # Tianshui's 2 and Jiuquan's 0 look alike: 6 - 4 cannot be pinned on one prefecture.
    assert cells["Tianshui"] is None and cells["Jiuquan"] is None

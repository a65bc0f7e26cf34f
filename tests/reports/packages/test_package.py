"""What the bureau finds in a briefing's data package: the month's data as JSON and CSV, the README
in both languages, the published PDFs and a manifest that checks out; and that a publication gets
one package, made once."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from projects.pipeline.models import StageChange
from reports.briefings.models import HistoryEntry
from reports.editions import services as editions
from reports.packages import services as packages
from reports.packages.models import DataPackage
from tests.factories import ProjectFactory
from tests.reports.packages.published import (
    PACKAGE,
    files_of,
    made_package,
    pacific,
    publish,
    stand_in_editions,
)
from workstation.pdfs import services as pdfs
from workstation.pdfs import tasks as pdf_tasks
from workstation.pdfs.kinds import KINDS, PDFKind

pytestmark = pytest.mark.django_db

DATASETS = ("figures", "projects", "demands", "matches", "events", "meetings")
DATA_FILES = [f"{stem}.{kind}" for stem in DATASETS for kind in ("json", "csv")]


def project_moved_on(moment, **fields):
    project = ProjectFactory(**fields)
    change = StageChange.objects.create(project=project, from_stage="", to_stage="lead")
    StageChange.objects.filter(pk=change.pk).update(changed_at=moment)
    return project


@pytest.fixture
def package(staff, official):
    project_moved_on(
        pacific(2026, 10, 5, 9),
        title_zh_hans="兰州固态电池项目",
        title_en="Solid-state battery",
        summary_en='Safe cells. <script>alert("owned")</script> **Bold**',
        company='=HYPERLINK("https://evil.example")',
    )
    project_moved_on(pacific(2026, 9, 30, 9), title_en="Moved in September")
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    return made_package(briefing)


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_manifest_lists_every_other_file_with_its_sha256_and_size(package):
    files = files_of(package)
    manifest = json.loads(files["manifest.json"])
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["size"] == len(files[name]), name
        assert entry["sha256"] == hashlib.sha256(files[name]).hexdigest(), name
    assert manifest["briefing"] == {"year": 2026, "month": 10}
    assert set(files) == {
        *DATA_FILES,
        "README.txt",
        "manifest.json",
        "pdf/briefing-2026-10-zh-hans.pdf",
        "pdf/briefing-2026-10-en.pdf",
        "pdf/briefing-2026-10-bilingual.pdf",
    }
    with package.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == package.sha256


def test_the_package_holds_the_published_pdfs_as_they_are(staff, official):
    briefing = publish(staff=staff, official=official)
    made = stand_in_editions(briefing)
    files = files_of(made_package(briefing))
    assert {name: files[f"pdf/{name}"] for name in made} == made


def test_each_csv_opens_with_the_bom_and_the_apis_keys_as_columns(package, api_clients):
    """A project's row has the keys the API gives it, in the same order, as JSON and as CSV."""
    files = files_of(package)
    header, *rows = read_csv(files["projects.csv"])
    (listed,) = json.loads(files["projects.json"])
    from_api = api_clients["official"].get(f"/api/v1/projects/{listed['id']}/").json()
    assert header == list(listed) == list(from_api)
    assert {"title", "title_zh_hans", "title_en", "summary_en", "stage_history"} <= set(header)
    assert [row[header.index("id")] for row in rows] == [str(listed["id"])]
    in_one_language = {"title", "summary"}  # the package's in Chinese, the API's in English
    assert {key: value for key, value in listed.items() if key not in in_one_language} == {
        key: value for key, value in from_api.items() if key not in in_one_language
    }
    assert read_csv(files["figures.csv"])[0] == ["figure", "value"]


def test_the_months_projects_are_those_that_entered_or_moved_in_it_with_chinese_intact(package):
    files = files_of(package)
    listed = json.loads(files["projects.json"])
    assert [p["title_en"] for p in listed] == ["Solid-state battery"]
    assert listed[0]["title_zh_hans"] == "兰州固态电池项目"
    assert listed[0]["title"] == "兰州固态电池项目"  # the package's language: Chinese first
    assert listed[0]["stage_history"][0]["to_stage"] == "lead"
    header, *rows = read_csv(files["projects.csv"])
    (row,) = [dict(zip(header, values, strict=True)) for values in rows]
    assert row["title_zh_hans"] == "兰州固态电池项目"
    assert json.loads(row["stage_history"])[0]["to_stage"] == "lead"


def test_a_script_in_a_summary_comes_out_sanitized_in_json_and_csv(package):
    files = files_of(package)
    summary = json.loads(files["projects.json"])[0]["summary_en"]
    assert "<strong>Bold</strong>" in summary and "Safe cells." in summary
    for name in ("projects.json", "projects.csv"):
        text = files[name].decode("utf-8-sig")
        assert "<script" not in text and "alert(" not in text, name
        assert "**Bold**" not in text, name  # rich text as HTML, never the raw Markdown


def test_a_csv_cell_is_never_a_formula_for_excel(package):
    files = files_of(package)
    header, row = read_csv(files["projects.csv"])[:2]
    company = dict(zip(header, row, strict=True))["company"]
    assert company == '\'=HYPERLINK("https://evil.example")'
    assert json.loads(files["projects.json"])[0]["company"].startswith("=HYPERLINK")


def test_the_figures_are_the_officials_dashboard_figures(package):
    from reports.dashboard.figures import year_figures

    files = files_of(package)
    figures = json.loads(files["figures.json"])
    expected = year_figures(2026, hide_small_cells=True)
    assert figures["duties"] == expected["duties"]
    assert figures["talent"] == expected["talent"] and figures["talent"]["withheld"] is True
    rows = dict(read_csv(files["figures.csv"])[1:])
    for duty in figures["duties"]:
        assert rows[f"duties.{duty['duty']}.figure"] == str(duty["figure"])
    assert rows["talent.total"] == ""  # withheld: fewer than 3
    assert rows["talent.new_by_month.10"] == ""


def test_the_readme_names_every_file_and_field_in_chinese_and_english(package):
    files = files_of(package)
    chinese, english = files["README.txt"].decode().split("=" * 72)
    columns = {name: read_csv(files[name])[0] for name in files if name.endswith(".csv")}
    assert {"figures.csv", "projects.csv"} <= set(columns)
    for part in (chinese, english):
        for name in files:
            assert name in part, name
        for stem, names in columns.items():
            for name in names:
                line = next(
                    (line for line in part.splitlines() if line.strip().startswith(f"{name}: ")),
                    None,
                )
                assert line and line.split(": ", 1)[1].strip(), (stem, name)
    assert "兰州科技创新（硅谷）工作站" in chinese and "数据包" in chinese
    assert "Project title in Chinese" in english and "Data package" in english
    assert "项目名称" in chinese and "Project title" not in chinese
    assert "lead (" in english  # a field of choices lists its keys


def test_the_sweep_and_repeated_runs_make_no_second_package_nor_a_new_file(
    monkeypatch, staff, official
):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    package = made_package(briefing)
    before = (package.file.name, package.sha256, package.generated_at)

    queued = []
    monkeypatch.setattr(pdfs, "enqueue", lambda kind, pk: queued.append((kind, pk)) or True)
    DataPackage.objects.filter(pk=package.pk).update(
        requested_at=timezone.now() - timedelta(hours=1)
    )
    assert pdf_tasks.sweep_pending_pdfs() == 0
    stand_in_editions(briefing)  # every edition's after step again
    assert packages.request_data_package(briefing=briefing) == package
    assert pdfs.make(kind=PACKAGE, pk=package.pk) == "not pending"
    assert not pdfs.try_again(record=package, actor=staff)
    with pytest.raises(Exception, match="approved"):
        editions.publish(briefing=briefing, actor=staff)  # the second click

    assert DataPackage.objects.count() == 1 and queued == []
    package.refresh_from_db()
    assert (package.file.name, package.sha256, package.generated_at) == before


def test_the_package_is_asked_for_only_once_every_edition_is_ready(staff, official):
    briefing = publish(staff=staff, official=official)
    first = briefing.pdfs.filter(kind="published").first()
    pdfs.keep_rendered_file(first, b"%PDF-1.4\n", "first.pdf")
    assert editions.tell_about_published_editions(first.pk) == "not all ready"
    assert not DataPackage.objects.exists()


def test_a_new_publication_gets_a_new_package_and_the_old_one_stays(staff, official):
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    first = made_package(briefing)
    # A correction published again (the portal has no such step yet; its record would be this).
    HistoryEntry.objects.create(briefing=briefing, action="published", actor=staff)
    second = packages.request_data_package(briefing=briefing)
    assert second != first and second.status == "pending"
    assert pdfs.make(kind=PACKAGE, pk=second.pk) == "ready"
    old = DataPackage.objects.get(pk=first.pk)
    assert (old.file.name, old.sha256) == (first.file.name, first.sha256)


def test_a_package_that_cannot_be_made_fails_with_the_reason_in_chinese(monkeypatch, package):
    def broken(record):
        raise RuntimeError("a bug")

    monkeypatch.setitem(KINDS, PACKAGE, replace(KINDS[PACKAGE], build=broken))
    failed = DataPackage.objects.create(
        publication=HistoryEntry.objects.create(
            briefing=package.briefing, action="published", actor=None
        )
    )
    assert pdfs.make(kind=PACKAGE, pk=failed.pk) == "failed"
    failed.refresh_from_db()
    assert failed.error == "由于服务器出错，数据包未能生成。"


def test_a_kind_gives_either_a_document_or_a_build():
    with pytest.raises(TypeError):
        PDFKind(model=DataPackage, file_name=str)
    with pytest.raises(TypeError):
        PDFKind(model=DataPackage, file_name=str, document=str, build=bytes)


def test_the_months_events_meetings_and_matches_are_in_their_files(staff, official):
    from projects.matching.models import Match
    from tests.factories import DemandFactory, EventFactory, MeetingFactory, ProjectFactory

    held = EventFactory(title_en="October forum", starts_at=pacific(2026, 10, 15, 18))
    EventFactory(title_en="November forum", starts_at=pacific(2026, 11, 15, 18))
    meeting = MeetingFactory()
    meeting.event.starts_at = pacific(2026, 10, 2, 17)
    meeting.event.save()
    match = Match.objects.create(
        project=ProjectFactory(),
        demand=DemandFactory(),
        status="confirmed",
        decided_at=pacific(2026, 10, 20, 9),
    )
    briefing = publish(staff=staff, official=official)
    stand_in_editions(briefing)
    files = files_of(made_package(briefing))
    events = json.loads(files["events.json"])
    # The forum and the monthly meeting's own event took place in October; November's did not.
    assert {event["id"] for event in events} == {held.pk, meeting.event_id}
    assert "November forum" not in files["events.csv"].decode("utf-8-sig")
    assert [row["id"] for row in json.loads(files["meetings.json"])] == [meeting.pk]
    assert [row["id"] for row in json.loads(files["matches.json"])] == [match.pk]
    assert f"{match.project_id}" in files["matches.csv"].decode("utf-8-sig")

"""Builders for the data package's tests: a published briefing, its editions made (small stand-in
PDFs where the test is not about PDFs) and its package."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

from reports.briefings import services
from reports.editions import services as editions
from reports.editions.pdfs import edition_file_name
from reports.packages.models import DataPackage
from tests.factories import BriefingFactory, BriefingItemFactory
from workstation.pdfs import services as pdfs

PACKAGE = "reports.datapackage"


def pacific(*args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo("America/Los_Angeles"))


def publish(*, staff, official, year=2026, month=10):
    briefing = BriefingItemFactory(briefing=BriefingFactory(year=year, month=month)).briefing
    services.submit(briefing=briefing, actor=staff)
    services.approve(briefing=briefing, actor=official)
    return editions.publish(briefing=briefing, actor=staff)


def stand_in_editions(briefing) -> dict[str, bytes]:
    """Each published edition made with a small stand-in PDF, then the editions' ``after`` step,
    which asks for the package once all are ready; their contents by file name."""
    made = {}
    for edition in briefing.pdfs.filter(kind="published"):
        content = f"%PDF-1.4 {edition.language}\n%%EOF\n".encode()
        pdfs.keep_rendered_file(edition, content, edition_file_name(edition))
        made[edition_file_name(edition)] = content
    for edition in briefing.pdfs.filter(kind="published"):
        editions.tell_about_published_editions(edition.pk)
    return made


def made_package(briefing) -> DataPackage:
    package = DataPackage.objects.get(publication__briefing=briefing)
    assert pdfs.make(kind=PACKAGE, pk=package.pk) == "ready", package.error
    package.refresh_from_db()
    return package


def unzipped(content: bytes) -> dict[str, bytes]:
    """The zip's files by their name inside its one folder."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        folders = {name.split("/", 1)[0] for name in names}
        assert len(folders) == 1, folders
        return {name.split("/", 1)[1]: archive.read(name) for name in names}


def files_of(package: DataPackage) -> dict[str, bytes]:
    with package.file.open("rb") as handle:
        return unzipped(handle.read())

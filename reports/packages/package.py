"""The data package's zip: each dataset as JSON and CSV, the published PDFs, a README in Chinese
and English, and a manifest with the SHA-256 and size of every other file.

Everything sits in one folder named like the zip, so unzipping never scatters files. The CSVs are
UTF-8 with a byte-order mark (Excel then reads Chinese correctly), one row per record, with the
JSON's keys as columns; a nested value is JSON text in its cell. A text cell that would begin with
= + - @ (a formula to Excel) starts with an apostrophe instead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework.utils.encoders import JSONEncoder

from reports.briefings.models import MonthlyBriefing
from reports.briefings.reminders import issue_label
from reports.editions.models import BriefingPDF
from reports.editions.pdfs import edition_file_name
from reports.editions.services import editions_of
from reports.packages.datasets import DATASETS
from reports.packages.models import DataPackage
from workstation.timezones import PACIFIC, workstation_time, zone
from workstation.translated import LANGUAGE_CODES

README = "README.txt"
MANIFEST = "manifest.json"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def package_name(package: DataPackage) -> str:
    briefing = package.briefing
    return f"briefing-{briefing.year}-{briefing.month:02d}-data"


def package_file_name(package: DataPackage) -> str:
    return f"{package_name(package)}.zip"


def build_package(package: DataPackage) -> bytes:
    """The package's zip, its data as it is now (in the active language where a field gives one
    language: the pipeline makes it in Chinese)."""
    briefing = package.briefing
    made_at = timezone.now()
    files: dict[str, bytes] = {}
    for dataset in DATASETS:
        data = dataset.data(briefing)
        files[f"{dataset.stem}.json"] = json_bytes(data)
        files[f"{dataset.stem}.csv"] = csv_bytes(dataset.header(), dataset.rows(data))
    editions = published_pdfs(briefing)
    for edition in editions:
        with edition.file.open("rb") as handle:
            files[pdf_name(edition)] = handle.read()
    files[README] = readme(package, editions).encode()
    files[MANIFEST] = json_bytes(manifest(package, files, made_at))
    return zipped(package_name(package), files, made_at)


def published_pdfs(briefing: MonthlyBriefing) -> list[BriefingPDF]:
    return [e for e in editions_of(briefing)["published"] if e.status == BriefingPDF.Status.READY]


def pdf_name(edition: BriefingPDF) -> str:
    return f"pdf/{edition_file_name(edition)}"


def json_bytes(data) -> bytes:
    return json.dumps(data, cls=JSONEncoder, ensure_ascii=False, indent=2).encode() + b"\n"


def csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: cell(row.get(name)) for name in header})
    return ("\ufeff" + text.getvalue()).encode()


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, cls=JSONEncoder, ensure_ascii=False)
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def manifest(package: DataPackage, files: dict[str, bytes], made_at) -> dict:
    briefing = package.briefing
    return {
        "package": package_name(package),
        "briefing": {"year": briefing.year, "month": briefing.month},
        "published_at": package.publication.at.isoformat(),
        "made_at": made_at.isoformat(),
        "files": [
            {"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            for name, content in files.items()
        ],
    }


def zipped(folder: str, files: dict[str, bytes], made_at) -> bytes:
    stamp = timezone.localtime(made_at, zone(PACIFIC)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            entry = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, content)
    return buffer.getvalue()


def readme(package: DataPackage, editions: list[BriefingPDF]) -> str:
    """The README in Chinese, then in English."""
    parts = []
    for language in LANGUAGE_CODES:
        with translation.override(language):
            parts.append(readme_text(package, editions))
    return ("\n" + "=" * 72 + "\n\n").join(parts)


def readme_text(package: DataPackage, editions: list[BriefingPDF]) -> str:
    briefing = package.briefing
    lines = [
        _("Lanzhou Science and Technology Innovation (Silicon Valley) Workstation"),
        _("Data package: %(issue)s") % {"issue": issue_label(briefing)},
        _("Published %(at)s") % {"at": workstation_time(package.publication.at)},
        "",
        _(
            "Each dataset is given twice: as JSON (UTF-8) and as CSV (UTF-8 with a byte-order "
            "mark, so that Excel reads Chinese correctly; one row per record, the columns named "
            "like the JSON's keys, a nested value as JSON text). A text with a Chinese and an "
            "English version comes as <name>_zh_hans and <name>_en, and as <name> in Chinese. "
            "Rich text comes as sanitized HTML. In the CSV, a text that would begin with = + - "
            "or @ starts with an apostrophe, so that Excel does not take it for a formula."
        ),
        "",
        _("Files"),
        "",
    ]
    for dataset in DATASETS:
        lines += [f"{dataset.stem}.json, {dataset.stem}.csv", f"    {dataset.about}"]
        lines.append("    " + _("Fields:"))
        lines += [f"      {name}: {about}" for name, about in dataset.described_fields()]
        lines.append("")
    for edition in editions:
        lines += [
            pdf_name(edition),
            "    "
            + _("The published PDF edition of the briefing (%(language)s).")
            % {"language": edition.get_language_display()},
        ]
    lines += [
        "",
        README,
        "    " + _("This file."),
        "",
        MANIFEST,
        "    "
        + _(
            "The SHA-256 checksum and size in bytes of every other file in the package: "
            "package (the folder's name), briefing (year, month), published_at, made_at, and "
            "files (name, size, sha256 for each)."
        ),
        "",
    ]
    return "\n".join(str(line) for line in lines)

"""The talent pool as a spreadsheet: export of the filtered list, import with a preview.

The columns
-----------
Row 1 of an export holds the machine keys of ``COLUMNS`` below, in English whatever the user's
language: an exported file goes back in through the import unchanged (a round trip), and a
spreadsheet made by hand only needs the same keys in its first row. The rows follow the directory's
filters and search box.

Left out on purpose: staff notes, the interaction log, consents, the CV, who verified. Exports
travel as files (mail attachments, shared drives, laptops) beyond the portal's access rules and
audit log, so they carry the directory's data and nothing staff wrote about a person.

Formulas
--------
A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could run as
a formula when the file is opened (OWASP "CSV injection"). In CSV such a cell is written with a
leading ``'`` (spreadsheet programs then show it as text); in XLSX it is an explicit string cell
with Excel's "quote prefix" style, never a formula. The import removes that ``'`` again, so a phone
number ``+16505550100`` travels as ``'+16505550100`` in CSV and comes back as it was.

The import
----------
An upload (CSV in UTF-8 or XLSX, at most 5 MB, its type recognised by content) is parsed and every
row checked before anything is written: ``create_pending_import`` stores the rows with their errors
and possible duplicates in a ``PendingImport``; ``confirm_import`` checks them again and creates all
profiles in one transaction, or none when any row has an error. Imported profiles have the source
"import", are created by the uploading staff member, carry no consent (their person gives it when
claiming the profile) and start unverified. The audit log gets one entry with the count.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, timedelta

import openpyxl
from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from talentpool.duplicates.services import find_duplicates_of_many
from talentpool.duplicates.services import profile_keys as duplicate_keys
from talentpool.profiles.models import Degree, Source, TalentProfile, Verification
from talentpool.profiles.services import save_profile
from talentpool.rules import check_pool_staff
from talentpool.spreadsheets.forms import IMPORT_MAX_BYTES, ImportRowForm, ReferenceData
from talentpool.spreadsheets.models import PendingImport
from workstation.audit.services import record

# --- The columns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # lazy: what the column holds, for the import page's table
    imported: bool = True  # False: written by the export, ignored by the import
    # Values typed as they are (codes and keys), shown as code beside the label.
    values: tuple[str, ...] = ()


COLUMNS = (
    Column("name_zh", gettext_lazy("Chinese name")),
    Column("name_en", gettext_lazy("English or pinyin name")),
    Column(
        "native_place",
        gettext_lazy("Native place: its code (GB/T 2260, see the table below)"),
        values=("620102", "lanzhou-new-area", "outside-china"),
    ),
    Column(
        "native_place_name", gettext_lazy("Native place: its name (read when there is no code)")
    ),
    Column(
        "is_gansu",
        gettext_lazy("Gansu native (derived from the native place)"),
        imported=False,
        values=("true", "false"),
    ),
    Column(
        "is_lanzhou",
        gettext_lazy("Lanzhou native (derived from the native place)"),
        imported=False,
        values=("true", "false"),
    ),
    Column("current_city", gettext_lazy("Current city")),
    Column("current_state", gettext_lazy("State or province")),
    Column("employer", gettext_lazy("Employer")),
    Column("title", gettext_lazy("Job title")),
    Column(
        "industry",
        gettext_lazy("Industry key (see the table below)"),
        values=("artificial_intelligence",),
    ),
    Column("expertise", gettext_lazy("Expertise")),
    Column("degree", gettext_lazy("Highest degree"), values=tuple(Degree.values)),
    Column("school", gettext_lazy("School")),
    Column("graduation_year", gettext_lazy("Year of graduation")),
    Column("email", gettext_lazy("Email address")),
    Column("phone", gettext_lazy("Phone in international form"), values=("+16502530000",)),
    Column("wechat_id", gettext_lazy("WeChat ID")),
    Column("linkedin_url", gettext_lazy("LinkedIn profile address")),
    Column("preferred_language", gettext_lazy("Preferred language"), values=("en", "zh-hans")),
    Column(
        "interests",
        gettext_lazy("Cooperation interests: keys separated by semicolons (see the table below)"),
    ),
    Column(
        "source",
        gettext_lazy("Source (imported profiles record the import)"),
        imported=False,
        values=tuple(Source.values),
    ),
    Column(
        "verification",
        gettext_lazy("Verification (imported profiles start unverified)"),
        imported=False,
        values=tuple(Verification.values),
    ),
    Column("tags", gettext_lazy("Tags separated by semicolons")),
    Column("registered_at", gettext_lazy("Registered at (ISO 8601, UTC)"), imported=False),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
IMPORTED_KEYS = tuple(column.key for column in COLUMNS if column.imported)

# Text that a spreadsheet program may read as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A search in an export takes at most this many matches (best first).
EXPORT_SEARCH_LIMIT = 10_000
# Rows fetched from the database at a time while writing an export.
EXPORT_CHUNK = 2_000

# Measured: 10,000 rows take ~7 s to check and ~21 s to import (each profile through
# ``save_profile``), within the web server's 60 s; more rows go in several files.
IMPORT_MAX_ROWS = 10_000
# An XLSX is a zip: refuse one whose content would unpack to more than this (a "zip bomb").
XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
PENDING_IMPORT_HOURS = 24


def neutralise(text: str) -> str:
    """``=1+1`` → ``'=1+1``: a CSV cell that no spreadsheet program runs as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """The import's inverse of ``neutralise``."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _bool(value: bool) -> str:
    return "true" if value else "false"


def export_row(profile: TalentProfile) -> list:
    """A profile's cells, in ``COLUMNS`` order (text, except the year of graduation)."""
    region = profile.native_region
    return [
        profile.name_zh,
        profile.name_en,
        region.code if region else "",
        region.name if region else "",
        _bool(bool(region and region.is_gansu)),
        _bool(bool(region and region.is_lanzhou)),
        profile.current_city,
        profile.current_state,
        profile.employer,
        profile.title,
        profile.industry.key if profile.industry else "",
        profile.expertise,
        profile.degree,
        profile.school,
        profile.graduation_year,
        profile.email,
        profile.phone.as_e164 if profile.phone else "",
        profile.wechat_id,
        profile.linkedin_url,
        profile.preferred_language,
        ";".join(profile.interests),
        profile.source,
        profile.verification,
        ";".join(profile.tags),
        profile.created_at.astimezone(UTC).isoformat(timespec="seconds"),
    ]


# --- Export ----------------------------------------------------------------------------------


@dataclass
class Export:
    profiles: Iterable  # a queryset (iterated in chunks) or the search's list
    count: int


def export_profiles(*, queryset, query: str = "") -> Export:
    """The profiles of an export: ``queryset`` (what the user may see, filtered), searched."""
    queryset = queryset.select_related("native_region", "industry")
    if query.strip():
        from talentpool.search.services import search_profiles

        found = search_profiles(
            queryset, query, limit=EXPORT_SEARCH_LIMIT, count_limit=EXPORT_SEARCH_LIMIT
        ).profiles
        prefetch_related_objects(found, "native_region", "industry")
        return Export(profiles=found, count=len(found))
    queryset = queryset.order_by("-created_at", "-id")
    return Export(profiles=queryset, count=queryset.count())


def _iterate(profiles: Iterable) -> Iterator[TalentProfile]:
    if hasattr(profiles, "iterator"):
        return profiles.iterator(chunk_size=EXPORT_CHUNK)
    return iter(profiles)


def record_export(*, actor, export: Export, file_format: str, filters: Iterable[str]) -> None:
    """One audit entry per export: the count, the format and the names (not values) of filters."""
    check_pool_staff(actor)
    record(
        actor=actor,
        action="talent_pool.exported",
        object_type=TalentProfile._meta.label_lower,
        object_id="*",
        count=export.count,
        format=file_format,
        filters=sorted(filters),
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(export: Export) -> Iterator[str]:
    """The CSV file in pieces, for a streaming response: UTF-8 with a BOM (Excel then reads
    Chinese correctly), the column keys in row 1, formula-like cells neutralised."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMN_KEYS)
    lines = []
    for profile in _iterate(export.profiles):
        cells = ["" if value is None else str(value) for value in export_row(profile)]
        lines.append(writer.writerow([neutralise(cell) for cell in cells]))
        if len(lines) >= 200:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # an explicit string: never a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
            return cell
    return value


def write_xlsx(export: Export):
    """The workbook, written row by row to a temporary file (rewound; closing deletes it)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title="talent")
    sheet.append(list(COLUMN_KEYS))
    for profile in _iterate(export.profiles):
        sheet.append([_xlsx_cell(sheet, value) for value in export_row(profile)])
    output = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    workbook.save(output)
    output.seek(0)
    return output


def export_file_name(extension: str) -> str:
    return f"talent-pool-{timezone.localdate().isoformat()}.{extension}"


# --- Import: reading the file ------------------------------------------------------------------


class ImportFileError(Exception):
    """The file cannot be read as an import; the message says why, in the user's language."""


def _is_xlsx(content: bytes) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def file_kind(name: str, content: bytes) -> str:
    """``"csv"`` or ``"xlsx"``, recognised by content (and agreeing with the name's extension)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if _is_xlsx(content):
        if extension not in ("xlsx", ""):
            raise ImportFileError(
                _("The file is an Excel workbook but its name does not end in .xlsx.")
            )
        return "xlsx"
    if extension == "xlsx":
        raise ImportFileError(
            _(
                "The file is named .xlsx but is not an Excel workbook. Save it from Excel as "
                "“Excel Workbook (.xlsx)”, or as “CSV UTF-8”."
            )
        )
    if extension in ("xls", "xlsm", "xlsb", "ods", "numbers"):
        raise ImportFileError(
            _(
                "This kind of spreadsheet cannot be imported: save it as an Excel workbook (.xlsx) "
                "or as “CSV UTF-8”."
            )
        )
    if b"\x00" in content[:8192]:
        raise ImportFileError(_("The file is neither a CSV file nor an Excel workbook (.xlsx)."))
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not a CSV file in UTF-8. In Excel, save it as “CSV UTF-8 (comma "
                "delimited)” (a Chinese Excel's plain CSV uses another encoding), or upload the "
                ".xlsx workbook."
            )
        ) from error
    if extension not in ("csv", "txt", ""):
        raise ImportFileError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    return "csv"


def _csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # Excel writes ";" in some countries
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed (%(problem)s).") % {"problem": error}
        ) from error


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _xlsx_rows(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > XLSX_MAX_UNPACKED_BYTES:
            raise ImportFileError(_("The workbook is too large once unpacked."))
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise ImportFileError(_("The Excel workbook cannot be read: it may be damaged.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_xlsx_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _header_key(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").split())


@dataclass
class ParsedFile:
    rows: list[dict]  # [{"number": n, "values": {key: text}}]
    ignored_columns: list[str]


def parse_file(*, name: str, content: bytes) -> ParsedFile:
    """The data rows of an upload, keyed by column; raises ``ImportFileError``."""
    if len(content) > IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is too large (%(size)s MB): an import may be at most 5 MB.")
            % {"size": f"{len(content) / 1024 / 1024:.1f}"}
        )
    if not content:
        raise ImportFileError(_("The file is empty."))
    kind = file_kind(name, content)
    table = _xlsx_rows(content) if kind == "xlsx" else _csv_rows(content)
    while table and not any(cell.strip() for cell in table[0]):
        table.pop(0)  # blank lines above the header
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [_header_key(cell) for cell in table[0]]
    header_row = 1
    seen = set()
    for key in header:
        if key and key in seen:
            raise ImportFileError(_("The column “%(column)s” appears twice.") % {"column": key})
        seen.add(key)
    if not {"name_zh", "name_en"} & seen:
        raise ImportFileError(
            _(
                "The first row must name the columns, with at least one of the two name columns; "
                "the import page lists every column."
            )
        )
    ignored = [key for key in header if key and key not in IMPORTED_KEYS]
    rows = []
    for offset, cells in enumerate(table[1:], start=1):
        values = {}
        for key, cell in zip(header, cells, strict=False):
            if key in IMPORTED_KEYS:
                values[key] = unneutralise(cell.strip())
        if any(values.values()):
            rows.append({"number": header_row + offset, "values": values})
    if not rows:
        raise ImportFileError(_("The file has column names but no rows."))
    if len(rows) > IMPORT_MAX_ROWS:
        raise ImportFileError(
            _(
                "The file has %(count)s rows: an import may have at most %(limit)s. Split it into "
                "several files."
            )
            % {"count": f"{len(rows):,}", "limit": f"{IMPORT_MAX_ROWS:,}"}
        )
    return ParsedFile(rows=rows, ignored_columns=ignored)


# --- Import: checking the rows -----------------------------------------------------------------


def check_rows(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Every row's errors (in the active language) and possible duplicates of stored profiles.

    Returns ``(errors, duplicates)`` in the ``PendingImport`` shapes. A fixed number of queries.
    """

    reference = ReferenceData.load()
    errors: list[dict] = []
    valid: list[tuple[int, TalentProfile]] = []
    for row in rows:
        form = ImportRowForm(row["values"], reference=reference)
        if form.is_valid():
            valid.append((row["number"], form.profile()))
            continue
        for column, messages in form.errors.items():
            for message in messages:
                errors.append(
                    {
                        "row": row["number"],
                        "column": "" if column == "__all__" else column,
                        "message": str(message),
                    }
                )
    duplicates: list[dict] = []
    found = find_duplicates_of_many([profile for _number, profile in valid])
    for (number, _profile), matches in zip(valid, found, strict=True):
        for other, reasons in matches:
            duplicates.append({"row": number, "profile": other.pk, "reasons": reasons})
    duplicates.extend(_duplicates_within_file(valid))
    return errors, duplicates


def _duplicates_within_file(valid: list[tuple[int, TalentProfile]]) -> list[dict]:
    """Rows of the same file that share an email, phone or WeChat ID (``profile`` is None)."""
    seen: dict[tuple[str, str], int] = {}
    found = []
    for number, profile in valid:
        keys = duplicate_keys(profile)
        reasons: dict[int, list[str]] = {}
        for reason in ("email", "phone", "wechat"):
            for key in keys[reason]:
                first = seen.setdefault((reason, key), number)
                if first != number:
                    reasons.setdefault(first, []).append(reason)
        for first, why in reasons.items():
            found.append({"row": number, "profile": None, "same_as_row": first, "reasons": why})
    return found


def _purge_expired() -> None:
    cutoff = timezone.now() - timedelta(hours=PENDING_IMPORT_HOURS)
    PendingImport.objects.filter(created_at__lt=cutoff).delete()


def create_pending_import(*, uploaded_by, name: str, content: bytes) -> PendingImport:
    """Parse and check an upload; raises ``ImportFileError`` for a file that cannot be read."""
    check_pool_staff(uploaded_by)
    parsed = parse_file(name=name, content=content)
    errors, duplicates = check_rows(parsed.rows)
    _purge_expired()
    return PendingImport.objects.create(
        uploaded_by=uploaded_by,
        file_name=name[:200],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        rows=parsed.rows,
        errors=errors,
        duplicates=duplicates,
        ignored_columns=parsed.ignored_columns,
    )


def pending_imports_of(user):
    """The pending imports ``user`` may see: their own, not yet expired."""
    cutoff = timezone.now() - timedelta(hours=PENDING_IMPORT_HOURS)
    return PendingImport.objects.filter(uploaded_by=user, created_at__gte=cutoff)


def messages_in_language(*, pending: PendingImport, language: str) -> PendingImport:
    """Check the rows again when the user now reads another language than at the upload."""
    if pending.language != language:
        pending.errors, pending.duplicates = check_rows(pending.rows)
        pending.language = language
        pending.save(update_fields=["errors", "duplicates", "language"])
    return pending


class ImportRefused(Exception):
    """Nothing was imported; the message says why."""


@transaction.atomic
def confirm_import(*, pending_id, actor) -> int:
    """Create every row's profile in one transaction, or none; returns how many were created.

    The rows are checked again (the pool may have changed since the preview): one bad row and
    nothing is imported. The pending import is deleted once done, so a second click imports
    nothing twice.
    """
    check_pool_staff(actor)

    pending = pending_imports_of(actor).select_for_update().filter(pk=pending_id).first()
    if pending is None:
        raise ImportRefused(
            _(
                "This import was already confirmed, discarded or has expired: nothing was "
                "imported. Upload the file again if needed."
            )
        )
    reference = ReferenceData.load()
    profiles = []
    for row in pending.rows:
        form = ImportRowForm(row["values"], reference=reference)
        if not form.is_valid():
            raise ImportRefused(
                _("Some rows have errors: fix the file and upload it again. Nothing was imported.")
            )
        profiles.append(form.profile())
    for profile in profiles:
        profile.source = Source.IMPORT
        profile.created_by = actor
        # Audited once below (a count), not once per profile.
        save_profile(profile=profile, actor=None)
    pending.delete()
    record(
        actor=actor,
        action="talent_pool.imported",
        object_type=TalentProfile._meta.label_lower,
        object_id="*",
        count=len(profiles),
    )
    return len(profiles)


def discard_import(*, pending: PendingImport) -> None:
    pending.delete()

"""Uploaded documents (CVs, project documents): recognised by their content, never by their name,
and refused when opening them could harm the staff or officials who download them.

A PDF is parsed (pypdf) and refused when it carries JavaScript, launch actions or embedded files,
when it is encrypted beyond reading, or when it cannot be read at all. An Office file (a zip) is
refused when it would unpack to too much or holds too many parts, when it carries macros, or
when its declared content type is not the document it claims to be; it is never unpacked into
memory. Every refusal says why, in the user's language. Hostile files raise all kinds of errors
inside the parsers: each becomes a refusal, never a server error.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    # Office files: the package's main part and the content type it must declare.
    main_part: str = ""
    main_content_type: str = ""


OPENXML = "application/vnd.openxmlformats-officedocument"
PDF = FileKind(".pdf", "application/pdf")
DOCX = FileKind(
    ".docx",
    f"{OPENXML}.wordprocessingml.document",
    "word/document.xml",
    f"{OPENXML}.wordprocessingml.document.main+xml",
)
XLSX = FileKind(
    ".xlsx",
    f"{OPENXML}.spreadsheetml.sheet",
    "xl/workbook.xml",
    f"{OPENXML}.spreadsheetml.sheet.main+xml",
)
PPTX = FileKind(
    ".pptx",
    f"{OPENXML}.presentationml.presentation",
    "ppt/presentation.xml",
    f"{OPENXML}.presentationml.presentation.main+xml",
)
PNG = FileKind(".png", "image/png")
JPEG = FileKind(".jpg", "image/jpeg")


def kinds_by_extension(*kinds: FileKind) -> dict[str, FileKind]:
    """What a stored file's extension says it is (for downloads)."""
    return {kind.extension: kind for kind in kinds}


# Bounds of the work one upload may cost. A real CV or pitch deck stays far below each.
PDF_MAX_OBJECTS = 20_000  # indirect objects walked (a 600-page report has 2,000)
PDF_MAX_VALUES = 500_000  # every dictionary entry and array item looked at
ZIP_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
ZIP_MAX_PARTS = 1_000
CONTENT_TYPES_MAX_BYTES = 1024 * 1024

# PDF names that run code or carry files. XFA forms hold their scripts inside XML streams.
PDF_SCRIPT_NAMES = frozenset({"/JavaScript", "/JS", "/XFA"})
PDF_LAUNCH_NAMES = frozenset({"/Launch"})
PDF_EMBEDDED_FILE_NAMES = frozenset({"/EmbeddedFiles", "/EmbeddedFile", "/EF", "/FileAttachment"})
# A PDF that is also an HTML page: a browser sniffing the first bytes would run its script.
HTML_TAG = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|img|object|embed)\b", re.IGNORECASE
)

PDF_SCRIPT = _(
    "This PDF contains JavaScript, which is not allowed. Please save it again without scripts "
    "(for example, print it to PDF)."
)
PDF_LAUNCH = _(
    "This PDF contains an action that starts another program, which is not allowed. Please save "
    "it again without it (for example, print it to PDF)."
)
PDF_EMBEDDED_FILE = _(
    "This PDF contains attached or embedded files, which are not allowed. Please remove the "
    "attachments or save it again (for example, print it to PDF)."
)
PDF_ENCRYPTED = _(
    "This PDF is protected by a password, so it cannot be checked. Please upload it without "
    "password protection."
)
PDF_UNREADABLE = _(
    "This PDF cannot be read: it is damaged or not really a PDF. Please save it again (for "
    "example, print it to PDF) and upload the new file."
)
PDF_TOO_COMPLEX = _(
    "This PDF is too complex to be checked. Please save it again (for example, print it to PDF) "
    "and upload the new file."
)
OFFICE_TOO_LARGE = _(
    "This file would unpack to more than %(limit)s MB, which is not allowed. Please save it "
    "again with smaller pictures or split it into several files."
)
OFFICE_TOO_MANY_PARTS = _(
    "This file consists of more than %(limit)s parts, which is not allowed. Please save it "
    "again or split it into several files."
)
OFFICE_MACROS = _(
    "This file contains macros, which are not allowed. Please save it as a document without "
    "macros (for example .docx rather than .docm) and upload the new file."
)
OFFICE_UNREADABLE = _(
    "This file cannot be read: it is damaged. Please save it again and upload the new file."
)


def validate_upload(
    uploaded,
    *,
    accepted: Collection[FileKind],
    max_bytes: int,
    too_large_message,
    wrong_type_message,
) -> FileKind:
    """The kind of an uploaded file among ``accepted``, found in its content; a ValidationError
    (saying why) for a file that is empty, larger than ``max_bytes`` (``too_large_message``, with
    its size in MB as ``%(size)s``), of another kind (``wrong_type_message``) or unsafe."""
    if uploaded.size > max_bytes:
        raise ValidationError(
            too_large_message,
            code="too_large",
            params={"size": f"{uploaded.size / 1024 / 1024:.1f}"},
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    uploaded.seek(0)
    try:
        kind = kind_of(uploaded, accepted=accepted)
    finally:
        uploaded.seek(0)
    if kind is None:
        raise ValidationError(wrong_type_message, code="wrong_type")
    return kind


def kind_of(uploaded, *, accepted: Collection[FileKind]) -> FileKind | None:
    """The accepted kind the content is, None when it is none of them; a ValidationError when
    it is of an accepted family (PDF, Office) but unsafe or unreadable."""
    head = uploaded.read(1024)
    uploaded.seek(0)
    if head.startswith(b"%PDF-") and PDF in accepted:
        check_pdf(uploaded, head=head)
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n") and PNG in accepted:
        return PNG
    if head.startswith(b"\xff\xd8\xff") and JPEG in accepted:
        return JPEG
    office = [kind for kind in accepted if kind.main_part]
    if head.startswith(b"PK\x03\x04") and office:
        return office_kind_of(uploaded, accepted=office)
    return None


# --- PDF


def check_pdf(uploaded, *, head: bytes) -> None:
    """Refuse a PDF that runs scripts or programs, carries files, cannot be read or hides a web
    page in its first bytes."""
    if HTML_TAG.search(head):
        raise ValidationError(PDF_UNREADABLE, code="pdf_unreadable")
    try:
        reader = PdfReader(uploaded, strict=False)
        if reader.is_encrypted:
            _decrypt(reader)
        names = _pdf_names(reader)
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds (and RecursionError) on hostile input
        raise ValidationError(PDF_UNREADABLE, code="pdf_unreadable") from error
    if names & PDF_SCRIPT_NAMES:
        raise ValidationError(PDF_SCRIPT, code="pdf_javascript")
    if names & PDF_LAUNCH_NAMES:
        raise ValidationError(PDF_LAUNCH, code="pdf_launch")
    if names & PDF_EMBEDDED_FILE_NAMES:
        raise ValidationError(PDF_EMBEDDED_FILE, code="pdf_embedded_file")
    if pages == 0:
        raise ValidationError(PDF_UNREADABLE, code="pdf_unreadable")


def _decrypt(reader: PdfReader) -> None:
    # Many PDFs are encrypted with an empty user password (only printing or copying is
    # restricted): those open without a password and can be checked.
    try:
        opened = reader.decrypt("")
    except Exception as error:  # an unknown handler, or a cipher pypdf cannot use
        raise ValidationError(PDF_ENCRYPTED, code="pdf_encrypted") from error
    if opened == PasswordType.NOT_DECRYPTED:
        raise ValidationError(PDF_ENCRYPTED, code="pdf_encrypted")


def _pdf_names(reader: PdfReader) -> set[str]:
    """Every name (dictionary keys and name values) of every object of the file: those reachable
    from the trailer, and those listed in the cross-reference tables even when nothing points to
    them (another viewer's repair might find them). Streams' data is not read. The walk is
    iterative and bounded: a hostile file can neither recurse deeply nor make it last."""
    names: set[str] = set()
    pending: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        pending.extend(IndirectObject(number, generation, reader) for number in numbers)
    pending.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    values = 0
    while pending:
        value = pending.pop()
        values += 1
        if isinstance(value, IndirectObject):
            reference = (value.idnum, value.generation)
            if reference in seen:
                continue
            seen.add(reference)
            value = value.get_object()
        if len(seen) > PDF_MAX_OBJECTS or values > PDF_MAX_VALUES:
            raise ValidationError(PDF_TOO_COMPLEX, code="pdf_too_complex")
        if isinstance(value, DictionaryObject):  # streams too: their dictionary, not their data
            for key, item in value.items():
                names.add(str(key))
                pending.append(item)
        elif isinstance(value, ArrayObject):
            pending.extend(value)
        elif isinstance(value, NameObject):
            names.add(str(value))
    return names


# --- Office files (zip packages)


def office_kind_of(uploaded, *, accepted: Collection[FileKind]) -> FileKind | None:
    """The accepted Office kind whose main part the package holds with its true content type;
    refuses packages that would unpack to too much, have too many parts, or carry macros. Only
    the zip directory and the small ``[Content_Types].xml`` are read."""
    try:
        with zipfile.ZipFile(uploaded) as archive:
            parts = archive.infolist()
            if len(parts) > ZIP_MAX_PARTS:
                raise ValidationError(
                    OFFICE_TOO_MANY_PARTS, code="too_many_parts", params={"limit": ZIP_MAX_PARTS}
                )
            # The sizes the directory declares: reading never yields more than that.
            if sum(part.file_size for part in parts) > ZIP_MAX_UNPACKED_BYTES:
                raise ValidationError(
                    OFFICE_TOO_LARGE,
                    code="too_large_unpacked",
                    params={"limit": ZIP_MAX_UNPACKED_BYTES // 1024 // 1024},
                )
            names = {part.filename for part in parts}
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(OFFICE_MACROS, code="macros")
            if "[Content_Types].xml" not in names:
                return None
            with archive.open("[Content_Types].xml") as part:
                defaults, overrides = _content_types(part.read(CONTENT_TYPES_MAX_BYTES + 1))
    except ValidationError:
        raise
    except Exception as error:  # zipfile, zlib and expat raise many kinds on damaged packages
        raise ValidationError(OFFICE_UNREADABLE, code="unreadable") from error
    declared = [*defaults.values(), *overrides.values()]
    if any("vba" in content_type or "macroenabled" in content_type for content_type in declared):
        raise ValidationError(OFFICE_MACROS, code="macros")
    for kind in accepted:
        if kind.main_part not in names:
            continue
        extension = kind.main_part.rsplit(".", 1)[-1]
        content_type = overrides.get(f"/{kind.main_part}", defaults.get(extension))
        if content_type == kind.main_content_type.lower():
            return kind
    return None


CONTENT_TYPES_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/content-types"


def _content_types(xml: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """(extension → content type, part name → content type) of a package, all lowercase."""
    if len(xml) > CONTENT_TYPES_MAX_BYTES:
        raise ValueError("[Content_Types].xml is too large")
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}

    def element(name: str, attributes: dict[str, str]) -> None:
        content_type = attributes.get("ContentType", "").strip().lower()
        if name == f"{CONTENT_TYPES_NAMESPACE} Default":
            defaults[attributes.get("Extension", "").lower()] = content_type
        elif name == f"{CONTENT_TYPES_NAMESPACE} Override":
            overrides[attributes.get("PartName", "").lower()] = content_type

    def no_doctype(*_args) -> None:
        # A package has no DTD; one could only serve to expand entities.
        raise ValueError("[Content_Types].xml declares a DTD")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = element
    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.Parse(xml, True)
    return defaults, overrides

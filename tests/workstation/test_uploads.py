"""workstation.uploads, the one check of uploaded documents that the CV and the project-document
uploads share: it tells a file's kind by its content and refuses what could harm the reader."""

from __future__ import annotations

import contextlib
import random
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from pypdf.errors import PdfReadError

from tests import upload_files as files
from workstation import uploads
from workstation.uploads import DOCX, JPEG, PDF, PNG, PPTX, XLSX, validate_upload

EVERY_KIND = (PDF, DOCX, XLSX, PPTX, PNG, JPEG)


def check(content: bytes, accepted=EVERY_KIND, max_bytes: int = 20 * 1024 * 1024):
    return validate_upload(
        SimpleUploadedFile("upload", content),
        accepted=accepted,
        max_bytes=max_bytes,
        too_large_message="too large: %(size)s MB",
        wrong_type_message="wrong type",
    )


def refusal(content: bytes, accepted=EVERY_KIND) -> str:
    with pytest.raises(ValidationError) as refused:
        check(content, accepted)
    return refused.value.code


@pytest.mark.parametrize("hostile", files.HOSTILE_FILES, ids=str)
def test_hostile_files_are_refused_with_their_reason(hostile):
    assert refusal(hostile.content()) == hostile.code


@pytest.mark.parametrize(
    ("make", "code"),
    [
        # Hiding the name behind a #-escape or in an object nothing points to does not help.
        (files.pdf_with_escaped_javascript_name, "pdf_javascript"),
        (files.pdf_with_javascript_nothing_points_to, "pdf_javascript"),
        (files.pdf_without_pages, "pdf_unreadable"),
        # A web page after %PDF-, followed by a valid PDF: pypdf alone would read it.
        (files.pdf_then_html_then_pdf, "pdf_unreadable"),
        (lambda: b"%PDF-1.7\n" + b"\x00" * 500, "pdf_unreadable"),
        (files.macro_enabled_docx_without_vba_part, "macros"),
        (files.docx_with_doctype, "unreadable"),
        (lambda: b"PK\x03\x04" + b"\xff" * 100, "unreadable"),
        # A Word file's parts whose content types do not say it is one: not a Word file.
        (files.docx_declared_as_plain_xml, "wrong_type"),
        (lambda: files.office_bytes(DOCX, main_part=False), "wrong_type"),
    ],
)
def test_disguised_and_damaged_files_are_refused(make, code):
    assert refusal(make()) == code


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (files.pdf_bytes, PDF),
        # Encrypted with an empty user password (only printing or copying restricted): readable.
        (lambda: files.encrypted_pdf(user_password=""), PDF),
        (files.docx_bytes, DOCX),
        (files.xlsx_bytes, XLSX),
        (files.pptx_bytes, PPTX),
        (lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, PNG),
        (lambda: b"\xff\xd8\xff\xe0" + b"\x00" * 20, JPEG),
    ],
)
def test_good_files_are_recognised_by_their_content(make, kind):
    assert check(make()) == kind


def test_only_the_accepted_kinds_are_recognised():
    assert refusal(files.xlsx_bytes(), accepted=(PDF, DOCX)) == "wrong_type"
    assert refusal(files.pdf_bytes(), accepted=(DOCX,)) == "wrong_type"
    assert check(files.docx_bytes(), accepted=(PDF, DOCX)) == DOCX


def test_size_and_emptiness_are_checked_first():
    with pytest.raises(ValidationError) as refused:
        check(files.pdf_bytes(), max_bytes=100)
    assert refused.value.code == "too_large"
    assert refused.value.messages == ["too large: 0.0 MB"]
    assert refusal(b"") == "empty"


def test_a_zip_bomb_is_refused_without_being_unpacked(monkeypatch):
    unpacked = []
    read = zipfile.ZipExtFile.read

    def counting_read(self, *args):
        data = read(self, *args)
        unpacked.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    bomb = files.docx_bomb()
    assert len(bomb) < 200 * 1024
    assert refusal(bomb) == "too_large_unpacked"
    assert sum(unpacked) == 0
    # A good package: only its small list of content types is read.
    assert check(files.docx_bytes()) == DOCX
    assert 0 < sum(unpacked) < 2_000


def test_just_under_the_zip_limits_is_accepted(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_PARTS", 1_004)  # 1,001 media parts and the package's 3
    assert check(files.docx_with_many_parts()) == DOCX
    monkeypatch.setattr(uploads, "ZIP_MAX_UNPACKED_BYTES", 61 * 1024 * 1024)
    assert check(files.docx_bomb()) == DOCX


@pytest.mark.parametrize(
    "error",
    [
        PdfReadError("bad xref"),
        KeyError("/Root"),
        AttributeError("x"),
        RecursionError(),
        ValueError("x"),
        TypeError("x"),
        IndexError("x"),
        ZeroDivisionError(),
        MemoryError(),
        NotImplementedError("/Crypt filter"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_whatever_the_pdf_parser_raises_becomes_a_refusal(monkeypatch, error):
    def raising(*args, **kwargs):
        raise error

    monkeypatch.setattr(uploads, "PdfReader", raising)
    assert refusal(files.pdf_bytes()) == "pdf_unreadable"


def test_mangled_files_are_refused_or_accepted_never_an_error():
    """Truncated files and flipped bytes, as a fuzzer would send them: each either passes every
    check or is refused with a reason."""
    randomness = random.Random(12)  # the same mangling on every run
    originals = [files.pdf_bytes(), files.pdf_with_document_javascript(), files.docx_bytes()]
    for _ in range(300):
        content = bytearray(randomness.choice(originals))
        if randomness.random() < 0.3:
            del content[randomness.randrange(10, len(content)) :]
        for _flip in range(randomness.randint(1, 8)):
            content[randomness.randrange(8, len(content))] = randomness.randrange(256)
        with contextlib.suppress(ValidationError):
            check(bytes(content))


def test_a_pdf_too_complex_to_check_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_MAX_OBJECTS", 2)
    assert refusal(files.pdf_bytes()) == "pdf_too_complex"
    monkeypatch.setattr(uploads, "PDF_MAX_OBJECTS", 20_000)
    monkeypatch.setattr(uploads, "PDF_MAX_VALUES", 5)
    assert refusal(files.pdf_bytes()) == "pdf_too_complex"


@pytest.mark.parametrize("make", [files.pdf_bytes, files.docx_bytes])
def test_a_large_upload_on_disk_is_checked_and_left_ready_to_store(make):
    content = make()
    uploaded = TemporaryUploadedFile("cv", "application/octet-stream", len(content), None)
    uploaded.write(content)
    uploaded.seek(5)
    kind = validate_upload(
        uploaded, accepted=(PDF, DOCX), max_bytes=10**7, too_large_message="", wrong_type_message=""
    )
    assert kind in (PDF, DOCX)
    assert uploaded.tell() == 0
    assert uploaded.read() == content
    uploaded.close()

"""Files to upload, made in memory: good PDFs and Office files, and the hostile ones an upload must
refuse (scripts, launch actions, attachments, passwords, a web page behind ``%PDF-``, zip bombs,
macros). Shared by the tests of the CV and project-document uploads and of workstation.uploads."""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from workstation.uploads import DOCX, PPTX, FileKind

# --- PDF


def _pdf(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    return writer


def pdf_bytes(size: int = 0) -> bytes:
    """A one-page PDF, padded to ``size`` bytes (if more than its own) with an unused stream."""
    content = _pdf(_one_page())
    padding = size - len(content)
    while size and len(content) != size:  # the padding shifts the offsets' digits: settle
        writer = _one_page()
        stream = StreamObject()
        stream.set_data(b"0" * max(padding, 0))
        writer._add_object(stream)
        content = _pdf(writer)
        padding -= len(content) - size
    return content


def _action(**entries) -> DictionaryObject:
    return DictionaryObject({NameObject(f"/{key}"): value for key, value in entries.items()})


def pdf_with_document_javascript() -> bytes:
    """JavaScript in the document's names tree, run when it opens."""
    writer = _one_page()
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return _pdf(writer)


def _pdf_opening_with(**action) -> bytes:
    """A PDF whose catalog's /OpenAction is ``action``."""
    writer = _one_page()
    writer.root_object[NameObject("/OpenAction")] = _action(**action)
    return _pdf(writer)


def pdf_with_open_action_javascript() -> bytes:
    return _pdf_opening_with(S=NameObject("/JavaScript"), JS=TextStringObject("app.alert(1);"))


def pdf_with_page_action_javascript() -> bytes:
    """A page's additional actions (/AA) run JavaScript when it opens."""
    writer = _one_page()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): _action(S=NameObject("/JavaScript"), JS=TextStringObject("1;"))}
    )
    return _pdf(writer)


def pdf_with_launch_action() -> bytes:
    return _pdf_opening_with(S=NameObject("/Launch"), F=TextStringObject("cmd.exe"))


def pdf_with_attachment() -> bytes:
    writer = _one_page()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    return _pdf(writer)


def pdf_with_file_attachment_annotation() -> bytes:
    """A paper-clip annotation on the page, holding a file."""
    writer = _one_page()
    writer.pages[0][NameObject("/Annots")] = ArrayObject(
        [
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/FileAttachment"),
                    NameObject("/Rect"): ArrayObject([FloatObject(0)] * 4),
                    NameObject("/FS"): TextStringObject("notes.txt"),
                }
            )
        ]
    )
    return _pdf(writer)


def encrypted_pdf(*, user_password: str) -> bytes:
    writer = _one_page()
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    return _pdf(writer)


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written by hand, object 1 its catalog, with a correct cross-reference table."""
    content = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(content))
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(content)
    content += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    content += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    content += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return content


PDF_PAGES = (
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
)


def pdf_with_escaped_javascript_name() -> bytes:
    """``/J#61vaScript`` is ``/JavaScript`` spelled with a hex escape."""
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >> >>",
        *PDF_PAGES,
    )


def pdf_with_javascript_nothing_points_to() -> bytes:
    """JavaScript in an object that no other object references (a repairing viewer finds it)."""
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>", *PDF_PAGES, b"<< /S /JavaScript /JS (1) >>"
    )


def pdf_without_pages() -> bytes:
    return raw_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>")


PDF_THEN_HTML = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def pdf_then_html_then_pdf() -> bytes:
    """A polyglot: an HTML page right after ``%PDF-``, then a valid PDF."""
    return b"%PDF-1.4\n<html><script>alert(1)</script></html>\n" + pdf_bytes()[9:]


# --- Office files (zip packages)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{content_type}"/>'
    "{more}</Types>"
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{part}" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORD_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Wei Wang — 王伟</w:t></w:r></w:p></w:body></w:document>"
)
MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml"
VBA_PROJECT = "application/vnd.ms-office.vbaProject"


def office_bytes(
    kind: FileKind = DOCX,
    *,
    main_part: bool = True,
    content_type: str | None = None,
    more_types: str = "",
    parts: dict[str, bytes | str] | None = None,
) -> bytes:
    """A package of ``kind``: its content types, its relationships and its main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(
                part=kind.main_part,
                content_type=content_type or kind.main_content_type,
                more=more_types,
            ),
        )
        archive.writestr("_rels/.rels", RELATIONSHIPS.format(part=kind.main_part))
        if main_part:
            archive.writestr(kind.main_part, WORD_DOCUMENT if kind == DOCX else "<main/>")
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(*, with_macros: bool = False, document: bool = True) -> bytes:
    """A Word document; ``with_macros``: a macro-enabled one carrying a VBA project, as Word
    saves it (whatever its name says)."""
    if not with_macros:
        return office_bytes(DOCX, main_part=document)
    return office_bytes(
        DOCX,
        main_part=document,
        content_type=MACRO_DOCUMENT,
        more_types=f'<Override PartName="/word/vbaProject.bin" ContentType="{VBA_PROJECT}"/>',
        parts={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504},
    )


def macro_enabled_docx_without_vba_part() -> bytes:
    """Declared macro-enabled in its content types, its VBA part renamed."""
    return office_bytes(
        DOCX,
        content_type=MACRO_DOCUMENT,
        more_types=f'<Override PartName="/word/macros.bin" ContentType="{VBA_PROJECT}"/>',
        parts={"word/macros.bin": b"\x00" * 64},
    )


def docx_declared_as_plain_xml() -> bytes:
    """Holds word/document.xml, but its content types do not say it is a Word document."""
    return office_bytes(DOCX, content_type="application/xml")


def docx_with_doctype() -> bytes:
    """Content types with a DTD, as an entity-expansion ("billion laughs") attack needs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]><Types/>',
        )
        archive.writestr("word/document.xml", WORD_DOCUMENT)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    """A workbook as openpyxl (like Excel) writes it."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Budget"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx_bytes() -> bytes:
    return office_bytes(PPTX)


@functools.cache
def docx_bomb(unpacked_bytes: int = 60 * 1024 * 1024) -> bytes:
    """A Word document with one part of zeros: about 60 KB that unpacks to 60 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        types = CONTENT_TYPES.format(
            part=DOCX.main_part, content_type=DOCX.main_content_type, more=""
        )
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(DOCX.main_part, WORD_DOCUMENT)
        with archive.open("word/media/image1.png", "w") as part:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


@functools.cache
def docx_with_many_parts(count: int = 1_001) -> bytes:
    parts = {f"word/media/part{number}.xml": "<x/>" for number in range(count)}
    return office_bytes(DOCX, parts=parts)


# --- What a PDF-or-Word upload (a CV, a project document) must refuse, and the reason it gives


@dataclass(frozen=True)
class HostileFile:
    name: str
    content: Callable[[], bytes]
    code: str  # of the ValidationError
    english: str  # part of the message on an English page
    chinese: str  # part of the message on a Chinese page

    def __str__(self) -> str:
        return self.name


HOSTILE_FILES = [
    HostileFile(
        "document-script.pdf",
        pdf_with_document_javascript,
        "pdf_javascript",
        "This PDF contains JavaScript, which is not allowed.",
        "此 PDF 文件含有 JavaScript 脚本，不允许上传。",
    ),
    HostileFile(
        "open-action-script.pdf",
        pdf_with_open_action_javascript,
        "pdf_javascript",
        "Please save it again without scripts (for example, print it to PDF).",
        "请去除脚本后重新保存",
    ),
    HostileFile(
        "page-action-script.pdf",
        pdf_with_page_action_javascript,
        "pdf_javascript",
        "This PDF contains JavaScript",
        "含有 JavaScript 脚本",
    ),
    HostileFile(
        "launch.pdf",
        pdf_with_launch_action,
        "pdf_launch",
        "This PDF contains an action that starts another program",
        "此 PDF 文件含有启动其他程序的操作",
    ),
    HostileFile(
        "attachment.pdf",
        pdf_with_attachment,
        "pdf_embedded_file",
        "This PDF contains attached or embedded files",
        "含有附件或嵌入的文件",
    ),
    HostileFile(
        "paper-clip.pdf",
        pdf_with_file_attachment_annotation,
        "pdf_embedded_file",
        "This PDF contains attached or embedded files",
        "含有附件或嵌入的文件",
    ),
    HostileFile(
        "locked.pdf",
        functools.partial(encrypted_pdf, user_password="secret"),
        "pdf_encrypted",
        "This PDF is protected by a password",
        "此 PDF 文件受密码保护",
    ),
    HostileFile(
        "page.pdf",
        lambda: PDF_THEN_HTML,
        "pdf_unreadable",
        "This PDF cannot be read",
        "无法读取此 PDF 文件",
    ),
    HostileFile(
        "bomb.docx",
        docx_bomb,
        "too_large_unpacked",
        "This file would unpack to more than 50 MB",
        "此文件解压后将超过 50 兆字节",
    ),
    HostileFile(
        "parts.docx",
        docx_with_many_parts,
        "too_many_parts",
        "This file consists of more than 1000 parts",
        "此文件由超过 1000 个部分组成",
    ),
    HostileFile(
        "macros.docx",
        functools.partial(docx_bytes, with_macros=True),
        "macros",
        "This file contains macros, which are not allowed.",
        "此文件含有宏",
    ),
]

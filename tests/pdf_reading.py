"""Reading the PDFs the portal makes, as a person would: their text and whether every font is
embedded (a PDF without its fonts shows Chinese as boxes on a machine that lacks them)."""

from __future__ import annotations

import io


def _reader(record, storage=None):
    from pypdf import PdfReader

    with storage.open(record.file.name) if storage else record.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def pdf_text(record, storage=None) -> str:
    """The text of a record's PDF (``record.file``), read from ``storage`` when given."""
    return "\n".join(page.extract_text() for page in _reader(record, storage).pages)


def fonts_of(record) -> list[tuple[str, bool]]:
    """(font name, embedded?) of every font the PDF's pages use."""
    fonts = {}
    for page in _reader(record).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return sorted(fonts.items())

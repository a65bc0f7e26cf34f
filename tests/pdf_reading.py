"""Reading the PDFs the portal makes, as a person would: their text and whether every font is
embedded (a PDF without its fonts shows Chinese as boxes on a machine that lacks them)."""

from __future__ import annotations

import io


def squeezed(text: str) -> str:
    """``text`` without any whitespace."""
    return "".join(text.split())


class PdfText(str):
    """A PDF's text as a reader sees it: where lines break depends on the installed font (Noto CJK
    and WenQuanYi wrap the same table differently), so ``needle in text`` and ``text.index(needle)``
    ignore whitespace and line breaks on both sides."""

    def __contains__(self, needle) -> bool:
        return squeezed(needle) in squeezed(self)

    def index(self, needle, *args) -> int:
        return squeezed(self).index(squeezed(needle), *args)


def text_of(data: bytes) -> PdfText:
    """The text of a PDF's bytes."""
    from pypdf import PdfReader

    return PdfText("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def _reader(record, storage=None):
    from pypdf import PdfReader

    with storage.open(record.file.name) if storage else record.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def pdf_text(record, storage=None) -> PdfText:
    """The text of a record's PDF (``record.file``), read from ``storage`` when given."""
    with storage.open(record.file.name) if storage else record.file.open("rb") as handle:
        return text_of(handle.read())


def page_texts(record) -> list[PdfText]:
    """The text of each page of a record's PDF."""
    return [PdfText(page.extract_text()) for page in _reader(record).pages]


def fonts_in(data: bytes) -> list[str]:
    """The names of the fonts a PDF's pages use."""
    from pypdf import PdfReader

    return [name for name, _embedded in _fonts(PdfReader(io.BytesIO(data)))]


def fonts_of(record) -> list[tuple[str, bool]]:
    """(font name, embedded?) of every font the PDF's pages use."""
    return _fonts(_reader(record))


def _fonts(reader) -> list[tuple[str, bool]]:
    fonts = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return sorted(fonts.items())

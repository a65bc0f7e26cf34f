"""The portal's PDF renderer, shared by every kind of PDF (the pipeline is workstation.pdfs).

WeasyPrint needs system libraries (Pango) that pip cannot install, and Chinese text needs a CJK
font: both are checked here, lazily, so the portal starts without them and PDF features say
clearly why they cannot work instead of failing — or, worse, publishing a PDF without its Chinese.
The URL fetcher serves only the portal's own static and media files (and the Chinese faces cut for
the PDF at hand): a PDF never fetches anything from another host.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import logging
import mimetypes
import shutil
import subprocess
import tempfile
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workstation.font_subsets import subset_face, subsetter_available
from workstation.timezones import workstation_time
from workstation.translated import in_languages

logger = logging.getLogger(__name__)


class PDFUnavailable(Exception):
    """Raised with a message for people when this machine cannot make PDFs."""


# The faces a PDF is set in, named in this order whatever else is installed, so the same text
# always comes out in the same face: Latin and Chinese from the first Chinese face (Noto Sans CJK
# SC, the one officials see; WenQuanYi Micro Hei, the small alternative), then faces for the other
# scripts of Gansu's peoples, which CJK fonts lack: Tibetan, Arabic script, Mongolian (and Noto
# Sans for the Latin and Cyrillic letters CJK fonts lack, e.g. Kazakh's Қ).
CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei")
SCRIPT_FONTS = (
    "Noto Sans",
    "Noto Serif Tibetan",
    "Tibetan Machine Uni",
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Noto Sans Mongolian",
)


def _installed_families(pattern: str) -> set[str]:
    """Every family name (all of its aliases) of the installed fonts matching a fontconfig
    pattern."""
    if shutil.which("fc-list") is None:
        return set()
    listing = subprocess.run(  # noqa: S603 - our own pattern, no shell
        ["fc-list", pattern, "family"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout
    return {
        name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()
    }


@functools.cache
def cjk_font_family() -> str | None:
    """The face that sets a PDF's Latin and Chinese text, if an installed font covers Chinese."""
    chinese = _installed_families(":lang=zh")
    preferred = [name for name in CJK_FONTS if name in chinese]
    return (preferred or sorted(chinese) or [None])[0]


@functools.cache
def pdf_font_families() -> tuple[str, ...]:
    """The installed faces a PDF names, in their fixed order (the Chinese one first)."""
    cjk = cjk_font_family()
    if cjk is None:
        return ()
    installed = _installed_families("")
    return (cjk, *(name for name in SCRIPT_FONTS if name in installed))


# --- The Chinese face cut to each PDF's characters
#
# WeasyPrint embeds only the glyphs a PDF uses, but on the way it copies the whole font file of
# each face into memory (for Noto Sans CJK, the whole collection: 19 MB Regular, 20 MB Bold) and
# keeps the face's glyph numbers, so the embedded subset still indexes all 65,000 of Noto's glyphs
# (over 100 KB a face however short the text). Given the Chinese face already cut to the
# document's characters (by the same HarfBuzz subsetter, in some 20 ms a face), it copies a few
# hundred KB instead: the bilingual briefing's peak memory falls by some 60 MB, its size from 0.5
# to 0.2 MB, and the text is set exactly as before (same glyphs, metrics and layout rules). The
# cut face is named first, under a family of its own, then the installed face itself: a character
# the cut missed still prints, in the same face.
SUBSET_FACE_SUFFIX = " Subset"
SUBSET_FACE_URL = "pdf-face:"  # served by the PDF's own URL fetcher, never fetched from anywhere
# Characters WeasyPrint may draw that the HTML does not spell: hyphens where it breaks a word,
# list bullets, quotation marks of <q>, an ellipsis.
DRAWN_BY_THE_RENDERER = "".join(map(chr, range(0x20, 0x7F))) + "\u2010\u2013\u2014\u2026•◦▪“”‘’"


@functools.cache
def _chinese_faces() -> tuple[tuple[str, int], ...]:
    """The file and index (a .ttc holds several faces) of the upright regular and bold faces of
    the Chinese family: the weights the PDFs' styles use (others come from the installed face)."""
    family = cjk_font_family()
    if family is None or shutil.which("fc-list") is None:
        return ()
    listing = subprocess.run(  # noqa: S603 - our own pattern, no shell
        ["fc-list", "--format", "%{file}\t%{index}\t%{weight}\t%{slant}\n", f":family={family}"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout
    faces = []
    for line in sorted(listing.splitlines()):
        fields = line.split("\t")
        # fontconfig's weights: 80 regular, 200 bold; a variable face gives a range, left out.
        if (
            len(fields) == 4
            and fields[1].isdigit()
            and fields[2] in {"80", "200"}
            and fields[3] == "0"
        ):
            faces.append((fields[0], int(fields[1])))
    return tuple(faces)


def subset_family() -> str | None:
    """The family name of the Chinese face cut to a PDF's characters, when it can be cut here."""
    family = cjk_font_family()
    if family is None or not _chinese_faces() or not subsetter_available():
        return None
    return family + SUBSET_FACE_SUFFIX


def _document_faces(html: str) -> dict[str, bytes]:
    """The Chinese faces cut to the characters of ``html`` (its entities read: &nbsp; is one), by
    the URL the PDF's styles give them. Its styles are in it too, and with them the text they add
    (page numbers, leaders, marks)."""
    if subset_family() is None:
        return {}
    characters = "".join(set(unescape(html)) | set(DRAWN_BY_THE_RENDERER))
    faces = {}
    for number, (path, index) in enumerate(_chinese_faces()):
        content = subset_face(path, index, characters)
        if content:
            faces[f"{SUBSET_FACE_URL}{number}"] = content
    return faces


def font_family_css() -> str:
    """The CSS ``font-family`` value of PDFs: the cut Chinese face first, when it is made."""
    cut = subset_family()
    return ", ".join(f'"{name}"' for name in ((cut,) if cut else ()) + pdf_font_families())


@functools.cache
def _covered_ranges() -> tuple[tuple[int, int], ...]:
    """The code points the PDF faces can draw, as sorted, merged (first, last) ranges (from
    fontconfig's charset of each face)."""
    ranges = []
    for family in pdf_font_families():
        listing = subprocess.run(  # noqa: S603 - our own pattern, no shell
            ["fc-list", f":family={family}", "charset"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout
        for word in listing.replace(":charset=", " ").split():
            first, _dash, last = word.partition("-")
            with contextlib.suppress(ValueError):
                ranges.append((int(first, 16), int(last or first, 16)))
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def _drawn(char: str) -> bool:
    """Does a character need a glyph? Spaces, controls, format characters (joiners, soft
    hyphens) and variation selectors do not."""
    if char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"}:
        return False
    return not (0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF)


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` that no PDF face can draw (they would print as boxes)."""
    ranges = _covered_ranges()
    starts = [first for first, _last in ranges]
    missing = []
    for char in dict.fromkeys(text):
        if not _drawn(char):
            continue
        at = bisect.bisect_right(starts, ord(char)) - 1
        if at < 0 or ord(char) > ranges[at][1]:
            missing.append(char)
    return missing


class _VisibleText(HTMLParser):
    """The text a PDF's HTML shows: not its style sheet, script or title."""

    HIDDEN = frozenset({"style", "script", "title", "head"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _refuse_boxes(html: str) -> None:
    """Raise PDFUnavailable, naming the characters, when some text has no installed face."""
    reader = _VisibleText()
    reader.feed(html)
    missing = missing_glyphs("".join(reader.parts))
    if missing:
        shown = "、".join(f"“{char}” (U+{ord(char):04X})" for char in missing[:8])
        raise PDFUnavailable(
            _(
                "This PDF was not made: no font installed on this server can show %(characters)s, "
                "which would print as empty boxes. Ask the administrator to install a font for "
                "that script (see the README), or correct the text."
            )
            % {"characters": shown}
        )


@functools.cache
def _weasyprint_problem() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: Pango or its friends are missing
        logger.warning("WeasyPrint cannot load: %s", error)
        return str(error)
    return None


def pdf_unavailable_reason() -> str | None:
    """None when PDFs can be made; otherwise why not, in the current language."""
    if _weasyprint_problem():
        return _(
            "PDFs cannot be made on this server: the WeasyPrint system libraries (Pango) are "
            "missing."
        )
    if cjk_font_family() is None:
        return _(
            "PDFs cannot be made on this server: no Chinese font is installed (for example "
            "fonts-noto-cjk)."
        )
    return None


def portal_file(url: str) -> Path:
    """The portal's own static or media file behind ``url``; ValueError for anything else."""
    path = unquote(urlparse(url).path)
    found: str | None = None
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
    elif path.startswith(settings.MEDIA_URL):
        media = Path(settings.MEDIA_ROOT).resolve()
        candidate = (media / path.removeprefix(settings.MEDIA_URL)).resolve()
        if candidate.is_relative_to(media) and candidate.is_file():
            found = str(candidate)
    if not found:
        raise ValueError(f"The PDF renderer fetches only the portal's own files, not {url}")
    return Path(found)


def _portal_url_fetcher(faces: dict[str, bytes]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PortalURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url in faces:
                return URLFetcherResponse(
                    url, body=faces[url], headers={"Content-Type": "font/sfnt"}
                )
            file = portal_file(url)
            content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=file.read_bytes(), headers={"Content-Type": content_type}
            )

    return PortalURLFetcher()


def render_pdf(*, template: str, context: dict, language: str) -> bytes:
    """Render ``template`` in ``language`` to PDF bytes; raises PDFUnavailable with a reason."""
    with translation.override(language):
        reason = pdf_unavailable_reason()
        if reason:
            raise PDFUnavailable(reason)
        html = render_to_string(template, {**context, "pdf_fonts": font_family_css()})
        _refuse_boxes(html)
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    faces = _document_faces(html)
    fetcher = _portal_url_fetcher(faces)
    family = subset_family()
    rules = "".join(f'@font-face {{ font-family: "{family}"; src: url("{url}") }}' for url in faces)
    with tempfile.TemporaryDirectory(prefix="pdf-faces-") as folder:
        # A fresh Document and font configuration per PDF: reusing one for a second PDF
        # misrenders, and each PDF brings its own cut faces. WeasyPrint writes them into a folder
        # it removes when the configuration is collected, which its reference cycles put off to a
        # later collection or, when a worker exits, to never: it is given this one instead.
        font_config = FontConfiguration()
        font_config._folder = Path(folder)
        return HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=[CSS(string=rules, font_config=font_config, url_fetcher=fetcher)],
            font_config=font_config,
        )


def made_on(languages) -> list[str]:
    """When a PDF is made: the time on the workstation's clock, its zone named."""
    now = timezone.now()
    return in_languages(languages, lambda: _("Made on %(date)s") % {"date": workstation_time(now)})

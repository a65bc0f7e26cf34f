"""Checks shared by every form that takes a person's data (self-service and staff forms alike)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workstation.uploads import DOCX, PDF, FileKind, kinds_by_extension, validate_upload

# Punctuation that belongs in names in any script: hyphens, apostrophes, dots (incl. the middle
# dots used between the parts of transliterated names, e.g. 约翰·史密斯).
NAME_PUNCTUATION = frozenset("-‐‑'’ʼ.·・•")
# Blocks of punctuation shared by all scripts (ASCII and Latin-1, general punctuation, symbols,
# CJK and fullwidth forms): their other marks (@ # % ! ? 。 ， ...) are not part of a name. A
# script's own punctuation, outside these blocks, is: the Tibetan tsheg ་ and shad །, Mongolian
# and Arabic full stops.
SHARED_PUNCTUATION_BLOCKS = (
    (0x0000, 0x00FF),
    (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F),
    (0x3000, 0x303F),
    (0xFE10, 0xFE6F),
    (0xFF00, 0xFFEF),
)
# Invisible characters that join, separate or mark text; in a name they are always a paste
# accident. The Mongolian vowel separator is a format character too, but it is spelling.
MONGOLIAN_VOWEL_SEPARATOR = "\u180e"
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad")
# Variation selectors and the keycap only ever decorate emoji in a name.
EMOJI_MODIFIERS = frozenset(
    [chr(code) for code in range(0xFE00, 0xFE10)]
    + [chr(code) for code in range(0xE0100, 0xE01F0)]
    + ["\u20e3"]
)
# A value starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@")


def _is_pictograph(char: str) -> bool:
    category = unicodedata.category(char)
    # So: emoji, dingbats, pictographs; Sk: skin-tone modifiers; Co/Cs: private use, surrogates.
    return category in {"So", "Sk", "Co", "Cs"} or char in EMOJI_MODIFIERS


def _belongs_in_a_name(char: str) -> bool:
    """Letters and marks of every script, spaces, dashes, the usual name punctuation, and the
    punctuation a script has of its own."""
    category = unicodedata.category(char)
    if category[0] in {"L", "M"} or category in {"Zs", "Pd"} or char in NAME_PUNCTUATION:
        return True
    if char == MONGOLIAN_VOWEL_SEPARATOR:
        return True
    return category == "Po" and not any(
        first <= ord(char) <= last for first, last in SHARED_PUNCTUATION_BLOCKS
    )


def validate_person_name(value: str) -> None:
    """A person's name in any script of Gansu's peoples and beyond: Chinese, Latin with accents,
    Tibetan with its tsheg and shad, Arabic script, Mongolian, Cyrillic... Emoji, invisible and
    control characters, digits, symbols and formula starts are refused, each with a message that
    says what to change."""
    if not value:
        return
    if any(_is_pictograph(char) for char in value):
        raise ValidationError(
            _("Names cannot contain emoji or pictographs: please remove them."), code="emoji"
        )
    if any(char in INVISIBLE for char in value):
        raise ValidationError(
            _(
                "This name contains an invisible character (a zero-width space or joiner, often "
                "copied along with the name): please type the name again."
            ),
            code="invisible",
        )
    if any(
        unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} and char != MONGOLIAN_VOWEL_SEPARATOR
        for char in value
    ):
        raise ValidationError(
            _("Names cannot contain control characters or line breaks."), code="control"
        )
    for char in value:
        if not _belongs_in_a_name(char):
            raise ValidationError(
                _(
                    "A name may contain letters of any script with their marks and punctuation, "
                    "spaces, hyphens, apostrophes and dots (“%(character)s” is not allowed)."
                ),
                code="character",
                params={"character": char},
            )
    if not any(unicodedata.category(char)[0] == "L" for char in value):
        raise ValidationError(_("A name must contain at least one letter."), code="no_letter")
    if value.lstrip().startswith(FORMULA_STARTS):
        raise ValidationError(
            _("A name cannot begin with “=”, “+”, “-” or “@”."), code="formula_start"
        )


# --- CV uploads: PDF or DOCX only, recognised by their content (workstation.uploads), never by
# the name alone.

CV_MAX_BYTES = 10 * 1024 * 1024
CV_KINDS = kinds_by_extension(PDF, DOCX)


def validate_cv(uploaded) -> FileKind:
    """Raise a ValidationError for a file that is too big, not a PDF or DOCX document, or unsafe
    (scripts, macros, attachments, ...); return its kind otherwise."""
    return validate_upload(
        uploaded,
        accepted=CV_KINDS.values(),
        max_bytes=CV_MAX_BYTES,
        too_large_message=_("The file is too large (%(size)s MB): a CV may be at most 10 MB."),
        wrong_type_message=_(
            "This file is not a PDF or Word (DOCX) document. Please upload your CV as a PDF "
            "or DOCX file."
        ),
    )


WECHAT_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def validate_wechat_id(value: str) -> None:
    if value and not WECHAT_ID.match(value):
        raise ValidationError(
            _("A WeChat ID has only letters, digits, underscores and hyphens, without spaces."),
            code="wechat",
        )


def validate_graduation_year(year: int | None) -> None:
    if year is not None and year > timezone.localdate().year:
        raise ValidationError(_("The year of graduation cannot be in the future."), code="future")


def validate_linkedin_url(value: str) -> None:
    if not value:
        return
    host = (urlsplit(value).hostname or "").lower()
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        raise ValidationError(
            _(
                "Enter the address of a LinkedIn profile, e.g. https://www.linkedin.com/in/your-name"
            ),
            code="linkedin",
        )

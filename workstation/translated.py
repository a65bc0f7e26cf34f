"""Reading modeltranslation fields in a named language, without fallback."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, override
from modeltranslation.utils import build_localized_fieldname

# Every language of the portal, Chinese first: the order of a bilingual document.
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
BILINGUAL = "bilingual"


def other_language(language: str) -> str:
    return next(code for code in LANGUAGE_CODES if code != language)


def translated_value(instance, field: str, language: str) -> str:
    return getattr(instance, build_localized_fieldname(field, language)) or ""


def shown_language(instance, field: str, requested: str) -> str:
    """``requested`` when ``field`` is given in it, else the other language (shown as missing)."""
    return requested if translated_value(instance, field, requested) else other_language(requested)


def missing_languages(instance, fields: tuple[str, ...]) -> list[str]:
    """The languages in which any of ``fields`` is empty."""
    return [
        code
        for code in LANGUAGE_CODES
        if any(not translated_value(instance, field, code) for field in fields)
    ]


@dataclass(frozen=True)
class Shown:
    """One translated field as a page shows it: in the page's language, else in the other."""

    text: str
    language: str
    is_fallback: bool


def shown(instance, field: str, requested: str | None = None) -> Shown:
    requested = requested or get_language() or settings.LANGUAGE_CODE
    language = shown_language(instance, field, requested)
    return Shown(translated_value(instance, field, language), language, language != requested)


# --- Documents in one language or in both (PDFs)


def languages_of(language: str) -> tuple[str, ...]:
    """The languages a document in ``language`` (one of LANGUAGE_CODES, or BILINGUAL) is in."""
    return LANGUAGE_CODES if language == BILINGUAL else (language,)


def render_language(language: str) -> str:
    """The language of a document's messages: a bilingual one's first language."""
    return languages_of(language)[0]


def in_languages(languages, make) -> list[str]:
    """``make()`` evaluated in each language, without repeating a text that reads the same."""
    texts: list[str] = []
    for language in languages:
        with override(language):
            text = str(make())
        if text and text not in texts:
            texts.append(text)
    return texts


def translated(instance, field: str, languages) -> list[str]:
    """A modeltranslation field in each language (no fallback), empty ones left out."""
    texts: list[str] = []
    for language in languages:
        text = translated_value(instance, field, language)
        if text and text not in texts:
            texts.append(text)
    return texts

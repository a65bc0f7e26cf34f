"""Reading modeltranslation fields in a named language, without fallback."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname


def other_language(language: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return next(code for code in codes if code != language)


def translated_value(instance, field: str, language: str) -> str:
    return getattr(instance, build_localized_fieldname(field, language)) or ""


def shown_language(instance, field: str, requested: str) -> str:
    """``requested`` when ``field`` is given in it, else the other language (shown as missing)."""
    return requested if translated_value(instance, field, requested) else other_language(requested)


def missing_languages(instance, fields: tuple[str, ...]) -> list[str]:
    """The languages in which any of ``fields`` is empty."""
    return [
        code
        for code, _name in settings.LANGUAGES
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

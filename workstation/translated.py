"""Reading modeltranslation fields in a named language, without fallback."""

from __future__ import annotations

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname


def other_language(language: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return next(code for code in codes if code != language)


def translated_value(instance, field: str, language: str) -> str:
    return getattr(instance, build_localized_fieldname(field, language)) or ""


def missing_languages(instance, fields: tuple[str, ...]) -> list[str]:
    """The languages in which any of ``fields`` is empty."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if any(not translated_value(instance, field, code) for field in fields)
    ]

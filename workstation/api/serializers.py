"""How records read in the API: bilingual fields in both languages and in the reader's, rich text
as sanitized HTML only (the one sanitizer, workstation.richtext)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from workstation.richtext import render_markdown
from workstation.translated import LANGUAGE_CODES, shown, translated_value


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(serializers.Field):
    """A modeltranslation field in one language (``language``), or in the request's language
    with the other one where it is empty (``language=None``); Markdown as sanitized HTML when
    ``rich``."""

    def __init__(self, field: str, *, language: str | None = None, rich: bool = False, **kwargs):
        self.field, self.language, self.rich = field, language, rich
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance) -> str:
        if self.language is None:
            text = shown(instance, self.field, get_language()).text
        else:
            text = translated_value(instance, self.field, self.language)
        if not (self.rich and text):
            return text
        # The request's language repeats one of the two: render each text once per record.
        rendered = instance.__dict__.setdefault("_rendered_rich_text", {})
        if text not in rendered:
            rendered[text] = str(render_markdown(text))
        return rendered[text]


class BilingualSerializer(serializers.ModelSerializer):
    """``Meta.bilingual`` names modeltranslation fields: each comes back as ``<name>`` in the
    language of the request (``?lang=`` or Accept-Language; the other language where it is
    empty), and as ``<name>_zh_hans`` and ``<name>_en``. ``Meta.rich_text`` names those among
    them written in Markdown: they come back as sanitized HTML, never as the raw text."""

    def get_fields(self):
        fields = super().get_fields()
        rich_text = getattr(self.Meta, "rich_text", ())
        for name in getattr(self.Meta, "bilingual", ()):
            rich = name in rich_text
            fields[name] = TranslatedField(name, rich=rich)
            for code in LANGUAGE_CODES:
                fields[build_localized_fieldname(name, code)] = TranslatedField(
                    name, language=code, rich=rich
                )
        return fields


def rows_from_json(rows: list[dict], fields: list[str], *, times: tuple[str, ...]) -> list[dict]:
    """Rows the database built as JSON, as the API gives rows: ``fields`` in their order (JSONB
    keeps its own), and the times ``times`` (ISO 8601 in UTC there) as DRF's DateTimeField gives
    every other time: in the current time zone, with ``Z`` for UTC."""
    zone = timezone.get_current_timezone()
    shown = []
    for row in rows:
        row = {name: row[name] for name in fields}
        for name in times:
            if row[name]:
                value = datetime.datetime.fromisoformat(row[name]).astimezone(zone).isoformat()
                row[name] = value[:-6] + "Z" if value.endswith("+00:00") else value
        shown.append(row)
    return shown

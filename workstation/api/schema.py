"""What drf-spectacular cannot see by itself: every operation's error responses, in the one shape of
workstation.api.errors; that a blank URL is a URL or nothing; and which of our base classes'
docstrings are notes for developers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.plumbing import get_lib_doc_excludes

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer", "example": 404},
                "code": {"type": "string", "example": "not_found"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}


def error_descriptions() -> dict[str, str]:
    """By status, in the language the schema is asked for (?lang=)."""
    return {
        "400": _("A query parameter is not valid: “fields” names each one with what is wrong."),
        "401": _("No token or session, or a token that is unknown, expired or revoked."),
        "403": _("This person may not read the API: only staff and Lanzhou officials may."),
        "404": _("Nothing here, or nothing you may see; or a page past the last one."),
        "429": _("Too many requests with this token: wait the seconds in Retry-After."),
    }


# drf-spectacular describes a blank URL field as oneOf(a URI, an empty string), but an empty
# string is also a valid URI-reference under the format checkers: with oneOf, "" matches both
# branches and breaks the schema. It is either: anyOf.
EMPTY_STRING = {"type": "string", "maxLength": 0}


def either_blank(node) -> None:
    if isinstance(node, dict):
        if EMPTY_STRING in node.get("oneOf", ()):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            either_blank(value)
    elif isinstance(node, list):
        for value in node:
            either_blank(value)


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the error responses to every operation (and let a
    blank URL be blank)."""
    either_blank(result.get("components", {}))
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    descriptions = error_descriptions()
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in descriptions.items():
                response = {
                    "description": description,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
                if status == "429":
                    response["headers"] = {
                        "Retry-After": {
                            "schema": {"type": "integer"},
                            "description": _("Seconds to wait before the next request."),
                        }
                    }
                responses.setdefault(status, response)
    return result


def undocumented_bases() -> list[type]:
    """Docstrings of these classes (and drf's) do not become descriptions of the endpoints and
    records built on them: they explain the code, not the data."""
    from workstation.api.serializers import BilingualSerializer
    from workstation.api.viewsets import ReadOnlyViewSet

    return [*get_lib_doc_excludes(), BilingualSerializer, ReadOnlyViewSet]

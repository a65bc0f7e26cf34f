"""Errors of the API in one shape, with a message in the request's language:

    {"error": {"status": 404, "code": "not_found", "message": "…", "fields": {…}}}

``fields`` is present for invalid query parameters only, by parameter name.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.views import exception_handler

from workstation.api.pagination import InvalidCursor
from workstation.api.viewsets import requested_language


def message_of(exception) -> str:
    if isinstance(exception, exceptions.Throttled):
        wait = exception.wait or 1
        return _("Too many requests with this token. Try again in %(seconds)d seconds.") % {
            "seconds": max(1, round(wait))
        }
    if isinstance(exception, exceptions.NotAuthenticated):
        return _("Sign in, or send a personal API token: Authorization: Bearer <token>.")
    if isinstance(exception, exceptions.PermissionDenied):
        return _("Only workstation staff and Lanzhou officials may read the API.")
    if isinstance(exception, InvalidCursor):
        return str(exception.detail)
    if isinstance(exception, exceptions.NotFound):
        return _("There is nothing here, or you may not see it.")
    if isinstance(exception, exceptions.ValidationError):
        return _("Some of the query parameters are not valid.")
    if isinstance(exception, exceptions.MethodNotAllowed):
        return _("The API is read only: use GET.")
    detail = exception.detail
    return str(detail) if isinstance(detail, str) else _("The request cannot be answered.")


def error_body(exception, status: int) -> dict:
    body = {
        "status": status,
        "code": getattr(exception, "default_code", "error"),
        "message": message_of(exception),
    }
    if isinstance(exception, exceptions.AuthenticationFailed):
        body["message"] = str(exception.detail)
    if isinstance(exception, exceptions.ValidationError) and isinstance(exception.detail, dict):
        body["fields"] = {
            name: [str(message) for message in messages]
            for name, messages in exception.detail.items()
        }
    return {"error": body}


def handle(exception, context):
    response = exception_handler(exception, context)
    if response is None:
        return None  # a server error: Django's own handling and logging
    # Django's own (a missing record's Http404, PermissionDenied) answered as DRF's, as
    # exception_handler did for the status.
    if isinstance(exception, Http404):
        exception = exceptions.NotFound()
    elif isinstance(exception, DjangoPermissionDenied):
        exception = exceptions.PermissionDenied()
    response.data = error_body(exception, response.status_code)
    return response


def page_not_found(request, exception):
    """The portal's 404 handler: an address under /api/ that names no endpoint (or a malformed
    id) answers as the API does, in JSON and in the one shape; every other one as a page."""
    if not request.path.startswith("/api/"):
        return defaults.page_not_found(request, exception)
    with translation.override(requested_language(request) or translation.get_language()):
        body = error_body(exceptions.NotFound(), 404)
        return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})

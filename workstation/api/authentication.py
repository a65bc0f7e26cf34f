"""``Authorization: Bearer <key>`` with a personal API token (workstation.api.models)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from workstation.api.services import token_for_key

KEYWORDS = (b"bearer", b"token")


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Give the token after the word Bearer, separated by one space.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        token = token_for_key(key) if key else None
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is unknown, expired or revoked, or its holder may no longer use it.")
            )
        return token.user, token

    def authenticate_header(self, request) -> str:
        # A 401 (not a 403) for a request without credentials, as clients expect.
        return 'Bearer realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("A personal API token, made on your account's API tokens page.")),
        }

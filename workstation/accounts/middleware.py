"""Two-factor authentication is mandatory for staff, officials and superusers.

allauth.mfa cannot require it by itself: a session of such a user that has not passed MFA reaches
only its own account pages (allauth's ``account_*`` and ``mfa_*`` views) until it does.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

OPEN_URL_NAMES = {"set_language", "healthz"}


def session_passed_mfa(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class MandatoryTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.needs_two_factor:
            return None
        match = request.resolver_match
        name = match.url_name if match else ""
        if name in OPEN_URL_NAMES or (
            match and not match.namespace and name and name.startswith(("account_", "mfa_"))
        ):
            return None
        if session_passed_mfa(request):
            return None
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        target = "mfa_reauthenticate" if has_totp else "mfa_activate_totp"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

"""The API tokens page of a person's account: make, see and revoke personal tokens."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workstation.accounts.decorators import permission_required
from workstation.api import services
from workstation.api.forms import TokenForm
from workstation.api.models import ApiToken

uses_api = permission_required("workstation.use_api")
# The new key waits in the session for the one page that shows it (after the redirect).
NEW_KEY = "api_token_new_key"


@uses_api
def token_list(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = services.issue_token(
            actor=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
        )
        request.session[NEW_KEY] = {"pk": token.pk, "key": key}
        return redirect("workstation:api_tokens")
    new_key = request.session.pop(NEW_KEY, None)
    response = render(
        request,
        "workstation/api_tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.visible_to(request.user),
            "new_key": new_key,
        },
    )
    add_never_cache_headers(response)  # the page may hold a key shown once
    return response


@require_POST
@uses_api
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
    if services.revoke_token(actor=request.user, token=token):
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("workstation:api_tokens")

from __future__ import annotations

import math
from http import HTTPStatus

from allauth.account.forms import ResetPasswordForm
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workstation.accounts import services
from workstation.accounts.decorators import permission_required
from workstation.accounts.forms import AccountSettingsForm, InviteColleagueForm, PortalSignupForm
from workstation.accounts.models import Role, User
from workstation.accounts.rate_limits import seconds_until_allowed
from workstation.accounts.services import INVITABLE_ROLES
from workstation.events.services import calendar_feed_of

invite_permission = permission_required("workstation.invite_colleague")


def _colleagues():
    return (
        User.objects.filter(groups__name__in=[Role.STAFF, Role.OFFICIAL])
        .distinct()
        .prefetch_related("groups")
        .annotate(
            has_totp=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            )
        )
        .order_by("full_name", "email")
    )


@invite_permission
def colleague_list(request):
    return render(request, "workstation/colleague_list.html", {"colleagues": _colleagues()})


@invite_permission
def colleague_invite(request):
    form = InviteColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.invite_colleague(**form.cleaned_data, invited_by=request.user)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
        return redirect("workstation:colleague_list")
    return render(request, "workstation/colleague_invite.html", {"form": form})


@require_POST
@invite_permission
def colleague_reinvite(request, pk: int):
    invited = User.objects.invitation_pending().filter(groups__name__in=INVITABLE_ROLES)
    user = get_object_or_404(invited.distinct(), pk=pk)
    services.send_invitation(user=user)
    messages.success(request, _("Invitation sent again to %(email)s.") % {"email": user.email})
    return redirect("workstation:colleague_list")


@login_required
def account_settings(request):
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings were saved."))
        return redirect("workstation:account_settings")
    feed = calendar_feed_of(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("workstation:calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(
        request, "workstation/account_settings.html", {"form": form, "calendar_feed_url": feed_url}
    )


# The refused forms shown again on the 429 page, with the address typed (never a password).
FORMS_KEPT_WHEN_REFUSED = {
    "account_signup": PortalSignupForm,
    "account_reset_password": ResetPasswordForm,
}


def too_many_requests(request):
    """allauth's answer when a rate limit refuses a request (``handler429`` in the URLconf):
    the portal's page in the visitor's language, with Retry-After, and the form again."""
    url_name = request.resolver_match.url_name if request.resolver_match else ""
    email = request.POST.get("email", "").strip()
    wait = seconds_until_allowed(request, url_name=url_name, key=email.lower() or None)
    form_class = FORMS_KEPT_WHEN_REFUSED.get(url_name)
    context = {
        "minutes": math.ceil(wait / 60),
        "form": form_class(initial={"email": email}) if form_class else None,
    }
    response = render(request, "429.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response

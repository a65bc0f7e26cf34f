"""Self-service for a registered talent: the profile wizard, their own profile, consent, export
and deletion; the CV download (for whoever may see the profile), claiming a staff-made profile, and
the unsubscribe link of the workstation's mails (public).
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from talentpool.consents.models import PRIVACY_POLICY_VERSION, Consent
from talentpool.consents.services import (
    WithdrawalRefused,
    consent_ledger,
    current_consents,
    is_given,
    profile_of_withdrawal,
    set_consent,
)
from talentpool.privacy import notices_for
from talentpool.profiles import services
from talentpool.profiles.forms import (
    STEP_FIELDS,
    ClaimForm,
    ConsentStepForm,
    DeleteAccountForm,
    ProfileForm,
    SharingForm,
)
from talentpool.profiles.models import TalentProfile
from talentpool.profiles.validators import CV_KINDS
from workstation.accounts.decorators import permission_required
from workstation.accounts.models import Role
from workstation.audit.services import record

keeps_own_profile = permission_required("talentpool.keep_own_profile")

STEP_TITLES = {
    1: gettext_lazy("Name and origin"),
    2: gettext_lazy("Work and education"),
    3: gettext_lazy("Contact and interests"),
    4: gettext_lazy("Consent"),
}


def _step_context(step: int) -> dict:
    return {"step": step, "steps": list(STEP_TITLES.items()), "step_title": STEP_TITLES[step]}


def _posted(request) -> tuple:
    """(data, files) of a POST, even an empty one (an unticked checkbox); else (None, None)."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _render_form(request, template: str, context: dict, form) -> HttpResponse:
    # A browser cannot keep a chosen file when the page comes back with errors: say so.
    file_dropped = bool(request.FILES) and form.is_bound and bool(form.errors)
    return render(request, template, {**context, "form": form, "file_dropped": file_dropped})


# --- The wizard


@keeps_own_profile
def profile_start(request):
    step = services.first_unfinished_step(services.own_profile_of(request.user))
    if step is None:
        return redirect("talentpool:own_profile")
    return redirect("talentpool:profile_step", step=step)


@never_cache
@keeps_own_profile
def profile_step(request, step: int):
    if step not in services.WIZARD_STEPS:
        raise Http404
    profile = services.own_profile_of(request.user)
    first_unfinished = services.first_unfinished_step(profile)
    if first_unfinished is not None and step > first_unfinished:
        # No skipping ahead (a person without a profile starts at step 1).
        return redirect("talentpool:profile_step", step=first_unfinished)
    if step == 4:
        return _consent_step(request, profile)
    profile = profile or services.new_own_profile(user=request.user)
    previous_cv = profile.cv.name
    # The contact step offers the account's address.
    initial = {} if profile.email else {"email": request.user.email}
    form = ProfileForm(
        *_posted(request), instance=profile, initial=initial, fields=STEP_FIELDS[step]
    )
    if request.method == "POST" and form.is_valid():
        services.save_own_profile(
            profile=form.instance,
            actor=request.user,
            changed=form.model_changes,
            previous_cv=previous_cv,
        )
        return redirect("talentpool:profile_step", step=step + 1)
    return _render_form(request, "talentpool/profile_step.html", _step_context(step), form)


def _consent_step(request, profile: TalentProfile):
    now = current_consents(profile)
    form = ConsentStepForm(
        _posted(request)[0],
        initial={
            "share_with_lanzhou": now.get(Consent.Purpose.SHARE_WITH_LANZHOU)
            == Consent.Action.GIVEN,
            "receive_news": now.get(Consent.Purpose.WORKSTATION_NEWS) == Consent.Action.GIVEN,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.complete_profile(
            profile=profile,
            actor=request.user,
            share_with_lanzhou=form.cleaned_data["share_with_lanzhou"],
            receive_news=form.cleaned_data["receive_news"],
        )
        messages.success(request, _("Thank you: your profile is complete."))
        return redirect("talentpool:own_profile")
    context = {**_step_context(4), "policy_version": PRIVACY_POLICY_VERSION}
    return _render_form(request, "talentpool/profile_consent_step.html", context, form)


# --- The person's own profile


def _own_profile_or_start(request):
    profile = services.own_profile_of(request.user)
    if profile is None:
        return None, redirect("talentpool:profile_start")
    return profile, None


@never_cache
@keeps_own_profile
def own_profile(request):
    profile, away = _own_profile_or_start(request)
    if away:
        return away
    consents = current_consents(profile)
    return render(
        request,
        "talentpool/profile_own.html",
        {
            "profile": profile,
            "next_step": services.first_unfinished_step(profile),
            "privacy_accepted": consents.get(Consent.Purpose.PRIVACY_NOTICE)
            == Consent.Action.GIVEN,
            "sharing": consents.get(Consent.Purpose.SHARE_WITH_LANZHOU) == Consent.Action.GIVEN,
            "news": consents.get(Consent.Purpose.WORKSTATION_NEWS) == Consent.Action.GIVEN,
        },
    )


@never_cache
@keeps_own_profile
def own_profile_edit(request):
    profile, away = _own_profile_or_start(request)
    if away:
        return away
    previous_cv = profile.cv.name
    form = ProfileForm(*_posted(request), instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_own_profile(
            profile=form.instance,
            actor=request.user,
            changed=form.model_changes,
            previous_cv=previous_cv,
        )
        messages.success(request, _("Your profile was saved."))
        return redirect("talentpool:own_profile")
    return _render_form(request, "talentpool/profile_edit.html", {"profile": profile}, form)


# The consent page's buttons: field → (purpose, message when given, message when withdrawn).
CONSENT_BUTTONS = {
    "share": (
        Consent.Purpose.SHARE_WITH_LANZHOU,
        gettext_lazy("Thank you: Lanzhou officials can now see your profile."),
        gettext_lazy("Sharing withdrawn: Lanzhou officials can no longer see your profile."),
    ),
    "news": (
        Consent.Purpose.WORKSTATION_NEWS,
        gettext_lazy("Thank you: the workstation will send you its news and invitations."),
        gettext_lazy("Done: the workstation will send you no more news or invitations."),
    ),
}


@never_cache
@keeps_own_profile
def own_consent(request):
    profile, away = _own_profile_or_start(request)
    if away:
        return away
    form = SharingForm(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        field = "share" if form.cleaned_data["share"] else "news"
        give = form.cleaned_data[field] == "give"
        purpose, given_message, withdrawn_message = CONSENT_BUTTONS[field]
        set_consent(profile=profile, purpose=purpose, given=give, by=request.user)
        messages.success(request, given_message if give else withdrawn_message)
        return redirect("talentpool:own_consent")
    consents = current_consents(profile)
    return render(
        request,
        "talentpool/profile_consent.html",
        {
            "profile": profile,
            "ledger": consent_ledger(profile),
            "sharing": consents.get(Consent.Purpose.SHARE_WITH_LANZHOU) == Consent.Action.GIVEN,
            "news": consents.get(Consent.Purpose.WORKSTATION_NEWS) == Consent.Action.GIVEN,
            "privacy_accepted": consents.get(Consent.Purpose.PRIVACY_NOTICE)
            == Consent.Action.GIVEN,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@keeps_own_profile
def own_export(request):
    if request.method == "POST":
        filename, content = services.export_personal_data(user=request.user)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "talentpool/profile_export.html",
        {"profile": services.own_profile_of(request.user)},
    )


@never_cache
@keeps_own_profile
def own_delete(request):
    form = DeleteAccountForm(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        services.delete_own_data(user=request.user)
        logout(request)
        messages.success(request, _("Your account and your profile were deleted."))
        return redirect("workstation:home")
    return render(
        request,
        "talentpool/profile_delete.html",
        {"form": form, "profile": services.own_profile_of(request.user)},
    )


# --- The CV, for whoever may see the profile


@login_required
def profile_cv(request, pk: int):
    """The CV as a download, never shown inline; 404 to anyone who may not see the profile."""
    profile = get_object_or_404(TalentProfile.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("talentpool.view_profile", profile) or not profile.cv:
        raise Http404
    suffix = PurePath(profile.cv.name).suffix.lower()
    kind = CV_KINDS.get(suffix)
    if kind is None:
        raise Http404
    try:
        handle = profile.cv.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if request.user.has_role(Role.OFFICIAL) and not (
        request.user.has_role(Role.STAFF) or request.user.is_superuser
    ):
        record(actor=request.user, action="talent_profile.cv_viewed_by_official", target=profile)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"cv-{profile.pk}{suffix}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Claiming a profile the staff entered


def _masked(email: str) -> str:
    """``w***@example.org``: enough to recognise one's own address, not to learn another's."""
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


@never_cache
@keeps_own_profile
def profile_claim(request, token: str):
    from talentpool.directory.services import read_claim_token

    try:
        profile_id, email = read_claim_token(token)
    except signing.SignatureExpired:
        return render(
            request, "talentpool/profile_claim_invalid.html", {"expired": True}, status=400
        )
    except signing.BadSignature:
        return render(
            request, "talentpool/profile_claim_invalid.html", {"expired": False}, status=400
        )
    profile = TalentProfile.objects.filter(pk=profile_id).select_related("native_region").first()
    if profile is not None and profile.user_id == request.user.pk:
        return redirect("talentpool:profile_start")
    if profile is None or profile.user_id is not None or profile.email.lower() != email.lower():
        # Claimed by someone else, deleted, or its address changed since the invitation.
        return render(request, "talentpool/profile_claim_invalid.html", {"gone": True}, status=404)
    context = {"profile": profile, "masked_email": _masked(email)}
    if services.own_profile_of(request.user) is not None:
        return render(request, "talentpool/profile_claim.html", {**context, "has_profile": True})
    if not services.can_claim(user=request.user, email=email):
        return render(
            request, "talentpool/profile_claim.html", {**context, "wrong_email": True}, status=403
        )
    form = ClaimForm(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_profile(profile_id=profile.pk, email=email, user=request.user)
        except services.ClaimRefused:
            return render(
                request, "talentpool/profile_claim_invalid.html", {"gone": True}, status=404
            )
        messages.success(
            request,
            _("The profile is now yours. Please check it and say what you consent to."),
        )
        return redirect("talentpool:profile_step", step=4)
    return render(request, "talentpool/profile_claim.html", {**context, "form": form})


# --- The privacy notice (public)


def privacy_notice(request):
    notice, other = notices_for(get_language() or "en")
    return render(
        request,
        "talentpool/privacy_notice.html",
        {"notice": notice, "other": other, "policy_version": PRIVACY_POLICY_VERSION},
    )


# --- Withdrawing a consent with the link of a mail, without signing in (public)


@csrf_exempt  # RFC 8058's one-click POST comes from a mail client, without a CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows what the link withdraws and a button; POST withdraws (a ledger row), whether it
    comes from that button or straight from a mail client's one-click unsubscribe (RFC 8058: a
    POST with ``List-Unsubscribe=One-Click`` and no cookies). A bad link, or one whose profile is
    gone, answers a page that says so; a consent already withdrawn is said to be so."""
    template = "talentpool/unsubscribe.html"
    try:
        profile, purpose = profile_of_withdrawal(token, TalentProfile.objects)
    except WithdrawalRefused as refused:
        status = 404 if refused.reason == "gone" else 400
        return render(request, template, {"outcome": refused.reason}, status=status)
    if not is_given(profile, purpose):
        return render(request, template, {"outcome": "already"})
    if request.method == "POST":
        set_consent(profile=profile, purpose=purpose, given=False, by=None)
        return render(request, template, {"outcome": "done"})
    return render(request, template, {"outcome": "confirm"})

"""The talent directory: the staff's and officials' list and profile pages, and staff actions.

Staff and officials enter this section (talents get 403: their own profile lives under the
self-service pages); a profile the user may not see answers 404. Officials see only profiles whose
person consents to sharing with Lanzhou, never the staff's notes, tags or contact log, and each of
their views of a profile is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentpool.directory import services
from talentpool.directory.filters import DirectoryFilterForm, choice_digests
from talentpool.directory.forms import StaffProfileForm
from talentpool.interactions.forms import InteractionForm
from talentpool.interactions.services import add_interaction
from talentpool.profiles.models import TalentProfile
from talentpool.profiles.services import delete_profile, save_profile
from workstation.accounts.decorators import permission_required
from workstation.templatetags.fragments import fingerprint

directory_permission = permission_required("talentpool.view_directory")
staff_permission = permission_required("talentpool.manage_pool")


def _is_staff(user) -> bool:
    return user.has_perm("talentpool.manage_pool")


def _visible_profile(request, pk: int) -> TalentProfile:
    queryset = TalentProfile.objects.visible_to(request.user).select_related(
        "native_region__parent", "industry", "verified_by", "created_by", "user"
    )
    return get_object_or_404(queryset, pk=pk)


@directory_permission
def directory(request):
    staff_view = _is_staff(request.user)
    filtered = bool(request.GET)
    search = DirectoryFilterForm.searched(request.GET)  # None: filters, or a text to correct
    if search is None:
        form = DirectoryFilterForm(request.GET, staff=staff_view)
    else:  # built only when the filters' panel is not kept yet
        form = SimpleLazyObject(lambda: DirectoryFilterForm(request.GET or None, staff=staff_view))
    page = None
    if search is None and not form.is_valid():
        messages.error(request, _("Please correct the filters marked below."))
    else:
        queryset = services.directory_queryset(request.user)
        if search is None:
            queryset = form.filter(queryset)
        page = services.directory_page(
            queryset=queryset,
            query=form.cleaned_data.get("q", "") if search is None else search,
            page=services.page_number(request.GET.get("page")),
            beside=choice_digests(staff=staff_view),
        )
    return render(
        request,
        "talentpool/directory_list.html",
        {
            "form": form,
            "page": page,
            # The filters' panel shows the form's values, errors and choices: known from the
            # request, the day (a date must not be in the future) and the page's digest of the
            # choices, or else from the form itself.
            "filters_key": fingerprint(form)
            if page is None
            else (request.GET.urlencode(), timezone.localdate().isoformat(), page.digest),
            "staff_view": staff_view,
            "filtered": filtered,
            "filters_used": any(
                value for key, value in request.GET.items() if key not in ("q", "page")
            ),
        },
    )


def _render_profile(request, profile: TalentProfile, *, interaction_form=None):
    staff_view = _is_staff(request.user)
    context = {"profile": profile, "staff_view": staff_view}
    if staff_view:
        context.update(
            interactions=profile.interactions.select_related("recorded_by"),
            consents=profile.consents.order_by("-at", "-pk"),
            interaction_form=interaction_form or InteractionForm(),
            can_invite=services.can_invite_to_claim(profile),
        )
    return render(request, "talentpool/directory_detail.html", context)


@directory_permission
def profile_detail(request, pk: int):
    profile = _visible_profile(request, pk)
    services.profile_viewed(
        profile=profile, viewer=request.user, staff_view=_is_staff(request.user)
    )
    return _render_profile(request, profile)


@staff_permission
def profile_create(request):
    form = StaffProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile = services.create_profile(
            profile=form.save(commit=False), actor=request.user, changed=form.changed_data
        )
        messages.success(request, _("The profile was created."))
        return redirect("talentpool:profile_detail", pk=profile.pk)
    return render(request, "talentpool/directory_form.html", {"form": form, "profile": None})


@staff_permission
def profile_edit(request, pk: int):
    profile = _visible_profile(request, pk)
    form = StaffProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        save_profile(profile=form.save(commit=False), actor=request.user, changed=form.changed_data)
        messages.success(request, _("The changes were saved."))
        return redirect("talentpool:profile_detail", pk=profile.pk)
    return render(request, "talentpool/directory_form.html", {"form": form, "profile": profile})


@require_POST
@staff_permission
def profile_verify(request, pk: int):
    profile = _visible_profile(request, pk)
    if services.verify_profile(profile=profile, actor=request.user):
        messages.success(request, _("The profile is marked as verified."))
    else:
        messages.info(request, _("The profile was already verified."))
    return redirect("talentpool:profile_detail", pk=profile.pk)


@staff_permission
def profile_delete(request, pk: int):
    """Delete a profile on its person's request: a confirmation page, then the deletion."""
    profile = _visible_profile(request, pk)
    if request.method == "POST":
        delete_profile(profile=profile, actor=request.user)
        messages.success(request, _("The profile was deleted."))
        return redirect("talentpool:directory")
    return render(request, "talentpool/directory_delete.html", {"profile": profile})


@require_POST
@staff_permission
def profile_invite(request, pk: int):
    profile = _visible_profile(request, pk)
    try:
        sent = services.invite_to_claim(profile=profile, actor=request.user)
    except services.ClaimNotPossible:
        messages.error(
            request,
            _(
                "No invitation was sent: the profile already belongs to an account or has no "
                "email address."
            ),
        )
    else:
        if sent:
            messages.success(
                request,
                _("An invitation to claim the profile is being sent to %(email)s.")
                % {"email": profile.email},
            )
        else:
            messages.info(
                request,
                _("An invitation already went to %(email)s today.") % {"email": profile.email},
            )
    return redirect("talentpool:profile_detail", pk=profile.pk)


@require_POST
@staff_permission
def interaction_add(request, pk: int):
    profile = _visible_profile(request, pk)
    form = InteractionForm(request.POST)
    if form.is_valid():
        add_interaction(profile=profile, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The interaction was recorded."))
        url = reverse("talentpool:profile_detail", kwargs={"pk": profile.pk})
        return redirect(f"{url}#interactions")
    messages.error(request, _("The interaction was not recorded: please correct the form below."))
    return _render_profile(request, profile, interaction_form=form)

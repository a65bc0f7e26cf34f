"""Lanzhou delegations: list, page with members and itinerary, and the itinerary PDF.

Staff and officials read; only staff change anything (officials get 403 on every changing view).
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.delegations import services
from projects.delegations.forms import DelegationForm, ItineraryItemForm, MemberForm, PDFRequestForm
from projects.delegations.models import Delegation
from projects.expo.models import GeneratedPDF
from projects.expo.services import pdfs_for, request_pdf
from workstation.accounts.decorators import permission_required

view_permission = permission_required("projects.view_pipeline")
manage_permission = permission_required("projects.manage_pipeline")


def _delegation(request, pk: int):
    delegations = services.with_organizations(Delegation.objects.visible_to(request.user))
    return get_object_or_404(delegations, pk=pk)


def _detail_url(delegation, anchor: str = "") -> str:
    url = reverse("projects:delegation_detail", kwargs={"pk": delegation.pk})
    return f"{url}#{anchor}" if anchor else url


@view_permission
def delegation_list(request):
    return render(
        request,
        "projects/delegation_list.html",
        {
            "delegations": services.with_organizations(Delegation.objects.visible_to(request.user)),
            "staff_view": request.user.has_perm("projects.manage_pipeline"),
        },
    )


# The prefix of each form on the delegation's page, which also names it in the template.
_FORM_PREFIXES = {MemberForm: "member", ItineraryItemForm: "item"}


def _render_detail(request, delegation, *, member_form=None, item_form=None, pdf_form=None):
    staff_view = request.user.has_perm("projects.manage_pipeline")
    context = {
        "delegation": delegation,
        "members": delegation.members.all(),
        "itinerary": services.itinerary_of(delegation),
        "pdfs": pdfs_for(kind=GeneratedPDF.Kind.ITINERARY, subject=delegation.pk),
        "staff_view": staff_view,
    }
    if staff_view:
        context.update(
            member_form=member_form or MemberForm(prefix=_FORM_PREFIXES[MemberForm]),
            item_form=item_form or ItineraryItemForm(prefix=_FORM_PREFIXES[ItineraryItemForm]),
            pdf_form=pdf_form or PDFRequestForm(),
        )
    return render(request, "projects/delegation_detail.html", context)


@view_permission
def delegation_detail(request, pk: int):
    return _render_detail(request, _delegation(request, pk))


def _delegation_form(request, delegation: Delegation):
    """The form page of a new delegation or of an existing one: saved, on to its page."""
    created = delegation.pk is None
    form = DelegationForm(request.POST or None, instance=delegation)
    if request.method == "POST" and form.is_valid():
        services.save_delegation(
            delegation=form.save(commit=False), actor=request.user, changed=form.changed_data
        )
        if created:
            messages.success(request, _("The delegation was created."))
        else:
            messages.success(request, _("The changes were saved."))
        return redirect(_detail_url(delegation))
    context = {"form": form, "delegation": None if created else delegation}
    return render(request, "projects/delegation_form.html", context)


@manage_permission
def delegation_create(request):
    return _delegation_form(request, Delegation())


@manage_permission
def delegation_edit(request, pk: int):
    return _delegation_form(request, _delegation(request, pk))


@require_POST
@manage_permission
def member_add(request, pk: int):
    return _add_row(
        request,
        pk,
        form_class=MemberForm,
        add=services.add_member,
        tab="members",
        added=_("The member was added."),
        refused=_("The member was not added: please correct the form below."),
    )


@require_POST
@manage_permission
def member_delete(request, pk: int, member_pk: int):
    return _remove_row(
        request,
        pk,
        remove=partial(services.remove_member, member_id=member_pk),
        tab="members",
        removed=_("The member was removed."),
    )


@require_POST
@manage_permission
def itinerary_item_add(request, pk: int):
    return _add_row(
        request,
        pk,
        form_class=ItineraryItemForm,
        add=services.add_itinerary_item,
        tab="itinerary",
        added=_("The itinerary item was added."),
        refused=_("The itinerary item was not added: please correct the form below."),
    )


@require_POST
@manage_permission
def itinerary_item_delete(request, pk: int, item_pk: int):
    return _remove_row(
        request,
        pk,
        remove=partial(services.remove_itinerary_item, item_id=item_pk),
        tab="itinerary",
        removed=_("The itinerary item was removed."),
    )


def _add_row(request, pk, *, form_class, add, tab, added, refused):
    """A member or an itinerary item added from its form on the delegation's page; a form with
    errors is shown again there, in its own place."""
    delegation = _delegation(request, pk)
    form = form_class(request.POST, prefix=_FORM_PREFIXES[form_class])
    if form.is_valid():
        add(delegation=delegation, actor=request.user, **form.row_fields())
        messages.success(request, added)
        return redirect(_detail_url(delegation, tab))
    messages.error(request, refused)
    return _render_detail(request, delegation, **{f"{form.prefix}_form": form})


def _remove_row(request, pk, *, remove, tab, removed):
    delegation = _delegation(request, pk)
    if remove(delegation=delegation, actor=request.user):
        messages.success(request, removed)
    return redirect(_detail_url(delegation, tab))


@require_POST
@manage_permission
def itinerary_pdf_request(request, pk: int):
    delegation = _delegation(request, pk)
    form = PDFRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The itinerary PDF was not requested: please choose a language."))
        return _render_detail(request, delegation, pdf_form=form)
    request_pdf(
        kind=GeneratedPDF.Kind.ITINERARY,
        subject=delegation.pk,
        language=form.cleaned_data["language"],
        actor=request.user,
    )
    messages.success(request, _("The itinerary PDF is being made; it appears in the list below."))
    return redirect(_detail_url(delegation, "pdfs"))

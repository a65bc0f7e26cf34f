"""Lanzhou demands: staff keep them, officials read them (every changing view answers them 403).

The demand's own page, with its suggested projects, is ``projects.matching.views.demand_detail``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from projects.demands import services
from projects.demands.forms import DemandFilterForm, DemandForm
from projects.demands.models import Demand
from workstation.accounts.decorators import permission_required

view_permission = permission_required("projects.view_pipeline")
manage_permission = permission_required("projects.manage_pipeline")
PAGE_SIZE = 50


@view_permission
def demand_list(request):
    form = DemandFilterForm(request.GET or None)
    page = None
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Please correct the filters marked below."))
    else:
        data = form.cleaned_data if form.is_bound else {}
        queryset = services.filtered_demands(
            Demand.objects.visible_to(request.user),
            status=data.get("status") or "open",
            kind=data.get("kind", ""),
            industry=data.get("industry"),
            organization=data.get("organization"),
        )
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/demand_list.html",
        {
            "form": form,
            "page": page,
            "staff_view": request.user.has_perm("projects.manage_pipeline"),
            "filtered": form.is_bound,
        },
    )


@manage_permission
def demand_create(request):
    return _form_page(request, None, _("The demand was saved."))


@manage_permission
def demand_edit(request, pk: int):
    demand = get_object_or_404(Demand.objects.visible_to(request.user), pk=pk)
    return _form_page(request, demand, _("The changes were saved."))


def _form_page(request, demand, saved_message):
    """The demand form, new (``demand`` None) or to edit, saved through the service."""
    form = DemandForm(request.POST or None, instance=demand)
    if request.method == "POST":
        if form.is_valid():
            demand = services.save_demand(
                demand=form.save(commit=False),
                actor=request.user,
                changed=form.changed_data,
                new_organization_name=form.cleaned_data["new_organization_name"],
                new_organization_kind=form.cleaned_data["new_organization_kind"],
            )
            messages.success(request, saved_message)
            return redirect("projects:demand_detail", pk=demand.pk)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    return render(request, "projects/demand_form.html", {"form": form, "demand": demand})

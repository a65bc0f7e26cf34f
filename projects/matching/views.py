"""Matching: suggested demands for a project, suggested projects for a demand, staff decisions and
the introduction log. Officials read all of it; every changing view answers them 403."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.demands.models import Demand
from projects.matching import services
from projects.matching.forms import DecisionForm, IntroductionForm
from projects.pipeline.models import Project
from workstation.accounts.decorators import permission_required

view_permission = permission_required("projects.view_pipeline")
manage_permission = permission_required("projects.manage_pipeline")


def _is_staff(user) -> bool:
    return user.has_perm("projects.manage_pipeline")


def _render_project_matches(request, project, *, introduction_form=None, status=200):
    staff_view = _is_staff(request.user)
    context = {
        "project": project,
        "suggestions": services.suggest_demands(project),
        "confirmed": services.confirmed_matches(project),
        "introductions": project.introductions.select_related(
            "demand", "organization", "recorded_by"
        ),
        "staff_view": staff_view,
    }
    if staff_view:
        context["introduction_form"] = introduction_form or IntroductionForm(project=project)
    return render(request, "projects/matching_project.html", context, status=status)


@view_permission
def project_matches(request, pk: int):
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("industry"), pk=pk
    )
    return _render_project_matches(request, project)


@view_permission
def demand_detail(request, pk: int):
    demand = get_object_or_404(
        Demand.objects.visible_to(request.user).select_related(
            "organization", "industry", "created_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "projects/demand_detail.html",
        {
            "demand": demand,
            "suggestions": services.suggest_projects(demand),
            "staff_view": _is_staff(request.user),
        },
    )


@require_POST
@manage_permission
def match_decide(request, pk: int, demand_pk: int):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    demand = get_object_or_404(Demand.objects.visible_to(request.user), pk=demand_pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        match = services.decide_match(
            project=project,
            demand=demand,
            decision=form.cleaned_data["decision"],
            actor=request.user,
        )
        if match.status == match.Status.CONFIRMED:
            messages.success(request, _("The match was confirmed."))
        else:
            messages.success(request, _("The match was rejected."))
    else:
        messages.error(request, _("Nothing was changed: choose to confirm or to reject the match."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("projects:project_matches", kwargs={"pk": project.pk})
    return redirect(target)


@require_POST
@manage_permission
def introduction_add(request, pk: int):
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("industry"), pk=pk
    )
    form = IntroductionForm(request.POST, project=project)
    if form.is_valid():
        services.add_introduction(project=project, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The introduction was recorded."))
        url = reverse("projects:project_matches", kwargs={"pk": project.pk})
        return redirect(f"{url}#introductions")
    messages.error(request, _("The introduction was not recorded: please correct the form below."))
    return _render_project_matches(request, project, introduction_form=form)

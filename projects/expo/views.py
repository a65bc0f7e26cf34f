"""The expo page (progress against the year's target, roster PDFs) and PDF downloads.

Staff and officials read; only staff ask for PDFs. Talents get 403, anonymous people sign in.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.expo import services
from projects.expo.forms import RosterRequestForm, YearForm
from projects.expo.models import GeneratedPDF
from projects.pipeline.models import Project
from workstation.accounts.decorators import permission_required
from workstation.pdfs import services as pdfs
from workstation.pdfs.views import download_response

view_permission = permission_required("projects.view_pipeline")
manage_permission = permission_required("projects.manage_pipeline")


def _render_expo(request, year: int, *, year_form=None, roster_form=None, status=200):
    staff_view = request.user.has_perm("projects.manage_pipeline")
    context = {
        "progress": services.expo_progress(
            year=year, projects=Project.objects.visible_to(request.user)
        ),
        "year_form": year_form or YearForm(initial={"year": year}),
        "roster_form": (roster_form or RosterRequestForm(initial={"year": year}))
        if staff_view
        else None,
        "pdfs": services.pdfs_for(kind=GeneratedPDF.Kind.EXPO_ROSTER, subject=year),
        "staff_view": staff_view,
        "previous_year": year - 1,
        "next_year": year + 1,
    }
    return render(request, "projects/expo_progress.html", context, status=status)


@view_permission
def expo(request):
    year = services.default_expo_year()
    year_form = YearForm(request.GET if "year" in request.GET else None)
    if year_form.is_bound:
        if year_form.is_valid():
            year = year_form.cleaned_data["year"]
        else:
            messages.error(request, _("Please give the expo year as a number such as 2026."))
            return _render_expo(request, year, year_form=year_form)
    return _render_expo(request, year, year_form=year_form if year_form.is_bound else None)


@require_POST
@manage_permission
def expo_roster_request(request):
    form = RosterRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The roster was not requested: please correct the form below."))
        return _render_expo(request, services.default_expo_year(), roster_form=form)
    year = form.cleaned_data["year"]
    services.request_pdf(
        kind=GeneratedPDF.Kind.EXPO_ROSTER,
        subject=year,
        language=form.cleaned_data["language"],
        actor=request.user,
    )
    messages.success(request, _("The roster is being made; it appears in the list below."))
    return redirect(f"{reverse('projects:expo')}?year={year}#pdfs")


@require_POST
@manage_permission
def pdf_retry(request, pk: int):
    """A roster or itinerary that failed or was lost on its way to a worker is made again."""
    document = get_object_or_404(GeneratedPDF, pk=pk)
    if not pdfs.try_again(record=document, actor=request.user):
        raise Http404
    messages.success(request, _("The PDF is being made; it appears below when it is ready."))
    if document.kind == GeneratedPDF.Kind.ITINERARY:
        page = reverse("projects:delegation_detail", kwargs={"pk": document.subject})
    else:
        page = f"{reverse('projects:expo')}?year={document.subject}"
    return redirect(f"{page}#pdfs")


@view_permission
def pdf_download(request, pk: int):
    """A ready PDF as a download; 404 while it is being made or when it failed."""
    return download_response(get_object_or_404(GeneratedPDF, pk=pk))

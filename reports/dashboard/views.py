"""The annual-duties dashboard and its year-end PDF: for staff and officials (talents get 403).

Officials see talent counts under 3 withheld ("fewer than 3"), zeros included, as everywhere.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.dashboard import services
from reports.dashboard.document import DashboardPage
from reports.dashboard.figures import this_year
from reports.dashboard.forms import FIRST_YEAR, YearForm
from reports.dashboard.models import YearEndPDF
from talentpool.counts.services import hides_small_cells
from workstation.accounts.decorators import permission_required
from workstation.pdfs import services as pdfs
from workstation.pdfs.views import download_response

view_permission = permission_required("reports.view_dashboard")


@view_permission
def dashboard(request):
    form = YearForm(request.GET or {"year": this_year()})
    year = form.cleaned_data["year"] if form.is_valid() else this_year()
    page = DashboardPage(year=year, hide_small_cells=hides_small_cells(request.user))
    return render(
        request,
        "reports/dashboard/dashboard.html",
        {
            "year": year,
            "page": page,
            "filters_key": page.filters_key(request),
            "form": form,
            "staff_view": request.user.has_perm("reports.retry_pdfs"),
        },
        status=200 if form.is_valid() else 400,
    )


@require_POST
@view_permission
def year_end_pdf_request(request, year: int):
    if not FIRST_YEAR <= year <= this_year() + 1:
        raise Http404
    services.request_year_end_pdf(year=year, language=get_language(), actor=request.user)
    messages.success(request, _("The PDF is being made; it appears below when it is ready."))
    return redirect(f"{reverse('reports:dashboard')}?year={year}#year-end-pdf")


@require_POST
@permission_required("reports.retry_pdfs")
def year_end_pdf_retry(request, pk: int):
    """A summary that failed or was lost on its way to a worker is made again (staff)."""
    summary = get_object_or_404(YearEndPDF, pk=pk)
    if not pdfs.try_again(record=summary, actor=request.user):
        raise Http404
    messages.success(request, _("The PDF is being made; it appears below when it is ready."))
    return redirect(f"{reverse('reports:dashboard')}?year={summary.year}#year-end-pdf")


@view_permission
def year_end_pdf_download(request, pk: int):
    return download_response(get_object_or_404(YearEndPDF, pk=pk))

"""The data package from the briefing's page: staff and officials download it; staff try a failed
or lost one again. A package is reached through its briefing and ``visible_to``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.packages.models import DataPackage
from workstation.accounts.decorators import permission_required
from workstation.pdfs import services as pdfs
from workstation.pdfs.views import download_response


def _package(request, pk: int, package_pk: int) -> DataPackage:
    return get_object_or_404(
        DataPackage.objects.visible_to(request.user).select_related("publication__briefing"),
        publication__briefing_id=pk,
        pk=package_pk,
    )


@permission_required("reports.view_briefings")
def package_download(request, pk: int, package_pk: int):
    return download_response(_package(request, pk, package_pk))


@require_POST
@permission_required("reports.write_briefing")
def package_retry(request, pk: int, package_pk: int):
    """A package that failed or was lost on its way to a worker is made again."""
    if not pdfs.try_again(record=_package(request, pk, package_pk), actor=request.user):
        raise Http404
    messages.success(
        request, _("The data package is being made; it appears below when it is ready.")
    )
    return redirect(f"{reverse('reports:briefing_detail', kwargs={'pk': pk})}#pdfs")

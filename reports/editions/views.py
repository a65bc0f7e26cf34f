"""The PDF editions of a briefing: publishing (which makes the final editions), a draft edition
asked for, made again after a failure, downloaded. Their forms and lists sit on the briefing's
page (reports.briefings.views), which they return to."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from reports.briefings.views import (
    briefing_step,
    view_permission,
    visible_briefing,
    write_permission,
)
from reports.editions import services as editions
from reports.editions.forms import EditionForm
from workstation.pdfs import services as pdfs
from workstation.pdfs.views import download_response

briefing_publish = briefing_step(
    editions.publish,
    gettext_lazy(
        "The briefing is published; its PDF editions are being made and everyone is told."
    ),
    allowed=write_permission,
)


@require_POST
@write_permission
def edition_request(request, pk: int):
    briefing = visible_briefing(request, pk)
    form = EditionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the edition to make."))
        return redirect("reports:briefing_detail", pk=briefing.pk)
    try:
        editions.request_draft_edition(
            briefing=briefing, language=form.cleaned_data["language"], actor=request.user
        )
    except editions.EditionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The PDF is being made; it appears below when it is ready."))
    return redirect("reports:briefing_detail", pk=briefing.pk)


@require_POST
@write_permission
def edition_retry(request, pk: int, pdf_pk: int):
    """An edition that failed (say, no Chinese font on the worker then) or was lost on its way to
    a worker is made again."""
    briefing = visible_briefing(request, pk)
    edition = get_object_or_404(briefing.pdfs, pk=pdf_pk)
    if not pdfs.try_again(record=edition, actor=request.user):
        raise Http404
    messages.success(request, _("The PDF is being made; it appears below when it is ready."))
    return redirect(f"{reverse('reports:briefing_detail', kwargs={'pk': briefing.pk})}#pdfs")


@view_permission
def edition_download(request, pk: int, pdf_pk: int):
    briefing = visible_briefing(request, pk)
    return download_response(get_object_or_404(briefing.pdfs, pk=pdf_pk))

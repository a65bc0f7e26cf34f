"""Staff pages: export of the filtered list (CSV, Excel) and import with a preview."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from talentpool.directory.filters import DirectoryFilterForm
from talentpool.duplicates.services import reason_labels
from talentpool.profiles.models import TalentProfile
from talentpool.spreadsheets import services
from talentpool.spreadsheets.forms import UploadForm
from workstation.accounts.decorators import permission_required
from workstation.reference.models import Industry, Region

manage_pool = permission_required("talentpool.manage_pool")

PREVIEW_PAGE_SIZE = 100
# Problem rows listed at the top of the preview; the rest are in the paged list of all rows.
PROBLEMS_SHOWN = 500

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(request, file_format: str):
    form = DirectoryFilterForm(request.GET, staff=True)
    if not form.is_valid():
        messages.error(request, _("Please correct the filters before exporting."))
        return redirect(f"{reverse('talentpool:directory')}?{request.GET.urlencode()}")
    queryset = form.filter(TalentProfile.objects.visible_to(request.user))
    export = services.export_profiles(queryset=queryset, query=form.cleaned_data.get("q", ""))
    services.record_export(
        actor=request.user,
        export=export,
        file_format=file_format,
        filters=[name for name, value in form.cleaned_data.items() if value],
    )
    if file_format == "csv":
        response = StreamingHttpResponse(
            services.csv_chunks(export), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{services.export_file_name("csv")}"'
        )
        return response
    return FileResponse(
        services.write_xlsx(export),
        as_attachment=True,
        filename=services.export_file_name("xlsx"),
        content_type=XLSX_TYPE,
    )


@require_GET
@manage_pool
def export_csv(request):
    return _export(request, "csv")


@require_GET
@manage_pool
def export_xlsx(request):
    return _export(request, "xlsx")


@manage_pool
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pending = services.create_pending_import(
                uploaded_by=request.user, name=upload.name, content=upload.read()
            )
        except services.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("talentpool:import_preview", pk=pending.pk)
    return render(
        request,
        "talentpool/spreadsheet_upload.html",
        {
            "form": form,
            "columns": services.COLUMNS,
            "regions": Region.objects.select_related("parent"),
            "industries": Industry.objects.all(),
            "interests": TalentProfile._meta.get_field("interests").base_field.choices,
        },
    )


def _duplicate_rows(pending) -> list[dict]:
    ids = {item["profile"] for item in pending.duplicates if item.get("profile")}
    profiles = TalentProfile.objects.in_bulk(ids)
    rows = []
    for item in pending.duplicates[:PROBLEMS_SHOWN]:
        rows.append(
            {
                "row": item["row"],
                "profile": profiles.get(item.get("profile")),
                "same_as_row": item.get("same_as_row"),
                "reasons": reason_labels(item["reasons"]),
            }
        )
    return rows


@manage_pool
def import_preview(request, pk):
    pending = get_object_or_404(services.pending_imports_of(request.user), pk=pk)
    pending = services.messages_in_language(pending=pending, language=get_language())
    errors_by_row: dict[int, list[dict]] = {}
    for error in pending.errors:
        errors_by_row.setdefault(error["row"], []).append(error)
    columns = [column for column in services.COLUMNS if column.imported]
    page = Paginator(pending.rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [
        {
            "number": row["number"],
            "errors": errors_by_row.get(row["number"], []),
            "cells": [row["values"].get(column.key, "") for column in columns],
        }
        for row in page.object_list
    ]
    return render(
        request,
        "talentpool/spreadsheet_preview.html",
        {
            "pending": pending,
            "page": page,
            "columns": columns,
            "errors": pending.errors[:PROBLEMS_SHOWN],
            "error_rows": len(errors_by_row),
            "duplicates": _duplicate_rows(pending),
            "more_problems": max(len(pending.errors), len(pending.duplicates)) > PROBLEMS_SHOWN,
            "can_confirm": not pending.errors,
        },
    )


@require_POST
@manage_pool
def import_confirm(request, pk):
    pending = get_object_or_404(services.pending_imports_of(request.user), pk=pk)
    try:
        count = services.confirm_import(pending_id=pending.pk, actor=request.user)
    except services.ImportRefused as error:
        messages.error(request, str(error))
        if services.pending_imports_of(request.user).filter(pk=pk).exists():
            return redirect("talentpool:import_preview", pk=pk)
        return redirect("talentpool:import_upload")
    messages.success(request, _("%(count)d profiles were imported.") % {"count": count})
    return redirect(f"{reverse('talentpool:directory')}?source=import")


@require_POST
@manage_pool
def import_discard(request, pk):
    pending = get_object_or_404(services.pending_imports_of(request.user), pk=pk)
    services.discard_import(pending=pending)
    messages.success(request, _("The upload was discarded; nothing was imported."))
    return redirect("talentpool:import_upload")

"""Handing out a ready PDF, the same for every kind; the apps' views check who may have it."""

from __future__ import annotations

from django.http import FileResponse, Http404

from workstation.pdfs.kinds import kind_of


def download_response(record) -> FileResponse:
    """A ready PDF (or other file) as a download under its kind's file name and type; 404 while
    it is being made, when it failed, or when its file is gone."""
    if record.status != record.Status.READY or not record.file:
        raise Http404
    try:
        handle = record.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=kind_of(record).file_name(record),
        content_type=kind_of(record).content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

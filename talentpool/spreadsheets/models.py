"""An uploaded file's rows, parsed and checked, waiting for staff to confirm the import.

Kept in the database rather than in the session: a 5 MB file makes megabytes of rows, and the
session is read on every request of the user; a row of its own is read only by the preview and the
confirmation, can be deleted the moment it is imported or discarded, and expires
(``PENDING_IMPORT_HOURS``) so personal data in abandoned uploads does not linger.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingImport(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    # The language the messages below are written in; the preview re-checks in another one.
    language = models.CharField(_("language"), max_length=10, blank=True)
    # [{"number": row number in the file, "values": {column key: cell text}}]
    rows = models.JSONField(_("rows"), default=list)
    # [{"row": row number, "column": column key or "", "message": text}]
    errors = models.JSONField(_("errors"), default=list)
    # [{"row": row number, "profile": id of an existing profile, "reasons": [reason key]}]
    duplicates = models.JSONField(_("possible duplicates"), default=list)
    # Column keys of the file that the import does not read.
    ignored_columns = models.JSONField(_("ignored columns"), default=list)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.pk} ({len(self.rows)})"

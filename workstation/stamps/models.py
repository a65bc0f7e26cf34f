"""Write stamps: which transaction last wrote to a table, kept by the database itself.

A table with the ``stamp_write`` trigger (added by a migration, e.g. workstation 0012 and
talentpool 0010) stamps a row here at the first statement of each transaction that writes to it,
whoever writes: a form, an import, ``QuerySet.update()``, the administration, a ``TRUNCATE``. So a
page built from the table is the same as long as its stamps are (``workstation.digests``), and
the database need not read the table to tell: a page of figures over 100,000 profiles is keyed
by a handful of tiny rows.

A table has a few slots: the trigger stamps the first slot no other open transaction holds
(``FOR UPDATE SKIP LOCKED``) and adds one when all are held, so writers never wait on each other
here (and never deadlock); a stamp (transaction id and clock) is never written twice. A
transaction's own later writes, which readers inside it would miss, are counted in a setting
local to it (``workstation.written_<table>``) that the digests read too.
"""

from __future__ import annotations

from django.db import models


class WriteStamp(models.Model):
    table_name = models.CharField(max_length=63, db_index=True)
    stamp = models.TextField(blank=True)

    class Meta:
        # Kept by the database's trigger only; nothing in the portal writes these rows.
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.table_name} {self.stamp}"

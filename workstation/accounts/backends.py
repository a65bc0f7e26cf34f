"""Permission checks that need no query for the portal's own permissions.

The portal's permissions are rules (django-rules, ``<app>/rules.py``), answered by the first
backend without touching the database. When a rule says no, Django asks the next backends, and
Django's model backend loads every permission of the user and of their groups (two queries) to
find the one asked for missing. But a permission without a ``Permission`` row cannot have been
granted in the database at all: this backend refuses it at once (a backend raising
``PermissionDenied`` ends the check), so the menu of every page, which asks about the sections a
role lacks, costs no query. Permissions that have rows (the admin's model permissions) are asked
of the model backend as before.
"""

from __future__ import annotations

import functools

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied


@functools.cache
def permission_rows() -> frozenset[str]:
    """Every permission the database can grant, as ``app_label.codename``. Read once per process:
    rows are added only by migrations, after which the processes restart."""
    return frozenset(
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    )


class PermissionRowsBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if obj is None and perm not in permission_rows():
            raise PermissionDenied
        return False

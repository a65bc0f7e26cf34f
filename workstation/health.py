"""``/healthz``: the state of PostgreSQL and Redis, for load balancers and operators.

200 while the database answers (pages work without Redis), 503 when it does not. It also
says whether this machine can make PDFs.
"""

from __future__ import annotations

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from workstation.pdf import pdf_unavailable_reason


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _redis_ok() -> bool:
    try:
        client = caches["redis"]._cache.get_client(write=True)
        return bool(client.ping())
    except Exception:
        return False


@never_cache
def healthz(request):
    database, redis = _database_ok(), _redis_ok()
    return JsonResponse(
        {
            "status": "ok" if database and redis else ("degraded" if database else "down"),
            "database": "ok" if database else "down",
            "redis": "ok" if redis else "down",
            # Informational: the portal works without PDFs; features that need them say so.
            "pdf": pdf_unavailable_reason() or "ok",
        },
        status=200 if database else 503,
    )

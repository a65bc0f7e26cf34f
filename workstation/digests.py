"""Digests of what rows hold, computed by the database: the keys under which the lists staff open
all day keep their rendered rows (``{% cache ... using="fragments" %}``).

A digest covers every column of every row a query returns (the joined rows of ``select_related``
and the annotations included), in the query's order, so it changes whenever anything the rows
show changes, however the change was made (a form, an ``UPDATE``, the administration): a
fragment kept under it is never stale and nothing has to be invalidated. No row is read into
Python: a page whose rows are already rendered costs one small query for them.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

# A scalar subquery over ``sql``: a digest of its rows, in their order ('' for no rows).
_DIGEST = "(SELECT md5(COALESCE(array_agg(rows)::text, '')) FROM ({sql}) AS rows)"


def digest_select(sql: str, params) -> tuple[str, list]:
    """The digest of ``sql``'s rows, as an expression to select with ``selected_values``."""
    return _DIGEST.format(sql=sql), list(params)


def queryset_select(queryset: QuerySet) -> tuple[str, list]:
    """The digest of ``queryset``'s rows, as an expression to select with ``selected_values``."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. ``none()``: no rows
        return "''", []
    return digest_select(sql, params)


@lru_cache(maxsize=32)
def table_select(model, language: str) -> tuple[str, list]:
    """Every row of ``model``'s table in its default order, as a digest expression: written once
    per language (the order may follow translated names), for the small tables of places and
    industries that filters offer and rows name."""
    return queryset_select(model._default_manager.all())


def selected_values(selects: list[tuple[str, list]], *, using: str = "default") -> list:
    """The values of the expressions ``selects`` (SQL, parameters), in one query."""
    if not selects:
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(sql for sql, _params in selects),
            [param for _sql, params in selects for param in params],
        )
        return list(cursor.fetchone())


def rows_digests(querysets: list[QuerySet]) -> list[str]:
    """The digest of each query set's rows, in one query."""
    return selected_values([queryset_select(queryset) for queryset in querysets])

"""Digests of what rows hold, computed by the database: the keys under which the lists staff open
all day keep their rendered rows (``{% cache ... using="fragments" %}``).

A digest covers every column of every row a query returns (the joined rows of ``select_related``
and the annotations included), in the query's order, so it changes whenever anything the rows
show changes, however the change was made (a form, an ``UPDATE``, the administration): a
fragment kept under it is never stale and nothing has to be invalidated. No row is read into
Python: a page whose rows are already rendered costs one small query for them.

``versions_select`` digests a row by its version rather than its columns: PostgreSQL writes a
new version of a row at every INSERT and UPDATE, with the id of the writing transaction
(``xmin``) and at a new place (``ctid``: a transaction that updates a row twice writes two
versions with the same ``xmin``, never at the same place), so the row's id, ``xmin`` and
``ctid`` change whenever a column does. It spares the database from writing every column out as
text (half the cost of digesting a board of wide rows).
"""

from __future__ import annotations

from datetime import UTC, datetime
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


# The versions of the rows of ``ids`` (a query giving each row's id as ``pk``, the ids of the rows
# it refers to and computed values, each under its name), in its order.
_VERSIONS = """(SELECT md5(COALESCE(array_agg(ARRAY[{versions}] ORDER BY page.position)::text, ''))
FROM (SELECT ids.*, row_number() OVER () AS position FROM ({ids}) AS ids) AS page
{joins})"""


def versions_select(
    queryset: QuerySet, *, related: tuple[str, ...] = (), values: tuple[str, ...] = ()
) -> tuple[str, list]:
    """The digest of ``queryset``'s rows by their versions (see above), with the versions of the
    rows they refer to by the foreign keys ``related`` and the annotations ``values``, as an
    expression to select with ``selected_values``."""
    model = queryset.model
    quote = connections[queryset.db].ops.quote_name
    # Django names each selected column after the name asked for (in an order of its own).
    ids = queryset.values_list("pk", *related, *values)
    try:
        sql, params = ids.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return "''", []
    pk = quote(model._meta.pk.column)
    joins = [f"JOIN {quote(model._meta.db_table)} AS listed ON listed.{pk} = page.pk"]
    versions = ["page.pk::text", "listed.xmin::text", "listed.ctid::text"]
    for n, name in enumerate(related):
        target = model._meta.get_field(name).related_model._meta
        joins.append(
            f"LEFT JOIN {quote(target.db_table)} AS related_{n} "
            f"ON related_{n}.{quote(target.pk.column)} = page.{quote(name)}"
        )
        versions += [f"related_{n}.xmin::text", f"related_{n}.ctid::text"]
    versions += [f"page.{quote(name)}::text" for name in values]
    return (
        _VERSIONS.format(versions=", ".join(versions), ids=sql, joins="\n".join(joins)),
        list(params),
    )


# Stands for the moment a page is read in digest expressions written once (``lru_cache``):
# ``selected_values(..., now=...)`` runs them at the moment the page's contents are made at, on the
# server's clock (keyed by the database's, a part could be made a moment apart from its key and
# kept wrong where the two clocks differ).
READ_AT = datetime(1970, 1, 1, 0, 0, 0, 424242, tzinfo=UTC)


@lru_cache(maxsize=32)
def table_select(model, language: str) -> tuple[str, list]:
    """Every row of ``model``'s table in its default order, as a digest expression of their
    versions: written once per language (the order may follow translated names), for the small
    tables of places and industries that filters offer and rows name."""
    return versions_select(model._default_manager.all())


def selected_values(
    selects: list[tuple[str, list]], *, using: str = "default", now: datetime | None = None
) -> list:
    """The values of the expressions ``selects`` (SQL, parameters), in one query, ``READ_AT``
    standing for ``now``."""
    if not selects:
        return []
    params = [param for _sql, params in selects for param in params]
    if now is not None:
        params = [now if param == READ_AT else param for param in params]
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(sql for sql, _params in selects), params)
        return list(cursor.fetchone())


_COUNT = "(SELECT COUNT(*) FROM ({sql}) AS counted)"


def count_select(queryset: QuerySet) -> tuple[str, list]:
    """The number of ``queryset``'s rows, as an expression to select with ``selected_values``."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return "0", []
    return _COUNT.format(sql=sql), list(params)


def rows_digests(querysets: list[QuerySet]) -> list[str]:
    """The digest of each query set's rows, in one query."""
    return selected_values([queryset_select(queryset) for queryset in querysets])

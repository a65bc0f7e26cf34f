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

import hashlib
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar
from uuid import UUID

import psycopg2
from django.apps import apps
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from workstation.stamps.models import WriteStamp

# A scalar subquery over ``sql``: a digest of its rows, in their order ('' for no rows).
_DIGEST = "(SELECT md5(COALESCE(array_agg(rows)::text, '')) FROM ({sql}) AS rows)"


def queryset_select(queryset: QuerySet) -> tuple[str, list]:
    """The digest of ``queryset``'s rows, as an expression to select with ``selected_values``:
    when every table it reads is stamped, a digest of the query and of the tables' write stamps
    (``written_select``), which the database answers without reading the rows."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. ``none()``: no rows
        return "''", []
    return stamps_select(sql, params, using=queryset.db) or (_DIGEST.format(sql=sql), list(params))


# --- Write stamps (workstation/stamps/models.py)

_QUOTED = re.compile(r'"([^"]+)"')


@lru_cache(maxsize=1)
def _model_tables() -> frozenset[str]:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def stamps_select(
    sql: str, params, *, using: str, joined: frozenset[str] = frozenset()
) -> tuple[str, list] | None:
    """The digest of the query ``sql`` with ``params`` by the write stamps of the tables it reads
    (and of those ``joined`` to it), or None when the stamps do not tell when its rows change: a
    table it reads is not stamped, or it depends on the page's moment (``READ_AT``), whose rows
    may change with the clock alone (what has begun, days in a stage) and whose key would change
    at every visit."""
    tables = tables_read(sql) | joined
    if not tables or not tables <= stamped_tables(using) or READ_AT in params:
        return None
    return written_select(sql, list(params), tables, using=using)


def tables_read(sql: str) -> frozenset[str]:
    """The portal's tables ``sql`` (compiled by Django, which quotes every table's name) reads."""
    return frozenset(_QUOTED.findall(sql)) & _model_tables()


_stamped: dict[str, frozenset[str]] = {}


def stamped_tables(using: str = "default") -> frozenset[str]:
    """The tables whose writes the database stamps (those with the ``stamp_write`` trigger), read
    once per process beside Django's cursor (not one of a page's queries). A table stamped by a
    later migration is digested row by row until the next start, which is only slower."""
    if using not in _stamped:
        connection = connections[using]
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT relation.relname FROM pg_trigger AS stamping "
                "JOIN pg_class AS relation ON relation.oid = stamping.tgrelid "
                "WHERE stamping.tgname = 'stamp_write' AND NOT stamping.tgisinternal "
                "AND stamping.tgenabled <> 'D' AND pg_table_is_visible(relation.oid)"
            )
            _stamped[using] = frozenset(name for (name,) in cursor.fetchall())
    return _stamped[using]


# A table's stamps as other transactions committed them, then this transaction's own writes to it
# (a page read inside the transaction that wrote, e.g. a test's).
_STAMPS = (
    "COALESCE((SELECT string_agg(stamp, ',' ORDER BY id) FROM {stamps} "
    "WHERE table_name = '{table}'), ''), "
    "COALESCE(current_setting('workstation.written_{table}', true), '')"
)


def written_select(sql: str, params: list, tables, *, using: str) -> tuple[str, list]:
    """A digest of the query ``sql`` with ``params`` and of the write stamps of ``tables`` (every
    table it reads): the same as long as its rows are."""
    stamps = connections[using].ops.quote_name(WriteStamp._meta.db_table)
    query = hashlib.md5(sql.encode()).hexdigest()  # noqa: S324 - a key, not a secret
    values = [f"'{query}'", *(["%s::text"] * len(params))]
    values += [_STAMPS.format(stamps=stamps, table=table) for table in sorted(tables)]
    return f"md5(concat_ws(' ', {', '.join(values)}))", list(params)


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
    expression to select with ``selected_values`` (``written_select`` when every table is
    stamped)."""
    model = queryset.model
    quote = connections[queryset.db].ops.quote_name
    # Django names each selected column after the name asked for (in an order of its own).
    ids = queryset.values_list("pk", *related, *values)
    try:
        sql, params = ids.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return "''", []
    joined = {model._meta.get_field(name).related_model._meta.db_table for name in related}
    stamped = stamps_select(
        sql, params, using=queryset.db, joined=frozenset({model._meta.db_table, *joined})
    )
    if stamped is not None:
        return stamped
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
    selects: list[tuple[str, list]],
    *,
    using: str = "default",
    now: datetime | None = None,
    prepared: bool = False,
) -> list:
    """The values of the expressions ``selects`` (SQL, parameters), in one query, ``READ_AT``
    standing for ``now``. ``prepared``: a page's statement, the same at every visit but for its
    parameters' values, is planned once per connection (planning it cost half its time); not for
    statements whose best plan depends on the values (a search's words)."""
    if not selects:
        return []
    sql = "SELECT " + ", ".join(sql for sql, _params in selects)
    params = [param for _sql, params in selects for param in params]
    if now is not None:
        params = [now if param == READ_AT else param for param in params]
    connection = connections[using]
    with connection.cursor() as cursor:
        use = prepared and settings.PREPARED_DIGESTS
        name = _prepared_name(connection, sql, params) if use else None
        if name is None:
            cursor.execute(sql, params)
        else:
            arguments = f"({', '.join(['%s'] * len(params))})" if params else ""
            cursor.execute(f"EXECUTE {name}{arguments}", params)
        return list(cursor.fetchone())


# PostgreSQL's type of each kind of parameter (bool before int, datetime before date: subclasses).
_TYPES = (
    (bool, "boolean"),
    (int, "bigint"),
    (float, "double precision"),
    (Decimal, "numeric"),
    (str, "text"),
    (datetime, "timestamptz"),
    (date, "date"),
    (timedelta, "interval"),
    (UUID, "uuid"),
)
# The statements prepared on each open connection: {(SQL, types): name, or None if it could not be}.
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _type_of(value) -> str | None:
    return next((name for kind, name in _TYPES if isinstance(value, kind)), None)


def _prepared_name(connection, sql: str, params: list) -> str | None:
    """The name ``sql`` is prepared under on ``connection`` (prepared now if new), or None when it
    cannot be (a parameter of another kind, or PostgreSQL refused it: then it runs as it is).
    Prepared beside Django's cursor, so that it never counts as one of a page's queries."""
    raw = connection.connection
    known = _prepared.setdefault(raw, {})
    types = tuple(_type_of(param) for param in params)
    key = (sql, types)
    if key in known:
        return known[key]
    name = None
    if None not in types:
        name = "digest_" + hashlib.blake2b(repr(key).encode(), digest_size=10).hexdigest()
        numbers = iter(range(1, len(params) + 1))
        text = _PLACEHOLDER.sub(lambda m: "%" if m[1] == "%" else f"${next(numbers)}", sql)
        declared = f"({', '.join(types)})" if types else ""
        # In a transaction (a test's, an atomic request's), a refusal must not abort it.
        inside = raw.info.transaction_status != psycopg2.extensions.TRANSACTION_STATUS_IDLE
        with raw.cursor() as cursor:
            try:
                if inside:
                    cursor.execute("SAVEPOINT digest_prepare")
                cursor.execute(f"PREPARE {name}{declared} AS {text}")
            except psycopg2.Error:
                name = None
                if inside:
                    cursor.execute("ROLLBACK TO SAVEPOINT digest_prepare")
            if inside:
                cursor.execute("RELEASE SAVEPOINT digest_prepare")
    known[key] = name
    return name


_PLACEHOLDER = re.compile(r"%(%|s)")


# The digest expressions written once per process (``written_once``), the latest first.
_written: OrderedDict[tuple, object] = OrderedDict()
WRITTEN_KEPT = 256
_writing = threading.Lock()
Written = TypeVar("Written")


def written_once(key: tuple, write: Callable[[], Written]) -> Written:
    """``write()``'s digest expression, kept in the process under ``key``, which must name all
    that decides the statement (the page, its language, the filters it has: none for the pages
    that use it), ``READ_AT`` standing for the moment: for a page whose statement is the same at
    every visit, where building and compiling its query set cost as much as running it. The
    latest ``WRITTEN_KEPT`` are kept (a page number comes from the address)."""
    with _writing:
        if key in _written:
            _written.move_to_end(key)
            return _written[key]
    select = write()
    with _writing:
        _written[key] = select
        while len(_written) > WRITTEN_KEPT:
            _written.popitem(last=False)
    return select


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

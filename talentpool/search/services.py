"""Finding people in the pool: the one search box of the staff and official lists.

Interface used by the rest of the app (keep it when the internals change):
- ``document_for(profile) -> str``: the text indexed for a profile;
- ``index_profile(profile)``: refresh its ``search_document`` (call after saving the fields);
- ``reindex_profiles(queryset=None, batch_size=...)``: rebuild every (or the given) profile's
  document, one UPDATE per batch (``manage.py reindex_talent``);
- ``search_profiles(queryset, query, *, limit, count_limit, offset) -> SearchResult``: the ranked
  ``limit`` matches from ``offset`` on, with the number of matches counted up to ``count_limit``;
- ``page_digest(queryset, query, *, limit, count_limit, offset, beside) -> PageDigest``: the same
  page as a digest of its rows (and of the ``beside`` digests'), their number and the count,
  in one query and without reading a row (a list keeps its rendered rows under the digest).

How: ``search_document`` is a ``tsvector`` in PostgreSQL's ``'simple'`` configuration (no
extension needed) over the tokens of ``segmenter.document_tokens``, weighted A (names), B
(employer), C (title and expertise), D (school), with a GIN index. A query becomes a ``tsquery`` of
``segmenter.parse_query``'s terms. At most ``count_limit + 1`` matching rows are taken from the
index (plus as many exact matches, e.g. the full name) and only those are ranked (``ts_rank``, then
newest first), so a broad query costs about what a narrow one does; the page shows "1,000+" when
``total`` is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import F, QuerySet, Value

from workstation.digests import selected_values, stamps_select, written_once
from workstation.segmenter import Term, document_tokens, parse_query

CONFIG = "simple"
# Weight letter of each part of the document, in ``_document_parts`` order.
WEIGHTS = ("A", "B", "C", "D")
DOCUMENT_FIELDS = ("name_zh", "name_en", "employer", "title", "expertise", "school")
ORDER = ("-created_at", "-id")


@dataclass(frozen=True)
class SearchResult:
    profiles: list
    # The number of matches, or None when there are more than ``counted_up_to`` (shown "1,000+").
    total: int | None
    counted_up_to: int


@dataclass(frozen=True)
class PageDigest:
    digest: str  # of every column of the page's rows in their order, and of the rows beside
    rows: int  # on the page
    total: int | None  # as SearchResult's
    counted_up_to: int


def _document_parts(values: dict) -> tuple[str, str, str, str]:
    tokens = document_tokens(**{field: values.get(field) or "" for field in DOCUMENT_FIELDS})
    return tuple(
        " ".join(part) for part in (tokens.names, tokens.employer, tokens.work, tokens.school)
    )


def document_for(profile) -> str:
    """The tokens indexed for ``profile`` (names first), as one string."""
    parts = _document_parts({field: getattr(profile, field) for field in DOCUMENT_FIELDS})
    return " ".join(part for part in parts if part)


def index_profile(profile) -> None:
    """Refresh ``profile.search_document`` with one UPDATE (the other fields are left alone)."""
    from talentpool.profiles.models import TalentProfile

    parts = _document_parts({field: getattr(profile, field) for field in DOCUMENT_FIELDS})
    vector = None
    for text, weight in zip(parts, WEIGHTS, strict=True):
        part = SearchVector(Value(text), config=CONFIG, weight=weight)
        vector = part if vector is None else vector + part
    TalentProfile.objects.filter(pk=profile.pk).update(search_document=vector)


_BATCH_UPDATE = """
UPDATE {table} AS profile
SET search_document = setweight(to_tsvector('{config}', batch.a), 'A')
    || setweight(to_tsvector('{config}', batch.b), 'B')
    || setweight(to_tsvector('{config}', batch.c), 'C')
    || setweight(to_tsvector('{config}', batch.d), 'D')
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) AS batch(id, a, b, c, d)
WHERE profile.id = batch.id
"""


def reindex_profiles(*, queryset: QuerySet | None = None, batch_size: int = 2000) -> int:
    """Rebuild the search document of every profile (or of ``queryset``), one UPDATE per batch."""
    from talentpool.profiles.models import TalentProfile

    queryset = TalentProfile.objects.all() if queryset is None else queryset
    sql = _BATCH_UPDATE.format(
        table=connection.ops.quote_name(TalentProfile._meta.db_table), config=CONFIG
    )
    done, last = 0, None
    while True:
        batch = queryset.order_by("pk")
        if last is not None:
            batch = batch.filter(pk__gt=last)
        rows = list(batch.values("pk", *DOCUMENT_FIELDS)[:batch_size])
        if not rows:
            return done
        columns = [
            [row["pk"] for row in rows],
            *zip(*(_document_parts(row) for row in rows), strict=True),
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, [list(column) for column in columns])
        done += len(rows)
        last = rows[-1]["pk"]


def _quoted(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery_text(terms: list[Term]) -> str:
    clauses = []
    for term in terms:
        alternatives = [" & ".join(_quoted(token) for token in alternative) for alternative in term]
        clauses.append("(" + " | ".join(f"({alternative})" for alternative in alternatives) + ")")
    return " & ".join(clauses)


def tsquery_for(query: str) -> tuple[str, str | None] | None:
    """The ``tsquery`` texts of a search-box query (all matches, exact matches), or None when the
    query holds nothing searchable."""
    parsed = parse_query(query)
    if not parsed.terms:
        return None
    return _tsquery_text(parsed.terms), _tsquery_text(parsed.exact) if parsed.exact else None


# One statement: the candidates ranked on their own narrow rows, then only the page's rows read in
# full. Ranking inside the candidates' scan, rather than reading every candidate's full row and
# joining its related rows before sorting, halves a broad query's time over 100,000 profiles
# (bench/talent_search.py).
_RANKED_PAGE = """
SELECT {columns}, ranked.search_rank, ranked.search_matches
FROM (
    SELECT candidate.id, candidate.created_at, candidate.search_rank,
        COUNT(*) OVER () AS search_matches
    FROM ({candidates}) AS candidate (id, created_at, search_rank)
    ORDER BY candidate.search_rank DESC, candidate.created_at DESC, candidate.id DESC
    LIMIT %s OFFSET %s
) AS ranked
JOIN {table} ON {table}.{pk} = ranked.id
ORDER BY ranked.search_rank DESC, ranked.created_at DESC, ranked.id DESC
"""
_COUNTED = "SELECT COUNT(*) FROM ({candidates}) AS candidate"


@dataclass(frozen=True)
class _PageQuery:
    """A page of matches as SQL: ``sql`` gives the page's rows (a listing's: their ids alone);
    ``counted`` (for a listing without a query) counts the matches up to the limit; a search's
    rows carry the number of matches in ``search_matches`` and ``candidates`` counts them when
    the page is empty."""

    sql: str
    params: list
    database: str
    table: str
    pk: str
    counted: tuple[str, list] | None = None
    candidates: tuple[str, list] | None = None


def _page_query(
    queryset: QuerySet, query: str, *, limit: int, count_limit: int, offset: int
) -> _PageQuery | None:
    """The page's SQL, or None when nothing can match (an empty query set or search)."""
    database = connections[queryset.db]
    query = (query or "").strip()
    model = queryset.model
    table = database.ops.quote_name(model._meta.db_table)
    pk = database.ops.quote_name(model._meta.pk.column)
    if not query:
        # The page's ids: digested by their rows' versions (``page_digest``), they are quicker to
        # write and to plan than a query naming every column of the profile and its joins.
        ids = queryset.order_by(*ORDER).values("id")[offset : offset + limit]
        counted = queryset.order_by().values("id")[: count_limit + 1]  # narrow: from an index
        try:
            ids_sql, params = ids.query.get_compiler(connection=database).as_sql()
            count_sql, count_params = counted.query.get_compiler(connection=database).as_sql()
        except EmptyResultSet:
            return None
        return _PageQuery(
            ids_sql,
            list(params),
            queryset.db,
            table,
            pk,
            counted=(_COUNTED.format(candidates=count_sql), list(count_params)),
        )
    texts = tsquery_for(query)
    if texts is None:
        return None
    try:
        # What decides the search's statement but its words: the query set's own.
        where, where_params = (
            queryset.order_by().values("pk").query.get_compiler(connection=database).as_sql()
        )
    except EmptyResultSet:  # e.g. ``visible_to`` gave ``none()``
        return None
    key = ("search", queryset.db, where, repr(where_params), texts[1] is not None, count_limit)
    sql, params, candidates_sql = written_once(
        key, lambda: _ranked_sql(queryset, exact=texts[1] is not None, count_limit=count_limit)
    )
    words = {_WORDS: texts[0], _EXACT: texts[1]}

    def worded(params):
        return [
            words[param] if isinstance(param, str) and param in words else param for param in params
        ]

    return _PageQuery(
        sql,
        [*worded(params), limit, offset],
        queryset.db,
        table,
        pk,
        candidates=(candidates_sql, worded(params)),
    )


# Stand for a search's words in its statement, written once per query set (``_ranked_sql``).
_WORDS = "\x00search words\x00"
_EXACT = "\x00exact words\x00"


def _ranked_sql(queryset: QuerySet, *, exact: bool, count_limit: int):
    """A search's statement (``_RANKED_PAGE``), its parameters but the page's limit and offset,
    and its candidates' count, with ``_WORDS`` and ``_EXACT`` for the words: building and
    compiling it cost as much as running it."""
    database = connections[queryset.db]
    model = queryset.model
    table = database.ops.quote_name(model._meta.db_table)
    tsquery = SearchQuery(_WORDS, search_type="raw", config=CONFIG)
    rank = SearchRank(F("search_document"), tsquery)
    exact_query = SearchQuery(_EXACT, search_type="raw", config=CONFIG) if exact else None
    if exact_query is not None:
        rank = rank + SearchRank(F("search_document"), exact_query)

    def matching(condition):
        return (
            queryset.filter(search_document=condition)
            .order_by()
            .annotate(search_rank=rank)
            .values_list("pk", "created_at", "search_rank")[: count_limit + 1]
        )

    # The bounded candidate set: at most count_limit + 1 matches straight from the GIN index ...
    candidates = matching(tsquery)
    if exact_query is not None:
        # ... plus the exact matches (a subset of all the matches), which rank first: so that
        # "wang wei" shows the people called Wang Wei even among thousands of Wangs.
        candidates = matching(exact_query).union(candidates)
    candidates_sql, params = candidates.query.get_compiler(connection=database).as_sql()
    columns = ", ".join(
        f"{table}.{database.ops.quote_name(field.column)}"
        for field in model._meta.concrete_fields
        if field.name != "search_document"  # not needed by the pages, and the widest column
    )
    sql = _RANKED_PAGE.format(
        columns=columns,
        candidates=candidates_sql,
        table=table,
        pk=database.ops.quote_name(model._meta.pk.column),
    )
    # The count reads the candidates alone, with the same parameters.
    return sql, list(params), _COUNTED.format(candidates=candidates_sql)


def _counted(page: _PageQuery, counted) -> int:
    sql, params = counted
    with connections[page.database].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def search_profiles(
    queryset: QuerySet, query: str, *, limit: int = 50, count_limit: int = 1000, offset: int = 0
) -> SearchResult:
    """The best ``limit`` matches of ``query`` in ``queryset`` from ``offset`` on, best first.

    ``queryset`` is what the user may see (``visible_to``), possibly filtered further. An empty
    query lists it newest first. Costs one query when the page has rows (two for an empty query).
    A search's profiles carry every field but the search document and no related rows (prefetch
    them with ``prefetch_related_objects``); each has its ``search_rank`` and ``search_matches``.
    """
    page = _page_query(queryset, query, limit=limit, count_limit=count_limit, offset=offset)
    if page is None:
        return SearchResult(profiles=[], total=0, counted_up_to=count_limit)
    if page.counted is not None:  # a listing: the query set's own rows, then the count
        profiles = list(queryset.defer("search_document").order_by(*ORDER)[offset : offset + limit])
        matches = _counted(page, page.counted)
    else:
        ranked = queryset.model._default_manager.db_manager(queryset.db).raw(page.sql, page.params)
        profiles = list(ranked)
        if profiles:
            matches = profiles[0].search_matches
        elif offset:  # an empty page beyond the last: count the candidates alone
            matches = _counted(page, page.candidates)
        else:
            matches = 0
    return SearchResult(
        profiles=profiles,
        total=matches if matches <= count_limit else None,
        counted_up_to=count_limit,
    )


# One scalar: the page's digest (each row's id and version: ``workstation.digests``), its number
# of rows and (a search's) number of matches.
_PAGE_SUMMARY = """(SELECT ARRAY[
    md5(COALESCE(
        array_agg(
            ARRAY[page.id::text, listed.xmin::text, listed.ctid::text] ORDER BY page.position
        )::text,
        ''
    )),
    COUNT(*)::text,
    {matches}]
FROM (SELECT rows.*, row_number() OVER () AS position FROM ({sql}) AS rows) AS page
JOIN {table} AS listed ON listed.{pk} = page.id)"""


def page_digest(
    queryset: QuerySet,
    query: str,
    *,
    limit: int = 50,
    count_limit: int = 1000,
    offset: int = 0,
    beside: tuple[tuple[str, list], ...] = (),
    now: datetime | None = None,
) -> PageDigest:
    """The page ``search_profiles`` would give, as a digest of its rows (by their versions, not
    of the rows they refer to) followed by the digests of ``beside`` (what the rows
    show of other records: the places and industries they name; expressions made by
    ``workstation.digests.queryset_select``; ``now`` stands for their ``READ_AT``), with the number
    of rows and of matches, no row read into Python.

    When every table the page reads is stamped (``workstation/stamps``), one small query tells
    whether the page is one summarised before (kept in the fragments cache under the page's query
    and the tables' stamps): a search is then not ranked again. Otherwise, or the first time, one
    query more summarises it."""
    page = _page_query(queryset, query, limit=limit, count_limit=count_limit, offset=offset)
    if page is None:
        return PageDigest(digest="", rows=0, total=0, counted_up_to=count_limit)
    keyed = _stamped_key(page)
    if keyed is None:
        (digest, rows, total), rest = _summarised(page, offset=offset, beside=beside, now=now)
    else:
        key, *rest = selected_values([keyed, *beside], using=page.database, now=now, prepared=True)
        kept = caches["fragments"].get(f"page-summary-{key}")
        if kept is None:
            kept, _rest = _summarised(page, offset=offset)
            caches["fragments"].set(f"page-summary-{key}", kept)
        digest, rows, total = kept
    return PageDigest(
        digest=" ".join([digest, *rest]),
        rows=rows,
        total=total if total <= count_limit else None,
        counted_up_to=count_limit,
    )


def _stamped_key(page: _PageQuery) -> tuple[str, list] | None:
    """A digest expression of the page's query and of the stamps of the tables it reads, or None
    when the stamps do not tell (``workstation.digests.stamps_select``)."""
    parts = [part for part in (page.counted, page.candidates) if part]
    sql = " ".join([page.sql, *(part[0] for part in parts)])
    params = [*page.params, *(param for part in parts for param in part[1])]
    return stamps_select(sql, params, using=page.database)


def _summarised(
    page: _PageQuery, *, offset: int, beside=(), now: datetime | None = None
) -> tuple[tuple[str, int, int], list]:
    """The page's digest, number of rows and of matches, and the values of ``beside``: one query
    (two for an empty search page beyond the last)."""
    matches = "MAX(page.search_matches)::text" if page.counted is None else "NULL"
    summary = _PAGE_SUMMARY.format(sql=page.sql, matches=matches, table=page.table, pk=page.pk)
    selects = [(summary, page.params)]
    if page.counted is not None:
        selects.append((f"({page.counted[0]})", page.counted[1]))
    selects += beside
    # A listing's statement is the same at every visit; a search's best plan depends on its words.
    values = selected_values(
        selects, using=page.database, now=now, prepared=page.counted is not None
    )
    (digest, rows, found), rest = values[0], values[1:]
    if page.counted is not None:
        total, rest = rest[0], rest[1:]
    elif found is not None:
        total = int(found)
    elif offset:  # an empty page beyond the last: count the candidates alone
        total = _counted(page, page.candidates)
    else:
        total = 0
    return (digest, int(rows), total), rest

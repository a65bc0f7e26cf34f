"""Finding people in the pool: the one search box of the staff and official lists.

Interface used by the rest of the app (keep it when the internals change):
- ``document_for(profile) -> str``: the text indexed for a profile;
- ``index_profile(profile)``: refresh its ``search_document`` (call after saving the fields);
- ``search_profiles(queryset, query, *, limit) -> SearchResult``: the ranked first ``limit``
  matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class SearchResult:
    profiles: list
    # The number of matches, or None when there are more than ``counted_up_to`` (shown "1,000+").
    total: int | None
    counted_up_to: int


def document_for(profile) -> str:
    parts = [profile.name_zh, profile.name_en, profile.name_pinyin, profile.employer,
             profile.title, profile.expertise, profile.school]  # fmt: skip
    return " ".join(part for part in parts if part)


def index_profile(profile) -> None:
    """Placeholder-free simple version: the search below reads the fields directly."""


def search_profiles(queryset: QuerySet, query: str, *, limit: int = 50, count_limit: int = 1000):
    terms = query.split()
    for term in terms:
        queryset = queryset.filter(
            Q(name_zh__icontains=term) | Q(name_en__icontains=term) | Q(name_pinyin__icontains=term)
            | Q(employer__icontains=term) | Q(expertise__icontains=term)
        )  # fmt: skip
    matches = list(queryset.values_list("pk", flat=True)[: count_limit + 1])
    total = len(matches) if len(matches) <= count_limit else None
    return SearchResult(profiles=list(queryset[:limit]), total=total, counted_up_to=count_limit)

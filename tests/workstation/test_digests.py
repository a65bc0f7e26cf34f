"""Digests of rows computed by the database (workstation/digests.py): they change with what the
rows hold, however it changed, and only then."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from django.db import connection

from projects.pipeline.models import Project
from tests.factories import EventFactory, ProjectFactory, UserFactory
from workstation import digests
from workstation.accounts.models import User
from workstation.digests import selected_values, table_select, versions_select, written_once
from workstation.events.models import Event
from workstation.reference.models import Industry

pytestmark = pytest.mark.django_db


def digest(queryset, **kwargs) -> str:
    return selected_values([versions_select(queryset, **kwargs)])[0]


def test_a_rows_version_changes_with_each_update_even_in_one_transaction():
    owner = UserFactory(full_name="First")
    project = ProjectFactory(owner=owner)
    projects = Project.objects.order_by("pk")
    first = digest(projects, related=("owner",))
    assert digest(projects, related=("owner",)) == first  # nothing changed
    Project.objects.filter(pk=project.pk).update(company="Changed")
    second = digest(projects, related=("owner",))
    assert second != first
    Project.objects.filter(pk=project.pk).update(company="Changed again")  # the same transaction
    third = digest(projects, related=("owner",))
    assert third not in (first, second)
    User.objects.filter(pk=owner.pk).update(full_name="Renamed")  # a row it refers to
    assert digest(projects, related=("owner",)) != third
    assert digest(projects) == digest(projects)  # without the owner: the project unchanged


def test_the_order_the_rows_and_the_values_count():
    # Events are not stamped (workstation/stamps): digested by their rows' versions.
    one, two = EventFactory(), EventFactory()
    ordered = Event.objects.order_by("pk")
    assert digest(ordered) != digest(Event.objects.order_by("-pk"))
    assert digest(ordered) != digest(ordered.filter(pk=one.pk))
    Event.objects.filter(pk=two.pk).delete()
    assert digest(ordered) == digest(ordered.filter(pk=one.pk))


def test_a_table_digest_follows_its_rows():
    before = selected_values([table_select(Industry, "en")])[0]
    Industry.objects.filter(key="new_energy").update(name_en="Clean energy")
    assert selected_values([table_select(Industry, "en")])[0] != before


def test_a_prepared_statement_gives_what_the_plain_one_gives_and_a_refused_one_still_runs():
    ProjectFactory(), ProjectFactory()
    selects = [versions_select(Project.objects.order_by("pk")), ("%s::text", ["x"])]
    plain = selected_values(selects)
    assert selected_values(selects, prepared=True) == plain  # prepared now
    assert selected_values(selects, prepared=True) == plain  # run as prepared
    # PostgreSQL refuses to prepare '1' (text) = 1 but runs it; the test's transaction goes on.
    assert selected_values([("%s = 1", ["1"])], prepared=True) == [True]
    assert selected_values([("%s = 1", ["1"])], prepared=True) == [True]
    assert Project.objects.count() == 2


def prepared_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def test_behind_a_pooler_nothing_is_prepared(settings):
    settings.PREPARED_DIGESTS = False
    before = prepared_statements()
    assert selected_values([("%s::text || 'pooled'", ["x"])], prepared=True) == ["xpooled"]
    assert prepared_statements() == before
    settings.PREPARED_DIGESTS = True
    selected_values([("%s::text || 'pooled'", ["x"])], prepared=True)
    assert len(prepared_statements() - before) == 1


def test_statements_written_once_are_kept_under_their_key_the_latest_only(monkeypatch):
    monkeypatch.setattr(digests, "_written", OrderedDict())
    writes = []

    def write(number):
        def made():
            writes.append(number)
            return (f"'{number}'", [])

        return made

    assert written_once(("page", 1), write(1)) == ("'1'", [])
    assert written_once(("page", 1), write(-1)) == ("'1'", [])  # kept: not written again
    for number in range(2, digests.WRITTEN_KEPT + 2):
        written_once(("page", number), write(number))
    assert len(digests._written) == digests.WRITTEN_KEPT
    written_once(("page", 1), write(1))  # the oldest was let go: written again
    assert writes.count(1) == 2 and -1 not in writes

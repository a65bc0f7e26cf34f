"""Write stamps (workstation/stamps): a digest over stamped tables changes with every write, by
any path and in any transaction, never when nothing was written, and writers never wait for each
other to stamp."""

from __future__ import annotations

from datetime import timedelta

import psycopg2
import pytest
from django.db import connection, transaction

from talentpool.profiles.models import TalentProfile
from tests.factories import TalentProfileFactory
from workstation.digests import READ_AT, queryset_select, selected_values, stamped_tables
from workstation.reference.models import Industry

PROFILES = TalentProfile._meta.db_table


def key(queryset=None) -> str:
    queryset = TalentProfile.objects.order_by("pk") if queryset is None else queryset
    return selected_values([queryset_select(queryset)])[0]


def other_connection():
    """A second session on the test database, outside Django (its own transactions)."""
    raw = psycopg2.connect(**connection.get_connection_params())
    with raw.cursor() as cursor:
        cursor.execute("SET lock_timeout = '2s'")  # a writer that waits fails the test
    raw.commit()
    return raw


@pytest.mark.django_db
def test_the_pool_its_searches_and_the_pipelines_figures_are_stamped():
    assert {
        PROFILES,
        "workstation_region",
        "workstation_industry",
        "workstation_registration",
        "projects_project",
        "projects_stagechange",
        "projects_match",
        "projects_demand",
    } <= stamped_tables()


@pytest.mark.django_db
def test_inside_one_transaction_every_statement_changes_the_key():
    profile = TalentProfileFactory()
    keys = [key()]
    assert key() == keys[0]  # read again, nothing written
    TalentProfile.objects.filter(pk=profile.pk).update(employer="Changed")
    keys.append(key())
    TalentProfile.objects.filter(pk=profile.pk).update(employer="Changed again")
    keys.append(key())
    with connection.cursor() as cursor:  # behind Django's back
        cursor.execute(
            "UPDATE talentpool_talentprofile SET title = 'Raw' WHERE id = %s", [profile.pk]
        )
    keys.append(key())
    TalentProfile.objects.filter(pk=profile.pk).delete()
    keys.append(key())
    assert len(set(keys)) == len(keys)


@pytest.mark.django_db
def test_a_write_to_another_stamped_table_leaves_the_pool_key_alone_and_the_query_counts():
    TalentProfileFactory()
    before = key()
    Industry.objects.filter(key="new_energy").update(name_en="Clean energy")
    assert key() == before  # the profiles query reads no industry
    assert key(TalentProfile.objects.order_by("-pk")) != before  # another query, another key


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_no_mark_and_the_next_one_a_new_one():
    TalentProfileFactory()
    before = key()
    with pytest.raises(RuntimeError), transaction.atomic():
        TalentProfile.objects.update(employer="Undone")
        raise RuntimeError
    assert key() == before
    TalentProfile.objects.update(employer="Done")
    assert key() != before


@pytest.mark.django_db(transaction=True)
def test_committed_writes_of_other_sessions_change_the_key_and_writers_never_wait(reference_data):
    profiles = TalentProfileFactory(), TalentProfileFactory()
    first, second = other_connection(), other_connection()
    try:
        start = key()
        # Two open transactions write to the pool at once: neither waits for the other's stamp.
        for session, profile in zip((first, second), profiles, strict=True):
            with session.cursor() as cursor:
                cursor.execute(
                    "UPDATE talentpool_talentprofile SET employer = 'Changed' WHERE id = %s",
                    [profile.pk],
                )
        assert key() == start  # nothing committed yet
        first.commit()
        after_first = key()
        assert after_first != start
        second.commit()
        after_both = key()
        assert after_both not in (start, after_first)
        assert key() == after_both  # and stays while nothing is written
        with first.cursor() as cursor:  # a write rolled back changes nothing
            cursor.execute("UPDATE talentpool_talentprofile SET employer = 'Undone'")
        first.rollback()
        assert key() == after_both
        with first.cursor() as cursor:  # TRUNCATE, as a flush or a restore would
            cursor.execute("TRUNCATE talentpool_talentprofile CASCADE")
        first.commit()
        assert key() != after_both
    finally:
        first.close()
        second.close()


@pytest.mark.django_db
def test_a_query_of_the_pages_moment_is_keyed_by_its_rows_not_by_the_moment():
    profile = TalentProfileFactory()
    created = TalentProfile.objects.filter(created_at__lte=READ_AT).order_by("pk")

    def at(moment) -> str:
        return selected_values([queryset_select(created)], now=moment)[0]

    later = profile.created_at + timedelta(hours=1)
    assert at(later) == at(later + timedelta(days=3))  # the same rows a moment apart
    assert at(profile.created_at - timedelta(seconds=1)) != at(later)  # not yet created

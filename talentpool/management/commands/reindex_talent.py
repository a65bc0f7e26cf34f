"""Rebuild the talent search index: ``manage.py reindex_talent [--batch-size N] [--no-vacuum]``.

Run it after a change to the search module's tokens (``workstation/segmenter.py``). It
rewrites every row, so it then runs ``VACUUM (ANALYZE)`` on the table: without it the dead rows and
the GIN index's pending list make searches several times slower until autovacuum comes by.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection

from talentpool.profiles.models import TalentProfile
from talentpool.search.services import reindex_profiles


class Command(BaseCommand):
    help = "Rebuild the search document of every talent profile."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000, help="profiles per UPDATE")
        parser.add_argument("--no-vacuum", action="store_true", help="skip VACUUM (ANALYZE)")

    def handle(self, *args, batch_size: int, no_vacuum: bool, **options):
        started = time.perf_counter()
        done = reindex_profiles(batch_size=batch_size)
        self.stdout.write(f"Reindexed {done} profiles in {time.perf_counter() - started:.1f} s.")
        if not no_vacuum and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(TalentProfile._meta.db_table)
                cursor.execute(f"VACUUM (ANALYZE) {table}")
            self.stdout.write("Vacuumed and analysed the table.")

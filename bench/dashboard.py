"""Server time of the annual-duties dashboard and of its year-end PDF over a large talent pool.

    .venv/bin/python bench/dashboard.py [--profiles 100000] [--projects 3000] [--repeat 20]
                                        [--rebuild]

Uses a database of its own, ``bench_dashboard``, on the PostgreSQL server of ``DATABASE_URL`` (or on
the embedded server when it is unset), created and migrated on first use and kept between runs:
``--profiles`` synthetic talent profiles (the talent-search benchmark's generator: realistic names,
native places spread over Gansu, registered over six years), ``--projects`` pipeline projects
spread over three expo years with their stage histories, a year of monthly meetings, a conference
with two media partners, VIP invitations and twelve briefings.

Measures, for this year, ``--repeat`` times each: the dashboard page through Django (view, queries,
template) for a staff member and for an official, with the number of SQL queries; then the year-end
PDF rendered as the worker does (``summary_document`` + ``render_pdf``), in Chinese and in English,
with its size. Targets: page p95 < 300 ms; PDF < 3 s and < 2 MB. Prints PASS/FAIL, exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_database import bench_database_url, bench_person, setup_django

DATABASE = "bench_dashboard"
SEED = 20261
PAGE_TARGET_MS = 300
PDF_TARGET_S = 3.0
PDF_TARGET_BYTES = 2 * 1024 * 1024
MARKER = "[bench]"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def add_pipeline_and_events(*, projects: int, year: int) -> None:
    """Projects with stage histories over three expo years, and the year's events and briefings."""
    from projects.pipeline.models import MAIN_LINE, Project, StageChange
    from reports.briefings.models import MonthlyBriefing
    from workstation.events.models import Event, MediaPartner
    from workstation.invitations.models import Invitation
    from workstation.meetings.models import Meeting

    rng = random.Random(SEED)  # noqa: S311 - reproducible sample data
    made = Project.objects.bulk_create(
        Project(
            title=f"{MARKER} {n}",
            title_en=f"{MARKER} project {n}",
            title_zh_hans=f"{MARKER}项目{n}",
            summary_en="Benchmark project",
            summary_zh_hans="基准测试项目",
            company=f"Bench Tech {n}",
            contact_name="Alex Chen",
            contact_email=f"bench{n}@example.com",
            landing_mode="rd_centre",
            expo_year=year + rng.choice((-1, 0, 1)),
            stage=rng.choice(MAIN_LINE),
        )
        for n in range(projects)
    )
    changes = []
    for project in made:
        previous = ""
        for stage in MAIN_LINE[: MAIN_LINE.index(project.stage) + 1]:
            changes.append(StageChange(project=project, from_stage=previous, to_stage=stage))
            previous = stage
    StageChange.objects.bulk_create(changes, batch_size=5000)

    def event(kind: str, month: int, **extra) -> Event:
        starts = datetime(year, month, 12, 17, 0, tzinfo=UTC)
        return Event.objects.create(
            kind=kind,
            title=f"{MARKER} {kind} {month}",
            title_en=f"{MARKER} {kind} {month}",
            title_zh_hans=f"{MARKER}活动{month}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            **extra,
        )

    for month in range(1, 13):
        Meeting.objects.create(event=event("monthly_meeting", month))
        MonthlyBriefing.objects.get_or_create(
            year=year,
            month=month,
            defaults={
                "status": "published",
                "published_at": datetime(year, month, 28, 18, 0, tzinfo=UTC),
            },
        )
    conference = event("conference", 6, is_public=True)
    for position, name in enumerate(("Valley Daily", "Bay Tribune")):
        MediaPartner.objects.create(event=conference, name_en=name, position=position)
    expo = event("expo", 9, is_public=True, expo_year=year)
    statuses = ["attended", "attended", "travel_arranged", "declined", "sent", "draft"]
    for number, status in enumerate(statuses):
        Invitation.objects.create(
            event=expo, name=f"{MARKER} VIP {number}", kind="investor", status=status
        )


def ensure_data(args) -> None:
    from talentpool.profiles.models import TalentProfile
    from workstation.events.models import Event

    have = TalentProfile.objects.count()
    if args.rebuild or have != args.profiles:
        from talent_search import generate

        print(f"Generating {args.profiles:,} profiles (had {have:,}) ...")
        started = time.perf_counter()
        generate(args.profiles)
        print(f"  done in {time.perf_counter() - started:.1f} s")
    if args.rebuild or not Event.objects.filter(title__startswith=MARKER).exists():
        from django.db import connection

        from projects.pipeline.models import Project
        from reports.briefings.models import MonthlyBriefing

        print(f"Adding {args.projects:,} projects, a year of meetings and briefings ...")
        tables = ", ".join(model._meta.db_table for model in (Project, Event, MonthlyBriefing))
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        add_pipeline_and_events(projects=args.projects, year=args.year)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def signed_in(role: str):
    """A test client signed in as a staff member or an official, two-factor step done."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.account.internal.userkit import user_id_to_str
    from django.test import Client

    user = bench_person(role)
    email = user.email
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": email},
        {"method": "mfa", "at": now, "id": 0, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
    return client


def time_page(client, path: str, repeat: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    # Counted now: each later request empties the connection's query log.
    query_count = len(queries.captured_queries)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return times, query_count, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="generate the data again")
    args = parser.parse_args()

    server = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded"
    setup_django(bench_database_url(DATABASE))
    from django.urls import reverse
    from django.utils import timezone, translation

    args.year = timezone.localdate().year
    print(f"Database {DATABASE} ({server}); year {args.year}")
    ensure_data(args)

    failed = False
    print(f"\nDashboard page, {args.repeat} runs each (after one warm-up)")
    for role, language in (("staff", "en"), ("official", "zh-hans")):
        with translation.override(language):
            path = reverse("reports:dashboard")
        times, queries, size = time_page(signed_in(role), path, args.repeat)
        p95 = percentile(times, 0.95)
        failed |= p95 >= PAGE_TARGET_MS
        print(
            f"  {role:<8} {path:<32} p50 {statistics.median(times):6.1f} ms  "
            f"p95 {p95:6.1f} ms  {queries} queries  {size / 1024:.0f} KB"
        )

    from workstation.pdf import pdf_unavailable_reason, render_pdf

    reason = pdf_unavailable_reason()
    if reason:
        print(f"\nYear-end PDF skipped: {reason}")
    else:
        from reports.dashboard.document import summary_document

        print("\nYear-end PDF, rendered as the worker does")
        for language in ("zh-hans", "en"):
            started = time.perf_counter()
            content = render_pdf(
                template="reports/dashboard/pdf.html",
                context=summary_document(year=args.year, language=language),
                language=language,
            )
            seconds = time.perf_counter() - started
            failed |= seconds >= PDF_TARGET_S or len(content) >= PDF_TARGET_BYTES
            print(f"  {language:<8} {seconds:5.2f} s  {len(content) / 1024:.0f} KB")

    print(
        f"\nTargets: page p95 < {PAGE_TARGET_MS} ms, PDF < {PDF_TARGET_S:.0f} s and < 2 MB: "
        f"{'FAIL' if failed else 'PASS'}"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

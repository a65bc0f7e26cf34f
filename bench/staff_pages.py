"""Throughput of the pages staff and officials use all day beside a bare Django page, gunicorn.

    .venv/bin/python bench/staff_pages.py [--profiles 1000] [--projects 100] [--seconds 3]
                                          [--rounds 2] [--concurrency 16] [--workers 2]
                                          [--only NAME ...] [--rebuild]

Uses a database of its own per pool size, ``bench_pages_<profiles>``, on the PostgreSQL server of
``DATABASE_URL`` (or on the embedded server), created and filled on first use and kept between
runs: ``--profiles`` synthetic talent profiles (the talent-search generator: 40 % shared with
Lanzhou), ``--projects`` pipeline projects with stage histories over three expo years, owned by
the bench's staff member (the dashboard benchmark's generator), a year of meetings, briefings, a
conference and VIP invitations, and this month's briefing as a draft with four items in each
written section (the briefing-PDF benchmark's items).

Starts gunicorn as production runs it (``--workers`` sync workers, DEBUG off, persistent database
connections, the cached template loader: checked in the server), signs in the bench's staff member
and official (a session cookie that passed two-factor), and requests each page from
``--concurrency`` clients for ``--seconds``, in ``--rounds`` rounds. Beside the portal's pages,
in the same run and under the same gunicorn, the baseline: a bare page of the bench's own
(``bench/bare_page.py``, mounted only through ``bench/bare_settings.py``) listing the same 25
profiles with one query through the same middleware, requested for as long just before each page
in each round, so that each ratio compares throughputs measured seconds apart whatever the shared
machine's load does meanwhile. Prints each page's requests per second, p50/p95 latency, the bare
page's requests per second beside it and the ratio, and PASS/FAIL against a ratio of at least 0.6;
exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
from bench_database import bench_database_url, bench_person, setup_django  # noqa: E402
from pages import free_port, hammer, start_gunicorn  # noqa: E402

TARGET_RATIO = 0.6
SEED = 20262
ITEMS_PER_SECTION = 4
SECRET_KEY = "bench-" + "x" * 50


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    path: str
    expect: str = ""  # a text the page must contain (it shows what it should)


def pages(briefing_pk: int) -> list[Page]:
    wang_wei = quote("王伟")
    return [
        Page("bare page (baseline)", "staff", "/en/bench/bare/", "<table>"),
        Page("directory", "staff", "/en/talent/people/", "directory-table"),
        Page("directory, official", "official", "/zh-hans/talent/people/", "directory-table"),
        Page("search wang wei", "staff", "/en/talent/people/?q=wang+wei", "result-count"),
        Page("search 王伟", "staff", f"/en/talent/people/?q={wang_wei}", "result-count"),
        Page(
            "search 王伟, official",
            "official",
            f"/zh-hans/talent/people/?q={wang_wei}",
            "result-count",
        ),
        Page("project board", "staff", "/en/projects/board/", "board-card"),
        Page("project table", "staff", "/en/projects/", "pipeline-table"),
        Page("briefing (draft)", "staff", f"/en/reports/briefings/{briefing_pk}/", "<article"),
        Page("dashboard", "staff", "/en/reports/dashboard/", "duties-table"),
        Page("dashboard, official", "official", "/zh-hans/reports/dashboard/", "duties-table"),
    ]


# --- Data


def ensure_data(args) -> int:
    """Fill the database when the pool's size differs (or ``--rebuild``); returns the pk of the
    briefing the bench reads."""
    from django.db import connection
    from django.utils import timezone

    from projects.pipeline.models import Project, StageChange
    from reports.briefings.models import MonthlyBriefing
    from talentpool.profiles.models import TalentProfile
    from workstation.events.models import Event

    year = timezone.localdate().year
    have = TalentProfile.objects.count()
    if args.rebuild or have != args.profiles:
        from talent_search import generate

        print(f"Generating {args.profiles:,} profiles (had {have:,}) ...", flush=True)
        started = time.perf_counter()
        generate(args.profiles)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    spread = StageChange.objects.filter(changed_at__lt=timezone.now() - timedelta(days=60))
    if args.rebuild or Project.objects.count() != args.projects or not spread.exists():
        from dashboard import add_pipeline_and_events

        print(f"Adding {args.projects:,} projects, a year of meetings and briefings ...")
        tables = ", ".join(model._meta.db_table for model in (Project, Event, MonthlyBriefing))
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        add_pipeline_and_events(projects=args.projects, year=year)
        dress_projects()
        open_this_months_briefing()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    today = timezone.localdate()
    return MonthlyBriefing.objects.get(year=today.year, month=today.month).pk


def dress_projects() -> None:
    """What a board card shows beside a title (an owner, an industry, a next action, some late),
    and stage histories spread over the last three years (a few changes a month), as a pipeline
    that has been worked for years has: the generator dates every change today."""
    from django.utils import timezone

    from projects.pipeline.models import Project, StageChange
    from workstation.reference.models import Industry

    rng = random.Random(SEED)  # noqa: S311 - reproducible sample data
    owner = bench_person("staff")
    industries = list(Industry.objects.values_list("pk", flat=True))
    today, now = timezone.localdate(), timezone.now()
    changes = StageChange.objects.order_by("project_id", "pk")
    history: dict[int, list[StageChange]] = {}
    for change in changes:
        history.setdefault(change.project_id, []).append(change)
    for index, (pk, steps) in enumerate(sorted(history.items())):
        last = now - timedelta(days=rng.uniform(0, 500))
        gap = timedelta(days=rng.uniform(10, 60))
        for position, change in enumerate(steps):
            change.changed_at = last - gap * (len(steps) - 1 - position)
        Project.objects.filter(pk=pk).update(
            owner=owner if index % 4 else None,
            industry_id=industries[index % len(industries)],
            next_action="Call the founder" if index % 3 else "",
            next_action_on=today + timedelta(days=index % 30 - 10) if index % 3 else None,
            created_at=steps[0].changed_at,
            stage_changed_at=last,
        )
    StageChange.objects.bulk_update(
        [change for steps in history.values() for change in steps], ["changed_at"], batch_size=1000
    )


def open_this_months_briefing() -> None:
    """This month's briefing as staff write it: a draft, four items in each written section."""
    from briefing_pdf import add_items
    from django.utils import timezone

    from reports.briefings.models import MonthlyBriefing

    today = timezone.localdate()
    briefing = MonthlyBriefing.objects.get(year=today.year, month=today.month)
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(status="draft", published_at=None)
    add_items(briefing, ITEMS_PER_SECTION)


def session_cookie(role: str) -> str:
    """A ``Cookie`` header of a session of the bench's ``role`` that passed two-factor sign-in."""
    from dashboard import signed_in
    from django.conf import settings

    client = signed_in(role)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# --- Load


def hammer_page(port: int, page: Page, cookie: str, seconds: float, concurrency: int):
    return hammer(
        port, page.path, seconds, concurrency, headers={"Cookie": cookie}, expect=page.expect
    )


def check_server(port: int, cookie: str) -> str:
    """The template loaders the server renders with (the bare page names them)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/en/bench/bare/", headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"The bare page answered {response.status}")
    return response.getheader("X-Template-Loaders", "")


def server_env() -> dict[str, str]:
    """The environment of the server: production's, with the bare page mounted."""
    from django.conf import settings

    return {
        **os.environ,
        "DATABASE_URL": settings.DATABASE_URL,
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "bare_settings",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(BENCH_DIR), str(BASE_DIR), os.environ.get("PYTHONPATH")])
        ),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=3, help="per page and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--only", nargs="*", default=[], help="measure only pages whose name contains one of these"
    )
    parser.add_argument("--rebuild", action="store_true", help="generate the data again")
    args = parser.parse_args()

    # The sessions made here must be readable by the server: the same key and settings.
    os.environ.update(SECRET_KEY=SECRET_KEY, DEBUG="0")
    database = f"bench_pages_{args.profiles}"
    server_kind = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded"
    setup_django(bench_database_url(database))
    print(f"Database {database} ({server_kind})")
    briefing_pk = ensure_data(args)
    cookies = {role: session_cookie(role) for role in ("staff", "official")}
    every = pages(briefing_pk)
    measured = [every[0]] + [
        page for page in every[1:] if not args.only or any(word in page.name for word in args.only)
    ]

    if len(measured) == 1:
        raise SystemExit(f"No page's name contains any of {args.only} (the data are ready).")
    port = free_port()
    server = start_gunicorn(server_env(), port=port, workers=args.workers)
    try:
        loaders = check_server(port, cookies["staff"])
        cached = "django.template.loaders.cached.Loader" in loaders
        print(
            f"gunicorn, {args.workers} sync workers, DEBUG off, {args.concurrency} clients, "
            f"{args.rounds} rounds of {args.seconds:g} s per page and as long on the bare page "
            f"before it; template loader: "
            f"{'cached' if cached else loaders}; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs"
        )
        bare, portal = measured[0], measured[1:]
        for page in measured:  # warm both workers: templates, translations, connections
            hammer_page(port, page, cookies[page.role], 1, args.concurrency)
        # Each page right after the bare page, round after round: the ratio compares throughputs
        # measured seconds apart, whatever the shared machine's load does meanwhile.
        results: dict[str, list[float]] = {page.name: [] for page in portal}
        beside: dict[str, list[float]] = {page.name: [] for page in portal}
        for _round in range(args.rounds):
            for page in portal:
                beside[page.name] += hammer_page(
                    port, bare, cookies[bare.role], args.seconds, args.concurrency
                )
                results[page.name] += hammer_page(
                    port, page, cookies[page.role], args.seconds, args.concurrency
                )
    finally:
        server.terminate()
        server.wait(10)

    duration = args.seconds * args.rounds
    every_bare = [latency for latencies in beside.values() for latency in latencies]
    failed = not cached
    print(f"\n{args.profiles:,} profiles, {args.projects:,} projects")
    print(f"{'page':24} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'bare/s':>7} {'ratio':>6}")
    print(
        f"{bare.name:24} {len(every_bare) / duration / len(portal):7.0f} "
        f"{statistics.median(every_bare) * 1000:7.1f} {percentile(every_bare, 0.95) * 1000:7.1f}"
    )
    for page in portal:
        latencies = results[page.name]
        rate, bare_rate = len(latencies) / duration, len(beside[page.name]) / duration
        ratio = rate / bare_rate
        verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
        failed |= verdict == "FAIL"
        print(
            f"{page.name:24} {rate:7.0f} {statistics.median(latencies) * 1000:7.1f} "
            f"{percentile(latencies, 0.95) * 1000:7.1f} {bare_rate:7.0f} {ratio:6.2f}  {verdict}"
        )
    print(
        f"\nTarget: every page at least {TARGET_RATIO} of the bare page's requests per second"
        f"{'' if cached else ' (and the cached template loader on)'}: "
        f"{'FAIL' if failed else 'PASS'}"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

"""Server time of the read API's lists over a large talent pool, beside a bare Django baseline.

    .venv/bin/python bench/api_lists.py [--profiles 100000] [--projects 3000] [--repeat 30]
                                        [--rebuild]

Uses the dashboard benchmark's database, ``bench_dashboard`` (the same generator: ``--profiles``
synthetic talent profiles, 40 % of them shared with Lanzhou, and ``--projects`` projects with their
stage histories), created on first use and kept between runs.

For each list (projects, talent profiles) and each reader (a staff member's token, an official's
token), pages of 100: the first page, a deep page and a ``?updated_since=`` pull, ``--repeat``
times each through Django's test client (URL routing, token, throttle, visibility, serializer,
audit entry, JSON; the tests hold their query counts constant). Beside each, in the same run,
the baseline: a bare Django view's work for the same page (the same ``visible_to`` rows after the
same place, ``values()`` of the same columns, ``json.dumps``), so the API's own cost shows as the
difference. The deep page is read with the cursor its ``next`` link would carry.
Target: API p95 < 50 ms per page of 100. Prints PASS/FAIL and exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_database import bench_database_url, bench_person, setup_django

DATABASE = "bench_dashboard"
TARGET_MS = 50
PAGE = 100


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def reader(role: str):
    """A test client with a fresh personal token of a bench staff member or official."""
    from django.test import Client

    from workstation.api.services import issue_token

    user = bench_person(role)
    _token, key = issue_token(actor=user, name="bench")
    return user, Client(HTTP_HOST="localhost", headers={"Authorization": f"Bearer {key}"})


def timed(call, repeat: int) -> list[float]:
    call()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def baseline(model, user, columns: list[str], *, after=None, since=None):
    """A bare Django view's work for the same page: the rows after a place, values(), JSON."""

    def call() -> bytes:
        rows = model.objects.visible_to(user).order_by("-created_at", "-id")
        if since is not None:
            rows = rows.filter(updated_at__gte=since)
        if after is not None:
            rows = rows.filter(created_at__lt=after)
        page = list(rows.values(*columns)[:PAGE])
        return json.dumps({"results": page}, default=str).encode()

    return call


def cursor_at(model, user, offset: int):
    """The ``next`` link's cursor of the page before row ``offset`` (newest first), as the API
    encodes it, and that row's place; walking there page by page would take hundreds of reads."""
    place = (
        model.objects.visible_to(user)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)[offset - 1]
    )
    return base64.b64encode(urlencode({"p": str(place)}).encode()).decode(), place


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true", help="generate the data again")
    args = parser.parse_args()

    server = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded"
    # The benchmark measures; the per-token throttle is not what it measures.
    os.environ["API_RATE"] = "1000000/minute"
    setup_django(bench_database_url(DATABASE))
    from dashboard import ensure_data
    from django.urls import reverse
    from django.utils import timezone

    from projects.pipeline.models import Project
    from talentpool.profiles.models import TalentProfile

    args.year = timezone.localdate().year
    print(f"Database {DATABASE} ({server})")
    ensure_data(args)
    since = timezone.now() - timedelta(days=365)
    lists = [
        ("projects", reverse("api:project-list"), Project, ["id", "title_en", "title_zh_hans"]),
        (
            "talents",
            reverse("api:talent-list"),
            TalentProfile,
            ["id", "name_zh", "name_en", "current_city", "employer"],
        ),
    ]
    failed = False
    print(f"\nPages of {PAGE}, {args.repeat} runs each (after one warm-up); p50 / p95 in ms")
    print(f"  {'list':<9}{'reader':<9}{'page':<14}{'API':>16}{'baseline':>18}")
    for name, path, model, columns in lists:
        for role in ("staff", "official"):
            user, client = reader(role)
            total = model.objects.visible_to(user).count()
            deep = max(1, min(500, total // PAGE))
            cursor, place = cursor_at(model, user, (deep - 1) * PAGE)
            for label, query, after, pull in (
                ("first", {}, None, None),
                (f"page {deep}", {"cursor": cursor}, place, None),
                ("updated_since", {"updated_since": since.isoformat()}, None, since),
            ):
                response = client.get(path, query)
                if response.status_code != 200:
                    raise SystemExit(f"{path} {query} answered {response.status_code}")
                api = timed(lambda c=client, p=path, q=query: c.get(p, q), args.repeat)
                base = timed(baseline(model, user, columns, after=after, since=pull), args.repeat)
                p95 = percentile(api, 0.95)
                failed |= p95 >= TARGET_MS
                print(
                    f"  {name:<9}{role:<9}{label:<14}"
                    f"{statistics.median(api):7.1f} / {p95:6.1f}"
                    f"{statistics.median(base):9.1f} / {percentile(base, 0.95):6.1f}"
                )
    print(f"\nTarget: API p95 < {TARGET_MS} ms per page of {PAGE}: {'FAIL' if failed else 'PASS'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

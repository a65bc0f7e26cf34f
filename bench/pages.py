"""Throughput and latency of the public pages under gunicorn, against the configured database.

    .venv/bin/python bench/pages.py [--seconds 10] [--workers 2] [--concurrency 8] [--rows 200]

Starts gunicorn (production settings: DEBUG off, persistent connections) on a free port, adds
``--rows`` sample policy pages and news posts (removed afterwards), requests each page from
``--concurrency`` threads for ``--seconds`` and prints requests per second and latency percentiles.
Runs on a database of its own (``bench_pages``) on the server of DATABASE_URL, else on the
embedded server; REDIS_URL likewise.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PAGES = ["/healthz", "/en/", "/zh-hans/policies/", "/en/news/"]
MARKER = "[bench]"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def django_env() -> dict[str, str]:
    """A migrated database of the benchmark's own (``bench_pages``) on the configured server."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_database import bench_database_url, setup_django

    setup_django(bench_database_url("bench_pages"))
    from django.conf import settings

    return {"DATABASE_URL": settings.DATABASE_URL, "REDIS_URL": settings.REDIS_URL}


def add_rows(rows: int) -> None:
    from workstation.publications.models import NewsPost, PolicyPage

    for model, extra in ((PolicyPage, {"topic": "talent"}), (NewsPost, {})):
        model.objects.bulk_create(
            model(
                title=f"{MARKER} {n}",
                title_en=f"{MARKER} {n}",
                title_zh_hans=f"{MARKER}{n}",
                summary_en="Benchmark row",
                summary_zh_hans="基准测试",
                is_published=True,
                is_sample=True,
                **extra,
            )
            for n in range(rows)
        )


def remove_rows() -> None:
    from workstation.publications.models import NewsPost, PolicyPage

    for model in (PolicyPage, NewsPost):
        model.objects.filter(title_en__startswith=MARKER).delete()


def start_gunicorn(env: dict[str, str], *, port: int, workers: int) -> subprocess.Popen:
    """gunicorn as production runs it (static files collected, ``workers`` sync workers) with
    ``env``, once it answers on ``port``."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "workstation.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    for _attempt in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


def hammer(
    port: int,
    path: str,
    seconds: float,
    concurrency: int,
    *,
    headers: dict[str, str] | None = None,
    expect: str = "",
) -> list[float]:
    """Latencies of GET ``path`` from ``concurrency`` clients for ``seconds``; stops with a message
    when an answer is not a 200 or does not contain ``expect``."""
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def run() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline and not errors:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            latencies.append(time.perf_counter() - started)
            if response.status != 200:
                errors.append(f"answered {response.status}")
            elif expect and expect.encode() not in body:
                errors.append(f"does not show {expect!r}")

    threads = [threading.Thread(target=run) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{path} {errors[0]}")
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rows", type=int, default=200)
    options = parser.parse_args()

    env = {
        **os.environ,
        **django_env(),
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    add_rows(options.rows)
    port = free_port()
    server = start_gunicorn(env, port=port, workers=options.workers)
    try:
        print(
            f"gunicorn, {options.workers} workers, {options.concurrency} clients, "
            f"{options.rows} rows per list, {options.seconds:.0f} s per page"
        )
        print(f"{'page':24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for path in PAGES:
            hammer(port, path, 1, options.concurrency)  # warm up
            latencies = sorted(hammer(port, path, options.seconds, options.concurrency))
            p95 = latencies[int(len(latencies) * 0.95) - 1]
            print(
                f"{path:24} {len(latencies) / options.seconds:8.0f} "
                f"{statistics.median(latencies) * 1000:8.1f} {p95 * 1000:8.1f}"
            )
    finally:
        server.terminate()
        server.wait(10)
        remove_rows()


if __name__ == "__main__":
    main()

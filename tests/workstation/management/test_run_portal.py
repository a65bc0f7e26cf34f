"""``make run`` keeps itself up: a worker that dies is started again, and the site keeps answering.

This starts the real ``run_portal`` on a free port with its own embedded PostgreSQL and Redis (a
fresh ``VAR_DIR``), as a newcomer's ``make run`` would, then kills the Celery worker.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def wait_for(predicate, *, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.5)
    pytest.fail(f"{what} within {seconds:.0f} s; run_portal's log:\n{log.read_text()[-4000:]}")


def workers_of(portal: subprocess.Popen) -> list[psutil.Process]:
    """The Celery worker run_portal started (its direct child), if one runs."""
    children = psutil.Process(portal.pid).children()
    return [
        child
        for child in children
        if child.is_running()
        and child.status() != psutil.STATUS_ZOMBIE
        and "worker" in child.cmdline()
    ]


@pytest.fixture
def portal_environment():
    # A short folder: unix socket paths must stay under 107 bytes.
    var_dir = Path(tempfile.mkdtemp(prefix="lzsv-run-", dir="/tmp"))
    env = {
        key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        VAR_DIR=str(var_dir),
        DEBUG="1",
        PYTHONUNBUFFERED="1",
        CELERY_QUEUE=f"run-portal-test-{os.getpid()}",
    )
    yield env, var_dir
    subprocess.run(
        [sys.executable, "-m", "workstation.embedded", "stop"], env=env, cwd=ROOT, check=False
    )
    shutil.rmtree(var_dir, ignore_errors=True)


@pytest.mark.worker
@pytest.mark.timeout(420)
def test_a_killed_worker_is_started_again_and_the_site_keeps_answering(portal_environment):
    env, var_dir = portal_environment
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = var_dir / "run_portal.log"
    with open(log, "wb") as output:
        portal = subprocess.Popen(
            [sys.executable, "manage.py", "run_portal", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(
            lambda: answers(f"{base}/healthz"), seconds=240, what="the portal answered", log=log
        )
        first = wait_for(lambda: workers_of(portal), seconds=30, what="a worker ran", log=log)[0]

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)

        # The site does not go down with the worker...
        assert portal.poll() is None, log.read_text()[-4000:]
        assert answers(f"{base}/healthz")
        assert answers(f"{base}/en/")
        # ...and a new worker is running within a minute, answering Celery's ping.
        second = wait_for(
            lambda: [worker for worker in workers_of(portal) if worker.pid != first.pid],
            seconds=60,
            what="a new worker started",
            log=log,
        )[0]
        ping = [sys.executable, "-m", "celery", "-A", "workstation", "inspect", "ping"]
        wait_for(
            lambda: (
                subprocess.run(
                    [*ping, "--timeout", "3"], env=env, cwd=ROOT, capture_output=True, check=False
                ).returncode
                == 0
            ),
            seconds=60,
            what="the new worker answered a ping",
            log=log,
        )
        assert second.is_running()
        assert "worker exited with -9; restarting" in log.read_text()
        assert answers(f"{base}/zh-hans/")
    finally:
        with contextlib.suppress(ProcessLookupError):
            portal.send_signal(signal.SIGINT)
        try:
            portal.wait(timeout=60)
        except subprocess.TimeoutExpired:
            portal.kill()
    # Ctrl-C stops everything it started.
    assert "Stopped." in log.read_text()

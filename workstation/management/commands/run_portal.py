"""``make run``: migrate, load demo data, then run web, Celery worker and beat until Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from workstation import embedded
from workstation.demo.content import DEMO_ACCOUNTS, DEMO_PASSWORD

# A child that dies is restarted after a pause that doubles with each quick death (1 s up to
# 60 s), so a crash loop does not spin; one that stayed up this long starts the count again.
FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0
STABLE_AFTER = 60.0


class Child:
    """One of web, worker and beat: started in a process group of its own, so that a dead
    worker's pool processes go with it, and restarted with a back-off when it exits."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        self.name, self.command, self.env = name, command, env
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self.pause = FIRST_PAUSE
        self.restart_at: float | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            self.command, env=self.env, cwd=settings.BASE_DIR, start_new_session=True
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    def keep_up(self) -> str:
        """Restart the child if it died and its pause is over; a line for the log, or ""."""
        now = time.monotonic()
        if self.restart_at is not None:
            if now < self.restart_at:
                return ""
            self.start()
            return f"{self.name}: restarted (pid {self.process.pid})."
        code = self.process.poll()
        if code is None:
            return ""
        self._kill_group()  # what the dead process left behind, e.g. a worker's pool children
        if now - self.started_at >= STABLE_AFTER:
            self.pause = FIRST_PAUSE
        pause = self.pause
        self.pause = min(self.pause * 2, LONGEST_PAUSE)
        self.restart_at = now + pause
        return f"{self.name} exited with {code}; restarting in {pause:.0f} s."

    def terminate(self) -> None:
        if self.process.poll() is None:
            self._signal_group(signal.SIGTERM)

    def wait(self) -> None:
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._kill_group()
            self.process.wait()

    def _kill_group(self) -> None:
        self._signal_group(signal.SIGKILL)

    def _signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signum)


class Command(BaseCommand):
    help = "Run the whole portal for development: web server, Celery worker and Celery beat."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, host: str, port: int, **options):
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if settings.DEBUG:
            call_command("load_demo")
        env = {
            **os.environ,
            "DATABASE_URL": settings.DATABASE_URL,
            "REDIS_URL": settings.REDIS_URL,
            "DEBUG": "1" if settings.DEBUG else "0",
            "PYTHONUNBUFFERED": "1",
        }
        python = sys.executable
        commands = {
            "web": [python, "manage.py", "runserver", "--noreload", f"{host}:{port}"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "workstation",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "workstation",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                settings.CELERY_BEAT_SCHEDULE_FILENAME,
            ],
        }
        children = {name: Child(name, command, env) for name, command in commands.items()}
        for child in children.values():
            child.start()
        self._wait_for_web(host, port)
        self._print_banner(host, port, time.monotonic() - started)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            # Only Ctrl-C (or SIGTERM) stops the portal: a child that dies is started again.
            while not stopping:
                for child in children.values():
                    if message := child.keep_up():
                        self.stderr.write(message)
                time.sleep(0.5)
        finally:
            self.stdout.write("Stopping web, worker and beat…")
            for child in children.values():
                child.terminate()
            for child in children.values():
                child.wait()
            if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
                self.stdout.write("Stopping the embedded PostgreSQL and Redis…")
                embedded.stop(embedded.VAR_DIR)
            self.stdout.write("Stopped.")

    def _wait_for_web(self, host: str, port: int) -> None:
        import urllib.request

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)

    def _print_banner(self, host: str, port: int, seconds: float) -> None:
        lines = [
            "",
            "=" * 72,
            f"  Portal ready:  http://{host}:{port}/   (migrated and started in {seconds:.0f} s)",
            f"    English  http://{host}:{port}/en/      中文  http://{host}:{port}/zh-hans/",
            "  Web, Celery worker and Celery beat are running; one that stops is started again.",
            "  Ctrl-C stops them all.",
        ]
        if settings.DEBUG:
            lines += ["", f"  Demo sign-ins (password for all: {DEMO_PASSWORD}):"]
            for account in DEMO_ACCOUNTS:
                line = f"    {account.role:9} {account.email}"
                if account.totp_secret:
                    line += f"   two-factor secret {account.totp_secret}"
                lines.append(line)
            lines += [
                "  Staff, officials and the administrator need a two-factor code: add the secret",
                "  to an authenticator app, or print the current codes with",
                "    make codes",
            ]
        lines += ["=" * 72, ""]
        self.stdout.write("\n".join(lines))

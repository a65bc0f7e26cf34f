"""``make run``: migrate, load demo data, then run web, Celery worker and beat until Ctrl-C."""

from __future__ import annotations

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
            "worker": [python, "-m", "celery", "-A", "workstation", "worker",
                       "--loglevel", "INFO", "--concurrency", "2"],
            "beat": [python, "-m", "celery", "-A", "workstation", "beat",
                     "--loglevel", "INFO", "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME],
        }  # fmt: skip
        processes = {
            name: subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)  # noqa: S603
            for name, command in commands.items()
        }
        self._wait_for_web(host, port)
        self._print_banner(host, port, time.monotonic() - started)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(f"{name} exited with {process.returncode}; stopping.")
                        stopping = True
                time.sleep(0.5)
        finally:
            self.stdout.write("Stopping web, worker and beat…")
            for process in processes.values():
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
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
            "  Web, Celery worker and Celery beat are running. Ctrl-C stops them all.",
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
                "    .venv/bin/python manage.py demo_codes",
            ]
        lines += ["=" * 72, ""]
        self.stdout.write("\n".join(lines))

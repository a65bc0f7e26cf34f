"""Two requests at the same moment, in threads of the test process, on the real database."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections

TIMEOUT = 30.0


def meet_after(monkeypatch, owner, name: str, parties: int = 2) -> None:
    """Patch ``owner.name`` so each caller waits, after the call, until ``parties`` callers made
    it: every request has looked (e.g. found an address free) before any of them goes on."""
    original = getattr(owner, name)
    everyone_looked = threading.Barrier(parties, timeout=TIMEOUT)

    def meeting(*args, **kwargs):
        result = original(*args, **kwargs)
        everyone_looked.wait()
        return result

    monkeypatch.setattr(owner, name, meeting)


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run each call in its own thread (and database connection); what each returned or raised."""
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            outcomes[index] = call()
        except BaseException as error:  # the test reports it, with the other outcomes
            outcomes[index] = error
        finally:
            connections.close_all()  # the test database is dropped at the end of the session

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    return outcomes

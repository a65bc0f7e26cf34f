"""Schemathesis over the whole schema, in-process (WSGI), as staff with a token over the demo data:
no server error, and every answer (status, content type, body) as the schema documents it.

Bounded for the suite: a few examples per operation, derandomized (the same cases every run), no
example database; the whole run takes seconds, not minutes.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api_content import make_api_content
from workstation.api.services import issue_token
from workstation.api.throttling import PerTokenThrottle

# About 12 s over the 18 operations with 10 examples each (30 s with 25); the timeout keeps a
# slower future from stalling the suite unnoticed (the call only: the first test of a worker also
# sets the database up).
pytestmark = [pytest.mark.django_db, pytest.mark.timeout(60, func_only=True)]

# Examples per operation and generation mode (valid data, then invalid data).
EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def token_header(staff, monkeypatch) -> dict[str, str]:
    # Hundreds of requests in seconds: unthrottled, or later operations would only meet 429s.
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"api": "100000/minute"})
    make_api_content(staff)
    _token, key = issue_token(actor=staff, name="Schemathesis")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def portal():
    """Django's WSGI application on the test's database connection: it closes the connection after
    each request, which would end the test's transaction (Django's test client does the same)."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in signals:
        signal.connect(close_old_connections)


def test_the_api_answers_every_request_as_documented(portal, token_header):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", portal)
    failures, tried = {}, []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in GenerationMode:
            label = f"{operation.label} ({mode.value})"
            try:
                answer_as_documented(operation, mode, token_header)
            except Exception as failure:  # every operation's first failure, reported together
                failures[label] = failure
            tried.append(label)
    assert len(tried) >= 4  # at least the projects' list and record, in both modes
    assert not failures, "\n\n".join(f"{label}:\n{failure}" for label, failure in failures.items())


def answer_as_documented(operation, mode, headers) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure says enough
    )
    def call(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    call()

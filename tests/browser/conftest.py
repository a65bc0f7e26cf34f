"""Headless Chromium (Debian's ``chromium``) driven by Playwright against the live server.

Playwright's own browser downloads are never used (no ``playwright install``): the system
Chromium is launched with flags that keep it offline. Tests skip with a clear reason where it is
absent; CI installs it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 15_000


def _production_static(application):
    """Leave /static/ to the project's WhiteNoise middleware, as in production."""
    return application


@pytest.fixture(scope="session")
def live_server(request, collected_static):
    """pytest-django's live server, minus its static handler.

    pytest-django wraps the server in ``django.contrib.staticfiles``' ``StaticFilesHandler``,
    which answers every ``/static/`` request from the finders (the unhashed source files) before
    WhiteNoise sees it: the manifest storage's hashed names (``portal.da1ffb53f8dc.css``) then get
    a 404 and pages render unstyled. Without it, WhiteNoise serves the collected files from
    ``STATIC_ROOT``, as in production.
    """
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = _production_static
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    from django.conf import settings

    candidates = [
        os.environ.get("CHROMIUM_PATH"),
        getattr(settings, "CHROMIUM_PATH", None),
        shutil.which("chromium"),
        "/usr/bin/chromium",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.skip("Chromium is not installed: apt-get install chromium (CI installs it)")


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class BrowserLog:
    """What the page did: every request, failed or error responses, console errors, page errors."""

    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    error_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def requests_seen(browser_log) -> list[str]:
    """Every URL the browser requested during the test, in order."""
    return browser_log.requests


@pytest.fixture
def browser_context_options() -> dict:
    """Override in a test module (or parametrize indirectly) to change locale, viewport, ..."""
    return {"locale": "en-US", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def page(browser, live_server, reference_data, browser_context_options, browser_log) -> Iterator:
    context = browser.new_context(**browser_context_options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.on("request", lambda request: browser_log.requests.append(request.url))
    page.on(
        "requestfailed",
        lambda request: (
            # A navigation cancels what the old page was still loading (e.g. its favicon):
            # that is the browser's doing, not a failed request of the portal.
            None
            if request.failure == "net::ERR_ABORTED"
            else browser_log.failed_requests.append(f"{request.url}: {request.failure}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            browser_log.error_responses.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            browser_log.console_errors.append(f"{message.text} ({message.location})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: browser_log.page_errors.append(str(error)))
    page.requests_seen = browser_log.requests
    page.live_url = live_server.url
    yield page
    context.close()

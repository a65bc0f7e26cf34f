"""The fixed cast: one user per role, each with a session that passed two-factor sign-in."""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM must allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import time
from pathlib import Path

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory
from workstation.accounts.backends import permission_rows

pytest_plugins = ["tests.fixtures.smtp", "tests.fixtures.celery_worker"]

ROLES = ("anonymous", "talent", "other_talent", "official", "staff")


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Production serves static files from the manifest: build it once, as a deploy would. The
    suite's processes (pytest-xdist) take turns, so none reads a half-written manifest."""
    import fcntl

    from django.conf import settings

    lock = Path(settings.BASE_DIR) / ".collectstatic.lock"
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            call_command("collectstatic", "--noinput", verbosity=0)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def fresh_cache(request, django_db_blocker):
    """allauth's rate limits live in the database cache; a flush does not empty it."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """A request to a /zh-hans/ page leaves Chinese active in the thread: each test starts in
    English (so reverse() gives /en/ URLs) unless it asks for Chinese."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Private uploads (CVs, project documents, PDFs) go to the test's own folder, not var/private.

    The field keeps the storage object it got at import, so the setting cannot be overridden."""
    from django.core.files.storage import FileSystemStorage

    from projects.pipeline.models import ProjectDocument
    from talentpool.profiles.models import TalentProfile
    from workstation.pdfs.kinds import KINDS

    storage = FileSystemStorage(location=tmp_path / "private")
    pdf_models = [kind.model for kind in KINDS.values()]
    fields = [(TalentProfile, "cv"), (ProjectDocument, "file")]
    for model, field in fields + [(model, "file") for model in pdf_models]:
        monkeypatch.setattr(model._meta.get_field(field), "storage", storage)
    return storage


@pytest.fixture
def reference_data(django_db_blocker):
    """Transactional tests truncate every table, data-migration rows included: seed them again."""
    from importlib import import_module

    seed = import_module("workstation.migrations.0002_reference_data").seed
    with django_db_blocker.unblock():
        seed(django_apps, None)


def make_person(role: str | None, email: str, language: str = "en", **extra):
    user = UserFactory(email=email, preferred_language=language, role=role, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def mark_mfa_passed(client: Client, user) -> None:
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": 0, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()


def signed_in_client(user, *, mfa: bool = True) -> Client:
    # The permission backend reads which permissions have rows once per process: read them now,
    # not inside the first request a test counts the queries of.
    permission_rows()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if mfa:
        mark_mfa_passed(client, user)
    return client


def api_client(user, name: str = "Bureau") -> Client:
    """A client that reads the API with a new personal token of ``user``'s (staff or official)."""
    from workstation.api.services import issue_token

    permission_rows()  # as in signed_in_client
    _token, key = issue_token(actor=user, name=name)
    return Client(headers={"Authorization": f"Bearer {key}"})


@pytest.fixture
def api_clients(official, staff) -> dict[str, Client]:
    """A token client for each role that holds tokens."""
    return {"official": api_client(official), "staff": api_client(staff)}


@pytest.fixture
def talent(db):
    return make_person("talent", "talent@example.org")


@pytest.fixture
def other_talent(db):
    return make_person("talent", "other.talent@example.org", "zh-hans")


@pytest.fixture
def official(db):
    return make_person("official", "official@example.org", "zh-hans")


@pytest.fixture
def staff(db):
    return make_person("staff", "staff@example.org", is_staff=True)


@pytest.fixture
def superuser(db):
    return make_person(None, "admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def cast(talent, other_talent, official, staff) -> dict:
    return {"talent": talent, "other_talent": other_talent, "official": official, "staff": staff}


@pytest.fixture
def clients(cast) -> dict[str, Client]:
    """A client per role; the signed-in ones passed two-factor sign-in."""
    return {"anonymous": Client(), **{role: signed_in_client(user) for role, user in cast.items()}}

"""A database of the benchmark's own on the configured (or embedded) PostgreSQL server."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent


def bench_database_url(database: str) -> str:
    """The URL of the benchmark's database on the configured or embedded server (created if new)."""
    sys.path.insert(0, str(BASE_DIR))
    if os.environ.get("DATABASE_URL"):
        server_url = os.environ["DATABASE_URL"]
    else:
        from workstation.embedded import postgres_url

        server_url = postgres_url()
    parts = urlsplit(server_url)
    import psycopg2

    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{database}"')
    admin.close()
    return urlunsplit(parts._replace(path=f"/{database}"))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workstation.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def bench_person(role: str):
    """The benchmark's staff member or official (``role``), made on first use."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from workstation.accounts.models import User

    email = f"bench-{role}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, full_name=role)
        user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user

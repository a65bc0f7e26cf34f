"""The Simplified Chinese catalog is complete, compiled, and covers every string in the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalog = polib.pofile(str(CATALOG))
    assert len(catalog) > 100
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []


def test_compiled_catalog_matches_the_source():
    # Keyed by context too: "Open" of an action item and "Open" of a demand are two entries.
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.pofile(str(CATALOG)).translated_entries()
    }
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.mofile(str(CATALOG.with_suffix(".mo")))
        if entry.msgid
    }
    assert compiled == source, "Run: python manage.py compilemessages -l zh_Hans"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext's xgettext is not installed")
def test_catalog_has_every_string_of_the_code(tmp_path):
    """makemessages, run on a copy of the code, finds no string the catalog lacks."""
    base = Path(settings.BASE_DIR)
    for folder in ("workstation", "talentpool", "projects", "reports", "templates", "locale"):
        shutil.copytree(base / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "DATABASE_URL": settings.DATABASE_URL, "REDIS_URL": settings.REDIS_URL},
    )
    known = {entry.msgid for entry in polib.pofile(str(CATALOG))}
    found = polib.pofile(str(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = sorted(entry.msgid for entry in found if entry.msgid not in known)
    assert missing == [], "Run makemessages -l zh_Hans and translate: " + repr(missing[:20])

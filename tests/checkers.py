"""The Nu HTML checker and axe-core, as pinned in tests/tools (``npm ci --prefix tests/tools``).

Nothing is downloaded when the tests run: where java, the jar or axe are missing, the tests that
need them skip and say what to install.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = TOOLS / "axe-core" / "axe.min.js"
INSTALL = "npm ci --ignore-scripts --prefix tests/tools (see README.md)"


def nu_checker() -> list[str]:
    """The command that runs the checker; skips the test where it cannot run."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed: apt-get install default-jre-headless (CI installs it)")
    if not VNU_JAR.is_file():
        pytest.skip(f"The Nu HTML checker is not installed: {INSTALL}")
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout"]


def axe_script() -> str:
    if not AXE_SCRIPT.is_file():
        pytest.skip(f"axe-core is not installed: {INSTALL}")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def nu_checker_errors(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Check every document (name → HTML) in one run of the checker (the JVM starts slowly);
    the errors found, by document name."""
    command = nu_checker()
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    result = subprocess.run(
        [*command, "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "info":  # errors, and the checker's own failures, count
            continue
        name = files.get(message.get("url", "").removeprefix("file:"), "(the checker)")
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(name, []).append(
            f"{where}: {message['message']} [{message.get('extract', '').strip()}]"
        )
    return errors

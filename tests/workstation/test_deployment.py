"""The deployment files hold together: `check --deploy`, docker-compose.yml, the Dockerfile, the
Makefile's test target, the README's settings table and the CI scripts.

No Docker engine runs here, so what the containers would run is checked piece by piece: every
command names something that exists and accepts the options given, and the web health check is run
against the real WSGI application with production-like settings.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import yaml
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import get_commands, load_command_class
from django.db import connections

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COMPOSE = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
DOCKERFILE = (BASE_DIR / "Dockerfile").read_text()
PORTAL_IMAGE = "lanzhou-workstation:latest"
PUBLIC_HOST = "portal.example.org"
# Variables the containers set that are read by gunicorn rather than by settings.py.
NOT_SETTINGS = {"WEB_CONCURRENCY"}
# Set for the tests (tests/conftest.py); `check --deploy` rightly refuses it in production.
TEST_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def settings_variables() -> set[str]:
    """Every environment variable workstation/settings.py reads."""
    source = (BASE_DIR / "workstation" / "settings.py").read_text()
    names = set(re.findall(r"environ(?:\.get\(|\[)\s*[\"']([A-Z][A-Z0-9_]*)[\"']", source))
    names |= set(re.findall(r"\benv_\w+\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", source))
    # The parser must see the obvious ones, or every check built on it would pass vacuously.
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= names
    return names


def base_env(**extra: str) -> dict[str, str]:
    """The test process's environment without settings variables, plus the servers in use here
    (so that no subprocess starts an embedded server of its own)."""
    env = {k: v for k, v in os.environ.items() if k not in settings_variables() | TEST_ONLY}
    env.update(
        DATABASE_URL=django_settings.DATABASE_URL,
        REDIS_URL=django_settings.REDIS_URL,
        VAR_DIR=str(django_settings.VAR_DIR),
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    env.update(extra)
    return env


def production_env(**extra: str) -> dict[str, str]:
    return base_env(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=PUBLIC_HOST,
        SITE_URL=f"https://{PUBLIC_HOST}",
        HTTPS="1",
        **extra,
    )


def run(command: list[str], env: dict[str, str], timeout: int = 120, **kwargs):
    return subprocess.run(
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, **kwargs
    )


# --- (a) check --deploy


def test_check_deploy_reports_no_issue_with_production_values():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_check_deploy_flags_the_development_secret_key():
    """The control: the check is live, and forgetting SECRET_KEY in production is caught."""
    env = production_env()
    del env["SECRET_KEY"]
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


# --- (b) docker-compose.yml and the Dockerfile

PORTAL_SERVICES = {
    name: service
    for name, service in COMPOSE["services"].items()
    if service.get("image") == PORTAL_IMAGE
}


def test_compose_describes_the_deployment():
    services = COMPOSE["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert set(PORTAL_SERVICES) == {"migrate", "web", "worker", "beat"}
    for name, service in PORTAL_SERVICES.items():
        assert service["build"] == ".", name
        environment = service["environment"]
        assert environment["DEBUG"] == "0", name
        assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?"), name
        assert re.fullmatch(r"postgres://.+@db:5432/.+", environment["DATABASE_URL"]), name
        assert environment["REDIS_URL"] == "redis://redis:6379/0", name
        assert environment["MEDIA_ROOT"] == "/app/var/media", name

    # Services wait for what they need, and what they wait for can become healthy.
    for name in ("web", "worker", "beat"):
        depends_on = PORTAL_SERVICES[name]["depends_on"]
        assert depends_on["migrate"] == {"condition": "service_completed_successfully"}, name
        assert depends_on["redis"] == {"condition": "service_healthy"}, name
    assert PORTAL_SERVICES["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert PORTAL_SERVICES["migrate"]["restart"] == "no"
    for name, service in services.items():
        for dependency, how in service.get("depends_on", {}).items():
            if how["condition"] == "service_healthy":
                assert "healthcheck" in services[dependency], f"{name} waits for {dependency}"
    for name in ("db", "redis", "web"):
        assert services[name]["healthcheck"]["test"], name

    # Uploads and private files (CVs, documents, the PDFs the worker makes and web serves) are
    # shared by web and worker; the database survives the containers.
    for name in ("web", "worker"):
        assert "media:/app/var/media" in PORTAL_SERVICES[name]["volumes"], name
        assert "private:/app/var/private" in PORTAL_SERVICES[name]["volumes"], name
    assert PORTAL_SERVICES["web"]["environment"]["PRIVATE_MEDIA_ROOT"] == "/app/var/private"
    assert "postgres-data:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert set(COMPOSE["volumes"]) == {"postgres-data", "media", "private"}


def test_compose_sets_only_variables_the_portal_reads():
    """A misspelt variable (EMAIL_USE_TSL) would be silently ignored: catch it here."""
    known = settings_variables() | NOT_SETTINGS
    for name, service in PORTAL_SERVICES.items():
        unknown = set(service["environment"]) - known
        assert not unknown, f"{name} sets variables settings.py does not read: {unknown}"


def shell_commands(text: str) -> list[list[str]]:
    """Split `a && b` into argument lists; `$$` is Compose's escape for `$`; drop redirections."""
    commands = []
    for part in text.replace("$$", "$").split("&&"):
        words = shlex.split(part)
        while len(words) >= 2 and words[-2] in (">", "2>", ">>"):
            words = words[:-2]
        commands.append(words)
    return commands


def portal_commands() -> list[tuple[str, list[str]]]:
    """Every command the portal's containers run, with where it comes from."""
    found = []

    def add(origin: str, argv: list[str]) -> None:
        if argv[:2] == ["sh", "-c"]:
            for index, command in enumerate(shell_commands(argv[2])):
                found.append((f"{origin}.{index}", command))
        else:
            found.append((origin, argv))

    for name, service in PORTAL_SERVICES.items():
        add(f"{name}.command", service["command"])
        healthcheck = service.get("healthcheck", {}).get("test")
        if healthcheck:
            kind, *rest = healthcheck
            if kind == "CMD-SHELL":
                add(f"{name}.healthcheck", ["sh", "-c", rest[0]])
            else:
                assert kind == "CMD"
                add(f"{name}.healthcheck", rest)
    cmd = re.search(r"^CMD (\[.*\])\s*$", DOCKERFILE, re.MULTILINE)
    assert cmd, "the Dockerfile has no CMD in exec (JSON) form"
    add("Dockerfile.CMD", json.loads(cmd.group(1)))
    return found


COMMANDS = portal_commands()


def test_every_portal_service_runs_a_command():
    origins = {origin.split(".")[0] for origin, _argv in COMMANDS}
    assert origins == {"migrate", "web", "worker", "beat", "Dockerfile"}
    programs = {argv[0] for _origin, argv in COMMANDS}
    assert programs <= {"gunicorn", "celery", "python"}, programs


@pytest.mark.parametrize(("origin", "argv"), COMMANDS, ids=[origin for origin, _ in COMMANDS])
def test_container_command_refers_to_things_that_exist(origin, argv):
    program, *args = argv
    if program == "gunicorn":
        assert "workstation.wsgi:application" in args
        # --check-config loads the WSGI application with the options given, then exits.
        result = run([str(BIN / "gunicorn"), *args, "--check-config"], production_env())
        assert result.returncode == 0, result.stdout + result.stderr
    elif program == "celery":
        assert args[:2] == ["-A", "workstation"], args
        subcommand = args[2]
        assert subcommand in {"worker", "beat", "inspect"}, subcommand
        result = run([str(BIN / "celery"), "-A", "workstation", subcommand, "--help"], base_env())
        assert result.returncode == 0, result.stdout + result.stderr
        for option in (arg.split("=")[0] for arg in args[3:] if arg.startswith("--")):
            whole_word = rf"(?<![\w-]){re.escape(option)}(?![\w-])"
            assert re.search(whole_word, result.stdout), f"celery {subcommand}: no {option}"
        if subcommand == "inspect":
            listing = run(
                [str(BIN / "celery"), "-A", "workstation", "inspect", "--list"], base_env()
            )
            assert re.search(rf"^\s+{re.escape(args[3])}\b", listing.stdout, re.MULTILINE)
    elif args[:1] == ["manage.py"]:
        name, *options = args[1:]
        commands = get_commands()
        assert name in commands, f"no management command {name!r}"
        parser = load_command_class(commands[name], name).create_parser("manage.py", name)
        parser.parse_args(options)  # raises CommandError on an unknown option
    elif args[:1] == ["-c"]:
        compile(args[1], origin, "exec")
    else:
        pytest.fail(f"{origin}: do not know how to check {argv}")


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def production_like_server(settings, db):
    """The portal's WSGI application behind a TLS proxy, with production security settings."""
    settings.ALLOWED_HOSTS = [PUBLIC_HOST]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=QuietHandler)

    def serve():
        try:
            server.serve_forever(poll_interval=0.05)
        finally:
            connections.close_all()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


def test_web_healthcheck_passes_against_the_portal(production_like_server, settings):
    kind, program, flag, code = PORTAL_SERVICES["web"]["healthcheck"]["test"]
    assert (kind, program, flag) == ("CMD", "python", "-c")
    assert "http://127.0.0.1:8000/healthz" in code
    code = code.replace("127.0.0.1:8000", production_like_server)
    env = {**base_env(), "SITE_URL": f"https://{PUBLIC_HOST}"}
    healthy = run([sys.executable, "-c", code], env, timeout=30)
    assert healthy.returncode == 0, healthy.stderr

    # The control: a host name the portal refuses makes the check fail.
    settings.ALLOWED_HOSTS = ["another.example.org"]
    refused = run([sys.executable, "-c", code], env, timeout=30)
    assert refused.returncode != 0
    assert "400" in refused.stderr


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) with line continuations joined and comments dropped."""
    lines = [line for line in DOCKERFILE.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
        for line in joined.splitlines()
        if line.strip()
    ]


def test_dockerfile_installs_what_the_portal_needs():
    instructions = dockerfile_instructions()
    stages = [args for op, args in instructions if op == "FROM"]
    assert stages[-1].split()[0] == "python:3.11-slim-bookworm"
    final = instructions[max(i for i, (op, _) in enumerate(instructions) if op == "FROM") :]
    apt = " ".join(args for op, args in final if op == "RUN" and "apt-get install" in args)
    # fc-list (fontconfig) is how workstation/pdf.py finds the CJK font.
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fontconfig"):
        assert package in apt.split(), package
    assert re.search(r"\bfonts-(noto-cjk|wqy-microhei)\b", apt), "no CJK font"
    assert "fonts-noto-core" in apt.split(), "no font for Tibetan, Arabic script or Mongolian"
    # Exactly the runtime lock, with hashes, never a fresh resolution.
    installs = [args for op, args in final if op == "RUN" and "pip install" in args]
    assert installs == [
        "pip install --require-hashes --no-deps -r requirements.lock && pip check"
    ], installs
    users = [args.strip() for op, args in final if op == "USER"]
    assert users and users[-1] not in {"root", "0"}, "the container must not run as root"


def test_dockerfile_copies_the_whole_portal():
    copied = {}
    for op, args in dockerfile_instructions():
        if op != "COPY" or "--from=" in args:
            continue
        *sources, destination = args.split()
        for source in sources:
            assert (BASE_DIR / source).exists(), f"COPY {source}: no such file"
            copied[source.rstrip("/")] = destination
    local_apps = {
        app.split(".")[0]
        for app in django_settings.INSTALLED_APPS
        if (BASE_DIR / app.split(".")[0]).is_dir()
    }
    assert local_apps >= {"workstation", "talentpool", "projects", "reports"}
    for needed in local_apps | {"manage.py", "templates", "static", "requirements.lock"}:
        assert needed in copied, f"the Dockerfile does not copy {needed}"
    assert re.search(r"^COPY --from=\w+ \S*locale \./locale$", DOCKERFILE, re.MULTILINE)


def test_dockerfile_collectstatic_step_works(tmp_path):
    """The build step, with exactly its environment: no database or Redis needed or started."""
    (step,) = [args for op, args in dockerfile_instructions() if "collectstatic" in args]
    words = shlex.split(step)
    assignments = {}
    while "=" in words[0] and re.match(r"^[A-Z_]+=", words[0]):
        name, value = words.pop(0).split("=", 1)
        assignments[name] = value
    assert assignments["DEBUG"] == "0"
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= set(assignments)
    assert words[:2] == ["python", "manage.py"]
    env = {k: v for k, v in os.environ.items() if k not in settings_variables() | TEST_ONLY}
    env.update(assignments, STATIC_ROOT=str(tmp_path / "static"), VAR_DIR=str(tmp_path / "var"))
    result = run([sys.executable, *words[1:]], env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "portal/portal.css" in manifest["paths"]
    # Placeholders only: nothing was started under VAR_DIR.
    assert not (tmp_path / "var").exists()


# --- (c) the Makefile


def test_make_test_fails_when_no_test_is_collected():
    assert shutil.which("make"), "make is needed"
    # -o: do not (re)install; -k matches nothing, so the inner pytest runs no test (no recursion).
    result = run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "test",
            "PYTEST_ARGS=-p no:cacheprovider -k no_such_test_name_xyz",
        ],
        base_env(),
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert "no tests ran" in output, output
    assert result.returncode != 0, output
    assert "No tests were collected: that is a failure." in output, output


def test_make_codes_prints_the_demo_codes_as_the_readme_says():
    # -o: do not (re)install. DEBUG is unset, as in a newcomer's shell after `make run`.
    result = run(["make", "--no-print-directory", "-o", ".venv/.installed", "codes"], base_env())
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [
        "admin@lanzhou-sv.example",
        "staff@lanzhou-sv.example",
        "official@lanzhou-sv.example",
    ]
    assert all(re.fullmatch(r"\d{6}", line.split()[1]) for line in lines), lines


def test_demo_codes_refuse_in_production():
    result = run([sys.executable, "manage.py", "demo_codes"], production_env())
    assert result.returncode != 0
    assert "development only" in result.stderr and "make codes" in result.stderr


# --- README and CI scripts


def test_readme_documents_every_setting():
    readme = (BASE_DIR / "README.md").read_text()
    missing = {name for name in settings_variables() if f"`{name}`" not in readme}
    assert not missing, f"README.md does not document {sorted(missing)}"
    for command in ("make run", "make test", "make lint", "make stop", "docker compose up"):
        assert command in readme, command
    assert "make codes" in readme and "make lock" in readme


def test_readme_names_no_local_path_or_registry_host():
    readme = (BASE_DIR / "README.md").read_text()
    for forbidden in ("/work/", "/root", "/home/", "~/", "pypi.org", "pythonhosted", "npmjs"):
        assert forbidden not in readme, forbidden


@pytest.mark.parametrize("script", [".ci/run", ".ci/smoke-embedded"])
def test_ci_script_is_strict_executable_bash(script):
    path = BASE_DIR / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    text = path.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_ci_runs_the_suite_and_the_embedded_smoke_test():
    text = (BASE_DIR / ".ci" / "run").read_text()
    assert "apt-get update" in text
    install = re.search(r"apt-get install -y --no-install-recommends ([^\n]+)", text)
    assert install
    packages = install.group(1).split()
    for package in ("chromium", "libharfbuzz-subset0", "gettext"):
        assert package in packages, package
    # Both CJK fonts, the common case: the PDFs and their tests must not depend on which.
    assert {"fonts-noto-cjk", "fonts-wqy-microhei"} <= set(packages)
    # Tibetan, Arabic script and Mongolian names print instead of being refused.
    assert "fonts-noto-core" in packages
    # The page checkers: the Nu HTML checker needs Java; both come from tests/tools' lock.
    assert "default-jre-headless" in packages
    assert text.index("npm ci --ignore-scripts") < text.index("\nmake test\n")
    assert (BASE_DIR / "tests" / "tools" / "package-lock.json").is_file()
    assert text.index("make test") < text.index(".ci/smoke-embedded")
    smoke = (BASE_DIR / ".ci" / "smoke-embedded").read_text()
    assert "unset DATABASE_URL REDIS_URL" in smoke
    assert "mktemp -d /tmp/" in smoke

"""Dependencies run one way: between apps (workstation ← projects ← talentpool, all ← reports) and
between the modules inside an app. A module imported inside a function counts too: a lazy import
hides a cycle from Python, not from the reader."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("workstation", "talentpool", "projects", "reports")
# What each app may import from the others.
ALLOWED = {
    "workstation": set(),
    # A talent's "For you" page offers Lanzhou's open demands, matched as projects are, and their
    # log notes the demand they said they are interested in; projects know nothing of talents.
    "talentpool": {"workstation", "projects"},
    "projects": {"workstation"},
    "reports": {"workstation", "talentpool", "projects"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports (``from a.b import c`` is a.b.c when c is a
    module, else a.b)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = 0

    def visit(node):
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def enqueues_its_own_task(name: str, target: str) -> bool:
    """A package's services hand work to the package's own thin task, which calls the services
    back: that pair is how a task is enqueued (pretalx does the same), not two nouns depending on
    each other."""
    return name.endswith(".services") and target == name.removesuffix(".services") + ".tasks"


def test_no_import_cycle_between_modules():
    # A package's __init__ importing its own modules is not a dependency between nouns either.
    edges = {
        name: {
            target
            for target in targets
            if not name.startswith(f"{target}.") and not enqueues_its_own_task(name, target)
        }
        for name, targets in graph().items()
    }
    assert cycles(edges) == []


# Spelled in two parts so that this file holds no marker itself.
FORMAT_MARKER = "fmt" + ": skip"


def test_ruff_owns_the_layout():
    """Formatting is ruff's: markers that take a block away from it stay rare (and say why)."""
    markers = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in (*APPS, "tests", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if FORMAT_MARKER in line
    ]
    assert len(markers) < 20, markers


def test_apps_depend_downward_only():
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in graph().items()
        for target in targets
        if target.split(".")[0] != name.split(".")[0]
        and target.split(".")[0] not in ALLOWED[name.split(".")[0]]
    )
    assert wrong == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# --- The tests mirror the code: tests/<app>/<sub-package>/test_<layer>.py


def sub_packages(app: str) -> set[str]:
    return {
        path.parent.name
        for path in (ROOT / app).glob("*/__init__.py")
        if path.parent.name != "migrations"
    }


def misplaced(app: str, module_names: list[str], packages: set[str]) -> list[str]:
    """Test modules of ``tests/<app>/`` named after one of the app's sub-packages (test_events.py,
    test_events_staff.py): they belong in ``tests/<app>/<sub-package>/``."""
    return [
        name
        for name in module_names
        for package in packages
        if name.removeprefix("test_") == package or name.startswith(f"test_{package}_")
    ]


def test_tests_mirror_the_code():
    """A test of a sub-package sits in its folder, and every test folder of an app mirrors a
    sub-package that exists (a renamed sub-package takes its tests along)."""
    wrong = []
    for app in APPS:
        packages = sub_packages(app)
        tests = ROOT / "tests" / app
        names = [path.stem for path in tests.glob("test_*.py")]
        wrong += [f"tests/{app}/{name}.py" for name in misplaced(app, names, packages)]
        wrong += [
            f"tests/{app}/{folder.name}/ mirrors no {app}/{folder.name}/"
            for folder in tests.iterdir()
            if folder.is_dir() and folder.name != "__pycache__" and folder.name not in packages
        ]
    assert wrong == []


def test_every_test_folder_is_a_package():
    """Test modules share basenames (test_views.py, test_flow.py): pytest needs packages."""
    missing = sorted(
        str(folder.relative_to(ROOT))
        for app in APPS
        for folder in [ROOT / "tests" / app, *(ROOT / "tests" / app).rglob("*")]
        if folder.is_dir()
        and folder.name != "__pycache__"
        and not (folder / "__init__.py").is_file()
    )
    assert missing == []


def test_the_mirror_check_finds_a_misplaced_module():
    packages = {"events", "pdfs"}
    names = ["test_events", "test_events_staff", "test_pdf", "test_eventsx", "test_health"]
    assert misplaced("workstation", names, packages) == ["test_events", "test_events_staff"]


def test_test_modules_import_no_test_module():
    """What tests share lives in conftest.py or a module with a domain name, not in a test_*.py
    (importing one runs its tests' module again under another name and hides where a helper is)."""
    wrong = []
    for path in (ROOT / "tests").rglob("*.py"):
        if "node_modules" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            wrong += [
                f"{path.relative_to(ROOT)} imports {name}"
                for name in names
                if name.startswith("tests.") and name.rpartition(".")[2].startswith("test_")
            ]
    assert wrong == []


def sub_package(name: str) -> str | None:
    """``app.noun`` for a module inside one of an app's sub-packages, else None (the app's own
    modules, such as its urls or admin, gather the sub-packages)."""
    parts = name.split(".")
    if len(parts) > 1 and (ROOT / parts[0] / parts[1]).is_dir():
        return ".".join(parts[:2])
    return None


# Sub-packages that still import each other both ways, each with why. Empty them, do not add.
SUB_PACKAGE_CYCLES = {
    frozenset({"projects.demands", "projects.matching", "projects.pipeline"}): (
        "matching reads projects and demands, while saving a project or a demand re-indexes it "
        "for matching through projects.matching.services"
    ),
    frozenset({"projects.delegations", "projects.expo"}): (
        "the itinerary PDF is made by projects.expo.pdfs (the expo's PDF machinery), which reads "
        "the delegation, while the delegation page requests it through projects.expo.services"
    ),
    frozenset(
        {
            "talentpool.directory",
            "talentpool.pool_invitations",
            "talentpool.profiles",
            "talentpool.search",
        }
    ): (
        "saving a profile re-indexes it (talentpool.search.services) and the claim page reads "
        "the directory's claim token, while search and the directory read profiles; a person's "
        "data deletion removes their pool invitation, which is not sent to profile holders"
    ),
    frozenset(
        {"workstation.accounts", "workstation.api", "workstation.events", "workstation.reminders"}
    ): (
        "the account settings show the calendar feed of workstation.events and account mails "
        "go through the reminder outbox, whose services read accounts for a role's people; the "
        "API's rules and token page build on accounts, and events' endpoint on the API"
    ),
}


def test_no_cycle_between_sub_packages():
    """Inside an app, one sub-package may use another, not the other way too."""
    edges: dict[str, set[str]] = {}
    for name, targets in graph().items():
        source = sub_package(name)
        for target in targets:
            other = sub_package(target)
            if source and other and other != source and other.split(".")[0] == source.split(".")[0]:
                edges.setdefault(source, set()).add(other)
    found = {frozenset(component) for component in cycles(edges)}
    assert found - set(SUB_PACKAGE_CYCLES) == set()
    assert set(SUB_PACKAGE_CYCLES) - found == set(), "a listed cycle is gone: remove its entry"

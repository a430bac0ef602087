"""Imports between our apps run one way (docs/architecture.md draws the layers).

Read from the source (the AST of every module of the apps, migrations left out), so an
import a test never executes counts too, and so does one inside a function.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top: an app may import the apps of the layers below its own, never those of its
# own layer or above. `jitarsa` is the project (settings, root URLs, backup): it may import
# every app and no app imports it.
LAYERS = [
    ["core"],  # ground helpers: Thai dates, text, fields, spreadsheets, storage, requests
    ["agencies"],  # who: provinces, agencies, memberships, roles
    ["line"],  # LINE chats of agencies and people, the Messaging API client
    ["activities"],  # what: posts, photos, workflow, public and staff pages
    ["pages", "accounts"],  # site pages and home; sign-in, accounts, staff import
    ["reports", "opendata"],  # committee reports; open data files
    ["jitarsa"],
]

# Imports that run upward on purpose, each with its reason. Keep this short.
EXCEPTIONS = {}

APPS = {app: level for level, layer in enumerate(LAYERS) for app in layer}


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path):
    """(line, dotted name) of each module an import statement names, relative ones resolved;
    for `from package import name` also package.name, which may be a module."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def app_of(module):
    return module.split(".")[0]


def test_every_app_has_a_layer():
    found = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    missing = sorted(found - set(APPS))
    assert not missing, f"apps with no place in LAYERS (tests/test_architecture.py): {missing}"


def test_apps_import_only_the_layers_below_their_own():
    wrong = []
    for path in app_modules():
        importer = app_of(module_name(path))
        named = {}  # the fullest name per line and app: jitarsa.health, not jitarsa
        for line, module in imported_modules(path):
            key = (line, app_of(module))
            named[key] = max(named.get(key, ""), module, key=len)
        for (line, target), module in sorted(named.items()):
            if target not in APPS or target == importer or APPS[target] < APPS[importer]:
                continue
            relative = path.relative_to(ROOT).as_posix()
            if (relative, module) in EXCEPTIONS:
                continue
            wrong.append(
                f"{relative}:{line} imports {module}: {importer} (layer {APPS[importer]}) may "
                f"import only the layers below it, and {target} is layer {APPS[target]}"
            )
    assert not wrong, "imports that run the wrong way:\n" + "\n".join(wrong)


def import_graph():
    paths = list(app_modules())
    known = {module_name(path) for path in paths}
    return {
        module_name(path): {m for _line, m in imported_modules(path) if m in known}
        - {module_name(path)}
        for path in paths
    }


def find_cycle(graph):
    """One cycle as a list of modules (first == last), or None."""
    done, on_path = set(), []

    def visit(module):
        if module in on_path:
            return [*on_path[on_path.index(module) :], module]
        if module in done:
            return None
        on_path.append(module)
        for target in sorted(graph.get(module, ())):
            if cycle := visit(target):
                return cycle
        on_path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        if cycle := visit(module):
            return cycle
    return None


def test_no_module_imports_itself_through_others():
    cycle = find_cycle(import_graph())
    assert cycle is None, "an import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]

"""The project's apps depend on one another one way only (read from their imports)."""

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
APPS = sorted(path.parent.name for path in PROJECT.glob("*/apps.py"))
# The apps that make up the site's features build on the shared library and
# Wagtail alone, so any of them can change without the page types knowing.
SERVICE_APPS = {"page_cache", "search", "security", "translation_workflow"}


def imported_modules(path):
    """Top-level names of the modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own_app = path.relative_to(PROJECT).parts[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            yield own_app if node.level else (node.module or "").split(".")[0]


def app_graph():
    """{app: {apps it imports}}, from every Python file of every app."""
    graph = {}
    for app in APPS:
        graph[app] = {
            name
            for path in (PROJECT / app).rglob("*.py")
            for name in imported_modules(path)
            if name in APPS and name != app
        }
    return graph


def cycles(graph):
    """Every set of apps that import one another, directly or round a circle (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(app):
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in graph[app]:
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == app:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for app in graph:
        if app not in index:
            visit(app)
    return found


def arrows(graph):
    return ", ".join(f"{app} → {other}" for app in sorted(graph) for other in sorted(graph[app]))


def test_the_apps_are_the_ones_the_layout_names():
    assert {"core", "demo", "home", "page_cache", "partner_pages", "search"} <= set(APPS)
    assert "translation_workflow" in APPS


def test_no_two_apps_import_each_other_directly_or_round_a_circle():
    graph = app_graph()
    assert cycles(graph) == [], arrows(graph)


def test_core_imports_no_other_app_of_the_project():
    assert app_graph()["core"] == set()


def test_partner_pages_never_import_the_home_page_app():
    assert "home" not in app_graph()["partner_pages"]


def test_the_service_apps_build_on_core_alone():
    graph = app_graph()
    beyond_core = {app: graph[app] - {"core"} for app in SERVICE_APPS}
    assert beyond_core == dict.fromkeys(SERVICE_APPS, set())


def test_nothing_but_the_demo_imports_the_demo():
    graph = app_graph()
    assert [app for app in graph if "demo" in graph[app]] == []


def test_the_cycle_finder_finds_a_circle():
    # A check that could never fail would prove nothing.
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []

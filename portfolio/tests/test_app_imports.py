"""No two apps import each other (docs/architecture.md, "Between apps: one direction").

Every import counts, at module level or inside a function: a deferred import is still a
dependency. Tests and migrations are left out; they may reach anywhere.
"""

import ast
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# portfolio is two layers. Its infrastructure (portfolio.api, metrics, llm, engines, ...)
# is under every app and imports none. Its wiring is above them all: the URLconfs, the
# ASGI/WSGI entry points and the pages and checks that gather every app.
WIRING = "portfolio (wiring)"
WIRING_FILES = {
    "portfolio/urls.py",
    "portfolio/compat_urls.py",
    "portfolio/asgi.py",
    "portfolio/wsgi.py",
    "portfolio/dashboard.py",
    "portfolio/home.py",
    "portfolio/seo.py",
    "portfolio/health.py",
}


def project_apps(root=ROOT):
    return sorted(
        config.name
        for config in apps.get_app_configs()
        if "." not in config.name and Path(config.path).parent == root
    )


def import_edges(root, app_names, wiring_files=frozenset()):
    """{(importer, imported): ["path:line", ...]} between different apps (or wiring)."""
    edges = defaultdict(list)
    for app in app_names:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if _left_out(relative):
                continue
            importer = _node(relative.as_posix(), app, wiring_files)
            for module, line in _imported_modules(path, relative):
                top = module.split(".")[0]
                if top == app or top not in app_names:
                    continue
                place = f"{relative.as_posix()}:{line}"
                imported = (importer, _module_node(root, module, wiring_files))
                if place not in edges[imported]:
                    edges[imported].append(place)
    return edges


def mutual_imports(edges):
    """One sentence per pair of nodes that import each other, naming the files."""
    found = []
    for (first, second), places in sorted(edges.items()):
        if first < second and (second, first) in edges:
            found.append(
                f"{first} and {second} import each other: {first} -> {second} in "
                f"{', '.join(places)}; {second} -> {first} in "
                f"{', '.join(edges[(second, first)])}"
            )
    return found


def _left_out(relative):
    parts = relative.parts
    return (
        "tests" in parts
        or "migrations" in parts
        or relative.name.startswith("test_")
        or relative.name == "conftest.py"
    )


def _node(relative_path, app, wiring_files):
    return WIRING if relative_path in wiring_files else app


def _imported_modules(path, relative):
    package = list(relative.parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from portfolio import urls` imports the module portfolio.urls.
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def _module_node(root, module, wiring_files):
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        candidate = "/".join(parts[:end]) + ".py"
        if candidate in wiring_files:
            return WIRING
        if (root / candidate).exists():
            break
    return parts[0]


def test_no_two_apps_import_each_other():
    edges = import_edges(ROOT, project_apps(), WIRING_FILES)

    assert mutual_imports(edges) == []


def test_portfolio_infrastructure_imports_no_app():
    edges = import_edges(ROOT, project_apps(), WIRING_FILES)

    assert {pair: places for pair, places in edges.items() if pair[0] == "portfolio"} == {}


def test_the_check_names_both_apps_and_the_files_of_a_mutual_import(tmp_path):
    for app, other in (("alpha", "beta"), ("beta", "alpha")):
        (tmp_path / app / "tests").mkdir(parents=True)
        (tmp_path / app / "__init__.py").write_text("")
        (tmp_path / app / "services.py").write_text(
            f"import json\n\n\ndef run():\n    from {other}.selectors import x\n"
        )
        (tmp_path / app / "tests" / "test_x.py").write_text("import gamma\n")
    (tmp_path / "beta" / "selectors.py").write_text("from .services import run\n")

    found = mutual_imports(import_edges(tmp_path, ["alpha", "beta", "gamma"]))

    assert found == [
        "alpha and beta import each other: alpha -> beta in alpha/services.py:5; "
        "beta -> alpha in beta/services.py:5"
    ]


def test_wiring_may_import_every_app_but_no_app_may_import_the_wiring(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "urls.py").write_text("from shop import views\n")
    (tmp_path / "site" / "api.py").write_text("")
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "views.py").write_text("from site import api\n")
    layers = import_edges(tmp_path, ["site", "shop"], {"site/urls.py"})
    (tmp_path / "shop" / "admin.py").write_text("from site.urls import urlpatterns\n")
    cycle = import_edges(tmp_path, ["site", "shop"], {"site/urls.py"})

    assert mutual_imports(layers) == []
    assert mutual_imports(cycle) == [
        "portfolio (wiring) and shop import each other: portfolio (wiring) -> shop in "
        "site/urls.py:1; shop -> portfolio (wiring) in shop/admin.py:1"
    ]

"""The layering of docs/architecture.md, kept true: every import points down, none hides in a
function to dodge a cycle."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Lowest first. A package may import itself and anything on a lower floor, never sideways or up.
FLOORS = [
    ["core"],
    ["pagecache"],
    ["elections"],
    ["candidates", "announcements", "guide", "feedback"],
    ["api", "reach", "staff", "ops"],
    ["portal"],
]
FLOOR = {package: level for level, packages in enumerate(FLOORS) for package in packages}
# Where a function-level import is the documented Django idiom, not a dodge: AppConfig.ready().
IDIOMATIC = {"apps.py"}


def modules():
    for package in FLOOR:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield package, path


def imported_packages(node):
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        names = [node.module]
    else:
        return []
    return [name.split(".")[0] for name in names if name.split(".")[0] in FLOOR]


def imports(path):
    """(line, package, inside a function) for each import of a project package."""
    tree = ast.parse(path.read_text(), str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            found.extend((child.lineno, package, in_function) for package in imported_packages(child))
            visit(child, nested)

    visit(tree, False)
    return found


def test_every_import_points_down_the_floors():
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for package, path in modules()
        for line, imported, _inside in imports(path)
        if imported != package and FLOOR[imported] >= FLOOR[package]
    ]

    assert upward == []


def test_no_import_hides_inside_a_function():
    hidden = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for _package, path in modules()
        if path.name not in IDIOMATIC
        for line, imported, inside in imports(path)
        if inside
    ]

    assert hidden == []


def test_every_project_package_has_a_floor():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "bench"}

    assert packages == set(FLOOR)


def test_every_constraint_name_follows_one_rule():
    """app_model_rule, from "%(app_label)s_%(class)s_<rule>", so a database error names its table."""
    names = [
        (model._meta.label, constraint.name)
        for model in apps.get_models()
        if model._meta.app_label in FLOOR or model._meta.app_label == "portal"
        for constraint in model._meta.constraints
    ]

    wrong = [
        (label, name)
        for label, name in names
        if not name.startswith(f"{label.split('.')[0].lower()}_{label.split('.')[1].lower()}_")
    ]
    assert names and wrong == []


def test_no_test_module_imports_another():
    """Shared test code lives in tests/support (and conftest fixtures), never in a test module."""
    offending = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[-1].startswith("test_")
            ):
                offending.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module}")
    assert offending == []

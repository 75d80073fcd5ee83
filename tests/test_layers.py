"""The walls between the apps, where import-linter cannot see them.

``lint-imports`` (pyproject.toml, ``[tool.importlinter]``) checks imports. A lower layer can also
reach upward by name: a string foreign key (``"directory.Organisation"``), ``apps.get_model(
"offers", "Offer")``, a dotted path (``"events.tasks.send_reminders"``) or a permission of a
higher app (``"offers.change_offer"``). This test reads every Python module of each layer and
fails on such a string naming an app above it (or, for events and knowledge, its sibling).
Docstrings may name any app; migrations are history; the settings and the root URLconf are the
composition root that installs the apps and so names them all.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: App label → layer, bottom (0) to top, as in pyproject.toml's layers contract.
LAYERS = {
    "portal": 0,
    "accounts": 0,  # portal.accounts
    "search": 1,
    "directory": 2,
    "events": 3,
    "knowledge": 3,
    "offers": 4,
}
PACKAGES = ("portal", "search", "directory", "events", "knowledge", "offers")
COMPOSITION_ROOT = ("portal/settings/", "portal/urls.py")

_DOTTED = re.compile(r"^(?P<app>[a-z]+)\.[A-Za-z_][\w.]*$")


def _label_of(path: Path) -> str:
    relative = path.relative_to(ROOT).as_posix()
    return "accounts" if relative.startswith("portal/accounts/") else relative.split("/")[0]


def _is_above(label: str, named: str) -> bool:
    """Whether code of app ``label`` must not name app ``named``: a higher layer, or the
    independent sibling (events and knowledge)."""
    if named not in LAYERS or named == label:
        return False
    return LAYERS[named] > LAYERS[label] or {label, named} == {"events", "knowledge"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def upward_names(source: str, label: str) -> list[str]:
    """The strings in ``source`` (code of app ``label``) that name an app above it."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = getattr(function, "attr", getattr(function, "id", ""))
            first = node.args[0] if node.args else None
            if (
                name in {"get_model", "get_app_config", "is_installed"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and _is_above(label, first.value.split(".")[0])
            ):
                problems.append(f"line {node.lineno}: {name}({first.value!r}, …)")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and (match := _DOTTED.match(node.value))
            and _is_above(label, match["app"])
        ):
            problems.append(f"line {node.lineno}: {node.value!r}")
    return problems


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative.startswith(COMPOSITION_ROOT):
                continue
            yield path


@pytest.mark.parametrize("package", PACKAGES)
def test_no_layer_names_an_app_above_it(package):
    problems = [
        f"{path.relative_to(ROOT)} {problem}"
        for path in _modules()
        if path.relative_to(ROOT).parts[0] == package
        for problem in upward_names(path.read_text(encoding="utf-8"), _label_of(path))
    ]
    assert problems == [], "reach upward through a Wagtail hook or a signal instead"


@pytest.mark.parametrize(
    ("label", "source"),
    [
        ("accounts", 'organisation = models.ForeignKey("directory.Organisation", on_delete=C)'),
        ("accounts", 'model = apps.get_model("directory", "Organisation")'),
        ("portal", 'offer = apps.get_model("offers.Offer")'),
        ("search", 'grant("offers.change_offer")'),
        ("directory", 'path = "events.tasks.send_reminders"'),
        ("events", 'page = apps.get_model("knowledge", "KnowledgePage")'),
        ("knowledge", 'installed = apps.is_installed("events")'),
    ],
)
def test_the_scan_sees_a_name_reaching_upward(label, source):
    """Negative control: each of these would break a wall."""
    assert upward_names(source, label) != []


@pytest.mark.parametrize(
    ("label", "source"),
    [
        ("offers", 'organisation = models.ForeignKey("directory.Organisation", on_delete=C)'),
        ("directory", 'user = models.ForeignKey("accounts.Membership", on_delete=C)'),
        ("accounts", 'def f():\n    """Unlike ``"directory.Organisation"``, say it here."""'),
        ("portal", 'template = "directory/organisation.html"'),
        ("events", 'permission = "events.change_eventpage"'),
    ],
)
def test_the_scan_lets_names_downward_and_in_docstrings_pass(label, source):
    assert upward_names(source, label) == []

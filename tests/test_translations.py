"""German first: every UI string has a German translation, and the catalogues are current.

For each app, the messages are extracted afresh (Django's makemessages on a copy of the app) and
compared with the committed catalogue, so that a new string without a translation fails here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = [p.parent.parent.parent.parent for p in ROOT.glob("*/locale/de/LC_MESSAGES/django.po")]
APPS += [p.parent.parent.parent.parent for p in ROOT.glob("*/*/locale/de/LC_MESSAGES/django.po")]
APPS = sorted({app for app in APPS if ".venv" not in app.parts and "node_modules" not in app.parts})


def _catalogue(app: Path) -> polib.POFile:
    return polib.pofile(str(app / "locale/de/LC_MESSAGES/django.po"))


def test_every_app_with_ui_strings_has_a_german_catalogue():
    for app in ("portal", "directory", "knowledge", "events", "search"):
        uses_gettext = any(
            "gettext" in path.read_text(encoding="utf-8")
            or "{% translate" in path.read_text(encoding="utf-8")
            or "{% blocktranslate" in path.read_text(encoding="utf-8")
            for path in (ROOT / app).rglob("*")
            if path.suffix in {".py", ".html", ".txt"} and "locale" not in path.parts
        )
        if uses_gettext:
            assert ROOT / app in APPS, f"{app} uses gettext but has no locale/de catalogue"


@pytest.mark.parametrize("app", APPS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(app):
    po = _catalogue(app)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {app.name}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {app.name}: {fuzzy[:10]}"
    mo = polib.mofile(str(app / "locale/de/LC_MESSAGES/django.mo"))
    compiled = {(e.msgctxt, e.msgid) for e in mo}
    missing = [e.msgid for e in po.translated_entries() if (e.msgctxt, e.msgid) not in compiled]
    assert not missing, f"{app.name}: .mo is older than .po, run compilemessages: {missing[:5]}"


@pytest.mark.parametrize("app", APPS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_contains_every_string_of_the_code(app, tmp_path):
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc"))
    # Nested apps (portal/accounts) are extracted on their own.
    for nested in APPS:
        if nested != app and nested.is_relative_to(app):
            shutil.rmtree(copy / nested.relative_to(app), ignore_errors=True)
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "de", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PYTHONPATH": str(ROOT),
        },
    )
    fresh = polib.pofile(str(copy / "locale/de/LC_MESSAGES/django.po"))
    committed = {(e.msgctxt, e.msgid) for e in _catalogue(app) if not e.obsolete}
    new = [e.msgid for e in fresh if (e.msgctxt, e.msgid) not in committed]
    assert not new, f"{app.name}: strings missing from the catalogue (run makemessages): {new[:10]}"

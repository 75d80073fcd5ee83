"""Browser-test harness: Playwright's sync API driving Debian's Chromium against the live server.

Fixtures (other test modules code against exactly these):

- ``live_url`` – base URL of pytest-django's live server (static files are served too).
- ``browser_page`` – a fresh page in a fresh context (German locale, ``base_url=live_url``);
  a failing test leaves a screenshot in ``test-results/``.
- ``axe`` – ``axe(page, *, context=None)`` runs axe-core with the WCAG 2.0/2.1 A and AA rules
  and fails on every serious or critical violation.
- ``login_as`` – ``login_as(page, user)`` logs the page's browser context in as a Django user.

Helpers (plain functions): ``log_in_with_form(page, email=…, password=…, totp_secret=None)``
goes through the real login form (and the two-factor step), ``totp_code(secret)`` is what an
authenticator app shows for a secret, ``mails_to(address)`` the mails the live server sent
to an address (waiting briefly for the outbox task).

Every test in this directory is marked ``browser``; without ``/usr/bin/chromium`` or
``node_modules/axe-core`` it is skipped with one line (and fails when ``CI`` is set). We never
download a browser: Debian's package is the one the CI machine installs with apt.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an asyncio event loop in this thread; Django refuses ORM calls from
# a thread with a running loop unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_DIR = Path(__file__).resolve().parent
REPO_DIR = BROWSER_DIR.parent.parent
AXE_JS = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
RESULTS_DIR = REPO_DIR / "test-results"

# Only these make a test fail; moderate and minor findings are reported by manual review.
FAILING_IMPACTS = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _missing_prerequisites() -> str | None:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append("node_modules/axe-core (npm ci)")
    if missing:
        return "browser tests need " + " and ".join(missing)
    return None


def _is_browser_test(item: pytest.Item) -> bool:
    return BROWSER_DIR in Path(str(item.path)).parents


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if _is_browser_test(item)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    reason = _missing_prerequisites()
    if reason is None or not browser_items or os.environ.get("CI"):
        return  # in CI the `_chromium` fixture fails instead of skipping
    skip = pytest.mark.skip(reason=reason)
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _browser_test_database(django_db_serialized_rollback):
    """Browser tests run against the live server, so their database is flushed after each test;
    serialized rollback restores the rows the migrations created (Wagtail's root and home page,
    the default site) before every test."""
    from django.core.cache import cache

    cache.clear()  # Wagtail caches site root paths; never let them outlive the rows.
    yield
    cache.clear()


@pytest.fixture(scope="session")
def _chromium():
    reason = _missing_prerequisites()
    if reason:
        pytest.fail(reason + " (CI is set, so this is an error)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Between two sync calls Playwright leaves its event loop marked as running in this thread.
    # Django keeps database connections in an asgiref Local, which then switches from the
    # thread-local storage to a context-variable storage: without help every test after the
    # browser start would get fresh connection objects that lack the test database's state
    # (e.g. the serialized contents that serialized rollback restores). Hand the existing
    # connection objects over to the storage Django is going to look in.
    existing = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in existing.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server) -> str:
    """Base URL of the live server, e.g. ``http://localhost:41235`` (no trailing slash)."""
    return live_server.url


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    reason = _missing_prerequisites()
    if report.skipped and reason and isinstance(report.longrepr, tuple):
        if report.longrepr[2].endswith(reason):
            # Fold the skips of every browser module into one summary line.
            report.longrepr = (str(BROWSER_DIR.relative_to(REPO_DIR)), None, report.longrepr[2])
    return report


@pytest.fixture
def browser_page(request, _chromium, live_url):
    """A page in a fresh browser context: German locale, relative URLs against the live server.

    ``bypass_csp`` lets the ``axe`` fixture inject axe-core even under a strict
    Content-Security-Policy; the CSP itself is tested over HTTP, not here."""
    context = _chromium.new_context(
        locale="de-DE",
        base_url=live_url,
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "_report_call", None)
    if report is not None and report.failed:
        RESULTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)
        except Exception as error:  # noqa: BLE001 - a screenshot must never hide the failure
            print(f"could not save a screenshot: {error}")  # noqa: T201
    context.close()


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} serious/critical violation(s) on {url}"]
    for violation in violations:
        targets = [
            " ".join(map(str, node.get("target", []))) for node in violation.get("nodes", [])[:3]
        ]
        more = len(violation.get("nodes", [])) - len(targets)
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" — {', '.join(targets)}{f' (+{more} more)' if more > 0 else ''}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="session")
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def axe(_axe_source):
    """``axe(page, *, context=None, fail=True)`` → the list of violations of any impact; fails
    the test on serious or critical ones. ``context`` is an axe context (a selector or
    include/exclude dict) for checking part of a page, e.g. a dialog that just opened.
    ``fail=False`` only reports: for pages whose markup is not ours (the Wagtail admin)."""

    def run(page, *, context=None, fail: bool = True) -> list[dict]:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(content=_axe_source)
        results = page.evaluate(
            """([context, tags]) => axe.run(context || document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            })""",
            [context, AXE_TAGS],
        )
        violations = results["violations"]
        failing = [v for v in violations if v.get("impact") in FAILING_IMPACTS]
        if failing and fail:
            pytest.fail(_format_violations(page.url, failing), pytrace=False)
        return violations

    return run


@pytest.fixture
def login_as(live_url):
    """``login_as(page, user)`` gives the page's browser context a logged-in session for
    ``user`` – created server-side, so no login form (and no password) is involved."""
    from django.conf import settings
    from django.test import Client

    def login(page, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "url": live_url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )

    return login


def totp_code(secret: str) -> str:
    """The current six-digit code of a TOTP ``secret`` (base32), as an authenticator app shows."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in_with_form(page, *, email: str, password: str, totp_secret: str | None = None) -> None:
    """Log in through the real login form (and the code step when ``totp_secret`` is given),
    starting from the page that is open; the caller checks where the browser lands."""
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if totp_secret is not None:
        page.wait_for_url(re.compile(r"/konto/zwei-faktor/code/"))
        code_form = page.locator("form:has(input[name=code])")
        code_form.locator("input[name=code]").fill(totp_code(totp_secret))
        with page.expect_navigation():
            # (not the "cancel" button, which belongs to a logout form elsewhere on the page)
            code_form.locator("button[type=submit]:not([form])").click()


def mails_to(address: str, *, at_least: int = 1, timeout: float = 5.0) -> list:
    """The mails sent to ``address`` so far (``django.core.mail.outbox``), waiting briefly for
    the outbox task that the live server runs after its commit."""
    import time

    from django.core import mail

    deadline = time.monotonic() + timeout
    while True:
        found = [message for message in mail.outbox if address in message.to]
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.05)

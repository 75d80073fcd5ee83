"""Real services for the test suite: Elasticsearch and PostgreSQL, skipped or required.

``python3 dev.py test`` starts the services and tells this plugin about them through the
environment; run bare, pytest skips the service tests with one line each:

- ``IPNETZ_TEST_ELASTICSEARCH_URL`` – a running node (``dev.py`` starts one on 127.0.0.1);
  ``IPNETZ_TEST_ELASTICSEARCH_SKIP`` says why there is none (e.g. "java/mvn not found").
- ``IPNETZ_TEST_PASS`` – ``sqlite`` (pass 1) or ``postgres`` (pass 2, ``DATABASE_URL`` set).
- ``REQUIRE_ELASTICSEARCH=1`` / ``REQUIRE_POSTGRES=1`` – a missing service fails the tests
  that need it instead of skipping them (CI sets both).

Tests that need Elasticsearch are marked ``elasticsearch`` or ask for the session fixture
``elasticsearch_url``; tests that need PostgreSQL are marked ``postgres`` and run in pass 2.
Skips are raised from one line here, so pytest's summary folds them into a single line.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

import pytest

TRUE_WORDS = {"1", "true", "yes", "on"}


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in TRUE_WORDS


def _elasticsearch_problem() -> str | None:
    """Why no Elasticsearch node can be used, or None when one answers."""
    url = os.environ.get("IPNETZ_TEST_ELASTICSEARCH_URL", "").strip()
    if not url:
        reason = os.environ.get("IPNETZ_TEST_ELASTICSEARCH_SKIP", "").strip()
        return reason or "no node (python3 dev.py test starts one; needs java and mvn)"
    try:
        # Loopback node started by dev.py; the URL comes from our own environment.
        request = urllib.request.Request(f"{url.rstrip('/')}/_cluster/health")  # noqa: S310
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            status = json.loads(response.read()).get("status")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"{url} does not answer ({error})"
    if status not in {"green", "yellow"}:
        return f"{url} is {status}"
    return None


def _postgres_problem() -> str | None:
    from django.db import connection

    if connection.vendor == "postgresql":
        return None
    return f"the database is {connection.vendor}; PostgreSQL tests run in pass 2 of dev.py test"


class _State:
    elasticsearch: str | None | bool = False  # False: not yet checked


_state = _State()


def _elasticsearch_checked() -> str | None:
    if _state.elasticsearch is False:
        _state.elasticsearch = _elasticsearch_problem()
    return _state.elasticsearch  # type: ignore[return-value]


def _need_elasticsearch() -> str:
    problem = _elasticsearch_checked()
    if problem is None:
        return os.environ["IPNETZ_TEST_ELASTICSEARCH_URL"].strip().rstrip("/")
    if _flag("REQUIRE_ELASTICSEARCH"):
        pytest.fail(f"Elasticsearch required (REQUIRE_ELASTICSEARCH=1): {problem}", pytrace=False)
    pytest.skip(f"Elasticsearch tests skipped: {problem}")


def _need_postgres() -> None:
    problem = _postgres_problem()
    if problem is None:
        return
    in_postgres_pass = os.environ.get("IPNETZ_TEST_PASS") == "postgres"
    if _flag("REQUIRE_POSTGRES") and in_postgres_pass:
        pytest.fail(f"PostgreSQL required (REQUIRE_POSTGRES=1): {problem}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {problem}")


def pytest_report_header(config) -> list[str]:
    es_url = os.environ.get("IPNETZ_TEST_ELASTICSEARCH_URL") or "none"
    test_pass = os.environ.get("IPNETZ_TEST_PASS", "plain pytest")
    return [f"ipnetz services: pass={test_pass}, elasticsearch={es_url}"]


#: A test that asks for one of these (directly or through its fixtures) depends on the
#: database or the search engine; only such tests run again in the PostgreSQL pass.
BACKEND_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "elasticsearch_url",
}


def uses_a_backend(item: pytest.Item) -> bool:
    if BACKEND_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    return any(item.get_closest_marker(name) for name in ("django_db", "postgres", "elasticsearch"))


def pytest_collection_modifyitems(config, items) -> None:
    """Pass 2 (PostgreSQL + Elasticsearch) runs the database- and search-dependent tests
    again; the rest (pure functions, subprocess checks, catalogues) ran in pass 1."""
    if os.environ.get("IPNETZ_TEST_PASS") != "postgres":
        return
    keep = [item for item in items if uses_a_backend(item)]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in keep])
        items[:] = keep


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("elasticsearch"):
        _need_elasticsearch()
    if item.get_closest_marker("postgres"):
        _need_postgres()


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    """Base URL of a healthy Elasticsearch 8.19 node (no trailing slash); skips without one."""
    return _need_elasticsearch()

"""The test database between tests: what the migrations created, and the demo region.

Two things keep a test's starting state the same whichever test ran before it, and in whichever
order pytest-xdist hands a worker its files:

- **After a transactional test** (browser tests, the concurrency tests) Django flushes every table;
  the rows the migrations created (the home page, the default site, the content types) come back
  only when the next *serialized* transactional test starts. pytest-django runs transactional
  tests last, so a single process never sees the gap; an xdist worker may run a browser file and
  then a file of ordinary tests. So when a transactional test is followed by one that is not,
  the serialized rows are written back at once.
- **The demo region** (``load_demo``, seven seconds on SQLite) is loaded once per session into
  an in-memory snapshot database; ``demo_site`` then copies the snapshot's rows into the test
  database inside the test's transaction (a few hundred milliseconds), so the rollback at the
  end of the test removes them as it would a fresh load; the search triggers rebuild the FTS5
  indexes from the copied rows. A transactional test (no transaction open) gets the whole
  database restored with SQLite's backup API, and Django's flush clears it afterwards. The
  snapshot is taken after a committed load, so the on-commit work (tasks, mails) has run, as
  on a real install. On PostgreSQL, or with ``IPNETZ_TEST_DEMO_SNAPSHOT=0``, the demo is
  loaded in each test.
"""

from __future__ import annotations

import itertools
import os
import sqlite3

import pytest
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key

TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_serialized_rollback",
    "django_db_reset_sequences",
}


def is_transactional(item: pytest.Item) -> bool:
    if TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and validate_django_db(marker)[0])


def _refresh_cached_rows() -> None:
    """After rows were replaced behind the ORM's back: empty the cache, and fill the content
    type cache from the rows (Django's deserializer, run by the next serialized test, saves
    models whose signals ask for content types; an empty cache would create duplicates)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    cache.clear()
    ContentType.objects.clear_cache()
    if ContentType.objects.exists():
        ContentType.objects.get_for_models(*apps.get_models())


def _restore_migration_rows(config: pytest.Config) -> None:
    from django.core.management import call_command
    from django.db import connections

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                # Django's flush after the test sent post_migrate, whose receivers (the role
                # grants) created groups again, in hook order rather than the serialized ids':
                # empty the tables once more, without post_migrate, before the rows come back.
                call_command(
                    "flush",
                    interactive=False,
                    inhibit_post_migrate=True,
                    reset_sequences=False,
                    verbosity=0,
                    database=connection.alias,
                )
                connection.creation.deserialize_db_from_string(contents)
        _refresh_cached_rows()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield  # the test's fixtures are torn down: a transactional test has flushed
    if nextitem is not None and is_transactional(item) and not is_transactional(nextitem):
        _restore_migration_rows(item.config)
    return result


class SQLiteSnapshot:
    """A copy of the test database with the demo loaded, attached to the test connection."""

    SCHEMA = "demo_snapshot"
    _numbers = itertools.count()

    def __init__(self, connection) -> None:
        self.connection = connection
        self.uri = f"file:ipnetz-demo-{os.getpid()}-{next(self._numbers)}?mode=memory&cache=shared"
        self._keep_alive: sqlite3.Connection | None = None
        self._whole: sqlite3.Connection | None = None

    def build(self, load, config: pytest.Config) -> None:
        """Run ``load()`` (committed, on-commit work included, as on a real install), keep the
        result, and put the database back as it was."""
        self.connection.ensure_connection()
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM django_content_type")
            flushed = cursor.fetchone()[0] == 0
        if flushed:  # built just after a transactional test: start from the migrations' rows
            _restore_migration_rows(config)
        raw = self.connection.connection
        before = sqlite3.connect(":memory:")
        raw.backup(before)
        load()
        self._keep_alive = sqlite3.connect(self.uri, uri=True, check_same_thread=False)
        raw.backup(self._keep_alive)
        # A private copy for whole-database restores: the shared one is attached to the test
        # connection, and SQLite's shared-cache locks would make a backup from it wait forever.
        self._whole = sqlite3.connect(":memory:", check_same_thread=False)
        raw.backup(self._whole)
        before.backup(raw)
        before.close()
        with self.connection.cursor() as cursor:
            cursor.execute(f"ATTACH DATABASE %s AS {self.SCHEMA}", [self.uri])
        _refresh_cached_rows()

    def _tables(self, cursor) -> list[str]:
        cursor.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'")
        rows = cursor.fetchall()
        virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
        return [
            name
            for name, _sql in rows
            if name not in virtual
            and not any(name.startswith(f"{v}_") for v in virtual)  # FTS5 shadow tables
        ]

    def restore(self) -> None:
        """Replace every row of the test database with the snapshot's: inside the test's
        transaction row by row, in a transactional test (no transaction open) as a whole."""
        if not self.connection.in_atomic_block:
            self._whole.backup(self.connection.connection)
            _refresh_cached_rows()
            return
        with self.connection.cursor() as cursor:
            tables = self._tables(cursor)
            for table in tables:
                cursor.execute(f'DELETE FROM main."{table}"')  # noqa: S608 - names from sqlite_master
            for table in tables:
                cursor.execute(
                    f'INSERT INTO main."{table}" SELECT * FROM {self.SCHEMA}."{table}"'  # noqa: S608
                )
        _refresh_cached_rows()


def _load_demo() -> None:
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="session")
def _demo_snapshot(request, django_db_setup, django_db_blocker):
    """The demo region, loaded once per session (SQLite), or None (load it per test)."""
    from django.db import connection

    if connection.vendor != "sqlite" or os.environ.get("IPNETZ_TEST_DEMO_SNAPSHOT") == "0":
        return None
    snapshot = SQLiteSnapshot(connection)
    with django_db_blocker.unblock():
        snapshot.build(_load_demo, request.config)
    return snapshot


@pytest.fixture
def demo_site(db, _demo_snapshot):
    """The whole demo region in the test database, as ``load_demo`` leaves it."""
    from wagtail.models import Site

    if _demo_snapshot is None:
        _load_demo()
    else:
        _demo_snapshot.restore()
    return Site.objects.get(is_default_site=True)

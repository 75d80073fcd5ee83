"""Shared helpers of the benchmarks in ``bench/`` (see ``bench/README.md``).

A benchmark script does, in this order::

    import _setup

    args = _setup.parse_args(__doc__)                 # --quick, --runs, --warmup, --json …
    with _setup.database("directory_finder", args):   # Django + a throw-away, migrated database
        from directory.models import Organisation     # (import models only inside)
        _setup.bulk_create(Organisation, rows)        # fast synthetic data
        stats = _setup.measure("finder", [call1, call2, …], runs=args.runs, warmup=args.warmup)
        _setup.print_table([stats])
        _setup.write_json(args, {"finder": stats.as_dict()})

The database is a fresh SQLite file in a temporary folder, copied from a migrated template that
is cached under ``.cache/bench/`` (keyed by the migration files, so a new migration builds a
new template); with ``DATABASE_URL`` set to a PostgreSQL server, a database of its own is
created on that server, migrated, and dropped at the end. Nothing touches ``var/`` or another
engineer's database.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache" / "bench"

# The project first: bench/search.py must not shadow the search app (the script's own folder
# comes first on sys.path otherwise).
while str(REPO) in sys.path:
    sys.path.remove(str(REPO))
sys.path.insert(0, str(REPO))


def _measure_this_tree() -> None:
    """An editable install maps the apps to the tree it was installed from; a benchmark run
    from another checkout (say a git worktree of an older commit, for before/after figures)
    must import that checkout's code only, so such a finder pointing elsewhere is dropped."""
    for finder in list(sys.meta_path):
        mapping = getattr(sys.modules.get(getattr(finder, "__module__", "")), "MAPPING", None)
        if isinstance(mapping, dict) and mapping.get("portal") not in (None, str(REPO / "portal")):
            sys.meta_path.remove(finder)


_measure_this_tree()


# ---- command line ------------------------------------------------------------------------------


def parse_args(description: str | None, *, add_arguments: Callable | None = None, argv=None):
    """The common options; ``add_arguments(parser)`` may add a benchmark's own.

    ``--quick`` means small volumes and few runs: it is what ``tests/test_benchmarks_run.py``
    runs so that every script keeps working; its figures mean nothing.
    """
    parser = argparse.ArgumentParser(
        description=(description or "").strip().splitlines()[0] if description else None
    )
    parser.add_argument(
        "--quick", action="store_true", help="small volumes and few runs (smoke test)"
    )
    parser.add_argument("--runs", type=int, default=None, help="timed runs per measurement")
    parser.add_argument("--warmup", type=int, default=None, help="untimed runs before timing")
    parser.add_argument("--seed", type=int, default=20260, help="seed of the synthetic data")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the throw-away database (its path or name is printed)",
    )
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 20 if args.quick else 300
    if args.warmup is None:
        args.warmup = 3 if args.quick else 30
    return args


def scale(args, full: int, quick: int) -> int:
    """``full`` rows normally, ``quick`` with ``--quick``."""
    return quick if args.quick else full


# ---- machine facts -----------------------------------------------------------------------------


def machine_facts() -> dict:
    """What the figures were measured on (call after ``database()`` for the database version)."""
    facts = {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(terse=True),
    }
    try:
        load = os.getloadavg()
        facts["load_average"] = f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    except OSError:
        pass
    with contextlib.suppress(Exception):
        import django

        facts["django"] = django.get_version()
        from django.db import connection

        facts["database"] = connection.vendor
        if connection.vendor == "postgresql":
            facts["postgresql"] = connection.cursor().connection.info.server_version
    return facts


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def print_machine() -> dict:
    facts = machine_facts()
    print("machine: " + ", ".join(f"{key} {value}" for key, value in facts.items()))
    return facts


# ---- the database ------------------------------------------------------------------------------


def _migrations_fingerprint() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(REPO.glob("*/migrations/*.py")) + sorted(REPO.glob("*/*/migrations/*.py")):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    import django
    import wagtail

    digest.update(f"{django.get_version()} {wagtail.__version__} {sqlite3.sqlite_version}".encode())
    return digest.hexdigest()[:16]


def _environment(data_dir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["IPNETZ_DATA_DIR"] = str(data_dir)
    os.environ["DEBUG"] = "0"  # no query log, cached templates: as in production
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "u7Kp2xQz9RmW4tLc8vNb3jHs6gFd1aYe" * 2)
    # The test settings drop ELASTICSEARCH_URL; a benchmark sets its own node explicitly.
    os.environ.pop("IPNETZ_TEST_DATABASE_NAME", None)


def _postgres_admin(url: str):
    """An autocommit connection to the maintenance database of the server of ``url``."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    return psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    )


def _postgres_create(url: str, name: str) -> str:
    """Create database ``name`` on the server of ``url``; the URL of the new database."""
    from psycopg import sql

    with _postgres_admin(url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base, _, _old = url.rstrip("/").rpartition("/")
    return f"{base}/{name}"


def _postgres_drop(url: str, name: str) -> None:
    from psycopg import sql

    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    with _postgres_admin(url) as conn:
        conn.execute(statement.format(sql.Identifier(name)))


@contextlib.contextmanager
def database(name: str, args) -> Iterator[dict]:
    """Set up Django on a throw-away, migrated database for benchmark ``name``; remove it after.

    Yields facts about it (``vendor``, ``location``, ``migrate_seconds``) and prints the
    machine facts. Import models only inside the ``with`` block.
    """
    # Ctrl-C and kill (SIGTERM) still run the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    data_dir = Path(tempfile.mkdtemp(prefix=f"ipnetz-bench-{name}-"))
    _environment(data_dir)
    original_url = os.environ.get("DATABASE_URL", "").strip()
    pg_name = None
    info: dict = {}
    started = time.perf_counter()
    template = None
    try:
        if original_url.startswith(("postgres://", "postgresql://")):
            pg_name = f"bench_{name}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            os.environ["DATABASE_URL"] = _postgres_create(original_url, pg_name)
            info.update(vendor="postgresql", location=pg_name)
        else:
            os.environ.pop("DATABASE_URL", None)
            target = data_dir / "ipnetz.sqlite3"
            CACHE.mkdir(parents=True, exist_ok=True)
            template = CACHE / f"migrated-{_migrations_fingerprint()}.sqlite3"
            if template.exists():
                shutil.copyfile(template, target)
            info.update(vendor="sqlite", location=str(target))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0, interactive=False)
        if template is not None and not template.exists():
            _save_template(connection, template)
        info["migrate_seconds"] = round(time.perf_counter() - started, 1)
        print(
            f"database: {info['vendor']} at {info['location']} "
            f"(ready in {info['migrate_seconds']} s)"
        )
        print_machine()
        yield info
    finally:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args is not None and getattr(args, "keep", False):
            print(f"kept: {info.get('location', data_dir)}")
        else:
            if pg_name:
                _postgres_drop(original_url, pg_name)
            shutil.rmtree(data_dir, ignore_errors=True)
        if original_url:
            os.environ["DATABASE_URL"] = original_url


def _save_template(connection, template: Path) -> None:
    """Copy the freshly migrated SQLite database into the cache (atomically)."""
    connection.ensure_connection()
    partial = template.with_suffix(f".{os.getpid()}.part")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, template)


# ---- data --------------------------------------------------------------------------------------


def bulk_create(model, objects: Iterable, *, batch_size: int = 2000) -> list:
    """``model.objects.bulk_create`` in batches, in one transaction; returns the saved objects
    (with primary keys on SQLite and PostgreSQL)."""
    from django.db import transaction

    objects = list(objects)
    with transaction.atomic():
        for start in range(0, len(objects), batch_size):
            model.objects.bulk_create(objects[start : start + batch_size], batch_size=batch_size)
    return objects


@contextlib.contextmanager
def timed(label: str) -> Iterator[dict]:
    """``with timed("data") as t: …`` prints and stores the elapsed seconds in ``t["seconds"]``."""
    result: dict = {}
    started = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - started
    print(f"{label}: {result['seconds']:.1f} s")


def analyze() -> None:
    """Refresh the planner's statistics after bulk loading, as a production database has them
    (SQLite ``ANALYZE``, PostgreSQL ``ANALYZE``)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# ---- measuring ---------------------------------------------------------------------------------


@dataclass
class Stats:
    """Timings of one measurement, in milliseconds: wall-clock time, and the CPU time of this
    process (``cpu_*``) — on a machine shared with other work the CPU figures are the
    better-controlled ones for code that runs in-process (SQLite); a server's work
    (Elasticsearch, PostgreSQL) shows only in the wall-clock figures."""

    label: str
    runs: int
    median: float
    p95: float
    max: float
    mean: float
    min: float
    target_p95: float | None = None
    cpu_median: float | None = None
    cpu_p95: float | None = None

    @property
    def met(self) -> bool | None:
        return None if self.target_p95 is None else self.p95 < self.target_p95

    def as_dict(self) -> dict:
        data = asdict(self)
        data["met"] = self.met
        return data


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def stats_from(
    label: str,
    seconds: Sequence[float],
    *,
    target_p95: float | None = None,
    cpu_seconds: Sequence[float] | None = None,
) -> Stats:
    values = sorted(s * 1000 for s in seconds)
    cpu = sorted(s * 1000 for s in cpu_seconds) if cpu_seconds else None
    return Stats(
        label=label,
        runs=len(values),
        median=statistics.median(values),
        p95=percentile(values, 0.95),
        max=values[-1],
        mean=statistics.fmean(values),
        min=values[0],
        target_p95=target_p95,
        cpu_median=statistics.median(cpu) if cpu else None,
        cpu_p95=percentile(cpu, 0.95) if cpu else None,
    )


def measure(
    label: str,
    calls: Sequence[Callable[[], object]] | Callable[[], object],
    *,
    runs: int,
    warmup: int,
    target_p95: float | None = None,
    check: Callable[[object], None] | None = None,
) -> Stats:
    """Time ``runs`` calls, going round the mix ``calls`` (one callable or a list of them),
    after ``warmup`` untimed calls. ``check(result)`` may assert on each result (not timed)."""
    if callable(calls):
        calls = [calls]
    for number in range(warmup):
        calls[number % len(calls)]()
    seconds, cpu_seconds = [], []
    for number in range(runs):
        call = calls[number % len(calls)]
        cpu_started = time.process_time()
        started = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
        if check is not None:
            check(result)
    return stats_from(label, seconds, target_p95=target_p95, cpu_seconds=cpu_seconds)


def count_queries(call: Callable[[], object]) -> int:
    """How many SQL queries ``call()`` runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


def print_table(rows: Sequence[Stats]) -> None:
    """The figures as a Markdown table (ready to paste into docs/benchmarks.md)."""
    print()
    print(
        "| measurement | runs | median ms | p95 ms | max ms | CPU median ms | CPU p95 ms "
        "| target p95 | met |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        target = f"< {row.target_p95:g} ms" if row.target_p95 is not None else "—"
        met = {None: "—", True: "yes", False: "**no**"}[row.met]
        cpu = f"{row.cpu_median:.1f} | {row.cpu_p95:.1f}" if row.cpu_median is not None else "— | —"
        print(
            f"| {row.label} | {row.runs} | {row.median:.1f} | {row.p95:.1f} | {row.max:.1f} "
            f"| {cpu} | {target} | {met} |"
        )
    print()


def write_json(args, payload: dict) -> None:
    """Write ``payload`` (plus the machine facts) to ``--json PATH`` when given."""
    if not getattr(args, "json", None):
        return
    body = {"machine": machine_facts(), "quick": args.quick, **payload}
    Path(args.json).write_text(json.dumps(body, indent=2, default=str, ensure_ascii=False))
    print(f"figures written to {args.json}")


# ---- Elasticsearch -----------------------------------------------------------------------------


#: Read before Django starts: the test settings drop ELASTICSEARCH_URL from the environment.
_ENVIRONMENT_ELASTICSEARCH = (
    os.environ.get("ELASTICSEARCH_URL"),
    os.environ.get("IPNETZ_TEST_ELASTICSEARCH_URL"),
)


def elasticsearch_url(explicit: str | None = None) -> str | None:
    """The node to benchmark: ``--elasticsearch URL``, else ``ELASTICSEARCH_URL``, else the
    test node ``IPNETZ_TEST_ELASTICSEARCH_URL`` (what ``dev.py test`` starts); None: none."""
    for value in (explicit, *_ENVIRONMENT_ELASTICSEARCH):
        if value and value.strip():
            return value.strip().rstrip("/")
    return None


@contextlib.contextmanager
def elasticsearch(url: str, name: str) -> Iterator[str]:
    """Point the search app at ``url`` with an index prefix of its own for this run; every index
    under the prefix is deleted afterwards (the node may be shared; its settings stay as they
    are). Yields the prefix."""
    from django.conf import settings

    prefix = f"bench-{name}-{uuid.uuid4().hex[:8]}".lower()
    saved = (settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX)
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    from search import engine

    engine._last_probe.clear()
    try:
        yield prefix
    finally:
        from search.backends import elastic

        with contextlib.suppress(Exception):
            es = elastic.client()
            names = list(es.indices.get(index=f"{prefix}-*").keys())
            if names:  # the node refuses wildcard deletes (action.destructive_requires_name)
                es.indices.delete(index=",".join(names))
        settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX = saved
        engine._last_probe.clear()

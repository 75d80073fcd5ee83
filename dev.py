#!/usr/bin/env python3
"""The two commands of ipnetz. Needs nothing but Python 3.11+.

    python3 dev.py up [ADDR:PORT]     venv, install, migrate, demo region, serve (127.0.0.1:8000)
    python3 dev.py test [--postgres] [--services] [PYTEST ARGS]
                                      the whole suite: lint (ruff, lint-imports), checks, pytest
                                      on SQLite, then the database- and search-dependent tests
                                      again on PostgreSQL with Elasticsearch (pytest-xdist: a
                                      worker per core)
    python3 dev.py smoke [--keep]     the production smoke alone (scripts/smoke.py): gunicorn,
                                      db_worker and nginx on loopback over PostgreSQL and
                                      Elasticsearch; the whole suite runs it after pass 2
    python3 dev.py constraints        rewrite constraints.txt from the venv (after adding a package)

With PYTEST ARGS only pass 1 runs, with those arguments and without lint or services;
``--services`` starts Elasticsearch (and PostgreSQL) for it, ``--postgres`` adds pass 2.
``REQUIRE_POSTGRES=1`` / ``REQUIRE_ELASTICSEARCH=1`` / ``REQUIRE_SMOKE=1`` turn a missing service
(or nginx) into a failure; ``IPNETZ_TEST_WORKERS=1`` runs a full suite in one process.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path

if sys.version_info < (3, 11):  # noqa: UP036 - this check is for whoever runs an older python3
    sys.exit(f"ipnetz needs Python 3.11 or newer; this is {sys.version.split()[0]}.")

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CACHE = ROOT / ".cache"
STAMP = VENV / ".ipnetz-installed"
NPM_STAMP = ROOT / "node_modules" / ".ipnetz-installed"
CONSTRAINTS = ROOT / "constraints.txt"

sys.path.insert(0, str(ROOT))
from scripts import services  # noqa: E402 - needs ROOT on sys.path


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(cmd: list[str], *, env: dict | None = None, check: bool = True) -> int:
    result = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    if check and result.returncode != 0:
        sys.exit(f"dev.py: {' '.join(map(str, cmd))} failed with exit code {result.returncode}")
    return result.returncode


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


# --------------------------------------------------------------------------- environment


def _install_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", CONSTRAINTS):
        digest.update(path.read_bytes() if path.exists() else b"-")
    digest.update(str(PYTHON.resolve()).encode())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create ``.venv`` if missing and install the project when pyproject/constraints changed."""
    if not PYTHON.exists():
        say(f"creating the virtual environment {VENV.relative_to(ROOT)}/")
        try:
            venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(
                f"dev.py: cannot create {VENV} ({error}). On Debian/Ubuntu: "
                "apt-get install python3-venv"
            )
    fingerprint = _install_fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == fingerprint:
        say("dependencies up to date")
        return
    say("installing ipnetz and its dependencies (pinned by constraints.txt)")
    cmd = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if CONSTRAINTS.exists():
        cmd += ["-c", str(CONSTRAINTS)]
    # The build backend's deprecation notices about our own metadata are not the user's
    # business on every install; `pip install -e .` by hand still shows them.
    run([*cmd, "-e", ".[dev]"], env={**os.environ, "PYTHONWARNINGS": "ignore"})
    STAMP.write_text(fingerprint + "\n")


def ensure_node_modules() -> str | None:
    """``npm ci`` from the lock file (axe-core, ical.js); the reason when it was not possible."""
    lock = ROOT / "package-lock.json"
    if not lock.exists():
        return None
    if not shutil.which("npm"):
        return "npm not found: browser and feed tests that need node_modules skip"
    fingerprint = hashlib.sha256(lock.read_bytes()).hexdigest()
    if NPM_STAMP.exists() and NPM_STAMP.read_text().strip() == fingerprint:
        say("node_modules up to date")
        return None
    say("npm ci (axe-core, ical.js from package-lock.json)")
    if run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], check=False) != 0:
        return "npm ci failed"
    NPM_STAMP.write_text(fingerprint + "\n")
    return None


def write_constraints() -> None:
    """constraints.txt = the venv's ``pip freeze`` minus the project itself."""
    frozen = subprocess.run(
        [str(PYTHON), "-m", "pip", "freeze", "--exclude-editable", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    lines = [
        line
        for line in frozen
        if line and not line.startswith(("-e ", "#")) and not line.lower().startswith("ipnetz")
    ]
    header = "# Written by `python3 dev.py constraints` from the venv's pip freeze. Do not edit.\n"
    CONSTRAINTS.write_text(header + "\n".join(sorted(lines, key=str.lower)) + "\n")
    say(f"wrote {CONSTRAINTS.name} ({len(lines)} packages)")


def manage(*args: str, env: dict | None = None, check: bool = True) -> int:
    return run([str(PYTHON), "manage.py", *args], env=env, check=check)


# --------------------------------------------------------------------------- up


def cmd_up(args: list[str]) -> int:
    address = args[0] if args else "127.0.0.1:8000"
    ensure_venv()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    say("migrating the database")
    manage("migrate", "--noinput", env=env)
    say("loading the demo region (idempotent)")
    if manage("load_demo", env=env, check=False) != 0:
        # load_demo printed why (a database with real content); serve it all the same.
        say("demo not loaded (see the message above); serving the database as it is")
    say(f"serving at http://{address}/  (Ctrl-C stops)")
    try:
        return manage("runserver", address, env=env, check=False)
    except KeyboardInterrupt:
        return 0


# --------------------------------------------------------------------------- test


class Summary:
    """Each step's outcome, printed at the end; any failure makes the exit code non-zero."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, float]] = []
        self.notes: list[str] = []

    def step(self, name: str, cmd: list[str], *, env: dict | None = None) -> bool:
        say(name)
        started = time.monotonic()
        code = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
        self.add(name, "ok" if code == 0 else f"FAILED (exit {code})", time.monotonic() - started)
        return code == 0

    def add(self, name: str, status: str, seconds: float = 0.0) -> None:
        self.rows.append((name, status, seconds))

    @property
    def failed(self) -> bool:
        return any(status.startswith("FAILED") for _name, status, _s in self.rows)

    def print(self, total: float) -> None:
        print("\n" + "=" * 72)
        print("dev.py test — summary")
        width = max(len(name) for name, _status, _s in self.rows)
        for name, status, seconds in self.rows:
            timing = f"{seconds:6.1f}s" if seconds else " " * 7
            print(f"  {name.ljust(width)}  {timing}  {status}")
        for note in self.notes:
            print(f"  note: {note}")
        verdict = "FAILED" if self.failed else "OK"
        print(f"  total {total:.0f}s — {verdict}")
        print("=" * 72, flush=True)


def _raise_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt  # runs the `finally` that stops the services


def cmd_test(args: list[str]) -> int:
    started = time.monotonic()
    with_postgres = "--postgres" in args
    with_services = "--services" in args or with_postgres
    pytest_args = [arg for arg in args if arg not in {"--postgres", "--services"}]
    full_run = not pytest_args
    if full_run:
        with_postgres = with_services = True
    require_es = env_flag("REQUIRE_ELASTICSEARCH")
    require_pg = env_flag("REQUIRE_POSTGRES")

    ensure_venv()
    summary = Summary()
    npm_problem = ensure_node_modules()
    if npm_problem:
        summary.notes.append(npm_problem)

    base_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"):
        base_env.pop(name, None)  # pass 1 is the embedded default: SQLite, no search cluster
    es_node = pg_server = None
    es_start = _Background(_start_elasticsearch_quietly) if with_services else None
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        # Elasticsearch takes half a minute to boot: it starts while lint and checks run.
        if full_run:
            ruff = str(BIN / "ruff")
            summary.step("ruff check", [ruff, "check", "."], env=base_env)
            summary.step("ruff format --check", [ruff, "format", "--check", "."], env=base_env)
            # The layer contract of pyproject.toml ([tool.importlinter]): a wrong import fails.
            summary.step("lint-imports", [str(BIN / "lint-imports"), "--no-cache"], env=base_env)
            summary.step("manage.py check", [str(PYTHON), "manage.py", "check"], env=base_env)
            summary.step(
                "makemigrations --check",
                [str(PYTHON), "manage.py", "makemigrations", "--check", "--dry-run"],
                env=base_env,
            )
        if es_start is not None:
            es_node = _report_elasticsearch(es_start, summary, base_env, require=require_es)
        workers = _workers() if full_run or os.environ.get("IPNETZ_TEST_WORKERS") else []
        pytest = [str(PYTHON), "-m", "pytest", *workers]
        summary.step(
            "pytest pass 1 (SQLite)",
            [*pytest, *pytest_args],
            env={**base_env, "IPNETZ_TEST_PASS": "sqlite"},
        )
        if with_postgres:
            pg_server = _start_postgres(summary, require=require_pg)
            if pg_server:
                summary.step(
                    "pytest pass 2 (PostgreSQL + Elasticsearch)",
                    [*pytest, "-m", "not browser", *pytest_args],
                    env={
                        **base_env,
                        "IPNETZ_TEST_PASS": "postgres",
                        "DATABASE_URL": pg_server.url,
                    },
                )
                if full_run:
                    _smoke(summary, pg_server, es_node, base_env)
    except KeyboardInterrupt:
        summary.add("interrupted", "FAILED (Ctrl-C or SIGTERM)")
    finally:
        if es_node is None and es_start is not None:
            es_node = es_start.result(timeout=services.ES_START_TIMEOUT + 60)
            es_node = es_node if isinstance(es_node, services.Elasticsearch) else None
        for server in (es_node, pg_server):
            if server is not None:
                server.stop()
    summary.print(time.monotonic() - started)
    return 1 if summary.failed else 0


def _smoke(summary: Summary, pg_server, es_node, env: dict, extra: list[str] = ()) -> None:
    """The production smoke (scripts/smoke.py) on the run's PostgreSQL and Elasticsearch."""
    name = "production smoke (gunicorn, db_worker, nginx)"
    require = env_flag("REQUIRE_SMOKE")
    if es_node is None:
        summary.add(name, "FAILED (no Elasticsearch; REQUIRE_SMOKE=1)" if require else "skipped")
        summary.notes.append("production smoke skipped: it needs the Elasticsearch node")
        return
    say(name)
    began = time.monotonic()
    cmd = [str(PYTHON), str(ROOT / "scripts" / "smoke.py"), "--python", str(PYTHON)]
    cmd += ["--database-url", pg_server.url, "--elasticsearch-url", es_node.url, *extra]
    code = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
    if code == 3 and not require:  # a tool is missing here (the script said which)
        summary.add(name, "skipped", time.monotonic() - began)
        summary.notes.append("production smoke skipped (see its last line, e.g. nginx missing)")
        return
    status = "ok" if code == 0 else f"FAILED (exit {code})"
    summary.add(name, status, time.monotonic() - began)


def cmd_smoke(args: list[str]) -> int:
    """The production smoke alone, with PostgreSQL and Elasticsearch started for it."""
    started = time.monotonic()
    ensure_venv()
    summary = Summary()
    base_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"):
        base_env.pop(name, None)
    es_start = _Background(_start_elasticsearch_quietly)
    es_node = pg_server = None
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        pg_server = _start_postgres(summary, require=True)
        es_node = _report_elasticsearch(es_start, summary, base_env, require=True)
        if pg_server is not None:
            _smoke(summary, pg_server, es_node, base_env, args)
    except KeyboardInterrupt:
        summary.add("interrupted", "FAILED (Ctrl-C or SIGTERM)")
    finally:
        if es_node is None:
            outcome = es_start.result(timeout=services.ES_START_TIMEOUT + 60)
            es_node = outcome if isinstance(outcome, services.Elasticsearch) else None
        for server in (es_node, pg_server):
            if server is not None:
                server.stop()
    summary.print(time.monotonic() - started)
    return 1 if summary.failed else 0


def _workers() -> list[str]:
    """pytest-xdist options: a worker per core (at most four; each has its own test database
    and browser), or ``IPNETZ_TEST_WORKERS`` (``1``: no workers). Files stay together on one
    worker, so module fixtures are built once."""
    wanted = os.environ.get("IPNETZ_TEST_WORKERS", "").strip()
    count = int(wanted) if wanted.isdigit() else min(os.cpu_count() or 1, 4)
    return ["-n", str(count), "--dist", "loadfile"] if count > 1 else []


class _Background:
    """Run ``function()`` in a thread; ``result()`` returns its value or the exception raised."""

    def __init__(self, function) -> None:
        self._outcome = None
        self._thread = threading.Thread(target=self._run, args=(function,), daemon=True)
        self._thread.start()

    def _run(self, function) -> None:
        try:
            self._outcome = function()
        except Exception as error:  # noqa: BLE001 - handed to the caller
            self._outcome = error

    def result(self, timeout: float | None = None):
        self._thread.join(timeout)
        return self._outcome


def _start_elasticsearch_quietly():
    say("starting Elasticsearch 8.19.x in the background (resolved with Maven, cached in ~/.m2)")
    began = time.monotonic()
    node = services.start_elasticsearch(CACHE)
    node.startup_seconds = time.monotonic() - began
    return node


def _report_elasticsearch(start: _Background, summary: Summary, env: dict, *, require: bool):
    say("waiting for Elasticsearch")
    outcome = start.result()
    if not isinstance(outcome, services.Elasticsearch):
        reason = str(outcome) if isinstance(outcome, services.ServiceUnavailable) else repr(outcome)
        line = f"Elasticsearch tests skipped: {reason}"
        env["IPNETZ_TEST_ELASTICSEARCH_SKIP"] = reason
        if require:
            summary.add("Elasticsearch", f"FAILED ({reason}; REQUIRE_ELASTICSEARCH=1)")
        else:
            summary.add("Elasticsearch", "skipped")
            summary.notes.append(line)
        say(line)
        return None
    node = outcome
    say(f"Elasticsearch {node.version} on {node.url}")
    print(f"    modules: {', '.join(node.modules)}; plugins: {', '.join(node.plugins) or 'none'}")
    env["IPNETZ_TEST_ELASTICSEARCH_URL"] = node.url
    summary.add(f"Elasticsearch {node.version}", "ok", node.startup_seconds)
    return node


def _start_postgres(summary: Summary, *, require: bool):
    say("starting PostgreSQL (Debian's cluster)")
    began = time.monotonic()
    try:
        server = services.start_postgres()
    except services.ServiceUnavailable as error:
        line = f"PostgreSQL pass skipped: {error}"
        if require:
            summary.add("PostgreSQL", f"FAILED ({error}; REQUIRE_POSTGRES=1)")
        else:
            summary.add("PostgreSQL", "skipped")
            summary.notes.append(line)
        say(line)
        return None
    say(f"PostgreSQL {server.version} on 127.0.0.1:{server.port} (role and database ipnetz)")
    summary.add(f"PostgreSQL {server.version}", "ok", time.monotonic() - began)
    return server


def cmd_constraints(_args: list[str]) -> int:
    ensure_venv()
    write_constraints()
    return 0


# --------------------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    commands = {
        "up": cmd_up,
        "test": cmd_test,
        "smoke": cmd_smoke,
        "constraints": cmd_constraints,
    }
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

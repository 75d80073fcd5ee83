"""Every benchmark in ``bench/`` still runs: each script with ``--quick`` (small volumes, few runs)
must exit 0. The figures are not judged here — speed is measured by the benchmarks themselves
and recorded in docs/benchmarks.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
SCRIPTS = sorted(p for p in BENCH.glob("*.py") if not p.name.startswith("_"))

pytestmark = pytest.mark.skipif(
    os.environ.get("IPNETZ_TEST_PASS") == "postgres",
    reason="benchmark scripts are smoke-tested once, in the SQLite pass",
)


def test_there_are_benchmarks():
    assert SCRIPTS, "bench/ holds no benchmark scripts"


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_benchmark_runs_quickly(script):
    # SQLite only (the scripts make their own throw-away database); the Elasticsearch node of
    # the test run, if any, is passed on through IPNETZ_TEST_ELASTICSEARCH_URL.
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, str(script), "--quick"],
        cwd=BENCH.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert result.returncode == 0, f"{script.name} failed:\n{output}"

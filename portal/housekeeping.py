"""Recurring background work: each app registers its jobs here, one command runs them.

Production runs ``manage.py housekeeping --every minute`` every minute, ``--every hour`` hourly,
``--every day`` once a day and ``--every week`` once a week (systemd timers, see
docs/deployment.md). A job is a function
returning something printable (a count, a dict); one failing job is logged and reported but does
not keep the others from running. The heavy lifting stays in each app's services; the jobs only
start it, mostly by enqueueing the app's django-tasks task.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger("ipnetz.housekeeping")

FREQUENCIES = ("minute", "hour", "day", "week")


@dataclass(frozen=True)
class Job:
    name: str
    every: str
    run: Callable[[], object]
    description: str = ""


_jobs: dict[str, Job] = {}


def register(name: str, *, every: str, description: str = "") -> Callable:
    """Decorator: ``@housekeeping.register("directory.reminders", every="day")``."""
    if every not in FREQUENCIES:
        raise ValueError(f"every must be one of {FREQUENCIES}, not {every!r}")

    def decorate(function: Callable[[], object]) -> Callable[[], object]:
        _jobs[name] = Job(name=name, every=every, run=function, description=description)
        return function

    return decorate


def register_task(name: str, task, *, every: str, description: str = "", **arguments) -> None:
    """A job that only enqueues a django-tasks ``task`` (with ``arguments``): the worker does
    the work, the job reports "enqueued"."""

    def enqueue() -> str:
        task.enqueue(**arguments)
        return "enqueued"

    register(name, every=every, description=description)(enqueue)


def jobs(every: str | None = None) -> list[Job]:
    return [job for job in _jobs.values() if every is None or job.every == every]


def run(every: str, *, report: Callable[[str], None] = print) -> list[str]:
    """Run the jobs of one frequency; returns the names of those that failed."""
    failed = []
    for job in jobs(every):
        try:
            outcome = job.run()
        except Exception:  # one job's failure must not stop the others
            logger.exception("Housekeeping job %s failed.", job.name)
            report(f"{job.name}: FAILED (see the log)")
            failed.append(job.name)
            continue
        report(f"{job.name}: {outcome}")
    return failed

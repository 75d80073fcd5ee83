"""Recurring background work: each app declares its jobs, one command runs them.

Production runs ``manage.py housekeeping --every minute`` every minute, ``--every hour`` hourly,
``--every day`` once a day and ``--every week`` once a week (systemd timers, see
docs/deployment.md). A job is a function
returning something printable (a count, a dict); one failing job is logged and reported but does
not keep the others from running. The heavy lifting stays in each app's services; the jobs only
start it, mostly by enqueueing the app's django-tasks task. An app returns its jobs from the
``ipnetz_housekeeping_jobs`` hook in its ``wagtail_hooks.py``::

    @hooks.register("ipnetz_housekeeping_jobs")
    def housekeeping_jobs():
        return [task_job("events.reminders", tasks.send_reminders, every="hour")]
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from portal.extensions import collect

logger = logging.getLogger("ipnetz.housekeeping")

FREQUENCIES = ("minute", "hour", "day", "week")


@dataclass(frozen=True)
class Job:
    name: str
    every: str
    run: Callable[[], object]
    description: str = ""

    def __post_init__(self) -> None:
        if self.every not in FREQUENCIES:
            raise ValueError(f"every must be one of {FREQUENCIES}, not {self.every!r}")


def task_job(name: str, task, *, every: str, description: str = "", **arguments) -> Job:
    """A job that only enqueues a django-tasks ``task`` (with ``arguments``): the worker does
    the work, the job reports "enqueued"."""

    def enqueue() -> str:
        task.enqueue(**arguments)
        return "enqueued"

    return Job(name=name, every=every, run=enqueue, description=description)


def jobs(every: str | None = None) -> list[Job]:
    """Every app's jobs (of one frequency), in hook order."""
    return [job for job in collect("ipnetz_housekeeping_jobs") if every in (None, job.every)]


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

"""Recurring jobs: every app's job runs from one command per frequency, and one failing job
neither stops the others nor goes unnoticed."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from wagtail import hooks

from portal import housekeeping

pytestmark = pytest.mark.django_db


def test_every_frequency_has_its_jobs():
    names = {job.every: set() for job in housekeeping.jobs()}
    for job in housekeeping.jobs():
        names[job.every].add(job.name)
    assert {"portal.outbox", "wagtail.publish_scheduled", "search.pending_updates"} <= names[
        "minute"
    ]
    assert {"directory.verification_reminders", "knowledge.digests", "offers.daily"} <= names["day"]
    assert "knowledge.review_reminders" in names["week"]
    assert "events.reminders" in names["hour"]
    assert {"events.retention", "events.series"} <= names["day"]


@pytest.mark.parametrize("every", housekeeping.FREQUENCIES)
def test_each_frequency_runs_cleanly_on_an_empty_site(every, capsys):
    call_command("housekeeping", "--every", every)
    out = capsys.readouterr().out
    for job in housekeeping.jobs(every):
        assert f"{job.name}: " in out


def test_a_failing_job_is_reported_and_the_others_still_run(capsys):
    ran = []

    def jobs():
        return [
            housekeeping.Job("test.broken", "minute", lambda: 1 / 0),
            housekeeping.Job("test.fine", "minute", lambda: ran.append(True) or "ok"),
        ]

    with (
        hooks.register_temporarily("ipnetz_housekeeping_jobs", jobs),
        pytest.raises(CommandError, match="test.broken"),
    ):
        call_command("housekeeping", "--every", "minute")
    assert ran == [True]
    assert "test.broken: FAILED" in capsys.readouterr().out


def test_the_list_names_every_job(capsys):
    call_command("housekeeping", "--list")
    out = capsys.readouterr().out
    assert all(job.name in out for job in housekeeping.jobs())


def test_an_unknown_frequency_is_refused():
    with pytest.raises(ValueError):
        housekeeping.Job("x", every="hourly", run=lambda: None)

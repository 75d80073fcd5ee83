"""The events demo step (after the portal, accounts and directory steps, as load_demo runs them)."""

import datetime

from django.core import mail
from django.utils import timezone

from events import demo_data
from events.choices import AttendanceMode, EventKind
from events.models import EventPage, Occurrence, Registration
from portal.models import OutboundEmail


def counts():
    return (
        EventPage.objects.count(),
        Occurrence.objects.filter(detached=False).count(),
        Registration.objects.count(),
        Registration.objects.waiting().count(),
    )


def test_demo_has_at_least_twelve_events_over_past_and_coming_months(events_demo):
    now = timezone.now()
    events = EventPage.objects.live()
    assert events.count() >= 12
    starts = Occurrence.objects.filter(detached=False).values_list("start", flat=True)
    assert min(starts) < now - datetime.timedelta(days=28)
    assert max(starts) > now + datetime.timedelta(days=28)
    assert {e.kind for e in events} == set(EventKind.values)
    assert events.filter(mode=AttendanceMode.ONLINE, kind=EventKind.TRAINING).exists()
    assert events.filter(mode=AttendanceMode.HYBRID, kind=EventKind.INFORMATION).exists()
    assert events.filter(all_day=True).exists() and events.filter(cancelled=True).exists()
    assert events.exclude(visibility="public").exists()


def test_the_monthly_meeting_point_has_one_cancelled_date_and_runs_every_month(events_demo):
    event = EventPage.objects.get(slug="meeting-point-herford")
    assert event.recurrence_text() and event.rrule_parts()["BYDAY"] == ["-1TH"]
    dates = list(event.occurrences.filter(detached=False).order_by("start"))
    months = [(d.start.year, d.start.month) for d in dates]
    assert len(set(months)) == len(months) >= 12  # one date in every month
    assert all(
        (d.start + datetime.timedelta(days=7)).month != d.start.month and d.start.weekday() == 3
        for d in dates
    )
    cancelled = [d for d in dates if d.cancelled]
    assert len(cancelled) == 1 and cancelled[0].start > timezone.now()
    assert event.overrides.get(cancelled=True).note
    # One date in the small hall has fewer seats than the series.
    [small] = [d for d in dates if d.capacity is not None]
    assert small.seat_capacity == 6 < event.capacity and small.start > timezone.now()


def test_a_full_training_has_a_waiting_list_and_demo_logins_registered(events_demo):
    training = EventPage.objects.get(slug="schulung-beschaeftigungsduldung-ausbildungsduldung")
    (occurrence,) = training.occurrences.all()
    assert occurrence.seats_left() == 0
    waiting = list(occurrence.registrations.waiting())
    assert len(waiting) == 3 and waiting[0].email == "s.yilmaz@jobcenter-herford.example"
    employer = Registration.objects.filter(
        user__email="personal@tischlerei-brinkmann.example", occurrence__start__gt=timezone.now()
    )
    meeting_point = employer.get(occurrence__event__slug="meeting-point-herford")
    assert len(meeting_point.offers) == 2 and meeting_point.attendees == 2
    assert meeting_point.occurrence.seats_left() == 0  # full, with companies waiting
    assert meeting_point.occurrence.registrations.waiting().count() == 2
    assert Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_loading_the_demo_twice_changes_nothing_and_mails_nobody(events_demo):
    before = counts()
    demo_data.load(events_demo)
    assert counts() == before
    assert mail.outbox == [] and not OutboundEmail.objects.exists()
    for occurrence in Occurrence.objects.with_counts().select_related("event"):
        capacity = occurrence.event.capacity
        if capacity is not None:
            assert occurrence.confirmed_seats <= capacity, occurrence

"""The schedule: recurrence rules, exception dates, overrides and editor validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.choices import Recurrence
from events.models import BERLIN, EventPage, OccurrenceOverride
from events.services import event_schedule_sync
from portal.vocabulary import Weekday
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db

THU, WED, MON = Weekday.THURSDAY, Weekday.WEDNESDAY, Weekday.MONDAY


def berlin(y, m, d, h=18, mi=0):
    return datetime.datetime(y, m, d, h, mi, tzinfo=BERLIN)


def test_last_thursday_of_the_month_appears_in_every_month_not_only_five_thursday_months():
    event = EventPage(
        start=berlin(2027, 1, 28),
        end=berlin(2027, 1, 28, 20),
        recurrence=Recurrence.MONTHLY,
        recurrence_week=-1,
        recurrence_weekdays=[THU],
        recurrence_count=12,
    )
    dates = [s.date() for s in event.scheduled_starts(horizon=berlin(2028, 12, 31))]
    assert len(dates) == 12
    assert [d.month for d in dates] == list(range(1, 13))
    assert all(
        d.isoweekday() == THU and (d + datetime.timedelta(days=7)).month != d.month for d in dates
    )
    assert event.rrule_parts()["BYDAY"] == ["-1TH"]


def test_every_first_wednesday_keeps_wall_clock_time_across_daylight_saving():
    event = EventPage(
        start=berlin(2027, 3, 3, 9),
        end=berlin(2027, 3, 3, 11),
        recurrence=Recurrence.MONTHLY,
        recurrence_week=1,
        recurrence_weekdays=[WED],
        recurrence_until=datetime.date(2027, 5, 31),
    )
    starts = event.scheduled_starts(horizon=berlin(2028, 1, 1))
    assert [s.date() for s in starts] == [
        datetime.date(2027, 3, 3),
        datetime.date(2027, 4, 7),
        datetime.date(2027, 5, 5),
    ]
    assert {s.hour for s in starts} == {9}
    assert event.rrule_parts()["BYDAY"] == ["1WE"]


def test_weekly_on_chosen_weekdays_with_exception_dates():
    event = EventPage(
        start=berlin(2027, 2, 1, 10),
        end=berlin(2027, 2, 1, 12),
        recurrence=Recurrence.WEEKLY,
        recurrence_weekdays=[MON, WED],
        recurrence_count=6,
        exception_dates=["2027-02-03"],
    )
    dates = [s.date().isoformat() for s in event.scheduled_starts(horizon=berlin(2028, 1, 1))]
    assert dates == ["2027-02-01", "2027-02-08", "2027-02-10", "2027-02-15", "2027-02-17"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": berlin(2027, 1, 27), "end": berlin(2027, 1, 27, 20)}, "start"),  # a Wednesday
        ({"recurrence_weekdays": [THU, WED]}, "recurrence_weekdays"),
        ({"recurrence_week": None}, "recurrence_week"),
        ({"recurrence_weekdays": ["x"]}, "recurrence_weekdays"),
        ({"recurrence_weekdays": [0]}, "recurrence_weekdays"),  # Python's Monday, not ISO's
        ({"exception_dates": ["not a date"]}, "exception_dates"),
        ({"end": berlin(2027, 1, 28, 10)}, "end"),
        ({"recurrence_until": datetime.date(2027, 6, 1)}, "recurrence_count"),
    ],
)
def test_editor_rejects_inconsistent_schedules_with_a_field_error(changes, field):
    values = {
        "title": "Meeting Point",
        "slug": "mp",
        "kind": "meeting_point",
        "start": berlin(2027, 1, 28),
        "end": berlin(2027, 1, 28, 20),
        "recurrence": Recurrence.MONTHLY,
        "recurrence_week": -1,
        "recurrence_weekdays": [THU],
        "recurrence_count": 6,
    }
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        EventPage(**values).clean()
    assert field in error.value.message_dict


def test_a_start_that_fits_the_rule_is_accepted():
    EventPage(
        title="Meeting Point",
        slug="mp",
        kind="meeting_point",
        start=berlin(2027, 1, 28),
        end=berlin(2027, 1, 28, 20),
        recurrence=Recurrence.MONTHLY,
        recurrence_week=-1,
        recurrence_weekdays=[THU],
    ).clean()


def test_each_date_becomes_an_occurrence_and_overrides_cancel_or_move_single_dates():
    event = make_event(
        start=berlin(2030, 1, 31),
        end=berlin(2030, 1, 31, 20),
        recurrence=Recurrence.MONTHLY,
        recurrence_week=-1,
        recurrence_weekdays=[THU],
        recurrence_count=4,
    )
    assert event.occurrences.count() == 4
    event.overrides.add(OccurrenceOverride(original_start=berlin(2030, 2, 28), cancelled=True))
    event.overrides.add(
        OccurrenceOverride(original_start=berlin(2030, 3, 28), new_start=berlin(2030, 3, 27))
    )
    event.save()
    event_schedule_sync(event=event)
    by_original = {o.original_start.date(): o for o in event.occurrences.all()}
    assert by_original[datetime.date(2030, 2, 28)].cancelled
    moved = by_original[datetime.date(2030, 3, 28)]
    assert moved.start == berlin(2030, 3, 27) and moved.end == berlin(2030, 3, 27, 20)
    assert event.calendar_state.sequence == 1


def test_a_date_the_rule_no_longer_produces_is_detached_not_deleted():
    event = make_event(
        start=berlin(2030, 1, 31),
        end=berlin(2030, 1, 31, 20),
        recurrence=Recurrence.MONTHLY,
        recurrence_week=-1,
        recurrence_weekdays=[THU],
        recurrence_count=3,
    )
    event.recurrence_count = 2
    event.save()
    event_schedule_sync(event=event)
    last = event.occurrences.order_by("start").last()
    assert event.occurrences.count() == 3
    assert last.detached and last.cancelled


def test_weekday_is_iso_numbered_with_the_codes_of_rfc_5545():
    thursday = datetime.date(2027, 1, 28)
    assert Weekday.of(thursday) == Weekday.THURSDAY == 4
    assert Weekday.THURSDAY.zero_based == thursday.weekday() == 3
    assert [day.code for day in Weekday] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def test_the_migration_moves_stored_weekdays_to_iso_and_back():
    """events 0004: Python's numbering (Monday = 0) in pages and revisions becomes ISO's."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("events.migrations.0004_recurrence_weekdays_iso")
    event = make_event(
        start=berlin(2027, 1, 28),
        end=berlin(2027, 1, 28, 20),
        recurrence=Recurrence.WEEKLY,
        recurrence_weekdays=[Weekday.MONDAY, Weekday.THURSDAY],
        recurrence_count=4,
    )
    revision = event.save_revision()
    # As the rows stood before the migration: Monday = 0, Thursday = 3.
    EventPage.objects.filter(pk=event.pk).update(recurrence_weekdays=[0, 3])
    revision.content["recurrence_weekdays"] = [0, 3]
    revision.save(update_fields=["content"])

    migration.forward(apps)
    event.refresh_from_db()
    revision.refresh_from_db()
    assert event.recurrence_weekdays == revision.content["recurrence_weekdays"] == [1, 4]
    assert [d.isoweekday() for d in event.scheduled_starts()][:2] == [4, 1]

    migration.backward(apps)
    event.refresh_from_db()
    revision.refresh_from_db()
    assert event.recurrence_weekdays == revision.content["recurrence_weekdays"] == [0, 3]

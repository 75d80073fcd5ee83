"""iCalendar output: RFC 5545 details, parsed back with the icalendar library."""

import datetime

import pytest
from icalendar import Calendar

from events import ical
from events.models import BERLIN, OccurrenceOverride
from events.services import event_schedule_sync
from tests.events.factories import at, make_event

pytestmark = pytest.mark.django_db

BASE = "https://ip.example.org/"


def build(*events) -> bytes:
    occurrences = [o for e in events for o in e.occurrences.select_related("event").all()]
    return ical.build_calendar(occurrences, base_url=BASE)


def vevents(body: bytes):
    return Calendar.from_ical(body).walk("VEVENT")


def test_lines_end_in_crlf_are_folded_at_75_octets_and_never_split_a_utf8_character():
    event = make_event(title="Schulung: Änderungen im Aufenthaltsrecht – " + "ÄÖÜß€" * 30)
    body = build(event)
    assert b"\n" not in body.replace(b"\r\n", b"")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # every physical line is valid UTF-8 on its own
    (vevent,) = vevents(body)
    assert str(vevent["SUMMARY"]) == event.title


def test_a_title_with_a_newline_and_end_vevent_cannot_create_a_second_event():
    event = make_event(title="Harmlos\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Boese")
    event.teaser = "a;b,c\\d\nEND:VCALENDAR"
    event.save()
    body = build(event)
    (vevent,) = vevents(body)
    assert body.split(b"\r\n").count(b"BEGIN:VEVENT") == 1
    assert "END:VEVENT" in str(vevent["SUMMARY"])
    assert str(vevent["DESCRIPTION"]).startswith("a;b,c\\d\nEND:VCALENDAR")


def test_times_are_in_europe_berlin_with_a_vtimezone_and_stable_uids():
    event = make_event(start=at(20, 18, 30))
    body = build(event)
    cal = Calendar.from_ical(body)
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Berlin"
    assert b"DTSTART;TZID=Europe/Berlin:" in body
    (vevent,) = cal.walk("VEVENT")
    uid = str(vevent["UID"])
    event.title = "Neuer Titel"
    event.save()
    event_schedule_sync(event=event)
    (again,) = vevents(build(event))
    assert str(again["UID"]) == uid
    assert int(again["SEQUENCE"]) == int(vevent["SEQUENCE"]) + 1
    assert again["DTSTAMP"].dt > vevent["DTSTAMP"].dt or again["DTSTAMP"].dt.tzinfo


def test_all_day_events_use_dates_with_an_exclusive_end():
    event = make_event(start=at(30, 0), end=at(31, 23, 59), all_day=True)
    (vevent,) = vevents(build(event))
    assert vevent["DTSTART"].dt == at(30).date()
    assert vevent["DTEND"].dt == at(32).date()


def test_location_geo_url_organizer_and_categories():
    event = make_event(
        latitude="52.115000",
        longitude="8.670000",
        organiser_name="Integration Point Herford",
        organiser_email="ip@example.org",
    )
    (vevent,) = vevents(build(event))
    assert "Amtshausstraße" in str(vevent["LOCATION"])
    assert vevent["GEO"].latitude == pytest.approx(52.115)
    assert str(vevent["URL"]).startswith("http")
    assert str(vevent["ORGANIZER"]) == "mailto:ip@example.org"
    assert vevent["ORGANIZER"].params["CN"] == "Integration Point Herford"
    assert "Informationsveranstaltung" in vevent["CATEGORIES"].cats or vevent["CATEGORIES"].cats


def test_a_series_has_rrule_exdate_and_recurrence_id_for_cancelled_and_moved_dates():
    start = datetime.datetime(2031, 1, 30, 18, tzinfo=BERLIN)  # last Thursday of January
    event = make_event(
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence="monthly",
        recurrence_week=-1,
        recurrence_weekdays=[4],
        recurrence_count=6,
        exception_dates=["2031-04-24"],
    )
    event.overrides.add(
        OccurrenceOverride(
            original_start=datetime.datetime(2031, 2, 27, 18, tzinfo=BERLIN), cancelled=True
        )
    )
    event.overrides.add(
        OccurrenceOverride(
            original_start=datetime.datetime(2031, 3, 27, 18, tzinfo=BERLIN),
            new_start=datetime.datetime(2031, 3, 26, 17, tzinfo=BERLIN),
        )
    )
    event.save()
    event_schedule_sync(event=event)
    master, *exceptions = vevents(build(event))
    assert master["RRULE"]["BYDAY"] == ["-1TH"] and master["RRULE"]["COUNT"] == [6]
    assert master["EXDATE"].dts[0].dt.date() == datetime.date(2031, 4, 24)
    by_id = {e["RECURRENCE-ID"].dt.date(): e for e in exceptions}
    assert str(by_id[datetime.date(2031, 2, 27)]["STATUS"]) == "CANCELLED"
    moved = by_id[datetime.date(2031, 3, 27)]
    assert moved["DTSTART"].dt == datetime.datetime(2031, 3, 26, 17, tzinfo=BERLIN)
    assert {str(e["UID"]) for e in [master, *exceptions]} == {str(master["UID"])}


def test_a_cancelled_event_stays_in_the_feed_with_status_cancelled():
    event = make_event()
    event.cancelled = True
    event.save()
    event_schedule_sync(event=event)
    (vevent,) = vevents(build(event))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 1


def test_the_feed_keeps_every_exception_of_a_series_also_long_past_ones(client):
    """Without its RECURRENCE-ID a client re-expands the RRULE and shows a cancelled date again;
    the feed loads one date per series plus all its exceptions."""
    from django.urls import reverse

    first = at(-90, 18)
    weekday = first.isoweekday()
    event = make_event(
        start=first,
        end=first + datetime.timedelta(hours=2),
        recurrence="weekly",
        recurrence_weekdays=[weekday],
        recurrence_count=20,
    )
    dates = list(event.occurrences.order_by("start"))
    event.overrides.add(OccurrenceOverride(original_start=dates[1].start, cancelled=True))
    event.overrides.add(
        OccurrenceOverride(
            original_start=dates[-2].start, new_end=dates[-2].start + datetime.timedelta(hours=3)
        )
    )
    event.save()
    event_schedule_sync(event=event)
    master, *exceptions = vevents(client.get(reverse("events:feed")).content)
    assert "RRULE" in master
    by_id = {e["RECURRENCE-ID"].dt: e for e in exceptions}
    assert set(by_id) == {dates[1].start, dates[-2].start}
    assert str(by_id[dates[1].start]["STATUS"]) == "CANCELLED"  # 11 weeks ago, still there
    longer = by_id[dates[-2].start]
    assert longer["DTEND"].dt - longer["DTSTART"].dt == datetime.timedelta(hours=3)


def test_the_berlin_vtimezone_agrees_with_zoneinfo_for_decades():
    tz = ical.berlin_vtimezone().to_tz()
    for year in range(1996, 2080):
        for month in range(1, 13):
            for day in (1, 10, 20, 28):
                for hour in (0, 1, 2, 3, 4, 12, 23):
                    moment = datetime.datetime(year, month, day, hour)
                    assert (
                        moment.replace(tzinfo=tz).utcoffset()
                        == moment.replace(tzinfo=BERLIN).utcoffset()
                    ), moment


def test_the_personal_feed_marks_waiting_list_dates_tentative(client, make_user):
    from django.urls import reverse

    from events.services import RegistrationData, feed_token_create, registration_create
    from portal.access import Role

    occurrence = make_event(title="Voll", capacity=1).occurrences.get()
    first, second = make_user(Role.EMPLOYER), make_user(Role.EMPLOYER)
    for user in (first, second):
        registration_create(
            occurrence=occurrence, user=user, data=RegistrationData(name="x", email=user.email)
        )
    feeds = {
        user: vevents(
            client.get(reverse("events:personal_feed", args=[feed_token_create(user=user)])).content
        )
        for user in (first, second)
    }
    assert [str(e["STATUS"]) for e in feeds[first]] == ["CONFIRMED"]
    assert [str(e["STATUS"]) for e in feeds[second]] == ["TENTATIVE"]

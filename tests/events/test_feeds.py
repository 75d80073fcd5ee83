"""Feeds are assembled from stored per-event pieces: after a change only the changed event is
written again, and a stored piece is never served once anything it shows has changed."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from events import feeds, ical
from events.models import EventCalendarState, Occurrence
from events.services import event_schedule_sync
from tests.events.factories import at, make_event
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


def body_of(events) -> bytes:
    dates = Occurrence.objects.filter(event__in=events)
    return feeds.calendar_body(dates, base_url=BASE)[0]


def test_the_assembled_calendar_equals_the_one_written_whole():
    events = [make_event(title=f"Termin {n}") for n in range(3)]
    events.append(
        make_event(
            title="Reihe",
            recurrence="weekly",
            recurrence_weekdays=[at(10).isoweekday()],
            recurrence_count=4,
        )
    )
    occurrences = list(
        Occurrence.objects.filter(event__in=events)
        .select_related("event", "event__calendar_state")
        .order_by("start", "pk")
    )
    whole = ical.build_calendar(
        [o for o in occurrences if not o.event.is_recurring or o == occurrences[-1]],
        base_url=BASE,
    )
    assert body_of(events).count(b"BEGIN:VEVENT") == whole.count(b"BEGIN:VEVENT") == 4
    assert body_of(events) == body_of(events)  # stored pieces give the same bytes


def test_after_one_change_only_that_event_is_written_again(django_assert_num_queries):
    events = [make_event(title=f"Termin {n}") for n in range(5)]
    body_of(events)
    stored = dict(EventCalendarState.objects.values_list("event_id", "vevents_key"))
    assert all(stored.values())
    with django_assert_num_queries(1):  # everything stored: one light query
        body_of(events)

    changed = events[2]
    changed.title = "Neuer Titel"
    changed.save()
    event_schedule_sync(event=changed)
    body = body_of(events)
    assert b"Neuer Titel" in body and b"Termin 2" not in body
    now = dict(EventCalendarState.objects.values_list("event_id", "vevents_key"))
    assert [pk for pk in stored if stored[pk] != now[pk]] == [changed.pk]


def test_a_published_topic_change_refreshes_the_stored_piece(client):
    event = make_event(title="Mit Thema", topics=[TopicFactory(name="Ausbildung")])
    url = reverse("events:feed")
    assert b"Ausbildung" in client.get(url).content
    event.topics.set([TopicFactory(name="Sprachfoerderung")])
    event.save_revision().publish()  # publishing stamps last_published_at and syncs
    cache.clear()
    body = client.get(url).content
    assert b"Sprachfoerderung" in body and b"Ausbildung" not in body

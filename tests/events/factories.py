"""Factories for events: an index page under the home page and event pages with dates."""

from __future__ import annotations

import datetime

from django.utils import timezone

from events.choices import EventKind
from events.models import BERLIN, EventIndexPage, EventPage
from events.services import event_schedule_sync
from tests.factories import section_page


def events_index() -> EventIndexPage:
    return section_page(EventIndexPage, slug="veranstaltungen", title="Veranstaltungen")


def at(days: int = 10, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A Berlin wall-clock time ``days`` from today."""
    day = timezone.localdate(timezone=BERLIN) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), BERLIN)


_counter = [0]


def make_event(*, sync: bool = True, **fields) -> EventPage:
    """A published event (defaults: an information event in 10 days with 10 seats)."""
    _counter[0] += 1
    start = fields.pop("start", None) or at(10)
    defaults = {
        "title": f"Veranstaltung {_counter[0]}",
        "slug": f"veranstaltung-{_counter[0]}",
        "kind": EventKind.INFORMATION,
        "start": start,
        "end": fields.pop("end", None) or start + datetime.timedelta(hours=2),
        "capacity": 10,
        "address": "Kreishaus, Amtshausstraße 3, 32051 Herford",
    }
    defaults.update(fields)
    audiences = defaults.pop("audiences", [])
    topics = defaults.pop("topics", [])
    event = EventPage(**defaults)
    events_index().add_child(instance=event)
    if audiences:
        event.audiences.set(audiences)
    if topics:
        event.topics.set(topics)
    if audiences or topics:
        event.save()
    if sync:
        event_schedule_sync(event=event)
    return event


def occurrence_of(event: EventPage, index: int = 0):
    return event.occurrences.order_by("start")[index]

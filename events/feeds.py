"""Public calendars (the feed, an event's .ics) assembled from per-event pieces.

Writing a thousand events with the ``icalendar`` library takes about half a second; after an
event changes, only that event has to be written again. Each event's VEVENTs are therefore kept,
already folded, on its ``EventCalendarState`` (``vevents``) under a key of everything they
depend on (``ical.fragment_key``). A feed is one light query for the keys and stored pieces,
a full query only for the events whose key changed, and a join of bytes. The pieces live in the
database rather than the cache: a thousand of them would crowd everything else out of the
shared cache, and every web process sees the same pieces at once.

The complete answer (body and Last-Modified) is cached on top, per feed version (see
``events.views``), so that subscribers get it from the cache until an event changes.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction

from events import ical, selectors
from events.models import EventCalendarState

LIGHT_FIELDS = (
    "event_id",
    "event__calendar_state__sequence",
    "event__calendar_state__changed_at",
    "event__last_published_at",
    "event__calendar_state__vevents_key",
    "event__calendar_state__vevents",
)


def calendar_body(
    dates, *, base_url: str, name: str = ""
) -> tuple[bytes, datetime.datetime | None]:
    """The calendar of the events of ``dates`` (an unloaded Occurrence queryset, in feed
    order) and the latest change among them."""
    keys: dict[int, str] = {}
    stored: dict[int, str] = {}
    latest = None
    for event_id, sequence, changed_at, published_at, old_key, vevents in dates.order_by(
        "start", "pk"
    ).values_list(*LIGHT_FIELDS):
        if event_id in keys:
            continue
        keys[event_id] = ical.fragment_key(
            event_id=event_id,
            sequence=sequence,
            changed_at=changed_at,
            published_at=published_at,
            base_url=base_url,
        )
        if old_key == keys[event_id]:
            stored[event_id] = vevents
        latest = changed_at if latest is None or changed_at > latest else latest
    pieces: dict[int, bytes] = {pk: text.encode("utf-8") for pk, text in stored.items()}
    stale = [pk for pk in keys if pk not in stored]
    if stale:
        pieces.update(_write(dates.filter(event_id__in=stale), keys, base_url=base_url))
    body = b"".join([ical.calendar_head(name), *(pieces[pk] for pk in keys), ical.END])
    return body, latest


def _write(dates, keys: dict[int, str], *, base_url: str) -> dict[int, bytes]:
    """Write the VEVENTs of the events of ``dates`` and store them with their keys."""
    by_event: dict[int, list] = {}
    events = {}
    for occurrence in selectors.for_calendar(dates):
        by_event.setdefault(occurrence.event_id, []).append(occurrence)
        events[occurrence.event_id] = occurrence.event
    pieces = {}
    states = []
    with ical.gc_paused():
        for event_id, event in events.items():
            pieces[event_id] = ical.event_fragment(event, by_event[event_id], base_url=base_url)
            state = event.calendar_state
            state.vevents = pieces[event_id].decode("utf-8")
            state.vevents_key = keys[event_id]
            states.append(state)
    # One statement run for many rows (bulk_update's CASE expressions over a thousand rows
    # cost more than writing the pieces).
    table = connection.ops.quote_name(EventCalendarState._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET vevents = %s, vevents_key = %s WHERE event_id = %s",  # noqa: S608
            [(s.vevents, s.vevents_key, s.event_id) for s in states],
        )
    return pieces

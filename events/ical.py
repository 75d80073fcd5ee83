"""The one module that writes iCalendar (RFC 5545), with the ``icalendar`` library.

Decisions:
- A recurring event is one VEVENT with RRULE/EXDATE; a cancelled or moved date is an extra VEVENT
  with the same UID and RECURRENCE-ID (cancelled ones carry STATUS:CANCELLED so that clients show
  the cancellation instead of silently dropping the date).
- UIDs come from ``EventCalendarState.uid`` (a UUID that never changes); SEQUENCE rises with
  every change clients show; DTSTAMP is the time of that change, so the output for unchanged
  events is byte-identical and the ETag stays put.
- Times carry TZID=Europe/Berlin with one VTIMEZONE of the two EU rules (``berlin_vtimezone``)
  rather than the library's generated list of transitions, which stops in 2038 and is 2 KB;
  all-day events use DATE values with an exclusive DTEND.
- The library escapes TEXT values (a newline becomes ``\\n``), folds at 75 octets between
  characters (never inside a UTF-8 sequence) and ends lines with CRLF.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
import html
import re
import time
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur
from icalendar.prop import vCalAddress, vGeo, vText

from events.models import BERLIN, EventPage, Occurrence

FEED_VERSION_KEY = "events:feed-version"
CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//ipnetz//Veranstaltungen//DE"


def bump_feed_version() -> None:
    """Every cached feed becomes stale (called after any event or date changes)."""
    cache.set(FEED_VERSION_KEY, str(time.time_ns()), None)


def feed_changed_at() -> datetime.datetime:
    """When an event or date last changed (as far as this cache knows): the Last-Modified of
    feeds, which also change when an event leaves them."""
    return datetime.datetime.fromtimestamp(int(feed_version()) / 1e9, tz=datetime.UTC)


def feed_version() -> str:
    version = cache.get(FEED_VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(FEED_VERSION_KEY, version, None)
        version = cache.get(FEED_VERSION_KEY, version)
    return version


def berlin_vtimezone() -> Timezone:
    """Europe/Berlin as the two yearly rules in force since 1996 (last Sunday of March 02:00 →
    CEST, last Sunday of October 03:00 → CET): short, without an end year, and what common
    clients write themselves. tests/events checks it against zoneinfo and with ical.js."""
    tz = Timezone()
    tz.add("tzid", "Europe/Berlin")
    tz.add("x-lic-location", "Europe/Berlin")
    for part, onset, month, offsets, name in (
        (TimezoneDaylight(), (3, 29, 2), 3, (1, 2), "CEST"),
        (TimezoneStandard(), (10, 25, 3), 10, (2, 1), "CET"),
    ):
        part.add("tzname", name)
        part.add("tzoffsetfrom", datetime.timedelta(hours=offsets[0]))
        part.add("tzoffsetto", datetime.timedelta(hours=offsets[1]))
        part.add("dtstart", datetime.datetime(1970, onset[0], onset[1], onset[2]))
        part.add("rrule", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        tz.add_component(part)
    return tz


def _new_calendar(name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Berlin")
    cal.add_component(berlin_vtimezone())  # before the events that refer to it
    return cal


def _uid(event: EventPage) -> str:
    return f"{event.calendar_state.uid}@ipnetz"


def _plain(rich_text: str) -> str:
    """Wagtail rich text as plain text with paragraph breaks. The result is escaped as TEXT by
    the library; tags are dropped with a regular expression (Wagtail's rich text is
    well-formed), ten times faster than an HTML parser on a feed of a thousand events."""
    text = _BREAKS.sub("\n", rich_text or "")
    text = html.unescape(_TAGS.sub("", text))
    return _BLANK_LINES.sub("\n\n", text).strip()


_BREAKS = re.compile(r"</(?:p|li|h\d)>|<br\s*/?>")
_TAGS = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


def _texts(event: EventPage, *, base_url: str, private: bool) -> dict:
    """What every VEVENT of ``event`` says alike (computed once per event and build)."""
    memo = event.__dict__.setdefault("_ical_texts", {})
    key = (base_url, private)
    if key in memo:
        return memo[key]
    description = "\n\n".join(p for p in (event.teaser, _plain(event.description)) if p)
    # The online link of an event with registration goes to registrants only (their mails and
    # personal feed); public feeds and downloads leave it out.
    online = event.online_url if (private or event.online_link_is_public) else ""
    if online:
        description = f"{description}\n\nOnline: {online}".strip()
    # The page's own path on the feed's host (its Site's root would say http://localhost in a
    # demo); a page of another Site keeps that Site's absolute URL.
    url = (event.get_url() or "") if event.live else ""  # an unpublished page is gone
    if url.startswith("/"):
        url = base_url.rstrip("/") + url
    organiser = None
    if event.organiser_label:
        organiser = vCalAddress(f"mailto:{event.organiser_contact or settings.DEFAULT_FROM_EMAIL}")
        organiser.params["cn"] = vText(event.organiser_label)
    memo[key] = texts = {
        "uid": _uid(event),
        "description": description,
        "location": event.place or online,
        "geo": event.geo,
        "url": url,
        "organizer": organiser,
        "categories": [str(event.get_kind_display())] + [t.name for t in event.topics.all()],
    }
    return texts


def _when(value: datetime.datetime, all_day: bool):
    local = timezone.localtime(value, BERLIN)
    return local.date() if all_day else local


def _fill(
    vevent: Event,
    event: EventPage,
    *,
    base_url: str,
    start,
    end,
    sequence: int,
    private: bool = False,
) -> None:
    texts = _texts(event, base_url=base_url, private=private)
    vevent.add("uid", texts["uid"])
    vevent.add("dtstamp", event.calendar_state.changed_at.astimezone(datetime.UTC))
    vevent.add("sequence", sequence)
    vevent.add("summary", event.title)
    if event.all_day:
        vevent.add("dtstart", _when(start, True))
        # DTEND of an all-day event is exclusive: the day after the last day.
        vevent.add("dtend", _when(end, True) + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", _when(start, False))
        vevent.add("dtend", _when(end, False))
    if texts["description"]:
        vevent.add("description", texts["description"])
    if texts["location"]:
        vevent.add("location", texts["location"])
    if texts["geo"]:
        vevent.add("geo", vGeo(texts["geo"]))
    if texts["url"]:
        vevent.add("url", texts["url"])
    if texts["organizer"] is not None:
        vevent.add("organizer", texts["organizer"])
    vevent.add("categories", texts["categories"])


def _exceptions(event: EventPage, occurrences: list[Occurrence]) -> list[Occurrence]:
    """The cancelled or moved dates of a series.

    Every one of them must go out with the series, also those outside the feed's window:
    without its RECURRENCE-ID a client re-expands the RRULE and shows a cancelled date again.
    The feed selectors prefetch them into ``event.exception_occurrences``.
    """
    found = {o.pk: o for o in getattr(event, "exception_occurrences", [])}
    for occurrence in occurrences:
        if occurrence.is_exception:
            found.setdefault(occurrence.pk, occurrence)
    return sorted((o for o in found.values() if not o.detached), key=lambda o: o.original_start)


def _event_components(
    event: EventPage, occurrences: list[Occurrence], *, base_url: str, private: bool = False
) -> list[Event]:
    """The VEVENTs of one event: the series (or single date) and its exceptions."""
    state = event.calendar_state
    if not event.is_recurring:
        occurrence = occurrences[0] if occurrences else None
        vevent = Event()
        start = occurrence.start if occurrence else event.start
        end = occurrence.end if occurrence else event.end
        _fill(
            vevent,
            event,
            base_url=base_url,
            start=start,
            end=end,
            sequence=state.sequence,
            private=private,
        )
        cancelled = occurrence.cancelled if occurrence else event.cancelled
        vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        return [vevent]
    master = Event()
    _fill(
        master,
        event,
        base_url=base_url,
        start=event.start,
        end=event.end,
        sequence=state.sequence,
        private=private,
    )
    master.add("rrule", vRecur(event.rrule_parts()))
    for day in sorted(event.exception_date_set()):
        exdate = datetime.datetime.combine(day, event.local_start().timetz())
        master.add("exdate", day if event.all_day else exdate.replace(tzinfo=BERLIN))
    cancelled_series = event.cancelled or not event.live
    master.add("status", "CANCELLED" if cancelled_series else "CONFIRMED")
    components = [master]
    if cancelled_series:
        return components  # the whole series is cancelled already
    for occurrence in _exceptions(event, occurrences):
        vevent = Event()
        _fill(
            vevent,
            event,
            base_url=base_url,
            start=occurrence.start,
            end=occurrence.end,
            sequence=max(occurrence.sequence, state.sequence),
            private=private,
        )
        vevent.add("recurrence-id", _when(occurrence.original_start, event.all_day))
        vevent.add("status", "CANCELLED" if occurrence.cancelled else "CONFIRMED")
        components.append(vevent)
    return components


def fragment_key(*, event_id, sequence, changed_at, published_at, base_url: str) -> str:
    """Everything the VEVENTs of an event depend on: a change of the schedule, the place or the
    text raises SEQUENCE and changed_at; publishing sets last_published_at (topics, slug)."""
    site = hashlib.sha256(base_url.encode()).hexdigest()[:12]
    published = published_at.timestamp() if published_at else 0
    return (f"{event_id}:{sequence}:{changed_at.timestamp()}:{published}:{get_language()}:{site}")[
        :200
    ]


def event_fragment(event: EventPage, occurrences: list[Occurrence], *, base_url: str) -> bytes:
    """The folded content lines of the VEVENTs of one event (for feeds)."""
    return b"".join(
        _fold(line)
        for component in _event_components(event, occurrences, base_url=base_url)
        for line in component.content_lines(sorted=False)
        if line
    )


END = b"END:VCALENDAR\r\n"


def calendar_head(name: str = "") -> bytes:
    """The calendar up to its first event (properties and VTIMEZONE), without the end line."""
    return serialize(_new_calendar(name))[: -len(END)]


def build_calendar(occurrences: Iterable[Occurrence], *, base_url: str, name: str = "") -> bytes:
    """An iCalendar of the events the given occurrences belong to (each event once)."""
    by_event: dict[int, list[Occurrence]] = defaultdict(list)
    events: dict[int, EventPage] = {}
    for occurrence in occurrences:
        by_event[occurrence.event_id].append(occurrence)
        events[occurrence.event_id] = occurrence.event
    with gc_paused():
        parts = [event_fragment(e, by_event[pk], base_url=base_url) for pk, e in events.items()]
        return b"".join([calendar_head(name), *parts, END])


def _date_component(occurrence: Occurrence, *, base_url: str, private: bool) -> Event:
    event = occurrence.event
    state = event.calendar_state
    vevent = Event()
    _fill(
        vevent,
        event,
        base_url=base_url,
        start=occurrence.start,
        end=occurrence.end,
        sequence=max(occurrence.sequence, state.sequence),
        private=private,
    )
    if event.is_recurring:
        stamp = timezone.localtime(occurrence.original_start, BERLIN).strftime("%Y%m%dT%H%M")
        vevent["uid"] = vText(f"{state.uid}-{stamp}@ipnetz")
    if occurrence.cancelled:
        status = "CANCELLED"
    elif getattr(occurrence, "my_status", "") == "waiting":
        status = "TENTATIVE"  # the personal feed: on the waiting list, no seat yet
    else:
        status = "CONFIRMED"
    vevent.add("status", status)
    return vevent


def occurrence_calendar(occurrence: Occurrence, *, base_url: str, private: bool = False) -> bytes:
    """One date as a standalone event (the e-mail attachment).

    A date of a series gets its own UID (series UID plus the original start), so that an
    attachment never replaces the subscriber's whole series.
    """
    return dates_calendar([occurrence], base_url=base_url, private=private)


def dates_calendar(
    occurrences: Iterable[Occurrence], *, base_url: str, name: str = "", private: bool = False
) -> bytes:
    """Single dates as standalone events (personal feed, attachments): same UIDs as the mails.

    ``private`` (registrants only) includes the online link of events with registration.
    """
    cal = _new_calendar(name)
    for occurrence in occurrences:
        cal.add_component(_date_component(occurrence, base_url=base_url, private=private))
    return serialize(cal)


def serialize(cal: Calendar) -> bytes:
    """The calendar as RFC 5545 bytes: the library writes every content line (names,
    parameters, escaped values; properties in the order added), we fold them.

    The library folds character by character in Python, which was a third of the time of a
    feed with a thousand events; this folds the encoded bytes at 75 octets, moves the cut back
    off a UTF-8 continuation byte (never splitting a character) and, like the library, keeps
    an escape backslash with the character it escapes.
    """
    return b"".join(_fold(line) for line in cal.content_lines(sorted=False) if line)


def _fold(line: str) -> bytes:
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 character
            cut -= 1
        if cut - 1 > start and data[cut - 1] in b"\\^":
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # a continuation line starts with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


@contextlib.contextmanager
def gc_paused():
    """Python's cyclic garbage collector paused while a feed is built.

    Building a feed allocates a few hundred thousand short-lived objects next to the thousands
    of model instances of its query; every collection walks all of them, which roughly doubled
    the build time. Reference counting still frees everything; the collector runs again after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

"""The events feed (/termine/kalender.ics) at 1,000 events: built, and served from the cache.

Volumes (issue 5): 1,000 published event pages below one events index – 80 % single dates,
15 % monthly series ("last Thursday", 12 dates, one of them cancelled), 5 % weekly series (two
weekdays, 20 dates, one moved) – each with a place, topics, an organiser and an iCalendar state,
spread over the past month and the coming year.

Measured through Django's test client (selector, iCalendar build, response, middleware):
- the feed built from scratch (the cache emptied and no event's VEVENTs stored, as after a
  deploy) – every event written by the library;
- the feed rebuilt after one event changed (as after every publish: the other events' VEVENTs
  come stored from the database, see events/feeds.py) – target p95 < 300 ms;
- the same feed served from the cache (what subscribers get until an event changes), and the
  conditional request that answers 304;
- ``events.ical.build_calendar`` alone on already-loaded dates (the library's share).
Then checked: a cached answer runs no query on the events tables, and after one event changes
(its schedule synced, as publishing does) the next answer is rebuilt and shows the change.
"""

from __future__ import annotations

import datetime
import random

import _setup

TARGET_MS = 300.0
TOPIC_SLUGS = ["arbeitsvermittlung", "ausbildung", "sprachfoerderung", "anerkennung", "wohnen"]
TITLES = [
    "Meeting Point",
    "Schulung Aufenthaltsrecht",
    "Infoabend Ausbildung",
    "Sprachcafé",
    "Netzwerktreffen",
    "Sprechstunde Anerkennung",
]
TOWNS = ["Herford", "Bünde", "Löhne", "Vlotho", "Enger", "Spenge", "Kirchlengern", "Hiddenhausen"]


def build_events(count: int, rng: random.Random):
    """``count`` published events with their dates; returns the events index."""
    from django.utils import timezone
    from wagtail.models import Site

    from directory.models import Location, Organisation, OrganisationKind
    from events.choices import EventKind
    from events.models import (
        BERLIN,
        EventCalendarState,
        EventIndexPage,
        EventPage,
        Occurrence,
        OccurrenceOverride,
    )
    from portal.models import Municipality, Region, Topic

    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=EventIndexPage(title="Veranstaltungen", slug="veranstaltungen"))
    region = Region.objects.create(name="Kreis Herford", slug="kreis-herford")
    towns = [
        Municipality.objects.create(name=name, slug=name.lower(), region=region) for name in TOWNS
    ]
    topics = [Topic.objects.create(name=slug.title(), slug=slug) for slug in TOPIC_SLUGS]
    kind = OrganisationKind.objects.create(name="Behörde", slug="behoerde")
    places = []
    for number, town in enumerate(towns):
        organisation = Organisation.objects.create(
            name=f"Jobcenter {town.name}", slug=f"jc-{number}", kind=kind, email="jc@x.example"
        )
        places.append(
            Location.objects.create(
                organisation=organisation,
                name="Geschäftsstelle",
                street=f"Bahnhofstraße {number + 1}",
                postal_code="32049",
                city=town.name,
                municipality=town,
                latitude="52.1156",
                longitude="8.6734",
            )
        )
    today = timezone.localdate(timezone=BERLIN)
    for number in range(count):
        day = today + datetime.timedelta(days=rng.randint(-30, 365))
        start = datetime.datetime.combine(day, datetime.time(rng.choice([9, 14, 16, 18])), BERLIN)
        roll = rng.random()
        fields = {}
        if roll < 0.15:  # monthly, last Thursday
            last = max(
                d
                for d in (day.replace(day=1) + datetime.timedelta(days=i) for i in range(31))
                if d.month == day.month and d.weekday() == 3
            )
            start = datetime.datetime.combine(last, start.timetz())
            fields = {
                "recurrence": "monthly",
                "recurrence_week": -1,
                "recurrence_weekdays": [4],
                "recurrence_count": 12,
            }
        elif roll < 0.20:  # weekly on two days
            start = start - datetime.timedelta(days=start.weekday() - 1)  # a Tuesday
            fields = {"recurrence": "weekly", "recurrence_weekdays": [2, 4], "recurrence_count": 20}
        event = EventPage(
            title=f"{rng.choice(TITLES)} {TOWNS[number % len(TOWNS)]} #{number}",
            slug=f"veranstaltung-{number}",
            kind=rng.choice(EventKind.values),
            start=start,
            end=start + datetime.timedelta(hours=2),
            capacity=rng.choice([None, 12, 20, 40]),
            location=places[number % len(places)],
            teaser="Eine Veranstaltung des Integration Point mit Umlauten: äöüß – und "
            "einem langen Text, der in der Datei gefaltet werden muss.",
            description="<p>Beschreibung mit <strong>Auszeichnung</strong>.</p>",
            organiser=places[number % len(places)].organisation,
            **fields,
        )
        index.add_child(instance=event)
        event.topics.set(rng.sample(topics, 2))
        EventCalendarState.objects.create(event=event, changed_at=timezone.now())
        starts = event.scheduled_starts()
        occurrences = [
            Occurrence(
                event=event,
                original_start=s,
                start=s,
                end=s + event.duration,
            )
            for s in starts
        ]
        if len(occurrences) > 2:
            occurrences[1].cancelled = True
            OccurrenceOverride.objects.create(page=event, original_start=starts[1], cancelled=True)
            if fields.get("recurrence") == "weekly":
                occurrences[2].start += datetime.timedelta(hours=1)
                occurrences[2].end += datetime.timedelta(hours=1)
        Occurrence.objects.bulk_create(occurrences)
    return index


def assert_status(response, status: int) -> None:
    assert response.status_code == status, response.status_code


def main() -> None:
    args = _setup.parse_args(__doc__)
    rng = random.Random(args.seed)
    with _setup.database("events_feed", args):
        from django.core.cache import cache
        from django.db import connection, transaction
        from django.db.models import F
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from events import ical, selectors
        from events.models import EventCalendarState, EventPage, Occurrence
        from events.services import event_schedule_sync

        count = _setup.scale(args, 1_000, 60)
        with _setup.timed(f"data: {count} events"):
            build_events(count, rng)
            _setup.analyze()
        dates = Occurrence.objects.count()
        print(f"{count} events, {dates} dates")

        client = Client()
        url = "/termine/kalender.ics"

        def cold():
            # Nothing cached and no event's VEVENTs stored: as after a deploy of a new version.
            cache.clear()
            EventCalendarState.objects.update(vevents="", vevents_key="")
            return client.get(url)

        def warm():
            return client.get(url)

        def check(response):
            assert_status(response, 200)

        first = cold()
        body = first.content
        vevents = body.count(b"BEGIN:VEVENT")
        series = body.count(b"RRULE:")
        print(f"feed: {len(body) / 1024:.0f} KiB, {vevents} VEVENTs, {series} series")
        cold_runs = max(5, args.runs // 10)
        built = _setup.measure(
            f"feed of {count} events, built from scratch (nothing cached or stored)",
            cold,
            runs=cold_runs,
            warmup=min(args.warmup, 3),
            check=check,
        )
        changed_ids = iter(EventPage.objects.order_by("?").values_list("pk", flat=True))

        def after_one_change():
            # What publishing an edit does to the calendar: SEQUENCE and the change stamp of
            # one event rise, and every feed is marked stale.
            EventCalendarState.objects.filter(event_id=next(changed_ids)).update(
                sequence=F("sequence") + 1, changed_at=timezone.now()
            )
            ical.bump_feed_version()
            return client.get(url)

        cold()
        rebuilt = _setup.measure(
            "the feed rebuilt after one event changed (the others' VEVENTs stored)",
            after_one_change,
            runs=min(args.runs, count - 1),
            warmup=min(args.warmup, 3),
            target_p95=TARGET_MS,
            check=check,
        )
        warm()
        cached = _setup.measure(
            "the same feed from the cache", warm, runs=args.runs, warmup=args.warmup, check=check
        )
        etag = warm()["ETag"]

        def conditional():
            return client.get(url, headers={"if-none-match": etag})

        not_modified = _setup.measure(
            "conditional request (304)",
            conditional,
            runs=args.runs,
            warmup=args.warmup,
            check=lambda response: assert_status(response, 304),
        )
        loaded = list(selectors.feed_occurrences(None))

        def library_only():
            return ical.build_calendar(loaded, base_url="http://testserver/")

        library = _setup.measure(
            "events.ical.build_calendar alone (dates loaded, every event written)",
            library_only,
            runs=cold_runs,
            warmup=min(args.warmup, 3),
        )
        query = _setup.measure(
            "the full query of every event alone (events.selectors.feed_occurrences)",
            lambda: list(selectors.feed_occurrences(None)),
            runs=cold_runs,
            warmup=min(args.warmup, 3),
        )
        _setup.print_table([built, rebuilt, cached, not_modified, library, query])

        # From the cache until an event changes.
        warm()
        with CaptureQueriesContext(connection) as captured:
            assert warm().status_code == 200
        events_queries = [q for q in captured.captured_queries if "events_" in q["sql"]]
        assert not events_queries, events_queries
        queries_cold = _setup.count_queries(cold)
        event = EventPage.objects.live().order_by("pk").first()
        event.title = "Geänderter Titel für den Benchmark"
        event.save()
        with transaction.atomic():
            event_schedule_sync(event=event)  # as publishing does; the feed is stale on commit
        changed = warm()
        assert "Geänderter Titel für den Benchmark".encode() in changed.content
        assert changed["ETag"] != etag
        print(
            f"cached answer: {len(captured.captured_queries)} queries, none on the events tables; "
            f"built answer: {queries_cold} queries; after an event changed the next answer was "
            "rebuilt with the change"
        )
        _setup.write_json(
            args,
            {
                "events": count,
                "dates": dates,
                "feed_bytes": len(body),
                "vevents": vevents,
                "queries_built": queries_cold,
                "queries_cached": len(captured.captured_queries),
                "built": built.as_dict(),
                "rebuilt_after_one_change": rebuilt.as_dict(),
                "query": query.as_dict(),
                "cached": cached.as_dict(),
                "not_modified": not_modified.as_dict(),
                "library": library.as_dict(),
            },
        )


if __name__ == "__main__":
    main()

"""Interoperability, tested rather than assumed: every feed and .ics the demo site serves is read
by an independent parser (ical.js, run by node) and by the Python ``icalendar`` library, and the
two must agree with each other and with the database – times through the VTIMEZONE, the
expansion of the recurring demo events, exceptions, escaping and folding.
"""

from __future__ import annotations

import calendar
import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from dateutil import rrule
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import ical, notices
from events.models import BERLIN, EventPage, Registration
from events.selectors import manage_token
from events.services import feed_token_create
from tests.events.factories import events_index, make_event

REPO = Path(__file__).resolve().parents[2]
CHECKER = Path(__file__).with_name("ical_check.mjs")
ICAL_JS = REPO / "node_modules" / "ical.js" / "dist" / "ical.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ical_js():
    """``ical_js({name: body}, until)`` → what ical.js read from each body (one node run)."""
    if NODE is None or not ICAL_JS.exists():
        reason = "the ical.js check needs node and node_modules/ical.js (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)

    def read(bodies: dict[str, bytes], until: datetime.datetime, tmp: Path) -> dict:
        paths = {}
        for number, (name, body) in enumerate(bodies.items()):
            path = tmp / f"{number:03d}.ics"
            path.write_bytes(body)
            paths[str(path)] = name
        done = subprocess.run(
            [NODE, str(CHECKER), until.astimezone(datetime.UTC).isoformat(), *paths],
            capture_output=True,
            check=True,
            cwd=REPO,
            timeout=120,
        )
        files = json.loads(done.stdout)["files"]
        return {paths[path]: parsed for path, parsed in files.items()}

    return read


# --- collecting what the site serves --------------------------------------------------------

HREF = re.compile(r'href="([^"]+)"')


def _path(href: str) -> str:
    href = href.replace("&amp;", "&")
    if href.startswith(("webcal://", "http://", "https://")):
        parts = urlsplit(href)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return href


def _links(html: str) -> set[str]:
    return {_path(h) for h in HREF.findall(html)}


def _is_calendar(path: str) -> bool:
    return ".ics" in path.split("?")[0]


def crawl(client: Client) -> dict[str, object]:
    """Every calendar URL reachable from the events index (list, archive, month view, every
    event page, every filter of the subscribe link) → its response."""
    index = events_index().url
    pages = [index, f"{index}?view=archive", f"{index}?view=calendar"]
    found: set[str] = set()
    event_pages: set[str] = set()
    for url in pages:  # grows while pagination links turn up
        html = client.get(url).content.decode()
        for link in _links(html):
            if _is_calendar(link):
                found.add(link)
            elif link.startswith("?") and "page=" in link:
                if f"{index}{link}" not in pages:
                    pages.append(f"{index}{link}")
            elif link.startswith(index) and link != index and "?" not in link:
                event_pages.add(link)
        # The filters of the index are the filters of the feed.
        for name in ("kind", "municipality", "audience", "topic"):
            select = re.search(rf'<select[^>]+name="{name}".*?</select>', html, re.S)
            for value in re.findall(r'<option value="([^"]+)"', select.group(0) if select else ""):
                found.add(f"{reverse('events:feed')}?{name}={value}")
    for url in sorted(event_pages):
        response = client.get(url)
        assert response.status_code == 200, url
        found.update(link for link in _links(response.content.decode()) if _is_calendar(link))
    return {url: client.get(url) for url in sorted(found)}


# --- checks -------------------------------------------------------------------------------


def check_http(url: str, response, client: Client, *, private: bool = False) -> None:
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8", url
    assert response["ETag"] and response["Last-Modified"], url
    again = client.get(url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304 and not again.content, url
    if private:
        assert response["Cache-Control"] == "private, no-store", url


def check_text(name: str, body: bytes) -> None:
    """RFC 5545 framing: CRLF only, lines of at most 75 octets that are valid UTF-8 alone."""
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n"), name
    assert b"\n" not in body.replace(b"\r\n", b""), name
    for line in body.split(b"\r\n"):
        assert len(line) <= 75, (name, line)
        line.decode("utf-8")


def check_agree(name: str, body: bytes, js: dict) -> None:
    """Python's icalendar and ical.js read the same events with the same instants."""
    assert "error" not in js, (name, js.get("error"))
    cal = Calendar.from_ical(body)
    vevents = cal.walk("VEVENT")
    assert len(vevents) == len(js["events"]), name
    uses_tzid = b"TZID=Europe/Berlin" in body
    if uses_tzid:
        assert js["timezones"] == ["Europe/Berlin"], name
        (vtimezone,) = cal.walk("VTIMEZONE")
        assert str(vtimezone["TZID"]) == "Europe/Berlin"
    for vevent, read in zip(vevents, js["events"], strict=True):
        assert str(vevent["UID"]) == read["uid"], name
        assert read["dtstamp"] and read["sequence"] is not None, (name, read["uid"])
        assert str(vevent["SUMMARY"]) == read["summary"], name
        start = vevent["DTSTART"].dt
        if isinstance(start, datetime.datetime):
            assert read["start"]["tzid"] == "Europe/Berlin", name
            utc = datetime.datetime.fromisoformat(read["start"]["utc"].replace("Z", "+00:00"))
            assert utc == start, (name, read["summary"], read["start"], start)
        else:
            assert read["start"]["isDate"] and read["start"]["local"] == start.isoformat()
            assert vevent["DTEND"].dt > start  # exclusive end date
        if "RECURRENCE-ID" not in vevent:
            uid_siblings = [e for e in js["events"] if e["uid"] == read["uid"]]
            assert all(e["recurrenceId"] for e in uid_siblings if e is not read), name


def expand_python(body: bytes, uid: str, until: datetime.datetime) -> list[datetime.datetime]:
    """The dates of a series as RFC 5545 defines them, with dateutil (EXDATE removed)."""
    (master,) = [
        e
        for e in Calendar.from_ical(body).walk("VEVENT")
        if str(e["UID"]) == uid and "RECURRENCE-ID" not in e
    ]
    start = master["DTSTART"].dt
    rule = rrule.rrulestr(master["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
    groups = master.get("EXDATE", [])
    exdates = {
        d.dt.replace(tzinfo=None)
        for group in (groups if isinstance(groups, list) else [groups])
        for d in group.dts
    }
    return [
        naive.replace(tzinfo=BERLIN)
        for naive in rule.between(
            start.replace(tzinfo=None), until.astimezone(BERLIN).replace(tzinfo=None), inc=True
        )
        if naive not in exdates
    ]


def last_thursdays(first: datetime.date, until: datetime.date) -> list[datetime.date]:
    """The last Thursday of every month from ``first`` to ``until`` – computed independently."""
    days, year, month = [], first.year, first.month
    while True:
        last = max(
            week[calendar.THURSDAY]
            for week in calendar.monthcalendar(year, month)
            if week[calendar.THURSDAY]
        )
        day = datetime.date(year, month, last)
        if day > until:
            return days
        if day >= first:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# --- the tests ------------------------------------------------------------------------------


def test_every_calendar_the_demo_serves_reads_alike_in_ical_js_and_python(
    events_demo, ical_js, tmp_path, django_capture_on_commit_callbacks
):
    users = get_user_model().objects
    partner = users.get(email="s.yilmaz@jobcenter-herford.example")
    employer = users.get(email="personal@tischlerei-brinkmann.example")
    anonymous = Client()
    staff = Client()
    staff.force_login(partner)

    public = crawl(anonymous)
    internal = crawl(staff)
    assert len(public) >= 30 and len(internal) > len(public) - 5
    for client, responses in ((anonymous, public), (staff, internal)):
        for url, response in responses.items():
            check_http(url, response, client)

    personal = {}
    for user in (partner, employer):
        url = reverse("events:personal_feed", args=[feed_token_create(user=user)])
        response = anonymous.get(url)
        check_http(url, response, anonymous, private=True)
        personal[f"personal:{user.email}"] = response.content
    registrations = Registration.objects.filter(user=employer).select_related("occurrence__event")
    for registration in registrations:
        url = reverse("events:manage_ics", args=[manage_token(registration)])
        response = anonymous.get(url)
        check_http(url, response, anonymous, private=True)
        personal[f"manage:{registration.pk}"] = response.content
    with django_capture_on_commit_callbacks(execute=True):
        for registration in registrations:
            notices.send(registration, "confirmed")
    attachments = {
        f"mail:{n}": content.encode() if isinstance(content, str) else content
        for n, message in enumerate(mail.outbox)
        for _filename, content, _mimetype in message.attachments
    }
    assert len(attachments) == registrations.count() >= 2

    bodies = {
        **{f"public:{url}": r.content for url, r in public.items()},
        **{f"partner:{url}": r.content for url, r in internal.items()},
        **personal,
        **attachments,
    }
    until = timezone.now() + datetime.timedelta(days=420)
    read = ical_js(bodies, until, tmp_path)
    for name, body in bodies.items():
        check_text(name, body)
        check_agree(name, body, read[name])

    # Visibility: partners-only events reach partner staff, never anonymous feeds.
    hidden = set(EventPage.objects.exclude(visibility="public").values_list("title", flat=True))
    public_titles = {
        e["summary"] for n, r in read.items() if n.startswith("public:") for e in r["events"]
    }
    partner_titles = {
        e["summary"] for n, r in read.items() if n.startswith("partner:") for e in r["events"]
    }
    assert hidden and not hidden & public_titles
    assert "Schulung: Beschäftigungs- und Ausbildungsduldung in der Praxis" in partner_titles

    feed = read[f"public:{reverse('events:feed')}"]["events"]
    by_title = {e["summary"]: e for e in feed if not e["recurrenceId"]}
    # A cancelled event stays with STATUS:CANCELLED until its end.
    assert by_title["Infoabend: Wohnungssuche mit Wohnberechtigungsschein"]["status"] == "CANCELLED"
    # On-site events carry LOCATION, GEO, URL, ORGANIZER with a name, CATEGORIES.
    fair = by_title["Ausbildungstag am Berufskolleg am Wall"]
    assert fair["start"]["isDate"] and fair["end"]["isDate"]
    assert datetime.date.fromisoformat(fair["end"]["local"]) - datetime.date.fromisoformat(
        fair["start"]["local"]
    ) == datetime.timedelta(days=1)
    hybrid = by_title["Infoabend für Arbeitgeber: Geflüchtete ausbilden"]
    assert "Kreishaus" in hybrid["location"] and len(hybrid["geo"]) == 2
    assert hybrid["url"].startswith("http") and hybrid["organizer"]["cn"]
    assert hybrid["organizer"]["value"].startswith("mailto:")
    assert len(hybrid["categories"]) >= 2  # the kind and the topics
    # The online link of an event with registration: registrants only.
    online = EventPage.objects.get(slug="online-schulung-chancenkarte-westbalkanregelung")
    assert online.online_url.encode() not in b"".join(
        body for name, body in bodies.items() if name.startswith(("public:", "partner:"))
    )
    assert online.online_url.encode() in personal[f"personal:{partner.email}"]

    # The recurring Meeting Point expands to the last Thursday of every month, 16:00 Berlin,
    # the cancelled date carried as an exception – in ical.js, in dateutil and in the database.
    event = EventPage.objects.get(slug="meeting-point-herford")
    url = reverse("events:event_ics", args=[event.pk])
    body = public[url].content
    (series,) = [e for e in read[f"public:{url}"]["events"] if not e["recurrenceId"]]
    assert series["isRecurring"]
    dates = list(event.occurrences.filter(detached=False).order_by("start"))
    until = dates[-1].start + datetime.timedelta(hours=1)
    expected = last_thursdays(timezone.localtime(event.start, BERLIN).date(), until.date())
    js_dates = [
        o
        for o in series["occurrences"]
        if datetime.datetime.fromisoformat(o["start"]["utc"].replace("Z", "+00:00")) < until
    ]
    assert [datetime.date.fromisoformat(o["start"]["local"][:10]) for o in js_dates] == expected
    assert {o["start"]["local"][11:16] for o in js_dates} == {"16:00"}
    assert [
        datetime.datetime.fromisoformat(o["start"]["utc"].replace("Z", "+00:00")) for o in js_dates
    ] == [o.start for o in dates]  # the VTIMEZONE gives the same instants across DST
    assert [o["status"] == "CANCELLED" for o in js_dates] == [o.cancelled for o in dates]
    assert sum(o.cancelled for o in dates) == 1
    assert [d.date() for d in expand_python(body, series["uid"], until)] == expected

    # The weekly language café: Tuesdays and Thursdays, 16 by COUNT, one exception date.
    cafe = EventPage.objects.get(slug="sprachcafe-kommunales-integrationszentrum")
    url = reverse("events:event_ics", args=[cafe.pk])
    (series,) = [e for e in read[f"public:{url}"]["events"] if not e["recurrenceId"]]
    stored = [o.start for o in cafe.occurrences.filter(detached=False).order_by("start")]
    js_starts = [
        datetime.datetime.fromisoformat(o["start"]["utc"].replace("Z", "+00:00"))
        for o in series["occurrences"]
    ]
    assert js_starts == stored and len(stored) == 15
    assert expand_python(public[url].content, series["uid"], stored[-1]) == stored


def test_hostile_and_long_titles_read_back_unchanged_in_ical_js(db, ical_js, tmp_path):
    evil = make_event(title="Harmlos\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Böse")
    evil.teaser = 'a;b,c\\d\n"END:VCALENDAR"'
    evil.save()
    long = make_event(title="Schulung: Änderungen im Aufenthaltsrecht – " + "ÄÖÜß€😀" * 25)
    bodies = {
        str(event.pk): ical.build_calendar(
            list(event.occurrences.select_related("event", "event__calendar_state")),
            base_url="https://ip.example.org/",
        )
        for event in (evil, long)
    }
    read = ical_js(bodies, timezone.now() + datetime.timedelta(days=60), tmp_path)
    for event in (evil, long):
        body = bodies[str(event.pk)]
        check_text(str(event.pk), body)
        (vevent,) = read[str(event.pk)]["events"]  # one event, not two
        assert vevent["summary"] == event.title.replace("\r\n", "\n")  # CRLF is one line break
    assert read[str(evil.pk)]["events"][0]["description"].startswith(evil.teaser)

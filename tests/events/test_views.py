"""Pages, registration views, manage links, feeds and tokens over HTTP."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from icalendar import Calendar

from events.choices import EventKind
from events.models import EventPage, FeedToken, OccurrenceOverride, Registration
from events.selectors import manage_token
from events.services import (
    RegistrationData,
    event_schedule_sync,
    feed_token_create,
    registration_create,
)
from portal.access import Role, Visibility
from tests.events.factories import at, events_index, make_event, occurrence_of
from tests.factories import AudienceFactory, MunicipalityFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(make_user):
    return make_user(Role.EMPLOYER, first_name="Erika", last_name="Muster")


def registered(occurrence, user):
    return registration_create(
        occurrence=occurrence, user=user, data=RegistrationData(name="E", email=user.email)
    )


def test_index_lists_upcoming_events_with_seats_and_links_the_feed(client):
    make_event(title="Infoabend Ausbildung", capacity=5)
    make_event(title="Vergangener Abend", start=at(-5))
    response = client.get(events_index().url)
    html = response.content.decode()
    assert "Infoabend Ausbildung" in html and "Vergangener Abend" not in html
    assert '<link rel="alternate" type="text/calendar"' in html
    assert "webcal://" in html
    archive = client.get(events_index().url, {"view": "archive"}).content.decode()
    assert "Vergangener Abend" in archive


def test_index_filters_by_kind_municipality_audience_topic_and_month(client):
    place, audience, topic = MunicipalityFactory(), AudienceFactory(), TopicFactory()
    make_event(
        title="Treffer",
        kind=EventKind.TRAINING,
        municipality=place,
        audiences=[audience],
        topics=[topic],
    )
    make_event(title="Anderes", kind=EventKind.TRAINING)
    query = {
        "kind": "training",
        "municipality": place.slug,
        "audience": audience.slug,
        "topic": topic.slug,
        "month": at(10).strftime("%Y-%m"),
    }
    html = client.get(events_index().url, query).content.decode()
    assert "Treffer" in html and "Anderes" not in html


@pytest.mark.parametrize(
    "query",
    [{"kind": "party"}, {"month": "2027-13"}, {"topic": "nope"}, {"page": "x"}, {"view": "<b>"}],
)
def test_unknown_filter_values_get_a_clear_answer_not_a_500(client, query):
    make_event()
    response = client.get(events_index().url, query)
    assert response.status_code == 200
    if "page" not in query and "view" not in query:
        assert 'role="alert"' in response.content.decode()


def test_month_calendar_is_a_table_with_the_events_on_their_day(client):
    make_event(title="Im Kalender", start=at(3, 9))
    response = client.get(
        events_index().url, {"view": "calendar", "month": at(3).strftime("%Y-%m")}
    )
    html = response.content.decode()
    assert '<table class="month-calendar">' in html and "<caption>" in html
    assert "Im Kalender" in html


def test_event_page_shows_seats_waiting_state_and_json_ld(client, make_user):
    event = make_event(title="Schulung AufenthG", capacity=1)
    registered(occurrence_of(event), make_user())
    html = client.get(event.url).content.decode()
    assert '<script type="application/ld+json">' in html
    assert '"@type": "Event"' in html and "remainingAttendeeCapacity" in html
    assert "Warteliste" in html or "waiting list" in html
    assert reverse("events:event_ics", args=[event.pk]) in html


def test_the_dates_table_shows_a_date_with_its_own_number_of_seats(client):
    event = make_event(
        kind=EventKind.MEETING_POINT,
        start=at(3, 18),
        recurrence="weekly",
        recurrence_weekdays=[at(3).isoweekday()],
        recurrence_count=2,
        capacity=10,
    )
    event.overrides.add(OccurrenceOverride(original_start=at(3, 18), capacity=2))
    event.save()
    event_schedule_sync(event=event)
    html = client.get(event.url).content.decode()
    small, usual = event.occurrences.order_by("start")
    row = html[html.index(f'id="date-{small.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "2 Plätze an diesem Termin" in row and "2 Plätze frei" in row
    other = html[html.index(f'id="date-{usual.pk}"') :]
    assert "an diesem Termin" not in other[: other.index("</tr>")]


def test_hidden_events_stay_hidden_in_every_channel(client, partner_user):
    event = make_event(title="Interne Schulung", visibility=Visibility.PARTNERS)
    occurrence = occurrence_of(event)
    assert client.get(reverse("events:event_ics", args=[event.pk])).status_code == 404
    assert b"Interne Schulung" not in client.get(reverse("events:feed")).content
    assert b"Interne Schulung" not in client.get(events_index().url).content
    assert client.get(reverse("events:occurrence_ics", args=[occurrence.pk])).status_code == 404
    client.force_login(partner_user)
    assert b"Interne Schulung" in client.get(reverse("events:feed")).content
    assert client.get(reverse("events:feed"))["Cache-Control"] == "private, no-store"


def test_an_employer_registers_for_a_meeting_point_with_offers(client, employer):
    event = make_event(kind=EventKind.MEETING_POINT, capacity=10, max_attendees=3)
    url = reverse("events:register", args=[occurrence_of(event).pk])
    client.force_login(employer)
    form = client.get(url)
    assert form.status_code == 200 and employer.email in form.content.decode()
    response = client.post(
        url,
        {
            "name": "Erika Muster",
            "email": employer.email,
            "organisation": "Tischlerei Muster GmbH",
            "phone": "+49 5221 12345",
            "attendees": "2",
            "offer_0_kind": "internship",
            "offer_0_count": "2",
            "offer_0_field": "Holzbearbeitung",
            "offer_0_german": "A2",
            "offer_1_kind": "job",
            "offer_1_count": "1",
            "offer_1_field": "Lager",
            "needs_table": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.attendees == 2 and len(registration.offers) == 2
    assert registration.needs_table and registration.organisation == "Tischlerei Muster GmbH"
    manage = client.get(response["Location"])
    assert manage["Cache-Control"].startswith("private") or "no-store" in manage["Cache-Control"]


@pytest.mark.parametrize("attendees", ["viele", "0", "99", ""])
def test_bad_attendee_numbers_give_field_errors(client, employer, attendees):
    event = make_event(kind=EventKind.MEETING_POINT, max_attendees=3)
    client.force_login(employer)
    response = client.post(
        reverse("events:register", args=[occurrence_of(event).pk]),
        {"name": "E", "email": "e@example.org", "organisation": "X", "attendees": attendees},
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Registration.objects.exists()


def test_the_honeypot_refuses_bots(client, employer):
    event = make_event()
    client.force_login(employer)
    client.post(
        reverse("events:register", args=[occurrence_of(event).pk]),
        {"name": "Bot", "email": "bot@example.org", "website": "http://spam.example"},
    )
    assert not Registration.objects.exists()


def test_registration_posts_are_rate_limited(client, employer, settings):
    event = make_event()
    client.force_login(employer)
    url = reverse("events:register", args=[occurrence_of(event).pk])
    statuses = [client.post(url, {"name": ""}).status_code for _ in range(11)]
    assert statuses[-1] == 429 and set(statuses[:10]) == {200}


def test_the_registration_limit_counts_per_client_address_as_allauth_sees_it(
    client, make_user, settings
):
    """The limit is allauth's: behind a trusted proxy the forwarded address counts, so that
    visitors sharing the proxy do not share one limit."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    event = make_event()
    url = reverse("events:register", args=[occurrence_of(event).pk])

    def post(user, address):
        client.force_login(user)
        return client.post(url, {"name": ""}, headers={"x-forwarded-for": address}).status_code

    first, second = make_user(Role.EMPLOYER), make_user(Role.EMPLOYER)
    assert [post(first, "192.0.2.1") for _ in range(5)] == [200] * 5
    assert [post(second, "192.0.2.1") for _ in range(5)] == [200] * 5
    assert post(second, "192.0.2.1") == 429  # the 11th post from that address
    assert post(second, "192.0.2.2") == 200  # another address behind the same proxy


def test_trainings_are_for_partner_staff_only(client, employer):
    event = make_event(kind=EventKind.TRAINING)
    client.force_login(employer)
    assert client.get(reverse("events:register", args=[occurrence_of(event).pk])).status_code == 403


def test_registration_needs_a_login(client):
    event = make_event()
    response = client.get(reverse("events:register", args=[occurrence_of(event).pk]))
    assert response.status_code == 302


def test_the_manage_link_shows_and_cancels_without_login_and_rejects_tampering(client, employer):
    registration = registered(occurrence_of(make_event()), employer)
    token = manage_token(registration)
    url = reverse("events:manage", args=[token])
    assert client.get(url).status_code == 200
    assert client.get(reverse("events:manage", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("events:manage", args=["garbage"])).status_code == 404
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_my_registrations_lists_them_and_manages_the_personal_feed(client, employer):
    registered(occurrence_of(make_event(title="Meine Veranstaltung")), employer)
    client.force_login(employer)
    html = client.get(reverse("events:my_registrations")).content.decode()
    assert "Meine Veranstaltung" in html
    client.post(reverse("events:feed_token"), {"action": "create"})
    html = client.get(reverse("events:my_registrations")).content.decode()
    assert "http://testserver/termine/kalender/" in html
    assert 'href="webcal://testserver/termine/kalender/' in html
    again = client.get(reverse("events:my_registrations")).content.decode()
    assert "/termine/kalender/" not in again  # the secret is shown once
    client.post(reverse("events:feed_token"), {"action": "revoke"})
    assert not FeedToken.objects.exists()


def test_the_personal_feed_needs_its_secret_and_is_private(client, employer):
    registered(occurrence_of(make_event(title="Persönlich")), employer)
    token = feed_token_create(user=employer)
    assert len(token.split("-", 1)[1]) >= 43  # 256 bits in URL-safe base64
    response = client.get(reverse("events:personal_feed", args=[token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Persönlich" in response.content.decode()
    assert "STATUS:CONFIRMED" in response.content.decode()
    # One character of the secret changed (not the last: it carries padding bits, and it may
    # already be the replacement), the secret missing, garbage, another user's id.
    middle = len(token) - 5
    tampered = token[:middle] + ("B" if token[middle] == "A" else "A") + token[middle + 1 :]
    for bad in [tampered, f"{employer.pk}-", "x-y", f"{employer.pk + 1}-{token[2:]}"]:
        assert client.get(reverse("events:personal_feed", args=[bad])).status_code == 404
    feed_token_create(user=employer)  # renewing revokes the old token
    assert client.get(reverse("events:personal_feed", args=[token])).status_code == 404


def test_feeds_are_cached_until_an_event_changes_and_answer_304(client):
    from events.services import event_schedule_sync

    event = make_event(title="Zwischengespeichert")
    url = reverse("events:feed")
    first = client.get(url)
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    event.title = "Geändert"
    event.save()
    event_schedule_sync(event=event)
    from events.ical import bump_feed_version

    bump_feed_version()  # the on-commit hook does this after a real commit
    second = client.get(url, headers={"if-none-match": etag})
    assert second.status_code == 200 and b"Ge\xc3\xa4ndert" in second.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "training"}, {"Schulung"}),
        ({"kind": "meeting_point"}, {"Treffen"}),
        ({}, {"Schulung", "Treffen"}),
    ],
)
def test_feeds_filter_by_query_parameters(client, query, expected):
    make_event(title="Schulung", kind=EventKind.TRAINING)
    make_event(title="Treffen", kind=EventKind.MEETING_POINT)
    cal = Calendar.from_ical(client.get(reverse("events:feed"), query).content)
    assert {str(e["SUMMARY"]) for e in cal.walk("VEVENT")} == expected


def test_unknown_feed_filters_are_a_400_with_a_message(client):
    response = client.get(reverse("events:feed"), {"topic": "gibt-es-nicht"})
    assert response.status_code == 400 and b"gibt-es-nicht" in response.content


def _queries(client, url, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    return len(captured)


def test_every_list_page_and_feed_runs_a_constant_number_of_queries(client, employer):
    """Index (upcoming, archive, month calendar), event page, feeds and "my registrations":
    the same number of queries with 3 events as with 15 (series, places, topics, waiting
    lists and the visitor's own registrations included)."""
    from tests.directory.factories import LocationFactory

    token = feed_token_create(user=employer)
    month = at(10).strftime("%Y-%m")
    counts = []
    for size in (3, 15):
        while EventPage.objects.count() < size:
            n = EventPage.objects.count()
            event = make_event(
                topics=[TopicFactory()],
                audiences=[AudienceFactory()],
                location=LocationFactory(municipality=MunicipalityFactory()),
                **(
                    {
                        "recurrence": "weekly",
                        "recurrence_weekdays": [at(10).isoweekday()],
                        "recurrence_count": 3,
                        "start": at(10),
                    }
                    if n % 3 == 0
                    else {"start": at(10 + n % 5)}
                ),
            )
            make_event(start=at(-20 - n), capacity=2)  # the archive
            first = occurrence_of(event)
            registered(first, employer)
            registered(first, make_user_for_queries())
            if n % 3 == 0:
                event.overrides.add(
                    OccurrenceOverride(original_start=occurrence_of(event, 1).start, cancelled=True)
                )
                event.save()
                event_schedule_sync(event=event)
        client.force_login(employer)
        index = events_index().url
        client.get(index)  # warm the per-process caches (site root, settings)
        cache.clear()  # every feed is built, not served from the cache
        counts.append(
            {
                "index": _queries(client, index),
                "archive": _queries(client, index, view="archive"),
                "month": _queries(client, index, view="calendar", month=month),
                "filtered": _queries(client, index, kind="information", month=month),
                "page": _queries(client, event.url),
                "feed": _queries(client, reverse("events:feed")),
                "event_ics": _queries(client, reverse("events:event_ics", args=[event.pk])),
                "personal": _queries(client, reverse("events:personal_feed", args=[token])),
                "mine": _queries(client, reverse("events:my_registrations")),
            }
        )
        cache.clear()
    assert counts[0] == counts[1], counts


_users = iter(range(10_000))


def make_user_for_queries():
    from tests.factories import UserFactory

    return UserFactory(roles=[Role.EMPLOYER], email=f"queries{next(_users)}@example.org")

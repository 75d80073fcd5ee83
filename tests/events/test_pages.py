"""Event pages, the index and registration as a visitor meets them: visibility, prefilled and
one-click registration, online links, structured data, and bad input that never gives a 500."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from events.choices import AttendanceMode, EventKind
from events.models import EventIndexPage, EventPage, Registration
from events.selectors import manage_token
from events.services import RegistrationData, registration_create
from portal.access import Role, Visibility
from portal.accounts.models import EmployerProfile
from tests.directory.factories import OrganisationFactory, partner_membership
from tests.events.factories import at, events_index, make_event, occurrence_of

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> list[dict]:
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(payload)


class TestPageTree(WagtailPageTestCase):
    """Tree rules and rendering with Wagtail's own helpers."""

    def test_events_live_below_the_index_and_the_index_below_the_home_page(self):
        from portal.models import HomePage

        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_an_event_page_renders(self):
        event = make_event(title="Renderbar")
        self.assertPageIsRenderable(event)
        self.assertPageIsRenderable(events_index())


def test_partners_only_events_are_404_for_the_public_and_missing_from_the_sitemap(
    client, partner_user
):
    hidden = make_event(title="Interne Fallbesprechung", visibility=Visibility.PARTNERS)
    public = make_event(title="Offene Veranstaltung")
    assert client.get(hidden.url).status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert public.slug in sitemap and hidden.slug not in sitemap
    client.force_login(partner_user)
    response = client.get(hidden.url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_the_register_form_is_prefilled_from_the_company_profile(client, make_user):
    employer = make_user(Role.EMPLOYER, first_name="Jens", last_name="Brinkmann")
    EmployerProfile.objects.create(
        user=employer,
        company_name="Tischlerei Brinkmann GmbH",
        contact_person="Jana Brinkmann",
        phone="+49 5221 000000",
    )
    event = make_event(kind=EventKind.MEETING_POINT)
    client.force_login(employer)
    html = client.get(reverse("events:register", args=[occurrence_of(event).pk])).content.decode()
    assert 'value="Tischlerei Brinkmann GmbH"' in html
    assert 'value="Jana Brinkmann"' in html and 'value="+49 5221 000000"' in html
    assert 'name="offer_0_kind"' in html and 'name="needs_interpreter"' in html


def test_partner_staff_register_for_a_training_with_one_click(client, make_user):
    staff = make_user(Role.PARTNER_STAFF, first_name="Selin", last_name="Yılmaz")
    organisation = OrganisationFactory(name="Jobcenter Kreis Herford")
    partner_membership(user=staff, organisation=organisation)
    event = make_event(kind=EventKind.TRAINING, title="Schulung Duldung")
    client.force_login(staff)
    page = client.get(event.url).content.decode()
    register_url = reverse("events:register", args=[occurrence_of(event).pk])
    assert f'action="{register_url}"' in page and 'name="one_click"' in page
    response = client.post(register_url, {"one_click": "1"})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.organisation) == (
        "Selin Yılmaz",
        staff.email,
        "Jobcenter Kreis Herford",
    )
    assert registration.status == "confirmed"


def test_one_click_is_not_offered_for_meeting_points_and_anonymous_visitors_log_in_first(
    client, make_user
):
    event = make_event(kind=EventKind.MEETING_POINT)
    register_url = reverse("events:register", args=[occurrence_of(event).pk])
    html = client.get(event.url).content.decode()
    assert "one_click" not in html and "/konto/anmelden/?next=" in html
    client.force_login(make_user(Role.EMPLOYER))
    html = client.get(event.url).content.decode()
    assert "one_click" not in html and f'href="{register_url}"' in html


def test_the_online_link_reaches_registrants_only(client, make_user):
    url = "https://konferenz.example/geheim-123"
    event = make_event(mode=AttendanceMode.ONLINE, online_url=url, address="", capacity=5)
    occurrence = occurrence_of(event)
    user = make_user(Role.EMPLOYER)
    registration = registration_create(
        occurrence=occurrence, user=user, data=RegistrationData(name="E", email=user.email)
    )
    public = [
        client.get(event.url),
        client.get(reverse("events:feed")),
        client.get(reverse("events:event_ics", args=[event.pk])),
        client.get(reverse("events:occurrence_ics", args=[occurrence.pk])),
    ]
    for response in public:
        assert url not in response.content.decode(), response
    token = manage_token(registration)
    assert url in client.get(reverse("events:manage", args=[token])).content.decode()
    ics = client.get(reverse("events:manage_ics", args=[token]))
    assert url in ics.content.decode() and ics["Cache-Control"] == "private, no-store"
    # Without registration anyone may join: then the link is public.
    open_event = make_event(mode=AttendanceMode.ONLINE, online_url=url, capacity=None)
    assert url in client.get(open_event.url).content.decode()


def test_json_ld_describes_dates_seats_place_and_offer(client, make_user):
    event = make_event(
        title="Meeting Point Herford",
        kind=EventKind.MEETING_POINT,
        capacity=1,
        latitude="52.1156",
        longitude="8.6734",
        organiser_name="Integration Point",
    )
    registration_create(
        occurrence=occurrence_of(event),
        user=make_user(Role.EMPLOYER),
        data=RegistrationData(name="E", email="e@example.org"),
    )
    (item,) = json_ld(client.get(event.url).content.decode())
    assert item["@type"] == "Event" and item["name"] == "Meeting Point Herford"
    assert item["startDate"].endswith("+01:00") or item["startDate"].endswith("+02:00")
    assert item["eventStatus"] == "https://schema.org/EventScheduled"
    assert item["location"]["geo"]["latitude"] == pytest.approx(52.1156)
    assert item["remainingAttendeeCapacity"] == 0
    assert item["offers"]["availability"] == "https://schema.org/SoldOut"
    assert item["organizer"]["name"] == "Integration Point"


def test_a_json_ld_title_cannot_close_its_script_element(client):
    event = make_event(title="</script><script>alert(1)</script>")
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)[0]["name"] == event.title


@pytest.mark.parametrize(
    "query",
    [
        {"month": "9999-12"},
        {"month": "0001-01"},
        {"view": "calendar", "month": "9999-12"},
        {"view": "calendar", "month": "0001-01"},
        {"view": "calendar", "month": "2027-00"},
        {"page": "-1"},
        {"page": "99999"},
        {"municipality": "x" * 500},
        {"audience": "<script>"},
        {"kind": "training", "topic": "nope", "view": "archive"},
    ],
)
def test_odd_index_parameters_give_a_page_with_a_notice_never_a_500(client, query):
    make_event()
    response = client.get(events_index().url, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>", 1)[1]


@pytest.mark.parametrize(
    "name",
    ["events:manage", "events:manage_ics", "events:personal_feed"],
)
@pytest.mark.parametrize(
    "token",
    ["x", "1-", "1-" + "A" * 43, "99999-abc", "eyJ0ZXN0IjoxfQ:1abc:xyz", "%00", "a" * 400],
)
def test_tampered_or_unknown_tokens_are_404(client, name, token):
    assert client.get(reverse(name, args=[token])).status_code == 404


def test_unknown_or_hidden_dates_are_404_for_registration_and_calendars(client, make_user):
    hidden = make_event(visibility=Visibility.PARTNERS)
    client.force_login(make_user(Role.EMPLOYER))
    for name in ("events:register", "events:occurrence_ics"):
        assert client.get(reverse(name, args=[999999])).status_code == 404
        assert client.get(reverse(name, args=[occurrence_of(hidden).pk])).status_code == 404
    assert client.get(reverse("events:event_ics", args=[999999])).status_code == 404


def test_a_cancelled_event_page_says_so_and_offers_no_registration(client, make_user):
    event = make_event(title="Abgesagt", cancelled=True)
    client.force_login(make_user(Role.EMPLOYER))
    html = client.get(event.url).content.decode()
    assert "cancelled-title" in html
    assert reverse("events:register", args=[occurrence_of(event).pk]) not in html
    (item,) = json_ld(html)
    assert item["eventStatus"] == "https://schema.org/EventCancelled"


def test_feeds_of_one_site_hold_only_that_sites_events(client):
    from portal.models import HomePage

    make_event(title="Herforder Termin")
    other_home = (
        Site.objects.get(is_default_site=True)
        .root_page.get_parent()
        .add_child(instance=HomePage(title="Kreis Minden", slug="minden"))
    )
    Site.objects.create(hostname="minden.example", root_page=other_home)
    other_index = other_home.add_child(instance=EventIndexPage(title="Termine", slug="termine"))
    minden = EventPage(
        title="Mindener Termin",
        slug="mindener-termin",
        kind=EventKind.INFORMATION,
        start=at(5),
        end=at(5, 12),
    )
    other_index.add_child(instance=minden)
    from events.services import event_schedule_sync

    event_schedule_sync(event=minden)
    herford = client.get(reverse("events:feed")).content.decode()
    minden_feed = client.get(reverse("events:feed"), headers={"host": "minden.example"})
    assert "Herforder Termin" in herford and "Mindener Termin" not in herford
    body = minden_feed.content.decode()
    assert "Mindener Termin" in body and "Herforder Termin" not in body

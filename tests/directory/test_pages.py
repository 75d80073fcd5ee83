"""Directory list, organisation page and home teaser: visibility, caching, structured data and
a constant number of queries."""

import json
import re

import pytest

from directory.models import DirectoryIndexPage
from tests.directory.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationFactory,
    OrganisationKindFactory,
    ResponsibilityFactory,
)


@pytest.fixture
def index_page(home_page):
    page = DirectoryIndexPage(title="Verzeichnis", slug="verzeichnis")
    home_page.add_child(instance=page)
    return page


def test_directory_index_page_tree_rules(index_page, home_page):
    assert DirectoryIndexPage.can_create_at(home_page) is False  # one per home page
    assert index_page.get_parent().specific == home_page


def test_anonymous_visitor_sees_the_organisation_but_no_partners_only_people(client, world):
    response = client.get(world["abh"].get_absolute_url())
    assert response.status_code == 200
    assert "Ausländerbehörde Kreis" in response.text
    assert "Service Team" in response.text
    for name in ("Lohmeyer", "Nolting", "Kamphenkel"):
        assert name not in response.text
    assert "private" not in response.get("Cache-Control", "")


def test_partner_staff_see_partners_only_people_privately(client, world, partner_user):
    client.force_login(partner_user)
    response = client.get(world["abh"].get_absolute_url())
    assert "Miriam Lohmeyer" in response.text
    assert "Tobias Nolting" in response.text
    assert "private" in response["Cache-Control"]


def test_employers_do_not_see_partners_only_people(client, world, employer):
    client.force_login(employer)
    response = client.get(world["abh"].get_absolute_url())
    assert "Lohmeyer" not in response.text
    assert "private" in response["Cache-Control"]


def test_organisation_page_has_opening_hours_table_and_json_ld(client, world):
    location = world["location"]
    location.opening_hours = [
        ("period", {"weekday": "1", "opens": "08:00", "closes": "12:00", "note": ""}),
        ("period", {"weekday": "4", "opens": "14:00", "closes": "17:30", "note": ""}),
    ]
    location.save()
    response = client.get(world["abh"].get_absolute_url())
    assert '<table class="hours">' in response.text
    assert "Montag" in response.text or "Monday" in response.text
    [payload] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S
    )
    data = json.loads(payload)
    hours = data["location"][0]["openingHoursSpecification"]
    assert hours[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "08:00",
        "closes": "12:00",
    }
    assert "Lohmeyer" not in payload


def test_json_ld_cannot_be_broken_out_of(client, world):
    world["abh"].description = "</script><script>alert(1)</script>"
    world["abh"].save()
    response = client.get(world["abh"].get_absolute_url())
    assert "<script>alert(1)" not in response.text


def test_unknown_or_inactive_organisation_is_404(client, world):
    assert client.get("/verzeichnis/organisation/gibt-es-nicht/").status_code == 404
    world["abh"].is_active = False
    world["abh"].save()
    assert client.get(world["abh"].get_absolute_url()).status_code == 404


def test_list_filters_by_kind_municipality_topic_and_text(client, index_page, world):
    other = OrganisationFactory(
        name="Sprachschule", kind=OrganisationKindFactory(name="Sprachkursträger", slug="sprache")
    )
    LocationFactory(organisation=other, municipality=world["buende"])

    def names(**params):
        response = client.get("/verzeichnis/", params)
        assert response.status_code == 200
        return [o.name for o in response.context["organisations"]]

    assert names() == ["Ausländerbehörde Kreis", "Sprachschule"]
    assert names(art="sprache") == ["Sprachschule"]
    assert names(gemeinde="herford") == ["Ausländerbehörde Kreis"]
    assert names(thema="aufenthalt") == ["Ausländerbehörde Kreis"]
    assert names(q="sprach") == ["Sprachschule"]


@pytest.mark.parametrize(
    "params", [{"art": "nope"}, {"gemeinde": "x" * 1500}, {"seite": "-1"}, {"q": "a" * 500}]
)
def test_list_ignores_bad_filter_values(client, index_page, world, params):
    response = client.get("/verzeichnis/", params)
    assert response.status_code == 200


def test_an_over_long_filter_value_is_refused_by_the_kernel(client, index_page):
    """Past REQUEST_QUERY_VALUE_MAX_LENGTH the kernel answers 400 before the view reads it."""
    assert client.get("/verzeichnis/", {"gemeinde": "x" * 5000}).status_code == 400


def test_list_links_to_the_finder(client, index_page):
    response = client.get("/verzeichnis/")
    assert 'href="/verzeichnis/wer-ist-zustaendig/"' in response.text


def test_home_page_shows_the_finder_teaser(client, home_page, world):
    response = client.get("/")
    assert response.status_code == 200
    assert 'action="/verzeichnis/wer-ist-zustaendig/"' in response.text
    assert 'id="teaser-thema"' in response.text


def _grow(world, size):
    for _ in range(size):
        organisation = OrganisationFactory(parent=world["abh"])
        location = LocationFactory(organisation=organisation, municipality=world["buende"])
        person = ContactPersonFactory(organisation=organisation, location=location)
        ContactPersonFactory(organisation=world["abh"], location=location)
        ResponsibilityFactory(
            organisation=world["abh"],
            topic=world["topic"],
            contact=person,
            deputy=person,
            municipalities=[world["herford"], world["buende"]],
        )


@pytest.mark.parametrize("size", [1, 8])
def test_list_runs_a_constant_number_of_queries(
    client, index_page, world, partner_user, django_assert_num_queries, size
):
    _grow(world, size)
    client.force_login(partner_user)
    client.get("/verzeichnis/")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/verzeichnis/")
    assert len(response.context["organisations"]) == size + 1


@pytest.mark.parametrize("size", [1, 8])
def test_organisation_page_runs_a_constant_number_of_queries(
    client, world, partner_user, django_assert_num_queries, size
):
    _grow(world, size)
    client.force_login(partner_user)
    url = world["abh"].get_absolute_url()
    client.get(url)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(url)
    assert len(response.context["contacts"]) == 4 + size


#: Pinned; a new N+1 query shows up as a failure at the larger size.
LIST_QUERIES = 18
DETAIL_QUERIES = 12


# ---- absence, "last confirmed" and the internal hotline (issue 14) ---------------------------


def test_contact_cards_say_when_they_were_last_confirmed(client, world):
    import datetime

    world["general"].verified_on = datetime.date(2026, 3, 2)
    world["general"].save()
    response = client.get(world["abh"].get_absolute_url())
    assert "zuletzt bestätigt am 2. März 2026" in response.text


def test_an_absent_contacts_card_leads_with_the_deputy(client, world, partner_user):
    import datetime

    from django.utils import formats, timezone

    contact = world["lz"]
    contact.absent_until = timezone.localdate() + datetime.timedelta(days=10)
    contact.save()
    client.force_login(partner_user)
    text = client.get(world["abh"].get_absolute_url()).text
    card = text[text.index(f'id="kontakt-{contact.pk}"') :]
    card = card[: card.index("</li>")]
    date = formats.date_format(contact.absent_until, "j. F Y")
    assert f"Abwesend bis {date}." in card
    assert card.index("Tobias Nolting") < card.index("<dl>")
    assert f'href="#kontakt-{world["deputy"].pk}"' in card


@pytest.fixture
def internal_hotline(world):
    organisation = world["abh"]
    organisation.hotline = "+49 5221 13-4711"
    organisation.hotline_visibility = "partners"
    organisation.save()
    return organisation


def test_an_internal_hotline_is_shown_to_partners_only(
    client, world, internal_hotline, partner_user, employer
):
    page = internal_hotline.get_absolute_url()
    vcard = f"{page}vcard/"
    for user in (None, employer):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in (page, vcard):
            assert "4711" not in client.get(url).content.decode()
    client.force_login(partner_user)
    for url in (page, vcard):
        assert "4711" in client.get(url).content.decode()


def test_a_public_hotline_is_shown_to_everyone(client, world):
    world["abh"].hotline = "+49 5221 13-4711"
    world["abh"].save()
    assert "13-4711" in client.get(world["abh"].get_absolute_url()).text


def test_an_internal_hotline_never_reaches_the_search_index(world, internal_hotline):
    from directory.search_documents import build_organisation

    document = build_organisation(internal_hotline)
    assert "4711" not in " ".join((document.title, document.summary, document.text))

"""The employer's pages: company profile (kept in line with the account profile), adding,
editing, renewing and withdrawing offers; Meeting Point registrations become standing offers
without typing them twice; offer pages link the directory, Meeting Points and procedures."""

import pytest
from django.urls import reverse

from events.choices import EventKind
from events.services import RegistrationData, registration_create
from offers.models import Company, Offer
from portal.access import Role, Visibility
from portal.accounts.models import EmployerProfile
from tests.directory.factories import OrganisationFactory
from tests.events.factories import make_event, occurrence_of
from tests.factories import TopicFactory
from tests.offers.factories import OfferFactory, days, offer_form_data

pytestmark = pytest.mark.django_db


def offer_form(where, **overrides):
    return offer_form_data(
        where["herford"], supports_work_permit="on", contact_person="Jens Brink", **overrides
    )


def test_a_new_employer_adds_an_offer_and_the_company_comes_from_the_profile(
    client, make_user, places
):
    user = make_user(Role.EMPLOYER, email="neu@firma.example")
    EmployerProfile.objects.create(user=user, company_name="Neue Firma", postcode="32049")
    places["herford"].postal_codes = "32049,32051"
    places["herford"].save()
    client.force_login(user)
    assert client.get(reverse("offers:my_offer_create")).status_code == 200
    response = client.post(reverse("offers:my_offer_create"), offer_form(places))
    assert response.status_code == 302
    company = Company.objects.get(profile__user=user)
    assert company.name == "Neue Firma" and company.municipality == places["herford"]
    offer = company.offers.get()
    assert offer.source == "employer" and offer.visibility == Visibility.PARTNERS
    assert "Tischler/in" in client.get(reverse("offers:my_offers")).content.decode()


def test_bad_input_in_the_offer_form_is_answered_with_field_errors(client, employer, places):
    client.force_login(employer)
    response = client.post(
        reverse("offers:my_offer_create"),
        offer_form(places, german_level="Z9", start_date="1900-01-01", places="10000"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"german_level", "start_date", "places"} <= set(errors)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Offer.objects.exists()


def test_the_employer_edits_renews_and_withdraws_only_own_offers(client, employer, places):
    own = OfferFactory(company=employer.company, valid_until=days(5))
    foreign = OfferFactory()
    client.force_login(employer)
    response = client.post(
        reverse("offers:offer_edit", args=[own.pk]),
        offer_form(places, occupation="Tischler/in (m/w/d)", publish="on"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.occupation == "Tischler/in (m/w/d)" and own.visibility == Visibility.PUBLIC
    client.post(reverse("offers:offer_renew", args=[own.pk]))
    own.refresh_from_db()
    assert own.valid_until == days(90)
    client.post(reverse("offers:offer_withdraw", args=[own.pk]))
    own.refresh_from_db()
    assert own.withdrawn_at is not None and not Offer.objects.current().filter(pk=own.pk)
    for name in ("offers:offer_edit", "offers:offer_renew", "offers:offer_withdraw"):
        assert client.post(reverse(name, args=[foreign.pk])).status_code == 403
    assert client.get(reverse("offers:offer_renew", args=[own.pk])).status_code == 405


def test_the_company_profile_and_the_account_profile_stay_in_line(client, employer, places):
    client.force_login(employer)
    response = client.post(
        reverse("offers:my_company"),
        {
            "name": "Tischlerei Test & Söhne",
            "city": "Herford",
            "municipality": places["herford"].pk,
            "website": "tischlerei.example",
            "contact_person": "Jana Test",
        },
    )
    assert response.status_code == 302
    profile = EmployerProfile.objects.get(user=employer)
    assert (
        profile.company_name == "Tischlerei Test & Söhne" and profile.contact_person == "Jana Test"
    )
    profile.company_name = "Tischlerei Test GmbH"
    profile.save()
    employer.company.refresh_from_db()
    assert employer.company.name == "Tischlerei Test GmbH"
    assert employer.company.website == "https://tischlerei.example"


def meeting_point_registration(user, offers, **data):
    event = make_event(kind=EventKind.MEETING_POINT, title="Meeting Point Herford", capacity=20)
    return registration_create(
        occurrence=occurrence_of(event),
        user=user,
        data=RegistrationData(
            name="Jens Brink",
            email=user.email,
            organisation="Tischlerei Test",
            offers=offers,
            attendees=1,
            **data,
        ),
    )


def test_meeting_point_offers_become_standing_offers_once(client, employer, committed):
    offers = [
        {"kind": "apprenticeship", "count": 2, "field": "Tischler", "german_level": "A2"},
        {"kind": "internship", "count": 1, "field": "", "german_level": ""},
        {"kind": "nonsense", "count": 1, "field": "x", "german_level": ""},
    ]
    with committed():
        registration = meeting_point_registration(employer, offers)
    standing = list(employer.company.offers.order_by("kind"))
    assert [(o.kind, o.places, o.german_level) for o in standing] == [
        ("apprenticeship", 2, "A2"),
        ("internship", 1, ""),
    ]
    assert all(o.source == "meeting_point" and o.visibility == "partners" for o in standing)
    assert standing[0].field.slug == "handwerk"  # matched from the free text
    assert set(registration.standing_offers.all()) == set(standing)
    # The next Meeting Point with the same offer links it instead of typing it twice.
    with committed():
        again = meeting_point_registration(employer, offers[:1])
    assert employer.company.offers.count() == 2
    assert set(standing[0].meeting_point_registrations.all()) == {registration, again}
    # The employer's list shows where the offer came from.
    client.force_login(employer)
    assert "Meeting Point Herford" in client.get(reverse("offers:my_offers")).content.decode()


def test_trainings_and_registrations_without_offers_make_no_offers(employer, committed):
    with committed():
        registration_create(
            occurrence=occurrence_of(make_event(kind=EventKind.INFORMATION)),
            user=employer,
            data=RegistrationData(name="J", email=employer.email, offers=[{"kind": "job"}]),
        )
        meeting_point_registration(employer, [])
    assert not Offer.objects.exists()


def test_the_offer_page_links_directory_meeting_points_and_procedures(
    client, employer, partner, committed, home_page
):
    from tests.knowledge.factories import KnowledgeIndexPageFactory, ProcedurePageFactory

    organisation = OrganisationFactory(name="Tischlerei im Verzeichnis")
    employer.company.organisation = organisation
    employer.company.save()
    with committed():
        meeting_point_registration(
            employer, [{"kind": "job", "count": 1, "field": "Helfer", "german_level": ""}]
        )
    offer = employer.company.offers.get()
    offer.supports_work_permit = True
    offer.save()
    topic = TopicFactory(slug="aufenthalt-beschaeftigung", name="Aufenthalt")
    knowledge = KnowledgeIndexPageFactory(parent=home_page)
    procedure = ProcedurePageFactory(parent=knowledge, title="Einstellung einer Person mit Duldung")
    procedure.topics.set([topic])
    procedure.save_revision().publish()
    client.force_login(partner)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert organisation.get_absolute_url() in page
    assert "Meeting Point Herford" in page
    assert "Einstellung einer Person mit Duldung" in page

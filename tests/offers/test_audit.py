"""Offers in the one audit trail (Wagtail's log): who created, edited, renewed, withdrew and
took over what, and when an offer expired."""

import pytest
from wagtail.models import ModelLogEntry

from offers import services
from tests.offers.factories import CompanyFactory, OfferFactory, days

pytestmark = pytest.mark.django_db


def actions(instance):
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp", "pk")
        .values_list("action", "user")
    )


def test_an_offers_life_is_logged_with_its_actors(employer, places):
    offer = services.offer_create(
        company=employer.company,
        by=employer,
        data={
            "kind": "apprenticeship",
            "occupation": "Tischler/in",
            "places": 2,
            "municipality": places["herford"],
            "start_date": days(30),
            "valid_until": days(90),
        },
    )
    services.offer_update(offer=offer, by=employer, data={"places": 3})
    services.offer_renew(offer=offer, by=employer)
    services.offer_withdraw(offer=offer, by=employer)
    services.offer_withdraw(offer=offer, by=employer)  # already withdrawn: nothing to log
    assert actions(offer) == [
        ("offers.create", employer.pk),
        ("offers.edit", employer.pk),
        ("offers.renew", employer.pk),
        ("offers.withdraw", employer.pk),
    ]
    entry = ModelLogEntry.objects.for_instance(offer).get(action="offers.edit")
    assert entry.data == {"fields": ["places"]}
    assert entry.message in ("Angebot bearbeitet", "Offer edited")


def test_the_expiry_run_logs_each_expired_offer_once(employer):
    offer = OfferFactory(company=employer.company, valid_until=days(-1))
    services.reminders_send()
    services.reminders_send()
    assert actions(offer) == [("offers.expire", None)]


def test_companies_entered_invited_and_taken_over_are_logged(service_user, make_user):
    company = services.company_create(by=service_user, name="Gärtnerei Ohne Konto")
    services.company_update(company=company, by=service_user, city="Enger")
    services.invitation_send(company=company, email="info@gaertnerei.example", by=service_user)
    owner = make_user(email="info@gaertnerei.example")
    services.invitation_accept(company=company, user=owner)
    assert actions(company) == [
        ("offers.company_create", service_user.pk),
        ("offers.company_edit", service_user.pk),
        ("offers.invite", service_user.pk),
        ("offers.takeover", owner.pk),
    ]


def test_a_takeover_into_an_existing_company_names_it(employer, service_user):
    invited = CompanyFactory(entered_by=service_user)
    services.invitation_accept(company=invited, user=employer)
    entry = ModelLogEntry.objects.for_instance(invited).get()
    assert (entry.action, entry.user, entry.data) == (
        "offers.takeover",
        employer,
        {"merged_into": employer.company.pk},
    )

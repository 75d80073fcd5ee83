"""The take-over invitation: the employer service enters offers for a company without an
account and e-mails it a signed, expiring link; a tampered link answers 404, an expired,
replaced or used one 410 with an explanation; an employer account takes the company over."""

import pytest
from django.core import mail, signing
from django.urls import reverse

from offers import services
from offers.models import Company, Offer
from portal.access import Role
from tests.offers.factories import CompanyFactory, OfferFactory, offer_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(service_user, committed):
    company = CompanyFactory(name="Bäckerei Ohne Konto", entered_by=service_user)
    OfferFactory(company=company, occupation="Bäcker/in", created_by=service_user)
    with committed():
        url = services.invitation_send(
            company=company, email="chef@baeckerei.example", by=service_user
        )
    return company, url.removeprefix("http://testserver")


def test_the_invitation_is_emailed_with_the_offers_and_the_link(invited):
    company, path = invited
    (message,) = mail.outbox
    assert message.to == ["chef@baeckerei.example"]
    assert "Bäcker/in" in message.body and path in message.body


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: "abc"])
def test_a_tampered_link_is_404(client, invited, mangle):
    _company, path = invited
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert client.get(reverse("offers:takeover", args=[mangle(token)])).status_code == 404


def test_a_link_to_an_unknown_company_is_404(client):
    token = signing.dumps({"company": 999_999, "v": 1}, salt=services.INVITATION_SALT)
    assert client.get(reverse("offers:takeover", args=[token])).status_code == 404


def test_an_expired_link_is_410_with_an_explanation(client, invited, settings, monkeypatch):
    _company, path = invited
    monkeypatch.setattr("offers.services.companies.INVITATION_MAX_AGE", -1)
    response = client.get(path)
    assert response.status_code == 410
    assert response.context["reason"] == "expired"


def test_a_new_invitation_replaces_the_old_link(client, invited, service_user):
    company, old = invited
    new = services.invitation_send(company=company, email="neu@baeckerei.example", by=service_user)
    assert client.get(old).status_code == 410
    assert client.get(new.removeprefix("http://testserver")).status_code == 200


def test_visitors_are_asked_to_log_in_or_sign_up(client, invited, make_user):
    _company, path = invited
    page = client.get(path).content.decode()
    assert reverse("account_login") in page and reverse("account_signup") in page
    client.force_login(make_user(Role.VOLUNTEER))
    assert client.post(path).status_code == 403
    assert Company.objects.get(name="Bäckerei Ohne Konto").profile_id is None


def test_an_employer_takes_the_company_over(client, invited, make_user):
    company, path = invited
    user = make_user(Role.EMPLOYER, email="chef@baeckerei.example")
    client.force_login(user)
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("offers:my_offers")
    company.refresh_from_db()
    assert company.profile.user == user and company.taken_over_at is not None
    assert user.employer_profile.company_name == "Bäckerei Ohne Konto"
    assert "Bäcker/in" in client.get(reverse("offers:my_offers")).content.decode()
    # The link is used up.
    assert client.get(path).status_code == 410


def test_an_employer_with_a_company_gets_the_offers_merged(client, invited, employer):
    company, path = invited
    client.force_login(employer)
    client.post(path)
    company.refresh_from_db()
    assert not company.is_active
    assert Offer.objects.get(occupation="Bäcker/in").company == employer.company


def test_the_employer_service_pages(client, service_user, places):
    client.force_login(service_user)
    response = client.post(
        reverse("offers:service_company_create"),
        {
            "name": "Gärtnerei Neu",
            "city": "Enger",
            "municipality": places["enger"].pk,
            "contact_email": "info@gaertnerei.example",
        },
    )
    company = Company.objects.get(name="Gärtnerei Neu")
    assert response["Location"] == reverse("offers:service_company", args=[company.pk])
    assert company.entered_by == service_user and company.profile is None
    form = offer_form_data(
        places["enger"], kind="job", occupation="Gärtnerhelfer/in", places="3", publish="on"
    )
    response = client.post(reverse("offers:service_offer_create", args=[company.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = Offer.objects.get(occupation="Gärtnerhelfer/in")
    assert offer.source == "employer_service" and offer.visibility == "public"
    listing = client.get(reverse("offers:service"), {"ohne_konto": "1"}).content.decode()
    assert "Gärtnerei Neu" in listing
    response = client.post(reverse("offers:service_invite", args=[company.pk]), {"email": "x"})
    assert response.status_code == 302 and not mail.outbox
    client.post(
        reverse("offers:service_invite", args=[company.pk]), {"email": "info@gaertnerei.example"}
    )
    company.refresh_from_db()
    assert company.invitation_sent_at is not None


def test_partner_staff_outside_the_employer_service_may_not_act_for_companies(client, partner):
    client.force_login(partner)
    assert client.get(reverse("offers:service")).status_code == 403

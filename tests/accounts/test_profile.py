"""Profile, data download and account deletion (with the personal-data registry)."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail import hooks

from portal import personal_data
from portal.access import Role
from portal.accounts import selectors
from portal.accounts.models import EmployerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(verified_user):
    user = verified_user(Role.EMPLOYER, email="chef@tischlerei.example")
    EmployerProfile.objects.create(user=user, company_name="Tischlerei Test")
    return user


@pytest.fixture
def fake_source():
    """A registered personal-data source that records what it was asked to do."""
    calls = []

    def source():
        return personal_data.PersonalDataSource(
            "test_source",
            export=lambda user: [{"note": f"about {user.email}"}],
            erase=lambda user: calls.append(user.email),
        )

    with hooks.register_temporarily("ipnetz_personal_data", source):
        yield calls


@pytest.mark.parametrize(
    "path", ["/konto/", "/konto/profil/", "/konto/meine-daten/", "/konto/loeschen/"]
)
def test_account_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


@pytest.mark.parametrize(
    "path", ["/konto/", "/konto/profil/", "/konto/meine-daten/", "/konto/loeschen/"]
)
def test_account_pages_are_never_cached(client, employer, path):
    client.force_login(employer)
    response = client.get(path)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_employer_edits_the_company_profile(client, employer):
    client.force_login(employer)
    response = client.post(
        "/konto/profil/",
        {
            "name-first_name": "Jens",
            "name-last_name": "Brink",
            "company-company_name": "Tischlerei Brink GmbH",
            "company-sector": "Handwerk",
            "company-street": "Werkstraße 1",
            "company-postcode": "32049",
            "company-city": "Herford",
            "company-size": "10-49",
            "company-contact_person": "Jens Brink",
            "company-phone": "05221 1",
        },
    )
    assert response.status_code == 302
    profile = selectors.employer_profile(employer)
    assert (profile.company_name, profile.city, profile.size) == (
        "Tischlerei Brink GmbH",
        "Herford",
        "10-49",
    )
    assert get_user_model().objects.get(pk=employer.pk).last_name == "Brink"


def test_invalid_profile_input_gives_field_errors(client, employer):
    client.force_login(employer)
    response = client.post(
        "/konto/profil/", {"name-first_name": "", "name-last_name": "X", "company-size": "huge"}
    )
    assert response.status_code == 200
    assert response.context["name_form"].errors["first_name"]
    assert response.context["company_form"].errors["size"]


def test_employer_profile_is_none_for_other_people(make_user):
    assert selectors.employer_profile(make_user(Role.PARTNER_STAFF)) is None


def test_download_my_data_holds_account_profile_and_registered_sources(
    client, employer, fake_source
):
    client.force_login(employer)
    response = client.get("/konto/meine-daten/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "chef@tischlerei.example"
    assert data["account"]["employer_profile"]["company_name"] == "Tischlerei Test"
    assert data["test_source"] == [{"note": "about chef@tischlerei.example"}]
    assert "secret" not in response.content.decode().lower()


def test_delete_needs_the_password(client, employer, fake_source):
    client.force_login(employer)
    response = client.post("/konto/loeschen/", {"password": "falsch"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert get_user_model().objects.filter(pk=employer.pk).exists()
    assert fake_source == []


def test_delete_erases_every_source_and_the_account(client, employer, fake_source):
    client.force_login(employer)
    response = client.post("/konto/loeschen/", {"password": "correct-horse-battery"})
    assert response.status_code == 302
    assert fake_source == ["chef@tischlerei.example"]
    assert not get_user_model().objects.filter(pk=employer.pk).exists()
    assert not EmployerProfile.objects.filter(company_name="Tischlerei Test").exists()
    assert "_auth_user_id" not in client.session


def test_the_account_menu_links_into_the_apps_by_role(client, make_user, home_page):
    """ "My registrations" and "Topic subscriptions" for everyone signed in, "My offers" for
    employers, "Saved searches" for partner staff (``portal.accounts.menu``)."""
    from tests.knowledge.factories import KnowledgeIndexPageFactory

    KnowledgeIndexPageFactory(parent=home_page)
    employer = make_user(Role.EMPLOYER)
    client.force_login(employer)
    html = client.get("/konto/").content.decode()
    assert 'href="/termine/meine-anmeldungen/"' in html
    assert 'href="/wissen/abonnements/"' in html
    assert 'href="/angebote/meine-angebote/"' in html
    assert 'href="/angebote/suchauftraege/"' not in html
    client.force_login(make_user(Role.PARTNER_STAFF))
    html = client.get("/konto/").content.decode()
    assert 'href="/angebote/suchauftraege/"' in html
    assert 'href="/angebote/meine-angebote/"' not in html

"""Sign-up: e-mail login, mandatory verification, the kind of person, no enumeration."""

import pytest
from django.contrib.auth import get_user_model

from directory.memberships import organisation_of
from portal.access import Role, has_role, is_partner
from portal.accounts.models import EmployerProfile, Membership
from tests.accounts.conftest import confirmation_link

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-Passwort-2026"
PASSWORD_OF_FACTORY = "correct-horse-battery"


def signup(client, outbox, *, email, kind, organisation=None):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Ada",
        "last_name": "Muster",
        "kind": kind,
    }
    if organisation is not None:
        data["organisation"] = organisation.pk
    with outbox() as sent:
        response = client.post("/konto/registrieren/", data)
    return response, sent


def confirm(client, outbox, message):
    link = confirmation_link(message)
    with outbox() as sent:
        response = client.post(link)
    return response, sent


def test_signup_page_asks_for_the_kind_of_person(client):
    response = client.get("/konto/registrieren/")
    assert response.status_code == 200
    html = response.content.decode()
    for kind in (Role.EMPLOYER, Role.PARTNER_STAFF, Role.VOLUNTEER):
        assert f'value="{kind.value}"' in html
    assert "<legend>" in html


def test_employer_is_active_once_the_email_is_verified(client, outbox):
    response, sent = signup(client, outbox, email="chefin@betrieb.example", kind=Role.EMPLOYER)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="chefin@betrieb.example")
    assert not has_role(user, Role.EMPLOYER)
    assert EmployerProfile.objects.filter(user=user).exists()

    confirm(client, outbox, sent[0])
    user = get_user_model().objects.get(pk=user.pk)
    assert has_role(user, Role.EMPLOYER)


def test_unverified_account_cannot_log_in(client, outbox):
    signup(client, outbox, email="neu@betrieb.example", kind=Role.EMPLOYER)
    client.logout()
    response = client.post(
        "/konto/anmelden/", {"login": "neu@betrieb.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/email/bestaetigung-gesendet/"
    assert "_auth_user_id" not in client.session


def test_partner_staff_with_a_verified_domain_is_approved_automatically(
    client, outbox, organisation
):
    _response, sent = signup(
        client,
        outbox,
        email="a.muster@jc-ts.example",
        kind=Role.PARTNER_STAFF,
        organisation=organisation,
    )
    user = get_user_model().objects.get(email="a.muster@jc-ts.example")
    assert not is_partner(user)

    _response, notified = confirm(client, outbox, sent[0])
    user = get_user_model().objects.get(pk=user.pk)
    assert is_partner(user)
    membership = Membership.objects.get(user=user)
    assert (membership.status, organisation_of(membership), membership.decided_by) == (
        Membership.Status.APPROVED,
        organisation,
        None,
    )
    assert notified == []


def test_partner_staff_with_another_domain_waits_for_a_maintainer(
    client, outbox, organisation, maintainer, make_user
):
    admin = make_user(Role.ADMINISTRATOR, email="admin@portal.example")
    _response, sent = signup(
        client,
        outbox,
        email="ada@gmail.example",
        kind=Role.PARTNER_STAFF,
        organisation=organisation,
    )
    _response, notified = confirm(client, outbox, sent[0])

    user = get_user_model().objects.get(email="ada@gmail.example")
    assert not is_partner(user)
    assert Membership.objects.get(user=user).status == Membership.Status.PENDING
    assert len(notified) == 1
    assert set(notified[0].to) == {maintainer.email, admin.email}
    assert "/konto/freigabe/" in notified[0].body


def test_partner_staff_must_choose_an_organisation(client, outbox):
    response, sent = signup(client, outbox, email="x@y.example", kind=Role.PARTNER_STAFF)
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert sent == []


def test_volunteer_waits_for_a_coordinator(client, outbox, make_user):
    from django.contrib.auth.models import Group

    # The group and its permission come with every migrate (portal.roles).
    coordinators = Group.objects.get(name="Volunteer coordinators")
    assert coordinators.permissions.filter(codename="approve_volunteers").exists()
    coordinator = make_user("Volunteer coordinators", email="koordination@ki.example")
    _response, sent = signup(client, outbox, email="helfer@web.example", kind=Role.VOLUNTEER)
    _response, notified = confirm(client, outbox, sent[0])

    user = get_user_model().objects.get(email="helfer@web.example")
    assert not has_role(user, Role.VOLUNTEER)
    assert notified[0].to == [coordinator.email]


def test_pending_account_sees_awaiting_approval(client, make_user):
    user = make_user()
    Membership.objects.create(user=user, role=Role.VOLUNTEER)
    client.force_login(user)
    response = client.get("/konto/")
    assert response.status_code == 200
    assert "Wartet auf Freigabe" in response.content.decode()  # "Awaiting approval"
    assert (
        response["Cache-Control"].startswith("max-age=0")
        or "private" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )


def test_signing_up_with_an_existing_email_answers_like_a_new_one(client, outbox, make_user):
    make_user(email="vorhanden@betrieb.example")
    first, sent_existing = signup(
        client, outbox, email="vorhanden@betrieb.example", kind=Role.EMPLOYER
    )
    client.logout()
    second, sent_new = signup(client, outbox, email="frisch@betrieb.example", kind=Role.EMPLOYER)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert get_user_model().objects.filter(email="vorhanden@betrieb.example").count() == 1
    # The owner of the existing account is told by e-mail instead.
    assert sent_existing[0].to == ["vorhanden@betrieb.example"]
    assert sent_new[0].to == ["frisch@betrieb.example"]


def test_password_reset_does_not_reveal_whether_an_address_exists(client, outbox, make_user):
    make_user(email="bekannt@betrieb.example")
    with outbox():
        known = client.post("/konto/passwort/vergessen/", {"email": "bekannt@betrieb.example"})
        unknown = client.post("/konto/passwort/vergessen/", {"email": "unbekannt@x.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/konto/email/bestaetigen/kaputt-123/",
        "/konto/passwort/neu/zz-falsch/",
    ],
)
def test_tampered_links_give_a_clear_page_not_an_error(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert response.status_code != 500


def test_failed_logins_are_rate_limited(client, verified_user):
    user = verified_user(email="ziel@betrieb.example")
    for _ in range(5):
        client.post("/konto/anmelden/", {"login": user.email, "password": "falsch"})
    # Even the right password is refused while the limit holds.
    response = client.post(
        "/konto/anmelden/", {"login": user.email, "password": PASSWORD_OF_FACTORY}
    )
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors
    assert "zu viele" in str(response.context["form"].errors).lower()

"""Approving role requests through the signed link sent to maintainers and administrators."""

import pytest
from django.core import signing
from wagtail.models import ModelLogEntry

from portal.access import Role, has_role
from portal.accounts import services
from portal.accounts.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_of(make_user, organisation):
    def make(role=Role.PARTNER_STAFF):
        person = make_user(email=f"{role.value.lower().replace(' ', '')}@gmail.example")
        return services.membership_request(
            user=person,
            role=role,
            organisation=organisation if role == Role.PARTNER_STAFF else None,
        )

    return make


def url(membership):
    return f"/konto/freigabe/{services.approval_token(membership)}/"


def test_maintainer_approves_and_the_person_is_told(client, outbox, request_of, maintainer):
    membership = request_of()
    client.force_login(maintainer)
    assert client.get(url(membership)).status_code == 200
    with outbox() as sent:
        response = client.post(url(membership), {"decision": "approve"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == (Membership.Status.APPROVED, maintainer)
    assert has_role(membership.user, Role.PARTNER_STAFF)
    assert sent[0].to == [membership.user.email]
    [entry] = ModelLogEntry.objects.for_instance(membership)
    assert (entry.action, entry.user, entry.data["account"]) == (
        "accounts.approve",
        maintainer,
        membership.user.pk,
    )
    assert membership.user.email not in entry.label  # the label outlives a deleted account


def test_maintainer_rejects(client, request_of, maintainer):
    membership = request_of()
    client.force_login(maintainer)
    client.post(url(membership), {"decision": "reject"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REJECTED
    assert not has_role(membership.user, Role.PARTNER_STAFF)
    [entry] = ModelLogEntry.objects.for_instance(membership)
    assert (entry.action, entry.user) == ("accounts.decline", maintainer)


def test_an_unknown_decision_is_a_400(client, request_of, maintainer):
    membership = request_of()
    client.force_login(maintainer)
    assert client.post(url(membership), {"decision": "maybe"}).status_code == 400


@pytest.mark.parametrize("who", ["other partner", "the person", "employer"])
def test_others_may_not_decide(client, request_of, make_user, maintainer, who):
    membership = request_of()
    user = {
        "other partner": lambda: make_user(Role.PARTNER_STAFF),
        "the person": lambda: membership.user,
        "employer": lambda: make_user(Role.EMPLOYER),
    }[who]()
    client.force_login(user)
    assert client.post(url(membership), {"decision": "approve"}).status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_administrator_may_decide_any_request(client, request_of, make_user):
    membership = request_of(Role.VOLUNTEER)
    client.force_login(make_user(Role.ADMINISTRATOR))
    client.post(url(membership), {"decision": "approve"})
    assert has_role(membership.user, Role.VOLUNTEER)


def test_a_tampered_link_is_a_404(client, request_of, maintainer):
    membership = request_of()
    client.force_login(maintainer)
    assert client.get(url(membership)[:-5] + "xx/").status_code == 404
    assert client.get("/konto/freigabe/nonsense/").status_code == 404


def test_an_expired_link_says_so(client, request_of, maintainer, monkeypatch):
    membership = request_of()
    link = url(membership)
    monkeypatch.setattr(services, "APPROVAL_MAX_AGE", -1)
    client.force_login(maintainer)
    response = client.get(link)
    assert response.status_code == 400
    assert "14" in response.content.decode()


def test_the_link_needs_a_login(client, request_of):
    response = client.get(url(request_of()))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_tokens_are_bound_to_their_purpose(request_of):
    membership = request_of()
    other_purpose = signing.dumps({"membership": membership.pk})
    with pytest.raises(signing.BadSignature):
        services.membership_from_token(other_purpose)


def test_an_automatic_approval_is_logged_as_the_systems(request_of):
    membership = services.membership_approve(membership=request_of(Role.VOLUNTEER))
    [entry] = ModelLogEntry.objects.for_instance(membership)
    assert (entry.action, entry.user, entry.data["automatic"]) == ("accounts.approve", None, True)

"""Reminders: the task e-mails responsible accounts; the signed "still correct" link."""

import datetime

import pytest
from django.core import mail, signing
from django.utils import timezone
from wagtail.models import ModelLogEntry

from directory import services
from directory.tasks import send_verification_reminders


@pytest.fixture
def overdue(world, make_user):
    account = make_user(email="pflege@abh.example")
    contact = world["lz"]
    contact.verified_on = timezone.localdate() - datetime.timedelta(days=300)
    contact.responsible_account = account
    contact.save()
    return contact


def _deliver_outbox():
    from portal.mail import deliver
    from portal.models import OutboundEmail

    for email in OutboundEmail.objects.filter(status="queued"):
        deliver(email.pk)


def test_task_emails_the_responsible_account_with_a_signed_link(overdue, world):
    result = send_verification_reminders.enqueue()
    assert result.return_value == 1
    _deliver_outbox()
    [message] = [m for m in mail.outbox if "pflege@abh.example" in m.to]
    assert "Miriam Lohmeyer" in message.body
    assert "/verzeichnis/bestaetigen/" in message.body
    assert "Kamphenkel" not in message.body  # verified recently, no responsible account


def test_the_link_confirms_the_contact_with_one_button(client, overdue):
    url = "/verzeichnis/bestaetigen/" + services.verification_token(contact=overdue) + "/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Miriam Lohmeyer" in page.text
    overdue.refresh_from_db()
    assert overdue.verified_on < timezone.localdate()  # a GET changes nothing

    response = client.post(url)
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.verified_on == timezone.localdate()
    entry = ModelLogEntry.objects.for_instance(overdue).get(action="directory.verify")
    assert [change["field"] for change in entry.data["changes"]] == ["verified_on"]
    assert entry.data["source"] == "reminder"
    assert entry.user == overdue.responsible_account


@pytest.mark.parametrize("token", ["kaputt", "x" * 5000, "eyJjIjoxfQ:1abc:forged", "a:b:c:d"])
def test_tampered_link_gets_a_clear_404_page(client, overdue, token):
    response = client.get(f"/verzeichnis/bestaetigen/{token}/")
    assert response.status_code == 404
    assert response.context["reason"] == "invalid"
    assert client.post(f"/verzeichnis/bestaetigen/{token}/").status_code == 404


def test_a_nul_byte_in_the_link_is_refused_by_the_kernel(client, overdue):
    assert client.get("/verzeichnis/bestaetigen/%00/").status_code == 400


def test_link_for_another_contact_cannot_be_forged(client, overdue, world):
    token = services.verification_token(contact=overdue)
    value, _, rest = token.partition(":")
    forged = signing.b64_encode(f'{{"c":{world["ak"].pk},"u":null}}'.encode()).decode()
    response = client.get(f"/verzeichnis/bestaetigen/{forged}:{rest}/")
    assert response.status_code == 404


def test_expired_link_says_so(client, overdue, settings):
    token = services.verification_token(contact=overdue)
    settings.DIRECTORY_VERIFY_LINK_DAYS = -1
    response = client.get(f"/verzeichnis/bestaetigen/{token}/")
    assert response.status_code == 410
    assert response.context["reason"] == "expired"


# ---- contacts nobody is responsible for (issue 14, item 3) ----------------------------------


def _overdue(*contacts):
    old = timezone.localdate() - datetime.timedelta(days=300)
    for contact in contacts:
        contact.verified_on = old
        contact.responsible_account = None
        contact.save()


def _recipients():
    from portal.models import OutboundEmail

    return sorted(tuple(email.to) for email in OutboundEmail.objects.all())


def test_contacts_without_a_responsible_account_go_to_the_organisations_maintainers(
    world, make_user
):
    maintainer = make_user(email="pflege@abh.example")
    world["abh"].maintainers.add(maintainer)
    _overdue(world["ak"], world["lz"], world["general"])

    assert services.reminders_send() == 1  # one mail listing all three, not three mails
    assert _recipients() == [("pflege@abh.example",)]
    _deliver_outbox()
    [message] = mail.outbox
    for name in ("Petra Kamphenkel", "Miriam Lohmeyer", "Service Team"):
        assert name in message.body
    assert message.body.count("/verzeichnis/bestaetigen/") == 3


def test_without_maintainers_the_editors_are_reminded(world, make_user):
    from portal.access import Role

    make_user(Role.EDITOR, email="redaktion@ip.example")
    make_user(Role.EDITOR, email="")  # no address: skipped
    make_user(Role.EDITOR, email="alt@ip.example", is_active=False)
    _overdue(world["ak"], world["lz"])

    assert services.reminders_send() == 1
    assert _recipients() == [("redaktion@ip.example",)]


def test_a_responsible_account_still_comes_first(world, make_user):
    maintainer = make_user(email="pflege@abh.example")
    world["abh"].maintainers.add(maintainer)
    owner = make_user(email="lohmeyer@abh.example")
    _overdue(world["ak"], world["lz"])
    world["lz"].responsible_account = owner
    world["lz"].save()

    assert services.reminders_send() == 2
    assert _recipients() == [("lohmeyer@abh.example",), ("pflege@abh.example",)]


def test_the_link_names_the_recipient_who_confirms(client, world, make_user):
    maintainer = make_user(email="pflege@abh.example")
    world["abh"].maintainers.add(maintainer)
    _overdue(world["lz"])
    [(account, [contact])] = services.reminder_batches()
    assert (account, contact) == (maintainer, world["lz"])
    token = services.verification_token(contact=contact, account=account)
    assert client.post(f"/verzeichnis/bestaetigen/{token}/").status_code == 302
    entry = ModelLogEntry.objects.for_instance(contact).get(action="directory.verify")
    assert entry.user == maintainer

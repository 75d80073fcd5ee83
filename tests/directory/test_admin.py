"""Admin: maintainers edit their own organisation's entries (object-level permission), every
edit lands in the audit trail (Wagtail's log), the "not verified" report and the admin import
view."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory.models import ContactPerson
from portal.access import Role
from tests.directory.factories import ContactPersonFactory, OrganisationFactory


@pytest.fixture
def maintainer(make_user, admin_access, world, with_totp):
    user = with_totp(make_user(Role.PARTNER_STAFF))
    user.user_permissions.add(admin_access)
    world["abh"].maintainers.add(user)
    return user


def edit_url(obj):
    name = obj._meta.model_name
    return reverse(f"wagtailsnippets_directory_{name}:edit", args=[obj.pk])


def contact_form(contact, **changes):
    data = {
        "location": contact.location_id or "",
        "honorific": contact.honorific,
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "function": contact.function,
        "phone": contact.phone,
        "mobile": contact.mobile,
        "email": contact.email,
        "languages": contact.languages,
        "consultation_hours": contact.consultation_hours,
        "visibility": contact.visibility,
        "is_active": "on",
        "verified_on": contact.verified_on.isoformat() if contact.verified_on else "",
        "responsible_account": "",
    }
    data.update(changes)
    return data


def test_maintainer_edits_a_contact_of_their_organisation_and_it_is_logged(
    client, world, maintainer
):
    client.force_login(maintainer)
    contact = world["lz"]
    response = client.post(edit_url(contact), contact_form(contact, phone="+49 5221 13-999"))
    assert response.status_code == 302, response.content[:2000]
    contact.refresh_from_db()
    assert contact.phone == "+49 5221 13-999"
    # One entry for the save (Wagtail's generic "Edited" is left out: it would say it twice).
    [entry] = ModelLogEntry.objects.for_instance(contact)
    assert entry.action == "directory.edit"
    [change] = entry.data["changes"]
    assert (change["field"], change["old"], change["new"]) == (
        "phone",
        "+49 5221 13-100",
        "+49 5221 13-999",
    )
    assert entry.user == maintainer
    assert entry.data["source"] == "admin"
    assert entry.data["visibility"] == "partners"


def test_a_control_character_in_a_contact_field_is_a_field_error(client, world, maintainer):
    client.force_login(maintainer)
    contact = world["lz"]
    response = client.post(edit_url(contact), contact_form(contact, function="Beratung\x01"))
    assert response.status_code == 200
    assert "Steuerzeichen" in response.text or "control characters" in response.text
    contact.refresh_from_db()
    assert "\x01" not in contact.function


def test_maintainer_cannot_edit_another_organisations_entries(client, world, maintainer):
    stranger = ContactPersonFactory(organisation=OrganisationFactory())
    client.force_login(maintainer)
    assert client.get(edit_url(stranger)).status_code in (403, 302)
    response = client.post(edit_url(stranger), contact_form(stranger, phone="0"))
    assert response.status_code in (403, 302)
    stranger.refresh_from_db()
    assert stranger.phone != "0"
    assert client.get(edit_url(stranger.organisation)).status_code in (403, 302)


def test_maintainer_listing_shows_only_their_organisation(client, world, maintainer):
    other = ContactPersonFactory(organisation=OrganisationFactory(), family_name="Fremd")
    client.force_login(maintainer)
    response = client.get(reverse("wagtailsnippets_directory_contactperson:list"))
    assert response.status_code == 200
    assert "Lohmeyer" in response.text
    assert other.family_name not in response.text


def test_maintainer_may_not_widen_verified_email_domains(client, world, maintainer, editor):
    client.force_login(maintainer)
    response = client.get(edit_url(world["abh"]))
    assert response.status_code == 200
    assert 'name="verified_email_domains"' not in response.text
    client.force_login(editor)
    assert 'name="verified_email_domains"' in client.get(edit_url(world["abh"])).text


def test_partner_staff_who_maintain_nothing_cannot_edit(client, world, make_user, admin_access):
    user = make_user(Role.PARTNER_STAFF)
    user.user_permissions.add(admin_access)
    client.force_login(user)
    assert client.get(edit_url(world["lz"])).status_code in (403, 302)


def test_editor_deleting_a_contact_is_logged(client, world, editor):
    client.force_login(editor)
    contact = world["ak"]
    url = reverse("wagtailsnippets_directory_contactperson:delete", args=[contact.pk])
    assert client.post(url).status_code == 302
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    [entry] = ModelLogEntry.objects.filter(object_id=str(contact.pk), deleted=True)
    assert (entry.action, entry.user, entry.label) == ("directory.delete", editor, str(contact))


def test_unverified_report_lists_overdue_contacts(client, world, editor):
    world["lz"].verified_on = datetime.date.today() - datetime.timedelta(days=400)
    world["lz"].save()
    client.force_login(editor)
    response = client.get(reverse("directory_admin:unverified_report"))
    assert response.status_code == 200
    assert "Lohmeyer" in response.text
    assert "Kamphenkel" not in response.text


def test_unverified_report_months_are_configurable(client, world, editor, settings):
    world["lz"].verified_on = datetime.date.today() - datetime.timedelta(days=45)
    world["lz"].save()
    client.force_login(editor)
    assert "Lohmeyer" not in client.get(reverse("directory_admin:unverified_report")).text
    settings.DIRECTORY_VERIFY_AFTER_MONTHS = 1
    assert "Lohmeyer" in client.get(reverse("directory_admin:unverified_report")).text


def test_admin_import_view_reports_row_errors_and_writes_nothing(client, world, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile(
        "liste.csv",
        "organisation_schluessel;organisation;art;nachname;email\n"
        f"k1;Neues Amt;{world['abh'].kind.name};Meier;kein-mail\n".encode(),
    )
    response = client.post(reverse("directory_admin:import"), {"file": upload, "dry_run": ""})
    assert response.status_code == 400
    assert response.context["report"].errors[0].line == 2
    assert response.context["report"].errors[0].field == "email"
    assert not ContactPerson.objects.filter(family_name="Meier").exists()


def test_admin_import_view_imports(client, world, editor):
    client.force_login(editor)
    kind = world["abh"].kind.name
    upload = SimpleUploadedFile(
        "liste.csv",
        f"organisation_schluessel;organisation;art;nachname\nk1;Neues Amt;{kind};Meier\n".encode(),
    )
    response = client.post(reverse("directory_admin:import"), {"file": upload})
    assert response.status_code == 200
    assert ContactPerson.objects.filter(family_name="Meier").exists()


def test_admin_import_view_is_for_editors(client, world, maintainer):
    client.force_login(maintainer)
    assert client.get(reverse("directory_admin:import")).status_code in (403, 302)

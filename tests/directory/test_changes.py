"""The change log service and the changes page and Atom feed."""

import feedparser
import pytest

from directory import changelog
from directory.models import ChangeLogEntry

FEED = "/verzeichnis/aenderungen/feed/"


def test_record_changes_writes_one_entry_per_changed_field(world, editor):
    contact = world["general"]
    before = changelog.snapshot(contact)
    contact.phone = "+49 5221 13-222"
    contact.function = "Empfang"
    contact.save()
    entries = changelog.record_changes(instance=contact, before=before, user=editor)
    assert sorted((e.field, e.old_value, e.new_value) for e in entries) == [
        ("function", "Sachbearbeitung", "Empfang"),
        ("phone", "+49 5221 13-100", "+49 5221 13-222"),
    ]
    assert all(e.visibility == "public" and e.organisation == world["abh"] for e in entries)


def test_unchanged_record_writes_nothing(world):
    before = changelog.snapshot(world["general"])
    assert changelog.record_changes(instance=world["general"], before=before) == []


def test_responsibility_naming_partners_only_people_logs_as_partners_only(world):
    responsibility = world["abh"].responsibilities.exclude(surname_from="").first()
    before = changelog.snapshot(responsibility)
    responsibility.note = "Neu"
    responsibility.save()
    [entry] = changelog.record_changes(instance=responsibility, before=before)
    assert entry.visibility == "partners"


def test_municipalities_are_part_of_the_snapshot(world):
    responsibility = world["abh"].responsibilities.exclude(surname_from="").first()
    before = changelog.snapshot(responsibility)
    responsibility.municipalities.remove(world["herford"])
    [entry] = changelog.record_changes(instance=responsibility, before=before)
    assert entry.field == "municipalities"
    assert entry.new_value == "Bünde"


def test_partner_reads_the_atom_feed(client, world, partner_user):
    before = changelog.snapshot(world["lz"])
    world["lz"].phone = "+49 5221 13-777"
    world["lz"].save()
    changelog.record_changes(instance=world["lz"], before=before)
    client.force_login(partner_user)
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "private" in response["Cache-Control"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    [item] = feed.entries
    assert "Lohmeyer" in item.title
    assert "+49 5221 13-777" in item.summary


def test_feed_is_404_for_anonymous_visitors(client, world):
    assert client.get(FEED).status_code == 404


def test_changes_page_lists_entries(client, world, partner_user):
    ChangeLogEntry.objects.create(
        action="changed",
        source="service",
        object_type="contact",
        object_id=1,
        object_label="Erika Muster",
        field="phone",
        field_label="Telefon",
        old_value="1",
        new_value="2",
        organisation=world["abh"],
        visibility="partners",
    )
    client.force_login(partner_user)
    response = client.get("/verzeichnis/aenderungen/")
    assert response.status_code == 200
    assert "Erika Muster" in response.text
    assert 'type="application/atom+xml"' in response.text


@pytest.mark.parametrize("visibility", ["partners", "public"])
def test_changes_are_filtered_through_the_access_policy(world, partner_user, visibility):
    from directory.views import _recent_changes

    entry = ChangeLogEntry.objects.create(
        action="changed",
        source="service",
        object_type="contact",
        object_id=1,
        object_label="X",
        visibility=visibility,
    )
    from django.contrib.auth.models import AnonymousUser

    assert (entry in _recent_changes(AnonymousUser())) == (visibility == "public")
    assert entry in _recent_changes(partner_user)

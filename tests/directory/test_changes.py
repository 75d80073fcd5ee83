"""The directory's changes in Wagtail's log: the change log service, the changes page and its
Atom feed, the admin's history, and the migration of the old change-log rows."""

import datetime
import importlib

import feedparser
import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory import changelog, selectors
from directory.models import ContactPerson

FEED = "/verzeichnis/aenderungen/feed/"


def _log(instance, visibility, **data):
    """An entry as ``directory.changelog`` writes it."""
    return ModelLogEntry.objects.log_action(
        instance,
        changelog.Action.CHANGED,
        data={"source": "service", "visibility": visibility, "changes": [], **data},
    )


def test_record_changes_writes_one_entry_with_every_changed_field(world, editor):
    contact = world["general"]
    before = changelog.snapshot(contact)
    contact.phone = "+49 5221 13-222"
    contact.function = "Empfang"
    contact.save()
    entry = changelog.record_changes(instance=contact, before=before, user=editor)
    assert [(c["field"], c["old"], c["new"]) for c in entry.data["changes"]] == [
        ("function", "Sachbearbeitung", "Empfang"),
        ("phone", "+49 5221 13-100", "+49 5221 13-222"),
    ]
    assert (entry.action, entry.user, entry.object_id) == (
        "directory.edit",
        editor,
        str(contact.pk),
    )
    assert entry.data["visibility"] == "public"
    assert entry.data["organisation"] == world["abh"].pk
    assert ModelLogEntry.objects.for_instance(contact).get() == entry


def test_unchanged_record_writes_nothing(world):
    before = changelog.snapshot(world["general"])
    assert changelog.record_changes(instance=world["general"], before=before) is None
    assert not ModelLogEntry.objects.exists()


def test_responsibility_naming_partners_only_people_logs_as_partners_only(world):
    responsibility = world["abh"].responsibilities.exclude(surname_from="").first()
    before = changelog.snapshot(responsibility)
    responsibility.note = "Neu"
    responsibility.save()
    entry = changelog.record_changes(instance=responsibility, before=before)
    assert entry.data["visibility"] == "partners"


def test_municipalities_are_part_of_the_snapshot(world):
    responsibility = world["abh"].responsibilities.exclude(surname_from="").first()
    before = changelog.snapshot(responsibility)
    responsibility.municipalities.remove(world["herford"])
    entry = changelog.record_changes(instance=responsibility, before=before)
    [change] = entry.data["changes"]
    assert (change["field"], change["new"]) == ("municipalities", "Bünde")


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
    ModelLogEntry.objects.log_action(
        world["lz"],
        changelog.Action.CHANGED,
        title="Erika Muster",
        data={
            "source": "service",
            "organisation": world["abh"].pk,
            "visibility": "partners",
            "changes": [{"field": "phone", "label": "Telefon", "old": "1", "new": "2"}],
        },
    )
    client.force_login(partner_user)
    response = client.get("/verzeichnis/aenderungen/")
    assert response.status_code == 200
    assert "Erika Muster" in response.text
    assert "Telefon" in response.text
    assert 'type="application/atom+xml"' in response.text


@pytest.mark.parametrize("visibility", ["partners", "public"])
def test_changes_are_filtered_through_the_access_policy(world, partner_user, visibility):
    entry = _log(world["lz"], visibility)

    def listed(user):
        return entry.pk in {change.pk for change in selectors.recent_changes(user=user)}

    assert listed(AnonymousUser()) == (visibility == "public")
    assert listed(partner_user)


def test_a_partners_only_contact_change_never_reaches_an_anonymous_visitor(world, partner_user):
    contact = world["lz"]
    assert contact.visibility == "partners"
    before = changelog.snapshot(contact)
    contact.phone = "+49 5221 13-555"
    contact.save()
    entry = changelog.record_changes(instance=contact, before=before)
    assert entry.data["visibility"] == "partners"
    assert selectors.recent_changes(user=AnonymousUser()) == []
    assert [c.pk for c in selectors.recent_changes(user=partner_user)] == [entry.pk]


def test_only_directory_actions_reach_the_feed(world, partner_user):
    ModelLogEntry.objects.log_action(world["abh"], "wagtail.edit")
    assert selectors.recent_changes(user=partner_user) == []


def test_the_feed_reads_the_changes_in_a_constant_number_of_queries(
    world, partner_user, django_assert_num_queries
):
    for contact in ContactPerson.objects.all():
        _log(contact, "public", organisation=contact.organisation_id)
    # The reader's roles, the entries with their users, the organisations.
    with django_assert_num_queries(3):
        assert selectors.recent_changes(user=partner_user)


def test_the_admin_history_and_site_history_show_the_entries(client, world, editor):
    contact = world["general"]
    before = changelog.snapshot(contact)
    contact.function = "Leitung"
    contact.save()
    changelog.record_changes(instance=contact, before=before, user=editor)
    client.force_login(editor)
    history = client.get(
        reverse("wagtailsnippets_directory_contactperson:history", args=[contact.pk])
    )
    assert history.status_code == 200
    assert "Geändert: Funktion" in history.text
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    assert "Geändert: Funktion" in report.text


# ---- the migration of the old rows ----------------------------------------------------------

migration = importlib.import_module("directory.migrations.0005_changelog_into_wagtail_log")
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _row(pk, field="", seconds=0, **values):
    row = {
        "id": pk,
        "timestamp": T0 + datetime.timedelta(seconds=seconds),
        "user_id": 7,
        "action": "changed",
        "source": "admin",
        "object_type": "contact",
        "object_id": 3,
        "object_label": "Miriam Lohmeyer",
        "organisation_id": 2,
        "field": field,
        "field_label": field.title(),
        "old_value": f"old {field}" if field else "",
        "new_value": f"new {field}" if field else "",
        "visibility": "partners",
    }
    return row | values


def test_the_rows_of_one_save_become_one_entry():
    rows = [_row(1, "phone"), _row(2, "email"), _row(3, "function", seconds=1)]
    [entry] = migration.entries_from_rows(rows)
    assert (entry["model"], entry["object_id"], entry["action"]) == (
        "contactperson",
        "3",
        "directory.edit",
    )
    assert (entry["timestamp"], entry["user_id"], entry["label"]) == (T0, 7, "Miriam Lohmeyer")
    assert entry["data"] == {
        "source": "admin",
        "organisation": 2,
        "visibility": "partners",
        "changes": [
            {"field": "email", "label": "Email", "old": "old email", "new": "new email"},
            {
                "field": "function",
                "label": "Function",
                "old": "old function",
                "new": "new function",
            },
            {"field": "phone", "label": "Phone", "old": "old phone", "new": "new phone"},
        ],
    }


def test_other_saves_records_and_actions_become_entries_of_their_own():
    rows = [
        _row(1, "phone"),
        _row(2, "phone", seconds=3600),  # the same record, saved again later
        _row(3, "name", object_type="organisation", object_id=2, visibility="public"),
        _row(4, action="deleted", object_type="location", object_id=9, seconds=3600),
        _row(5, "phone", user_id=None, source="import", seconds=3600),
    ]
    entries = migration.entries_from_rows(rows)
    assert [(e["model"], e["action"], len(e["data"]["changes"])) for e in entries] == [
        ("contactperson", "directory.edit", 1),
        ("contactperson", "directory.edit", 1),
        ("organisation", "directory.edit", 1),
        ("location", "directory.delete", 0),
        ("contactperson", "directory.edit", 1),
    ]
    assert entries[2]["data"]["visibility"] == "public"
    assert entries[3]["deleted"] and not entries[3]["content_changed"]
    assert len({e["uuid"] for e in entries}) == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_moves_the_rows_into_wagtails_log_and_back(world, editor):
    """Run the migration's functions on a few rows of the old table (historical models)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    state = MigrationExecutor(connection).loader.project_state(
        ("directory", "0005_changelog_into_wagtail_log")
    )
    apps = state.apps
    old = apps.get_model("directory", "ChangeLogEntry")
    with connection.schema_editor() as editor_schema:
        editor_schema.create_model(old)
    try:
        contact = world["lz"]
        for field, label in (("phone", "Telefon"), ("email", "E-Mail")):
            old.objects.create(
                user_id=editor.pk,
                action="changed",
                source="admin",
                object_type="contact",
                object_id=contact.pk,
                object_label="Miriam Lohmeyer",
                organisation_id=contact.organisation_id,
                field=field,
                field_label=label,
                old_value="a",
                new_value="b",
                visibility="partners",
            )
        migration.forwards(apps, None)
        assert not old.objects.exists()
        entry = ModelLogEntry.objects.for_instance(contact).get()
        assert (entry.action, entry.user, entry.label) == (
            "directory.edit",
            editor,
            "Miriam Lohmeyer",
        )
        assert [c["field"] for c in entry.data["changes"]] == ["email", "phone"]
        assert entry.message == "Geändert: E-Mail, Telefon"
        assert [c.pk for c in selectors.recent_changes(user=editor)] == [entry.pk]
        assert selectors.recent_changes(user=AnonymousUser()) == []

        migration.backwards(apps, None)
        assert not ModelLogEntry.objects.exists()
        assert sorted(old.objects.values_list("field", "user_id", "visibility")) == [
            ("email", editor.pk, "partners"),
            ("phone", editor.pk, "partners"),
        ]
        assert set(old.objects.values_list("timestamp", flat=True)) == {entry.timestamp}
    finally:
        with connection.schema_editor() as editor_schema:
            editor_schema.delete_model(old)


# ---- a readable feed (issue 14, item 4) -----------------------------------------------------


def _new_contact(world, editor):
    contact = ContactPerson.objects.create(
        organisation=world["abh"],
        honorific="Frau",
        given_name="Erika",
        family_name="Muster",
        function="Sachbearbeitung Beschäftigungserlaubnis",
        phone="+49 5221 13-444",
        visibility="partners",
        external_key="abh-muster",
        verified_on=datetime.date(2026, 3, 2),
    )
    changelog.record_changes(instance=contact, before=None, user=editor)
    return contact


def test_a_new_contact_is_one_summarised_entry_without_technical_fields(world, editor):
    contact = _new_contact(world, editor)
    [change] = selectors.recent_changes(user=editor)
    assert change.created
    assert change.summary == "Frau Erika Muster, Sachbearbeitung Beschäftigungserlaubnis"
    fields = {c["field"] for c in change.changes}
    assert "phone" in fields
    assert not fields & {"external_key", "is_active", "verified_on", "id", "created_at"}
    assert change.url == f"{world['abh'].get_absolute_url()}#kontakt-{contact.pk}"


def test_the_feed_links_to_the_contact_card_on_its_organisation_page(client, world, editor):
    contact = _new_contact(world, editor)
    client.force_login(editor)
    feed = feedparser.parse(client.get(FEED).content)
    assert not feed.bozo
    [item] = feed.entries
    assert item.title == "neu: Frau Erika Muster, Sachbearbeitung Beschäftigungserlaubnis"
    assert item.link.endswith(f"{world['abh'].get_absolute_url()}#kontakt-{contact.pk}")
    assert item.updated_parsed is not None  # the feed's own dates stay RFC 3339
    assert "T" in item.updated
    page = client.get(world["abh"].get_absolute_url())
    assert f'id="kontakt-{contact.pk}"' in page.text


@pytest.mark.parametrize(
    ("model_instance", "deleted", "fragment"),
    [
        ("location", False, "#location-{pk}"),
        ("location", True, "#locations-title"),
        ("general", True, "#contacts-title"),
        ("abh", False, ""),
    ],
)
def test_other_entries_link_to_anchors_that_exist(
    client, world, partner_user, model_instance, deleted, fragment
):
    instance = world[model_instance]
    ModelLogEntry.objects.log_action(
        instance,
        changelog.Action.DELETED if deleted else changelog.Action.CHANGED,
        data={"source": "admin", "organisation": world["abh"].pk, "visibility": "public"},
    )
    [change] = selectors.recent_changes(user=partner_user)
    expected = fragment.format(pk=instance.pk)
    assert change.url == world["abh"].get_absolute_url() + expected
    client.force_login(partner_user)
    if expected:
        assert f'id="{expected[1:]}"' in client.get(world["abh"].get_absolute_url()).text


def test_the_responsibilities_section_anchor_exists(client, world, partner_user):
    responsibility = world["abh"].responsibilities.first()
    _log(responsibility, "public", organisation=world["abh"].pk)
    [change] = selectors.recent_changes(user=partner_user)
    assert change.url.endswith("#resp-title")
    client.force_login(partner_user)
    assert 'id="resp-title"' in client.get(world["abh"].get_absolute_url()).text


def test_the_changes_page_writes_dates_the_german_way(client, world, partner_user):
    entry = _log(
        world["lz"],
        "public",
        organisation=world["abh"].pk,
        changes=[
            {"field": "verified_on", "label": "Bestätigt am", "old": "2026-03-02", "new": ""},
            {"field": "external_key", "label": "externer Schlüssel", "old": "", "new": "x-1"},
        ],
    )
    ModelLogEntry.objects.filter(pk=entry.pk).update(
        timestamp=datetime.datetime(2026, 12, 8, 9, 5, tzinfo=datetime.UTC)
    )
    client.force_login(partner_user)
    page = client.get("/verzeichnis/aenderungen/").text
    assert "8. Dezember 2026, 10:05" in page
    assert "02.03.2026" in page and "2026-03-02" not in page
    assert "externer Schlüssel" not in page
    assert f"#kontakt-{world['lz'].pk}" in page


def test_dates_are_logged_the_german_way(world):
    contact = world["general"]
    before = changelog.snapshot(contact)
    contact.verified_on = datetime.date(2025, 11, 30)
    contact.save()
    entry = changelog.record_changes(instance=contact, before=before)
    assert entry.data["changes"][0]["new"] == "30.11.2025"


def test_changing_an_internal_hotline_stays_partners_only(world):
    organisation = world["abh"]
    organisation.hotline_visibility = "partners"
    organisation.save()
    before = changelog.snapshot(organisation)
    organisation.hotline = "+49 5221 13-999"
    organisation.save()
    entry = changelog.record_changes(instance=organisation, before=before)
    assert entry.data["visibility"] == "partners"
    assert selectors.recent_changes(user=AnonymousUser()) == []

"""The directory's changes in the one audit trail (Wagtail's log, see ``portal.audit``).

One service compares a record before and after a change and writes ONE log entry per saved
record, its ``data`` holding every changed field (label, old → new), where the change came from,
the organisation and who may read it. The admin hooks, the import, the verification link and the
portal's own services all call it, so every path leaves the same trail; editors read it in each
record's history in the admin, partner staff in the change feed (``selectors.recent_changes``).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from uuid import UUID, uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from directory.models import ContactPerson, Location, Organisation, Responsibility
from portal import audit
from portal.access import Visibility


class Action:
    """The directory's log actions (registered in ``directory.wagtail_hooks``)."""

    CREATED = "directory.create"
    CHANGED = "directory.edit"
    DELETED = "directory.delete"
    VERIFIED = "directory.verify"


ACTIONS = (Action.CREATED, Action.CHANGED, Action.DELETED, Action.VERIFIED)


class Source(models.TextChoices):
    """Where a change came from (``data["source"]`` of an entry)."""

    ADMIN = "admin", _("admin")
    IMPORT = "import", _("import")
    SERVICE = "service", _("portal")
    REMINDER = "reminder", _("reminder link")


#: Technical fields: never logged and never shown in the change feed (entries written before
#: this list existed are filtered on reading, see ``readable_changes``).
TECHNICAL_FIELDS = frozenset(
    {
        "id",
        "external_key",
        "surname_from_key",
        "surname_to_key",
        "created_at",
        "updated_at",
        "sort_order",
    }
)

#: Fields a new record's entry leaves out: their initial value tells a reader nothing
#: ("aktiv: – → ja"); the creation is summarised by ``SUMMARY_FIELDS`` instead.
OMITTED_ON_CREATE = frozenset({"is_active", "verified_on", "responsible_account"})

#: Model → fields never logged: the technical ones, and a location's parent (the entry names
#: the organisation anyway).
TRACKED: dict[type[models.Model], frozenset[str]] = {
    Organisation: TECHNICAL_FIELDS,
    Location: TECHNICAL_FIELDS | {"organisation"},
    ContactPerson: TECHNICAL_FIELDS,
    Responsibility: TECHNICAL_FIELDS,
}

#: Model name → the field whose value completes "neu: <record>, <value>" for a new record.
SUMMARY_FIELDS = {
    "contactperson": "function",
    "location": "street",
    "organisation": "kind",
    "responsibility": "service_name",
}

#: Model name → where its entries link on the organisation page (``{pk}`` is the record's key;
#: the anchors are the ids of the contact cards, location cards and page sections).
ANCHORS = {
    "contactperson": "kontakt-{pk}",
    "location": "location-{pk}",
    "organisation": "",
    "responsibility": "resp-title",
}
#: Deleted records have no card left to link to: their section instead.
DELETED_ANCHORS = {"contactperson": "contacts-title", "location": "locations-title"}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def german_date(value: str) -> str:
    """ "2026-03-02" → "02.03.2026" (values logged before dates were written the German way)."""
    match = _ISO_DATE.match(value or "")
    return f"{match[3]}.{match[2]}.{match[1]}" if match else value


def readable_changes(changes: list[dict], *, created: bool) -> list[dict]:
    """An entry's changes as readers see them: no technical fields, on a new record none of
    the ``OMITTED_ON_CREATE`` ones, dates the German way."""
    skip = TECHNICAL_FIELDS | (OMITTED_ON_CREATE if created else frozenset())
    return [
        {**change, "old": german_date(change["old"]), "new": german_date(change["new"])}
        for change in changes
        if change.get("field") not in skip
    ]


def summary(*, label: str, model: str, changes: list[dict]) -> str:
    """ "Frau Erika Muster, Sachbearbeitung Beschäftigungserlaubnis": a new record in one line."""
    field = SUMMARY_FIELDS.get(model)
    detail = next((c["new"] for c in changes if c.get("field") == field and c["new"]), "")
    return f"{label}, {detail}" if detail else label


def anchor(*, model: str, pk, deleted: bool = False) -> str:
    """The fragment (without "#") an entry links to on its organisation's page."""
    if deleted and model in DELETED_ANCHORS:
        return DELETED_ANCHORS[model]
    return ANCHORS.get(model, "").format(pk=pk)


class ChangedFieldsFormatter(LogFormatter):
    """ "Changed: Phone, Function" in the admin's history and the site history report."""

    message = _("Changed")

    def format_message(self, log_entry):
        fields = [change["label"] for change in log_entry.data.get("changes", [])]
        if not fields:
            return self.message
        return _("Changed: %(fields)s") % {"fields": ", ".join(fields)}


def _display(instance, field) -> str:
    value = getattr(instance, field.attname)
    if value is None or value == "":
        return ""
    if field.is_relation:
        related = getattr(instance, field.name, None)
        return str(related) if related is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.date):  # a date the German way (datetimes are technical)
        return value.strftime("%d.%m.%Y")
    if hasattr(value, "raw_data"):  # StreamField: compare its JSON
        return json.dumps(value.get_prep_value(), sort_keys=True, default=str)
    return str(value)


def snapshot(instance) -> dict[str, tuple[str, str]]:
    """``{field name: (label, display value)}`` of a tracked record, M2M fields included."""
    if instance is None or instance.pk is None:
        return {}
    skip = TRACKED[type(instance)]
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in skip:
            continue
        data[field.name] = (str(field.verbose_name), _display(instance, field))
    for field in instance._meta.many_to_many:
        values = sorted(str(obj) for obj in getattr(instance, field.name).all())
        data[field.name] = (str(field.verbose_name), ", ".join(values))
    return data


def _organisation_id(instance) -> int | None:
    if isinstance(instance, Organisation):
        return instance.pk
    return getattr(instance, "organisation_id", None)


#: Organisation fields shown only to whom may see its hotline (``hotline_visibility``).
HOTLINE_FIELDS = frozenset({"hotline", "hotline_hours", "hotline_visibility"})


def _visibility_of(instance, changes=()) -> str:
    """Changes to a partners-only contact, and to responsibilities naming one, stay
    partners-only, as do changes of an internal hotline; everything else is as public as the
    record itself."""
    if isinstance(instance, Organisation):
        hotline_changed = any(c["field"] in HOTLINE_FIELDS for c in changes)
        if hotline_changed and instance.hotline_visibility != Visibility.PUBLIC:
            return Visibility.PARTNERS.value
        return Visibility.PUBLIC.value
    if isinstance(instance, ContactPerson):
        return str(instance.visibility)
    if isinstance(instance, Responsibility):
        people = [p for p in (instance.contact, instance.deputy) if p is not None]
        if any(p.visibility != Visibility.PUBLIC for p in people):
            return Visibility.PARTNERS.value
    return Visibility.PUBLIC.value


def diff(
    before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]], *, created: bool
) -> list[dict[str, str]]:
    """The changed fields as ``[{"field", "label", "old", "new"}]``, by field name. A new
    record lists its filled-in fields only."""
    changes = []
    for name in sorted(after.keys() | before.keys()):
        label = (after.get(name) or before[name])[0]
        old = before.get(name, ("", ""))[1]
        new = after.get(name, ("", ""))[1]
        if old == new or (created and not new):
            continue
        changes.append({"field": name, "label": label, "old": old, "new": new})
    return changes


def record_changes(
    *,
    instance,
    before: dict[str, tuple[str, str]] | None,
    user=None,
    source: str = Source.SERVICE,
    action: str | None = None,
    uuid: UUID | None = None,
):
    """Log the differences between ``before`` (a ``snapshot``, or None for a new record) and the
    record's current state as one entry. Returns the entry, or None when nothing changed."""
    if action is None:
        action = Action.CREATED if before is None else Action.CHANGED
    changes = []
    if action != Action.DELETED:
        changes = diff(before or {}, snapshot(instance), created=action == Action.CREATED)
        if not changes and action == Action.CHANGED:
            return None
    return audit.log(
        instance,
        action,
        user=user,
        uuid=uuid,
        content_changed=bool(changes),
        deleted=action == Action.DELETED,
        title=str(instance)[:250],
        data={
            "source": str(source),
            "organisation": _organisation_id(instance),
            "visibility": _visibility_of(instance, changes),
            "changes": changes,
        },
    )


def record_many(changes: Iterable[tuple[object, dict | None]], *, user=None, source: str) -> int:
    """``record_changes`` for many records at once (an import): ``changes`` are ``(instance,
    before)`` pairs; the same one entry per changed record, all sharing one ``uuid`` and written
    in a few statements. Returns the number of entries written."""
    entries = []
    for instance, before in changes:
        action = Action.CREATED if before is None else Action.CHANGED
        changed = diff(before or {}, snapshot(instance), created=before is None)
        if not changed and action == Action.CHANGED:
            continue
        entries.append(
            audit.Entry(
                instance=instance,
                action=action,
                title=str(instance)[:250],
                content_changed=bool(changed),
                data={
                    "source": str(source),
                    "organisation": _organisation_id(instance),
                    "visibility": _visibility_of(instance),
                    "changes": changed,
                },
            )
        )
    return audit.log_many(entries, user=user, uuid=uuid4())


def record_deleted(*, instances: Iterable, user=None, source: str) -> None:
    """Log the deletion of each of ``instances`` (call before deleting them)."""
    for instance in instances:
        if type(instance) in TRACKED:
            record_changes(
                instance=instance, before=None, user=user, source=source, action=Action.DELETED
            )


def snapshot_tree(organisation: Organisation) -> dict:
    """Snapshots of an organisation and of its inline children (locations, contacts)."""
    return {
        "self": snapshot(organisation),
        "locations": {loc.pk: snapshot(loc) for loc in organisation.locations.all()},
        "contacts": {c.pk: snapshot(c) for c in organisation.contacts.all()},
    }


def record_tree_changes(
    *, organisation: Organisation, before: dict, user=None, source: str
) -> None:
    """Log the changes of an organisation form with inline children against ``snapshot_tree``:
    one entry per changed record, all sharing one ``uuid`` (one save in the admin)."""
    save = uuid4()
    record_changes(
        instance=organisation, before=before.get("self"), user=user, source=source, uuid=save
    )
    for relation, model in (("locations", Location), ("contacts", ContactPerson)):
        old = before.get(relation, {})
        current = list(getattr(organisation, relation).all())
        for child in current:
            record_changes(
                instance=child, before=old.get(child.pk), user=user, source=source, uuid=save
            )
        current_pks = {child.pk for child in current}
        for pk, snap in old.items():
            if pk in current_pks:
                continue
            label = " ".join(
                v for k, (_l, v) in snap.items() if k in ("given_name", "family_name") and v
            )
            audit.log(
                model(pk=pk),  # already gone: the entry names it by type and key
                Action.DELETED,
                user=user,
                uuid=save,
                deleted=True,
                title=label or snap.get("name", ("", ""))[1] or str(pk),
                data={
                    "source": str(source),
                    "organisation": organisation.pk,
                    # The deleted record's visibility is gone with it: stay on the safe side.
                    "visibility": Visibility.PARTNERS.value,
                    "changes": [],
                },
            )

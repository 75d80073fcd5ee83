"""The change log: one service that compares a record before and after a change and writes one
``ChangeLogEntry`` per changed field. The admin hooks, the import, the verification link and the
portal's own services all call it, so every path leaves the same trail.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from directory.models import ChangeLogEntry, ContactPerson, Location, Organisation, Responsibility
from portal.access import Visibility

#: Model → (object_type, fields never logged).
TRACKED: dict[type[models.Model], tuple[str, frozenset[str]]] = {
    Organisation: ("organisation", frozenset({"id", "created_at", "updated_at"})),
    Location: ("location", frozenset({"id", "organisation", "sort_order"})),
    ContactPerson: ("contact", frozenset({"id", "created_at", "updated_at"})),
    Responsibility: (
        "responsibility",
        frozenset({"id", "updated_at", "surname_from_key", "surname_to_key"}),
    ),
}


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
    if hasattr(value, "raw_data"):  # StreamField: compare its JSON
        import json

        return json.dumps(value.get_prep_value(), sort_keys=True, default=str)
    return str(value)


def snapshot(instance) -> dict[str, tuple[str, str]]:
    """``{field name: (label, display value)}`` of a tracked record, M2M fields included."""
    if instance is None or instance.pk is None:
        return {}
    _type, skip = TRACKED[type(instance)]
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in skip:
            continue
        data[field.name] = (str(field.verbose_name), _display(instance, field))
    for field in instance._meta.many_to_many:
        values = sorted(str(obj) for obj in getattr(instance, field.name).all())
        data[field.name] = (str(field.verbose_name), ", ".join(values))
    return data


def _organisation_of(instance):
    if isinstance(instance, Organisation):
        return instance
    return getattr(instance, "organisation", None)


def _visibility_of(instance) -> str:
    """Changes to a partners-only contact, and to responsibilities naming one, stay
    partners-only; everything else is as public as the record itself."""
    if isinstance(instance, ContactPerson):
        return instance.visibility
    if isinstance(instance, Responsibility):
        people = [p for p in (instance.contact, instance.deputy) if p is not None]
        if any(p.visibility != Visibility.PUBLIC for p in people):
            return Visibility.PARTNERS
    return Visibility.PUBLIC


def record_changes(
    *,
    instance,
    before: dict[str, tuple[str, str]] | None,
    user=None,
    source: str = ChangeLogEntry.Source.SERVICE,
    action: str | None = None,
) -> list[ChangeLogEntry]:
    """Write the differences between ``before`` (a ``snapshot``, or None for a new record) and
    the record's current state. Returns the entries written (none when nothing changed)."""
    entries = _entries(instance=instance, before=before, user=user, source=source, action=action)
    return ChangeLogEntry.objects.bulk_create(entries)


def record_many(changes: Iterable[tuple[object, dict | None]], *, user=None, source: str) -> int:
    """``record_changes`` for many records at once (an import): ``changes`` are ``(instance,
    before)`` pairs; every entry is written in a few statements. Returns the number written."""
    entries = [
        entry
        for instance, before in changes
        for entry in _entries(instance=instance, before=before, user=user, source=source)
    ]
    return len(ChangeLogEntry.objects.bulk_create(entries, batch_size=1000))


def _entries(*, instance, before, user, source, action=None) -> list[ChangeLogEntry]:
    object_type, _skip = TRACKED[type(instance)]
    after = snapshot(instance) if action != ChangeLogEntry.Action.DELETED else {}
    if action is None:
        action = ChangeLogEntry.Action.CREATED if before is None else ChangeLogEntry.Action.CHANGED
    before = before or {}
    common = {
        "user": user if user is not None and user.is_authenticated else None,
        "action": action,
        "source": source,
        "object_type": object_type,
        "object_id": instance.pk,
        "object_label": str(instance)[:250],
        "organisation": _organisation_of(instance),
        "visibility": _visibility_of(instance),
    }
    entries = []
    if action in (ChangeLogEntry.Action.DELETED, ChangeLogEntry.Action.VERIFIED):
        entries.append(ChangeLogEntry(**common))
    else:
        for name in sorted(after.keys() | before.keys()):
            label = (after.get(name) or before[name])[0]
            old = before.get(name, ("", ""))[1]
            new = after.get(name, ("", ""))[1]
            if old == new or (action == ChangeLogEntry.Action.CREATED and not new):
                continue
            entries.append(
                ChangeLogEntry(
                    **common, field=name, field_label=label, old_value=old, new_value=new
                )
            )
    return entries


def record_deleted(*, instances: Iterable, user=None, source: str) -> None:
    """Log the deletion of each of ``instances`` (call before deleting them)."""
    for instance in instances:
        if type(instance) in TRACKED:
            record_changes(
                instance=instance,
                before=None,
                user=user,
                source=source,
                action=ChangeLogEntry.Action.DELETED,
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
    """Log the changes of an organisation form with inline children against ``snapshot_tree``."""
    record_changes(instance=organisation, before=before.get("self"), user=user, source=source)
    for relation in ("locations", "contacts"):
        old = before.get(relation, {})
        current = list(getattr(organisation, relation).all())
        for child in current:
            record_changes(instance=child, before=old.get(child.pk), user=user, source=source)
        current_pks = {child.pk for child in current}
        for pk, snap in old.items():
            if pk not in current_pks:
                model = Location if relation == "locations" else ContactPerson
                ChangeLogEntry.objects.create(
                    user=user if user is not None and user.is_authenticated else None,
                    action=ChangeLogEntry.Action.DELETED,
                    source=source,
                    object_type=TRACKED[model][0],
                    object_id=pk,
                    object_label=" ".join(
                        v for k, (_l, v) in snap.items() if k in ("given_name", "family_name")
                    )
                    or snap.get("name", ("", ""))[1]
                    or str(pk),
                    organisation=organisation,
                    # The deleted record's visibility is gone with it: stay on the safe side.
                    visibility=Visibility.PARTNERS,
                )

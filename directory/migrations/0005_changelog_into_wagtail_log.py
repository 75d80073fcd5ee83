"""Move the directory's own change log into Wagtail's log (``wagtailcore.ModelLogEntry``).

The old table held one row per changed field; the rows of one save (same record, action,
source, user, consecutive keys, written within a moment) become one entry whose ``data`` lists
every changed field, as ``directory.changelog`` writes them from now on. The reverse splits the
entries back into rows, so the migration can be unapplied.
"""

import datetime
import uuid

from django.db import migrations

#: ChangeLogEntry.object_type → model name; action → Wagtail log action.
MODELS = {
    "organisation": "organisation",
    "location": "location",
    "contact": "contactperson",
    "responsibility": "responsibility",
}
ACTIONS = {
    "created": "directory.create",
    "changed": "directory.edit",
    "deleted": "directory.delete",
    "verified": "directory.verify",
}
#: Rows of one save are written in one go; a later save of the same record starts a new entry.
SAME_SAVE = datetime.timedelta(seconds=2)


def entries_from_rows(rows):
    """Group old rows (dicts of ChangeLogEntry values, by ``id``) into log entries (dicts with
    the ModelLogEntry fields, ``model`` naming the directory model)."""
    entries = []
    previous_key = None
    for row in sorted(rows, key=lambda r: r["id"]):
        key = (
            row["object_type"],
            row["object_id"],
            row["action"],
            row["source"],
            row["user_id"],
            row["organisation_id"],
            row["visibility"],
        )
        if (
            entries
            and key == previous_key
            and row["timestamp"] - entries[-1]["timestamp"] <= SAME_SAVE
        ):
            entry = entries[-1]
        else:
            action = ACTIONS[row["action"]]
            entry = {
                "model": MODELS[row["object_type"]],
                "object_id": str(row["object_id"]),
                "action": action,
                "timestamp": row["timestamp"],
                "user_id": row["user_id"],
                "label": row["object_label"],
                "uuid": uuid.uuid4(),
                "content_changed": action in ("directory.create", "directory.edit"),
                "deleted": action == "directory.delete",
                "data": {
                    "source": row["source"],
                    "organisation": row["organisation_id"],
                    "visibility": row["visibility"],
                    "changes": [],
                },
            }
            entries.append(entry)
        previous_key = key
        if row["field"]:
            entry["data"]["changes"].append(
                {
                    "field": row["field"],
                    "label": row["field_label"],
                    "old": row["old_value"],
                    "new": row["new_value"],
                }
            )
    for entry in entries:
        entry["data"]["changes"].sort(key=lambda change: change["field"])
    return entries


def rows_from_entry(entry, object_type):
    """The reverse: one old row per changed field (or one row without a field)."""
    data = entry.data or {}
    common = {
        "timestamp": entry.timestamp,
        "user_id": entry.user_id,
        "action": {v: k for k, v in ACTIONS.items()}[entry.action],
        "source": data.get("source", "service"),
        "object_type": object_type,
        "object_id": int(entry.object_id),
        "object_label": entry.label[:250],
        "organisation_id": data.get("organisation"),
        "visibility": data.get("visibility", "partners"),
    }
    changes = data.get("changes") or [{}]
    return [
        {
            **common,
            "field": change.get("field", ""),
            "field_label": change.get("label", ""),
            "old_value": change.get("old", ""),
            "new_value": change.get("new", ""),
        }
        for change in changes
    ]


def forwards(apps, schema_editor):
    ChangeLogEntry = apps.get_model("directory", "ChangeLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    rows = list(ChangeLogEntry.objects.values())
    if not rows:
        return
    types = {
        model: ContentType.objects.get_or_create(app_label="directory", model=model)[0]
        for model in MODELS.values()
    }
    entries = [
        ModelLogEntry(content_type=types[entry.pop("model")], **entry)
        for entry in entries_from_rows(rows)
    ]
    ModelLogEntry.objects.bulk_create(entries, batch_size=500)
    ChangeLogEntry.objects.all().delete()


def backwards(apps, schema_editor):
    ChangeLogEntry = apps.get_model("directory", "ChangeLogEntry")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    object_types = {model: object_type for object_type, model in MODELS.items()}
    entries = ModelLogEntry.objects.filter(
        action__in=ACTIONS.values(), content_type__app_label="directory"
    ).select_related("content_type")
    # Keep the entries' times (the field would stamp "now" on every restored row).
    ChangeLogEntry._meta.get_field("timestamp").auto_now_add = False
    rows = []
    for entry in entries.order_by("timestamp", "pk"):
        rows += rows_from_entry(entry, object_types[entry.content_type.model])
    ChangeLogEntry.objects.bulk_create([ChangeLogEntry(**row) for row in rows], batch_size=500)
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0004_contact_texts_refuse_control_characters"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

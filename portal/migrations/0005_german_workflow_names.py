"""Wagtail's first migration names the moderators' workflow and task after the group, in English
("Moderators approval"); the admin then offers "In Moderators approval einreichen". German names
read as the rest of the admin does."""

from django.db import migrations

OLD = "Moderators approval"
NEW = "Freigabe durch die Moderation"


def rename(apps, schema_editor, old=OLD, new=NEW):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_outbound_email"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]

"""The portal's roles are Django groups (see portal.access.Role). Wagtail already creates
"Editors" and "Moderators"; this adds the others."""

from django.db import migrations

ROLE_GROUPS = ["Partner staff", "Employers", "Volunteers", "Editors", "Moderators",
               "Administrators"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin").first()
    if admin_access:
        Group.objects.get(name="Administrators").permissions.add(admin_access)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_create_homepage"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]

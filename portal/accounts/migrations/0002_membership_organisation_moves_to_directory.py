"""The organisation of a role request moves to the directory (``directory.OrganisationMembership``,
filled from this column by directory's migration 0007, which runs before this one): the accounts
app no longer points at another app."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="membership",
            name="organisation",
        ),
    ]

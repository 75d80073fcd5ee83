"""The organisation side of role requests: a table of the directory, filled from the column
``accounts_membership.organisation_id`` before accounts' migration 0002 drops it (``run_before``:
the ordering is declared here, in the upper layer, so that the accounts app names no app)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_from_memberships(apps, schema_editor):
    membership_model = apps.get_model("accounts", "Membership")
    side_model = apps.get_model("directory", "OrganisationMembership")
    side_model.objects.bulk_create(
        side_model(membership_id=membership, organisation_id=organisation)
        for membership, organisation in membership_model.objects.filter(
            organisation__isnull=False
        ).values_list("pk", "organisation_id")
    )


def copy_back(apps, schema_editor):
    membership_model = apps.get_model("accounts", "Membership")
    side_model = apps.get_model("directory", "OrganisationMembership")
    for side in side_model.objects.all():
        membership_model.objects.filter(pk=side.membership_id).update(
            organisation_id=side.organisation_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("directory", "0006_delete_changelogentry"),
    ]
    run_before = [
        ("accounts", "0002_membership_organisation_moves_to_directory"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrganisationMembership",
            fields=[
                (
                    "membership",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="organisation_side",
                        serialize=False,
                        to="accounts.membership",
                        verbose_name="membership",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff_memberships",
                        to="directory.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "organisation membership",
                "verbose_name_plural": "organisation memberships",
            },
        ),
        migrations.RunPython(copy_from_memberships, copy_back),
    ]

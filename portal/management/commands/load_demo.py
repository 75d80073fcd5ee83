"""Load the demo region into an empty database (or refresh an earlier demo load)."""

import contextlib
import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from portal import demo
from portal.models import DemoDataset


def has_foreign_content() -> bool:
    """True when the database holds content that a demo load did not put there."""
    if DemoDataset.objects.exists():
        return False
    # A fresh database has the tree root and the home page created by the migrations.
    return Page.objects.filter(depth__gt=2).exists() or get_user_model().objects.exists()


class Command(BaseCommand):
    help = (
        "Load the demo region (Kreis Herford, fictional people) into an empty database. "
        "Idempotent; refuses a database with other content unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though the database holds non-demo content.",
        )

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        if has_foreign_content() and not force:
            raise CommandError(
                "This database holds content that is not demo content; load_demo leaves it "
                "alone. Use an empty database, or pass --force to add the demo anyway."
            )
        ctx = demo.DemoContext(stdout=self.stdout if verbosity else None)
        steps = demo.steps()
        with transaction.atomic(), _quiet_app_logs(verbosity < 2):
            for number, step in enumerate(steps, start=1):
                if verbosity:
                    self.stdout.write(f"[{number}/{len(steps)}] {step.name}")
                step.run(ctx)
            dataset, _ = DemoDataset.objects.get_or_create(pk=1)
            dataset.save()
        if verbosity:
            self.stdout.write(self.style.SUCCESS("Demo loaded. Demo content, not legal advice."))
            self.stdout.write(f"Logins (password for all: {demo.DEMO_PASSWORD}):")
            width = max(len(role) for role, _email, _pw in ctx.logins)
            for role, email, _password in ctx.logins:
                self.stdout.write(f"  {role.ljust(width)}  {email}")


@contextlib.contextmanager
def _quiet_app_logs(quiet: bool):
    """The steps' own progress lines are the report; the apps' routine INFO logs (one per
    registration, per e-mail …) would bury them. ``-v 2`` shows everything."""
    logger = logging.getLogger("ipnetz")
    level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)

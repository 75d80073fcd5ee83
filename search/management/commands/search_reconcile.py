"""``manage.py search_reconcile``: after an outage, make the index match the database."""

from django.core.management.base import BaseCommand, CommandError

from search import services


class Command(BaseCommand):
    help = (
        "Apply pending index updates, then remove from Elasticsearch what the database no "
        "longer has (first) and add or fix the rest. Safe to run from cron every few minutes."
    )

    def handle(self, *args, **options):
        try:
            result = services.reconcile()
        except Exception as exc:
            raise CommandError(f"Reconcile failed: {exc.__class__.__name__}: {exc}") from exc
        for name, value in result.items():
            self.stdout.write(f"{name}: {value}")
        if result.get("pending_failed"):
            raise CommandError("Some updates still fail; they stay queued.")

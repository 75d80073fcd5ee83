"""Enqueue the daily work of offers: renewal reminders and expiry notices, the search refresh of
measures whose last start has passed, and the saved-search safety sweep. Run it once a day."""

from django.core.management.base import BaseCommand

from offers import tasks


class Command(BaseCommand):
    help = "Enqueue the daily offers run (reminders, expiry, saved-search sweep)."

    def handle(self, *args, **options):
        result = tasks.daily_maintenance.enqueue()
        self.stdout.write(f"Offers daily run enqueued ({result.id}).")

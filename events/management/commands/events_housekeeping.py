"""Enqueue the events app's periodic work: reminders, retention and open-ended series.

``manage.py housekeeping`` runs the same work as its jobs ``events.reminders`` (hourly),
``events.retention`` and ``events.series`` (daily); this command enqueues all three at once.
"""

from django.core.management.base import BaseCommand

from events import tasks


class Command(BaseCommand):
    help = "Enqueue event reminders, the anonymisation of old registrations and new series dates."

    def handle(self, *args, **options):
        tasks.send_reminders.enqueue()
        tasks.anonymise_registrations.enqueue()
        tasks.extend_schedules.enqueue()
        self.stdout.write("Event housekeeping enqueued.")

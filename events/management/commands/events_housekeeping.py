"""Enqueue the events app's periodic work: reminders, retention and open-ended series.

Run it hourly (a systemd timer like the mail timer in docs/deployment.md): reminders go out within
the hour they become due; anonymisation and extending series are cheap when there is nothing to do.
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

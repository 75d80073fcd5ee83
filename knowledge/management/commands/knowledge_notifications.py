"""Enqueue the knowledge base's e-mails: topic digests (every run; each subscription is sent only
when its period is over) and, with ``--reminders``, the review reminders (run that weekly)."""

from django.core.management.base import BaseCommand

from knowledge import tasks
from knowledge.models import TopicSubscription


class Command(BaseCommand):
    help = "Enqueue due topic digests and, with --reminders, review reminders."

    def add_arguments(self, parser):
        parser.add_argument("--reminders", action="store_true", help="Also send review reminders.")

    def handle(self, *args, reminders=False, **options):
        for frequency in TopicSubscription.Frequency.values:
            tasks.send_digests.enqueue(frequency=frequency)
        if reminders:
            tasks.send_review_reminders.enqueue()
        self.stdout.write("Knowledge notifications enqueued.")

"""Retry queued e-mails whose next attempt is due (run every minute in production)."""

from django.core.management.base import BaseCommand

from portal import mail


class Command(BaseCommand):
    help = "Send queued e-mails that are due (after an SMTP outage, for example)."

    def handle(self, *args, **options):
        sent, queued = mail.send_due()
        self.stdout.write(f"{sent} sent, {queued} still queued")

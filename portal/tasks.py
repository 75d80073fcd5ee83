"""Background tasks of the portal shell."""

import logging

from django.core.mail import send_mail
from django_tasks import task

logger = logging.getLogger("ipnetz.tasks")


@task()
def send_email(*, subject: str, body: str, recipients: list[str], from_email: str | None = None):
    """Send one plain-text e-mail. Runs in the worker; a failure leaves the task FAILED for the
    retry command (``manage.py retry_failed_tasks``) instead of failing the user's request."""
    send_mail(subject, body, from_email, recipients, fail_silently=False)
    logger.info("sent e-mail %r to %d recipient(s)", subject, len(recipients))

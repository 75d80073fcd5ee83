"""The portal's own recurring jobs (``portal.housekeeping``; declared in ``wagtail_hooks.py``)."""

from django.conf import settings
from django.core.management import call_command

from portal import mail


def retry_outbox():
    sent, queued = mail.send_due()
    return f"{sent} sent, {queued} still queued"


def outbox_retention():
    deleted = mail.retention_delete()
    return f"{deleted} sent e-mail deleted"


def publish_scheduled():
    call_command("publish_scheduled", verbosity=0)
    return "done"


def prune_task_results():
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        return "no database task backend: nothing stored"
    call_command("prune_db_task_results", "--min-age-days", "14", verbosity=0)
    return "done"

"""The portal's own recurring jobs (``portal.housekeeping``)."""

from django.conf import settings
from django.core.management import call_command

from portal import housekeeping, mail


@housekeeping.register("portal.outbox", every="minute", description="Retry e-mail that is due")
def retry_outbox():
    sent, queued = mail.send_due()
    return f"{sent} sent, {queued} still queued"


@housekeeping.register(
    "portal.outbox_retention",
    every="day",
    description="Delete sent e-mail OUTBOX_RETENTION_DAYS (default 30) after it went out",
)
def outbox_retention():
    deleted = mail.retention_delete()
    return f"{deleted} sent e-mail deleted"


@housekeeping.register(
    "wagtail.publish_scheduled",
    every="minute",
    description="Publish approved pages whose date has come (a legal change on its date)",
)
def publish_scheduled():
    call_command("publish_scheduled", verbosity=0)
    return "done"


@housekeeping.register(
    "tasks.prune_results", every="day", description="Forget finished task results after 14 days"
)
def prune_task_results():
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        return "no database task backend: nothing stored"
    call_command("prune_db_task_results", "--min-age-days", "14", verbosity=0)
    return "done"

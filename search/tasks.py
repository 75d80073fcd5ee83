"""Background tasks of the search index (django-tasks)."""

import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

from search import services

RETRY_AFTER = datetime.timedelta(minutes=1)


@task()
def process_pending_updates() -> dict:
    """Apply the pending index updates; while some fail, try again a minute later."""
    done, failed = services.pending_process()
    if failed and default_task_backend.supports_defer:
        process_pending_updates.using(run_after=timezone.now() + RETRY_AFTER).enqueue()
    return {"done": done, "failed": failed}

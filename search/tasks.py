"""Background tasks of the search index (django-tasks)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from search import services

RETRY_AFTER = datetime.timedelta(minutes=1)


def _runs_in_the_request() -> bool:
    """Immediate tasks (development, tests, ``TASK_BACKEND=immediate``) run inside the request
    that saved or published: there an update may take ``ELASTICSEARCH_INDEX_TIMEOUT`` at most,
    so that a hanging node cannot stall a publish. The worker waits the usual time-out."""
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(process_pending_updates.get_backend(), ImmediateBackend)


@task()
def process_pending_updates() -> dict:
    """Apply the pending index updates; while some fail, try again a minute later."""
    timeout = settings.ELASTICSEARCH_INDEX_TIMEOUT if _runs_in_the_request() else None
    done, failed = services.pending_process(timeout=timeout)
    if failed and default_task_backend.supports_defer:
        process_pending_updates.using(run_after=timezone.now() + RETRY_AFTER).enqueue()
    return {"done": done, "failed": failed}

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


@task()
def wagtail_index_update(*, items: list) -> int:
    """Add records written in bulk to Wagtail's own search index (the admin's listings search):
    ``items`` are ``[model label, [pk, …]]``; one task instead of one per record."""
    from django.apps import apps
    from wagtail.search.backends import get_search_backends

    done = 0
    for label, pks in items:
        model = apps.get_model(label)
        for start in range(0, len(pks), 500):
            objects = list(model.get_indexed_objects().filter(pk__in=pks[start : start + 500]))
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)
            done += len(objects)
    return done

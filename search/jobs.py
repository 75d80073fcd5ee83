"""The search index's recurring jobs (``portal.housekeeping``; declared in ``wagtail_hooks.py``)."""

from search import services


def pending_updates():
    done, failed = services.pending_process()
    return f"{done} done, {failed} still failing"


def reconcile():
    return services.reconcile()


def query_retention():
    return f"{services.query_retention_delete()} query counts deleted"

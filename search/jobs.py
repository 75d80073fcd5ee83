"""The search index's recurring jobs (``portal.housekeeping``)."""

from portal import housekeeping
from search import services


@housekeeping.register(
    "search.pending_updates",
    every="minute",
    description="Retry index updates that could not reach Elasticsearch",
)
def pending_updates():
    done, failed = services.pending_process()
    return f"{done} done, {failed} still failing"


@housekeeping.register(
    "search.reconcile",
    every="day",
    description="Bring Elasticsearch back to the database's state (deletions first)",
)
def reconcile():
    return services.reconcile()


@housekeeping.register(
    "search.query_retention",
    every="day",
    description="Forget the counted search queries after 30 days",
)
def query_retention():
    return f"{services.query_retention_delete()} query counts deleted"

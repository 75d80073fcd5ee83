"""Demo step: build the search index from everything the other demo steps created."""

from portal.demo import DemoContext
from search import services


def load(ctx: DemoContext) -> None:
    count = services.database_rebuild()
    ctx.progress(f"search: {count} documents in the database index")
    if services.elasticsearch_enabled():
        try:
            indexed = services.elasticsearch_reindex()
            ctx.progress(f"search: {indexed} documents in Elasticsearch")
        except Exception as exc:  # the demo stays usable on the database engine
            ctx.progress(f"search: Elasticsearch not reachable ({exc.__class__.__name__})")

"""System check: an unreachable Elasticsearch is one clear warning line, not a traceback."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from search import engine


@register(Tags.database)
def elasticsearch_reachable(app_configs=None, **kwargs):
    if not settings.ELASTICSEARCH_URL:
        return []
    reachable, detail = engine.probe_elasticsearch(use_cache=False)
    if reachable:
        return []
    return [
        Warning(
            f"ELASTICSEARCH_URL is unreachable ({detail}); "
            "search falls back to the database engine.",
            id="ipnetz.W001",
        )
    ]

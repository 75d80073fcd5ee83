"""Which search engine answers, and whether it is healthy.

With ``ELASTICSEARCH_URL`` set, Elasticsearch answers while it is reachable; when it is not, search
degrades to the database engine with a logged warning, and ``/healthz`` says so.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger("ipnetz.search")

DATABASE = "database"
ELASTICSEARCH = "elasticsearch"

# A failed ping is remembered for a short while so that an outage costs one timeout, not one per
# request.
_PROBE_TTL_SECONDS = 15.0
_last_probe: dict[str, tuple[float, bool, str]] = {}


@dataclass(frozen=True)
class EngineState:
    configured: str
    active: str
    state: str  # ok | degraded
    detail: str = ""


def _client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        max_retries=1,
        retry_on_timeout=False,
    )


def probe_elasticsearch(url: str | None = None, *, use_cache: bool = True) -> tuple[bool, str]:
    """(reachable, detail) for the configured node; detail is the version or the error."""
    url = url or settings.ELASTICSEARCH_URL
    now = time.monotonic()
    cached = _last_probe.get(url)
    if use_cache and cached and now - cached[0] < _PROBE_TTL_SECONDS:
        return cached[1], cached[2]
    try:
        # Cluster health rather than GET /: the integ-test distribution has no root endpoint.
        health = _client().cluster.health()
        result = (True, f"Elasticsearch cluster {health['status']}")
    except Exception as exc:  # connection refused, timeout, TLS, wrong product …
        result = (False, f"{exc.__class__.__name__} at {url}")
    _last_probe[url] = (now, *result)
    return result


def mark_unreachable(detail: str) -> None:
    """Remember a failed query so that the next requests go to the database at once."""
    _last_probe[settings.ELASTICSEARCH_URL] = (time.monotonic(), False, detail)


def current() -> EngineState:
    """The engine that answers queries right now."""
    if not settings.ELASTICSEARCH_URL:
        return EngineState(configured=DATABASE, active=DATABASE, state="ok")
    reachable, detail = probe_elasticsearch()
    if reachable:
        return EngineState(
            configured=ELASTICSEARCH, active=ELASTICSEARCH, state="ok", detail=detail
        )
    logger.warning("Elasticsearch unreachable (%s); search answers from the database.", detail)
    return EngineState(configured=ELASTICSEARCH, active=DATABASE, state="degraded", detail=detail)


def health() -> dict:
    state = current()
    return {
        "state": state.state,
        "configured": state.configured,
        "engine": state.active,
        "detail": state.detail,
    }

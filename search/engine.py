"""Which search engine answers, whether it is healthy, and the circuit breaker before the node.

With ``ELASTICSEARCH_URL`` set, Elasticsearch answers while its breaker lets calls through. Every
call to the node goes through ``guarded``: after ``ELASTICSEARCH_BREAKER_FAILURES`` failures in
a row (refused, timed out, a 5xx) the breaker opens, and for ``ELASTICSEARCH_BREAKER_COOLDOWN``
seconds nothing is sent to the node — searches answer from the database engine at once, index
updates wait in ``PendingUpdate``, ``/healthz`` says ``degraded`` with ``"breaker": "open"``.
After the cool-down one call is let through (half-open): an answer closes the breaker, a failure
opens it for another cool-down.

The breaker lives in the process (one per node URL): several web processes or workers each trip
their own, so each pays the failures once per cool-down. That is a few time-outs per process, not
one per request, and needs no shared state that could itself fail.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings

logger = logging.getLogger("ipnetz.search")

DATABASE = "database"
ELASTICSEARCH = "elasticsearch"
CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"

# /healthz asks the node at most this often (per process) while the breaker is closed.
_PROBE_TTL_SECONDS = 15.0
_last_probe: dict[str, tuple[float, bool, str]] = {}

T = TypeVar("T")


class Unavailable(Exception):
    """Elasticsearch was not asked: its breaker is open."""


@dataclass
class CircuitBreaker:
    """Consecutive failures of one node; ``allow`` says whether to ask it now."""

    threshold: int
    cooldown: float
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    opened_at: float | None = None
    last_error: str = ""
    _trial: bool = False  # the one half-open call is under way
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return CLOSED
        return HALF_OPEN if self.clock() - self.opened_at >= self.cooldown else OPEN

    def allow(self) -> bool:
        with self._lock:
            state = self.state
            if state == CLOSED:
                return True
            if state == HALF_OPEN and not self._trial:
                self._trial = True
                return True
            return False

    def succeeded(self) -> None:
        with self._lock:
            if self.opened_at is not None:
                logger.warning("Elasticsearch answers again; its circuit breaker is closed.")
            self.failures, self.opened_at, self.last_error, self._trial = 0, None, "", False

    def failed(self, detail: str) -> None:
        with self._lock:
            self.failures += 1
            self.last_error = detail
            if self._trial or self.failures >= self.threshold:
                if self.opened_at is None:
                    logger.warning(
                        "Elasticsearch failed %s times (%s): not asked for %s s; "
                        "search answers from the database.",
                        self.failures,
                        detail,
                        self.cooldown,
                    )
                self.opened_at = self.clock()
            self._trial = False


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker() -> CircuitBreaker:
    """The breaker of the configured node (settings are read on each call)."""
    url = settings.ELASTICSEARCH_URL or ""
    with _breakers_lock:
        current_breaker = _breakers.get(url)
        if current_breaker is None:
            current_breaker = _breakers[url] = CircuitBreaker(threshold=1, cooldown=0)
    current_breaker.threshold = settings.ELASTICSEARCH_BREAKER_FAILURES
    current_breaker.cooldown = settings.ELASTICSEARCH_BREAKER_COOLDOWN
    return current_breaker


def reset() -> None:
    """Forget every breaker and probe result, as a fresh process starts (tests)."""
    with _breakers_lock:
        _breakers.clear()
    _last_probe.clear()


def node_failure(exc: BaseException) -> bool:
    """Whether ``exc`` says the node is unwell. A 4xx answer (a bad query, a missing index) is
    an answer: it does not count."""
    from elasticsearch import ApiError

    if isinstance(exc, ApiError):
        status = getattr(exc.meta, "status", 0) or 0
        return not (400 <= status < 500) or status == 429
    return True


def guarded(call: Callable[[], T]) -> T:
    """``call()`` (which talks to the node) through the breaker: raises ``Unavailable`` without
    asking the node while the breaker is open; records the outcome otherwise."""
    node = breaker()
    if not node.allow():
        raise Unavailable(node.last_error or "circuit breaker open")
    try:
        result = call()
    except Exception as exc:
        if node_failure(exc):
            node.failed(f"{exc.__class__.__name__} at {settings.ELASTICSEARCH_URL}")
        else:
            node.succeeded()
        raise
    node.succeeded()
    return result


@dataclass(frozen=True)
class EngineState:
    configured: str
    active: str
    state: str  # ok | degraded
    detail: str = ""


def probe_elasticsearch(url: str | None = None, *, use_cache: bool = True) -> tuple[bool, str]:
    """(reachable, detail) for the configured node; detail is the cluster state or the error.
    Goes through the breaker: an open breaker is an answer without asking the node."""
    url = url or settings.ELASTICSEARCH_URL
    now = time.monotonic()
    cached = _last_probe.get(url)
    if use_cache and cached and now - cached[0] < _PROBE_TTL_SECONDS:
        return cached[1], cached[2]
    from search.backends import elastic

    try:
        # Cluster health rather than GET /: the integ-test distribution has no root endpoint.
        health_answer = guarded(lambda: elastic.client().cluster.health())
        result = (True, f"Elasticsearch cluster {health_answer['status']}")
    except Unavailable as exc:
        return False, f"circuit breaker open ({exc})"
    except Exception as exc:  # connection refused, timeout, TLS, wrong product …
        result = (False, f"{exc.__class__.__name__} at {url}")
    _last_probe[url] = (now, *result)
    return result


def current() -> EngineState:
    """The engine that answers queries right now: Elasticsearch unless its breaker is open (a
    query that fails falls back to the database all the same, see ``search.contract``)."""
    if not settings.ELASTICSEARCH_URL:
        return EngineState(configured=DATABASE, active=DATABASE, state="ok")
    node = breaker()
    if node.state == OPEN:
        detail = f"circuit breaker open after {node.failures} failures ({node.last_error})"
        return EngineState(
            configured=ELASTICSEARCH, active=DATABASE, state="degraded", detail=detail
        )
    return EngineState(configured=ELASTICSEARCH, active=ELASTICSEARCH, state="ok")


def health() -> dict:
    """The ``search`` part of ``/healthz``. While the breaker is open the node is not asked."""
    state = current()
    if state.configured == DATABASE:
        return {"state": "ok", "configured": DATABASE, "engine": DATABASE, "detail": ""}
    if state.active == ELASTICSEARCH:
        reachable, detail = probe_elasticsearch()
        state = EngineState(
            configured=ELASTICSEARCH,
            active=ELASTICSEARCH if reachable else DATABASE,
            state="ok" if reachable else "degraded",
            detail=detail,
        )
    return {
        "state": state.state,
        "configured": state.configured,
        "engine": state.active,
        "detail": state.detail,
        "breaker": breaker().state,
    }

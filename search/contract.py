"""The search contract: ``search(query, *, user, filters, page) -> Results``.

Both engines answer the same question; which one did is in ``Results.engine``. Visibility comes
from ``portal.access.allowed_visibilities`` and is part of the engine query (never applied after
pagination). When Elasticsearch fails at query time the database engine answers and
``Results.degraded`` is set.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from portal.access import allowed_visibilities
from search import engine, registry, synonyms
from search.backends import FACETS, Filters, RawResults
from search.backends.database import DatabaseBackend
from search.text import clean_query, plain_excerpt, render_marked, strip_marks

logger = logging.getLogger("ipnetz.search")

PAGE_SIZE = 10
#: Deeper pages are refused (Elasticsearch's window, and nobody reads page 101).
MAX_PAGE = 100


class InvalidPage(ValueError):
    """The page number is not a positive integer up to MAX_PAGE."""


@dataclass
class Hit:
    key: str
    kind: str
    kind_label: str
    icon: str
    title: str
    title_html: SafeString
    url: str
    snippet: SafeString
    score: float


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Results:
    query: str
    hits: list[Hit]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""
    engine: str = engine.DATABASE
    degraded: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self) -> bool:
        return self.page < min(self.num_pages, MAX_PAGE)

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def parse_page(raw) -> int:
    """A page number from user input; raises InvalidPage for anything but 1 … MAX_PAGE."""
    if raw in (None, ""):
        return 1
    try:
        page = int(str(raw).strip())
    except (TypeError, ValueError) as exc:
        raise InvalidPage(str(raw)[:20]) from exc
    if not 1 <= page <= MAX_PAGE:
        raise InvalidPage(str(page))
    return page


def _backend_for_query():
    state = engine.current()
    if state.active == engine.ELASTICSEARCH:
        from search.backends.elastic import ElasticsearchBackend

        return ElasticsearchBackend(), state.configured != state.active
    return DatabaseBackend(), state.configured != state.active


def _run(method: str, *args, **kwargs):
    """Run ``method`` on the active engine; Elasticsearch errors fall back to the database (and
    count towards the engine's circuit breaker, which then skips the node for a while)."""
    backend, degraded = _backend_for_query()
    if backend.name == engine.ELASTICSEARCH:
        try:
            call = getattr(backend, method)
            return engine.guarded(lambda: call(*args, **kwargs)), backend.name, False
        except engine.Unavailable:
            pass  # the breaker is open: the database answers without asking the node
        except Exception as exc:  # timeout, connection, API error: the user never sees it
            logger.warning("Elasticsearch query failed (%s); the database answers.", exc)
        backend, degraded = DatabaseBackend(), True
    return getattr(backend, method)(*args, **kwargs), backend.name, degraded


def _facet_labels(raw: RawResults) -> dict[str, dict[str, str]]:
    from portal.vocabulary import Audience, Municipality, Topic

    labels: dict[str, dict[str, str]] = {
        "kind": {b.kind: str(b.label) for b in registry.builders()}
    }
    for facet, model in (
        ("topics", Topic),
        ("municipalities", Municipality),
        ("audiences", Audience),
    ):
        values = list(raw.facets.get(facet, {}))
        labels[facet] = (
            dict(model.objects.filter(slug__in=values).values_list("slug", "name"))
            if values
            else {}
        )
    return labels


def search(
    query: str, *, user, filters: Filters | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> Results:
    """Search everything ``user`` may see. ``query`` may be anything a user types."""
    filters = filters or Filters()
    query = clean_query(query)
    terms = synonyms.parse(query)
    if page > MAX_PAGE:
        raise InvalidPage(str(page))
    raw, engine_name, degraded = _run(
        "search",
        terms,
        visibilities=allowed_visibilities(user),
        filters=filters,
        offset=(page - 1) * page_size,
        limit=page_size,
    )
    hits = _hydrate(raw)
    labels = _facet_labels(raw)
    selected = dict(filters.items())
    facets = {}
    for facet in FACETS:
        values = [
            FacetValue(
                value=value,
                label=labels.get(facet, {}).get(value, value),
                count=count,
                selected=selected.get(facet) == value,
            )
            for value, count in raw.facets.get(facet, {}).items()
        ]
        facets[facet] = sorted(values, key=lambda v: (-v.count, v.label))
    return Results(
        query=query,
        hits=hits,
        total=raw.total,
        page=page,
        page_size=page_size,
        facets=facets,
        suggestion=raw.suggestion if raw.suggestion.lower() != query.lower() else "",
        engine=engine_name,
        degraded=degraded,
    )


def _hydrate(raw: RawResults) -> list[Hit]:
    from search.models import SearchDocument

    documents = {
        d.key: d
        for d in SearchDocument.objects.filter(key__in=[h.key for h in raw.hits]).only(
            "key", "kind", "title", "url", "summary"
        )
    }
    hits = []
    for raw_hit in raw.hits:
        document = documents.get(raw_hit.key)
        if document is None:  # removed between the engine's answer and now
            continue
        builder = registry.get(document.kind)
        snippet_source = raw_hit.snippet_marked
        if not snippet_source or strip_marks(snippet_source) == snippet_source:
            snippet_source = document.summary and plain_excerpt(document.summary) or snippet_source
        hits.append(
            Hit(
                key=document.key,
                kind=document.kind,
                kind_label=str(builder.label) if builder else document.kind,
                icon=builder.icon if builder else "search",
                title=document.title,
                title_html=render_marked(raw_hit.title_marked or document.title),
                url=document.url,
                snippet=render_marked(snippet_source or ""),
                score=raw_hit.score,
            )
        )
    return hits


def suggest(query: str, *, user, limit: int = 8) -> list[dict]:
    """Autocomplete: documents whose titles fit what was typed so far (visibility-filtered)."""
    query = clean_query(query)
    terms = synonyms.parse(query)
    if not terms or len(query) < 2:
        return []
    keys, _engine, _degraded = _run(
        "suggest", terms, visibilities=allowed_visibilities(user), limit=limit
    )
    from search.models import SearchDocument

    documents = {d.key: d for d in SearchDocument.objects.filter(key__in=keys)}
    result = []
    for key in keys:
        document = documents.get(key)
        if document is None:
            continue
        builder = registry.get(document.kind)
        result.append(
            {
                "title": document.title,
                "url": document.url,
                "kind": document.kind,
                "kind_label": str(builder.label) if builder else document.kind,
            }
        )
    return result

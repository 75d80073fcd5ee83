"""Fixtures of the search tests: the engine under test, and documents put straight into the
index (the contract is about engines; builders are tested on their own)."""

from __future__ import annotations

import uuid

import pytest

from search import engine as engine_module
from search import registry, services, synonyms
from search.registry import Builder, DocumentData


class FakeObject:
    """A stand-in source object for documents indexed directly in tests."""


def _no_objects():
    from search.models import SearchDocument

    return SearchDocument.objects.none()


FAKE_KINDS = {
    "organisation": ("Organisation", "building"),
    "contact": ("Contact person", "person"),
    "procedure": ("Procedure", "book"),
    "legal_change": ("Legal change", "book"),
    "event": ("Event", "calendar"),
}


@pytest.fixture(autouse=True)
def _fake_builders():
    """Labels and icons for the kinds the tests index directly (kept only for the test)."""
    added = []
    for kind, (label, icon) in FAKE_KINDS.items():
        if registry.get(kind) is None:
            registry.register(
                Builder(
                    kind=kind,
                    label=label,
                    icon=icon,
                    model=FakeObject,
                    build=lambda obj: None,
                    queryset=_no_objects,
                )
            )
            added.append(kind)
    synonyms.forget()
    yield
    for kind in added:
        registry._builders.pop(kind, None)
    synonyms.forget()


@pytest.fixture(params=["database", "elasticsearch"])
def search_engine(request, settings, db):
    """The engine under test: the database engine, or a real Elasticsearch node with a fresh
    index prefix for this test (skipped without a node, unless REQUIRE_ELASTICSEARCH=1)."""
    engine_module._last_probe.clear()
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield "database"
        return
    url = request.getfixturevalue("elasticsearch_url")
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_REFRESH_ON_WRITE = True
    yield "elasticsearch"
    from search.backends import elastic

    es = elastic.client()
    names = list(es.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*").keys())
    if names:  # the node refuses wildcard deletes (action.destructive_requires_name)
        es.indices.delete(index=",".join(names))
    engine_module._last_probe.clear()


@pytest.fixture
def index_documents(search_engine):
    """``index_documents({"kind:pk": DocumentData, …})`` → stored and searchable on the engine."""

    def index(documents: dict[str, DocumentData]) -> None:
        for key, data in documents.items():
            kind, pk = registry.split_key(key)
            services.document_store(kind=kind, pk=pk, data=data)
        if search_engine == "elasticsearch":
            services.elasticsearch_reindex()

    return index


def doc(title: str, **fields) -> DocumentData:
    fields.setdefault("url", "/" + title.lower().replace(" ", "-")[:40] + "/")
    return DocumentData(title=title, **fields)

"""``services.documents_store`` (the rebuild's batched path) leaves exactly the rows that one
``document_store`` call per document leaves: new, unchanged, changed and deleted documents,
their facet tags, and the full-text index."""

import pytest

from search import services
from search.backends import Filters
from search.backends.database import DatabaseBackend
from search.models import SearchDocument, SearchTag
from search.registry import DocumentData
from search.synonyms import parse

pytestmark = pytest.mark.django_db


def _data(title, **fields):
    return DocumentData(title=title, url=f"/{title.lower()}/", **fields)


BEFORE = {
    1: _data("Ausländerbehörde", topics=["aufenthalt"], municipalities=["herford"]),
    2: _data("Jobcenter", topics=["sgb2"], audiences=["partner-staff"]),
    3: _data("Sozialamt", visibility="partners"),
    4: _data("Jugendamt"),
}
AFTER = [
    (1, BEFORE[1]),  # unchanged
    (2, _data("Jobcenter Herford", topics=["sgb2", "arbeit"])),  # changed
    (3, None),  # gone
    (5, _data("Integrationskurs", topics=["sprache"], residence_statuses=["duldung"])),  # new
]


def _state():
    documents = {
        d.key: (d.title, d.checksum, d.visibility, tuple(d.topics))
        for d in SearchDocument.objects.all()
    }
    tags = sorted(SearchTag.objects.values_list("document__key", "facet", "value"))
    return documents, tags


def _found(word):
    raw = DatabaseBackend().search(
        parse(word), visibilities={"public", "partners"}, filters=Filters(), offset=0, limit=10
    )
    return sorted(hit.key for hit in raw.hits)


def _load_before():
    for pk, data in BEFORE.items():
        services.document_store(kind="organisation", pk=pk, data=data)


def test_batched_store_equals_one_store_per_document():
    _load_before()
    for pk, data in AFTER:
        services.document_store(kind="organisation", pk=pk, data=data)
    expected = _state()
    expected_hits = [_found(w) for w in ("Jobcenter", "Herford", "Sozialamt", "Integrationskurs")]
    SearchDocument.objects.all().delete()

    _load_before()
    kept = SearchDocument.objects.get(key="organisation:2").pk
    count = services.documents_store(kind="organisation", items=AFTER)
    assert count == 3
    assert SearchDocument.objects.get(key="organisation:2").pk == kept  # replaced in place
    assert _state() == expected
    hits = [_found(w) for w in ("Jobcenter", "Herford", "Sozialamt", "Integrationskurs")]
    assert hits == expected_hits
    assert hits[1] == ["organisation:2"] and hits[2] == []


def test_unchanged_documents_are_not_rewritten():
    _load_before()
    stamp = SearchDocument.objects.get(key="organisation:1").updated_at
    services.documents_store(kind="organisation", items=[(1, BEFORE[1])])
    assert SearchDocument.objects.get(key="organisation:1").updated_at == stamp

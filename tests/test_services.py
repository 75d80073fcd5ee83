"""The real services answer and provide what the portal relies on (run by dev.py test)."""

from __future__ import annotations

import pytest
from django.db import connection


def _tokens(client, **analyze) -> list[str]:
    return [token["token"] for token in client.indices.analyze(**analyze)["tokens"]]


@pytest.fixture(scope="module")
def es_client(elasticsearch_url):
    from elasticsearch import Elasticsearch

    client = Elasticsearch(elasticsearch_url, request_timeout=10)
    yield client
    client.close()


@pytest.mark.elasticsearch
def test_elasticsearch_node_answers_the_python_client(es_client):
    # The client checks the X-Elastic-Product header on every response; info() and ping() need
    # GET / and HEAD /, which dev.py's ipnetz-rest-root plugin adds to the integ-test zip.
    assert es_client.ping()
    assert es_client.info()["version"]["number"].startswith("8.19.")
    assert es_client.cluster.health()["status"] in {"green", "yellow"}


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    ("analyze", "expected"),
    [
        pytest.param(
            {"tokenizer": "standard", "filter": ["lowercase", "german_normalization"]},
            {"text": "Größe Straße", "tokens": ["grosse", "strasse"]},
            id="german_normalization",
        ),
        pytest.param(
            {
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    {"type": "synonym_graph", "synonyms": ["abh, ausländerbehörde"]},
                ],
            },
            {"text": "ABH", "tokens": ["ausländerbehörde", "abh"]},
            id="synonym_graph",
        ),
        pytest.param(
            {
                "tokenizer": "standard",
                "filter": ["lowercase", {"type": "edge_ngram", "min_gram": 2, "max_gram": 4}],
            },
            {"text": "Jobcenter", "tokens": ["jo", "job", "jobc"]},
            id="edge_ngram",
        ),
        pytest.param(
            {
                "tokenizer": "standard",
                "filter": ["lowercase", {"type": "stemmer", "language": "light_german"}],
            },
            {"text": "Behörden", "tokens": ["behord"]},
            id="light_german stemmer",
        ),
        pytest.param(
            {"analyzer": "german"},
            {"text": "die Ausländerbehörden", "tokens": ["auslanderbehord"]},
            id="german analyzer",
        ),
    ],
)
def test_elasticsearch_has_the_german_analysis_we_need(es_client, analyze, expected):
    tokens = _tokens(es_client, text=expected["text"], **analyze)
    assert sorted(tokens) == sorted(expected["tokens"])


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_has_the_german_text_search_configuration():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'german'")
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT to_tsvector('german', 'die Ausländerbehörden')::text")
        # German snowball: stop word dropped, plural stemmed, umlauts folded.
        assert cursor.fetchone()[0] == "'auslanderbehord':2"

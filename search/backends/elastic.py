"""The Elasticsearch engine (elasticsearch-dsl ``Document`` and ``Index`` definitions).

The index is reached through an alias; ``reindex`` builds a new index and swaps the alias so
that search never goes empty. German analysis (normalisation, light stemming, ASCII folding,
a synonym graph at search time) is used when the node has the ``analysis-common`` module; a
node without it (the integ-test distribution) gets the standard analyser, and the same
query-time synonym expansion and fuzziness still give typo tolerance and ABH → Ausländerbehörde.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

import urllib3
from django.conf import settings
from elastic_transport import Urllib3HttpNode
from elastic_transport.client_utils import DEFAULT
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import Date, Document, Index, InnerDoc, Keyword, Text  # noqa: F401

from search.backends import FACETS, Filters, RawHit, RawResults
from search.synonyms import Term, groups
from search.text import MARK_END, MARK_START

logger = logging.getLogger("ipnetz.search")

_clients: dict[tuple[str, float, float], Elasticsearch] = {}


class _Node(Urllib3HttpNode):
    """elastic-transport's node with separate connect and read time-outs (it only knows one
    ``request_timeout``, used for both). ``connect_timeout`` is set per client class."""

    connect_timeout: float = 2.0

    def perform_request(self, method, target, body=None, headers=None, request_timeout=DEFAULT):
        if isinstance(request_timeout, int | float):
            connect = min(self.connect_timeout, request_timeout)
            request_timeout = urllib3.Timeout(
                connect=connect, read=request_timeout, total=connect + request_timeout
            )
        return super().perform_request(
            method, target, body=body, headers=headers, request_timeout=request_timeout
        )


def client(*, timeout: float | None = None) -> Elasticsearch:
    """A client for ``ELASTICSEARCH_URL``: connect time-out ``ELASTICSEARCH_CONNECT_TIMEOUT``
    (never longer than the read time-out), read time-out ``timeout`` (default
    ``ELASTICSEARCH_TIMEOUT``); one retry on a refused connection, none after a time-out — a
    node that did not answer in time will not answer the retry either."""
    timeout = timeout or settings.ELASTICSEARCH_TIMEOUT
    url = settings.ELASTICSEARCH_URL
    connect = settings.ELASTICSEARCH_CONNECT_TIMEOUT
    key = (url, timeout, connect)
    if key not in _clients:
        node_class = type("Node", (_Node,), {"connect_timeout": connect})
        _clients[key] = Elasticsearch(
            url,
            request_timeout=timeout,
            max_retries=1,
            retry_on_timeout=False,
            node_class=node_class,
        )
    return _clients[key]


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-documents"


def _text(**extra) -> Text:
    return Text(
        analyzer="ipnetz_de",
        search_analyzer="ipnetz_de_search",
        fields={"plain": Text(analyzer="ipnetz_plain")},
        **extra,
    )


class IndexedDocument(Document):
    """The shape of one search document in Elasticsearch (mirrors ``search.SearchDocument``)."""

    key = Keyword()
    kind = Keyword()
    title = Text(
        analyzer="ipnetz_de",
        search_analyzer="ipnetz_de_search",
        index_prefixes={"min_chars": 1, "max_chars": 10},
        fields={"plain": Text(analyzer="ipnetz_plain"), "raw": Keyword()},
    )
    summary = _text()
    text = _text()
    url = Keyword(index=False)
    topics = Keyword(multi=True)
    audiences = Keyword(multi=True)
    residence_statuses = Keyword(multi=True)
    municipalities = Keyword(multi=True)
    date = Date()
    visibility = Keyword()
    language = Keyword()
    checksum = Keyword()


def has_german_analysis(es: Elasticsearch) -> bool:
    """True when the node has the analysis-common module (stemmers, synonym_graph …)."""
    try:
        es.indices.analyze(tokenizer="standard", filter=["german_normalization"], text="ä")
    except Exception:
        return False
    return True


def synonym_rules() -> list[str]:
    rules = []
    for group in groups():
        cleaned = [" ".join(t.replace(",", " ").replace("=>", " ").split()) for t in group]
        cleaned = [t.lower() for t in cleaned if t]
        if len(cleaned) >= 2:
            rules.append(", ".join(cleaned))
    return rules


def analysis(german: bool) -> dict:
    """Analysers for a node with (``german``) or without the analysis-common module."""
    if not german:
        plain = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}
        return {"analyzer": {"ipnetz_de": plain, "ipnetz_de_search": plain, "ipnetz_plain": plain}}
    return {
        "filter": {
            "ipnetz_stem": {"type": "stemmer", "language": "light_german"},
            "ipnetz_synonyms": {
                "type": "synonym_graph",
                "synonyms": synonym_rules(),
                "lenient": True,
            },
        },
        "analyzer": {
            "ipnetz_de": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "german_normalization", "asciifolding", "ipnetz_stem"],
            },
            "ipnetz_de_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "ipnetz_synonyms",
                    "german_normalization",
                    "asciifolding",
                    "ipnetz_stem",
                ],
            },
            "ipnetz_plain": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "german_normalization", "asciifolding"],
            },
        },
    }


def create_index(es: Elasticsearch, name: str) -> None:
    index = Index(name, using=es)
    index.settings(
        number_of_shards=1,
        number_of_replicas=0,
        refresh_interval="1s",
        analysis=analysis(has_german_analysis(es)),
    )
    index.document(IndexedDocument)
    index.create()


def ensure_index(es: Elasticsearch) -> None:
    """Create the first index behind the alias when there is none yet (asked with ``es``'s
    time-out; the creation itself, rare and slower, with a long one)."""
    alias = alias_name()
    if es.indices.exists_alias(name=alias):
        return
    name = f"{alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
    slow = client(timeout=30)
    create_index(slow, name)
    slow.indices.put_alias(index=name, name=alias)


def _refresh() -> bool:
    return bool(getattr(settings, "SEARCH_REFRESH_ON_WRITE", False))


def put(source: dict, *, timeout: float | None = None) -> None:
    """Index one document; ``timeout`` is the read time-out (default ``ELASTICSEARCH_TIMEOUT``)."""
    es = client(timeout=timeout)
    ensure_index(es)
    es.index(index=alias_name(), id=source["key"], document=source, refresh=_refresh())


def remove(key: str, *, timeout: float | None = None) -> None:
    """Delete one document; ``timeout`` as for ``put``."""
    es = client(timeout=timeout)
    ensure_index(es)
    es.options(ignore_status=404).delete(index=alias_name(), id=key, refresh=_refresh())


def _actions(index: str, sources: Iterable[dict]):
    for source in sources:
        yield {"_index": index, "_id": source["key"], "_source": source}


def reindex(sources: Iterable[dict], *, progress: Callable[[int], None] | None = None) -> int:
    """Build a new index from ``sources`` and swap the alias onto it; old indexes are dropped."""
    es = client(timeout=60)
    alias = alias_name()
    name = f"{alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
    create_index(es, name)
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    count = 0
    for ok, _item in helpers.streaming_bulk(
        es, _actions(name, sources), chunk_size=1000, raise_on_error=True
    ):
        count += ok
        if progress and count % 1000 == 0:
            progress(count)
    es.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    es.indices.refresh(index=name)
    old = (
        list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    )
    actions = [{"remove": {"index": o, "alias": alias}} for o in old]
    actions.append({"add": {"index": name, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    for o in old:
        es.options(ignore_status=404).indices.delete(index=o)
    if progress:
        progress(count)
    return count


def checksums() -> dict[str, str]:
    """{key: checksum} of everything in the index (for reconcile)."""
    es = client(timeout=30)
    if not es.indices.exists_alias(name=alias_name()):
        return {}
    result = {}
    for hit in helpers.scan(
        es, index=alias_name(), query={"query": {"match_all": {}}}, _source=["checksum"]
    ):
        result[hit["_id"]] = hit["_source"].get("checksum", "")
    return result


def bulk_remove(keys: Iterable[str]) -> None:
    es = client(timeout=30)
    actions = ({"_op_type": "delete", "_index": alias_name(), "_id": k} for k in keys)
    helpers.bulk(es, actions, raise_on_error=False, refresh=_refresh())


def bulk_put(sources: Iterable[dict]) -> None:
    es = client(timeout=30)
    ensure_index(es)
    helpers.bulk(es, _actions(alias_name(), sources), refresh=_refresh())


def counts_by_kind() -> dict[str, int]:
    es = client()
    if not es.indices.exists_alias(name=alias_name()):
        return {}
    response = es.search(
        index=alias_name(), size=0, aggs={"kinds": {"terms": {"field": "kind", "size": 100}}}
    )
    return {b["key"]: b["doc_count"] for b in response["aggregations"]["kinds"]["buckets"]}


def refresh() -> None:
    client().indices.refresh(index=alias_name())


# -- queries ----------------------------------------------------------------------------------
WEIGHTED = ["title^4", "summary^2", "text"]
PLAIN = ["title.plain^2", "summary.plain", "text.plain"]


def _exact_clauses(term: Term) -> list[dict]:
    """The typed words and their synonyms, without typo tolerance."""
    should = []
    for alt in term.alternatives:
        phrase = " ".join(alt)
        should.append(
            {"multi_match": {"query": phrase, "fields": WEIGHTED, "type": "phrase"}}
            if len(alt) > 1
            else {"multi_match": {"query": phrase, "fields": WEIGHTED}}
        )
    return should


def _term_query(term: Term) -> dict:
    should = _exact_clauses(term)
    typed = " ".join(term.typed)
    if len(term.typed) == 1 and len(typed) >= 4:
        # Typo tolerance on the unstemmed field; lower weight than an exact match.
        should.append(
            {
                "multi_match": {
                    "query": typed,
                    "fields": PLAIN,
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "boost": 0.5,
                }
            }
        )
        should.append({"prefix": {"title": {"value": typed.lower(), "boost": 0.3}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _filters(visibilities, filters: Filters) -> list[dict]:
    result = [{"terms": {"visibility": sorted(visibilities)}}]
    for facet, value in filters.items():
        result.append({"term": {facet: value}})
    return result


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, terms: list[Term], *, visibilities, filters: Filters, offset: int, limit: int):
        if not terms:
            return RawResults(hits=[], total=0)
        typed = " ".join(" ".join(t.typed) for t in terms)
        body = {
            "query": {
                "bool": {
                    "must": [_term_query(t) for t in terms],
                    "filter": _filters(visibilities, filters),
                }
            },
            "sort": [{"_score": "desc"}, {"key": "asc"}],
            "from_": offset,
            "size": limit,
            "track_total_hits": True,
            "_source": ["key"],
            "highlight": {
                "pre_tags": [MARK_START],
                "post_tags": [MARK_END],
                "require_field_match": False,
                # Highlight what was typed and its synonyms; typo matches only in the short
                # title. Fuzzy clauses over the long text fields made the highlighter the
                # dearest part of a query: two thirds of its time at 50,000 documents
                # (docs/benchmarks.md). Which documents match and their order are unchanged.
                "highlight_query": {
                    "bool": {"should": [c for t in terms for c in _exact_clauses(t)]}
                },
                "fields": {
                    "title": {"number_of_fragments": 0},
                    "title.plain": {
                        "number_of_fragments": 0,
                        "highlight_query": {"bool": {"should": [_term_query(t) for t in terms]}},
                    },
                    "summary": {"fragment_size": 200, "number_of_fragments": 1},
                    "text": {"fragment_size": 200, "number_of_fragments": 1},
                    "text.plain": {"fragment_size": 200, "number_of_fragments": 1},
                },
            },
            "aggs": {f: {"terms": {"field": f, "size": 100}} for f in FACETS},
        }
        response = client().search(index=alias_name(), **body)
        hits = []
        for hit in response["hits"]["hits"]:
            hl = hit.get("highlight", {})
            title = (hl.get("title") or hl.get("title.plain") or [""])[0]
            snippet = (hl.get("text") or hl.get("text.plain") or hl.get("summary") or [""])[0]
            score = hit.get("_score")
            if score is None:
                score = hit.get("sort", [0])[0]
            hits.append(
                RawHit(
                    key=hit["_id"],
                    score=float(score or 0),
                    title_marked=title,
                    snippet_marked=snippet,
                )
            )
        facets = {
            f: {b["key"]: b["doc_count"] for b in response["aggregations"][f]["buckets"]}
            for f in FACETS
        }
        total = response["hits"]["total"]["value"]
        suggestion = ""
        if not total:
            # "Did you mean" is only shown without hits, so it is asked for only then (the
            # term suggester on every query cost about a quarter of a query's time).
            spelling = client().search(
                index=alias_name(),
                size=0,
                suggest={
                    "text": typed,
                    "spelling": {"term": {"field": "text.plain", "suggest_mode": "missing"}},
                },
            )
            words, changed = [], False
            for entry in spelling.get("suggest", {}).get("spelling", []):
                if entry["options"]:
                    words.append(entry["options"][0]["text"])
                    changed = True
                else:
                    words.append(entry["text"])
            suggestion = " ".join(words) if changed else ""
        return RawResults(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def suggest(self, terms: list[Term], *, visibilities, limit: int) -> list[str]:
        if not terms:
            return []
        typed = " ".join(" ".join(t.typed) for t in terms)
        should = [{"match_bool_prefix": {"title": {"query": typed, "operator": "and"}}}]
        for term in terms:
            for alt in term.alternatives[1:]:
                should.append({"match_phrase": {"title": {"query": " ".join(alt), "boost": 2}}})
        body = {
            "query": {
                "bool": {
                    "should": should,
                    "minimum_should_match": 1,
                    "filter": _filters(visibilities, Filters()),
                }
            },
            "size": limit,
            "_source": ["key"],
            "sort": [{"_score": "desc"}, {"key": "asc"}],
        }
        response = client().search(index=alias_name(), **body)
        return [hit["_id"] for hit in response["hits"]["hits"]]

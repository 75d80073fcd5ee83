"""Index workflows: building documents, the pending-updates outbox, reindex and reconcile.

The database table ``SearchDocument`` is always updated first; Elasticsearch follows. An update
that could not reach Elasticsearch stays in ``PendingUpdate`` and is retried until it succeeds.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction

from search import registry
from search.backends import TAG_FACETS
from search.models import PendingUpdate, SearchDocument, SearchTag
from search.registry import DocumentData  # noqa: F401 - re-exported for callers

logger = logging.getLogger("ipnetz.search")


def elasticsearch_enabled() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


_SLASHED = re.compile(r"\b\w+(?:/\w+)+\b")


def _slash_words(*texts: str) -> str:
    """German job titles are written "Tischler/in", "Helfer/-in". PostgreSQL's text parser reads
    such a word as one path-like token, so a search for "Tischler" would miss it: the document's
    text also carries every slashed word split at its slashes ("Tischler in")."""
    words = {match.replace("/", " ") for text in texts for match in _SLASHED.findall(text or "")}
    return " ".join(sorted(words))


def _document_from(kind: str, pk, data: DocumentData) -> SearchDocument:
    text = data.text or ""
    split = _slash_words(data.title, data.summary, text)
    if split:
        text = f"{text} · {split}" if text else split
    document = SearchDocument(
        key=f"{kind}:{pk}",
        kind=kind,
        object_pk=str(pk),
        title=(data.title or "")[:300],
        summary=data.summary or "",
        text=text,
        url=data.url[:500],
        topics=sorted({str(v) for v in data.topics}),
        audiences=sorted({str(v) for v in data.audiences}),
        residence_statuses=sorted({str(v) for v in data.residence_statuses}),
        municipalities=sorted({str(v) for v in data.municipalities}),
        date=data.date,
        visibility=str(data.visibility),
        language=data.language,
    )
    document.checksum = document.compute_checksum()
    return document


def _tags(document: SearchDocument) -> list[SearchTag]:
    return [
        SearchTag(document=document, facet=facet, value=value[:80])
        for facet in TAG_FACETS
        for value in getattr(document, facet)
    ]


@transaction.atomic
def document_store(*, kind: str, pk, data: DocumentData | None) -> SearchDocument | None:
    """Write (or, for ``data=None``, delete) the database copy of one document."""
    key = f"{kind}:{pk}"
    if data is None:
        SearchDocument.objects.filter(key=key).delete()
        return None
    fresh = _document_from(kind, pk, data)
    existing = SearchDocument.objects.filter(key=key).first()
    if existing and existing.checksum == fresh.checksum:
        return existing
    if existing:
        fresh.pk = existing.pk
        fresh.save()
        SearchTag.objects.filter(document=fresh).delete()
    else:
        fresh.save()
    SearchTag.objects.bulk_create(_tags(fresh))
    return fresh


@transaction.atomic
def documents_store(*, kind: str, items: Iterable[tuple[object, DocumentData | None]]) -> int:
    """``document_store`` for many objects of one ``kind`` at once: ``items`` are
    ``(pk, data)`` pairs (``data=None`` deletes). Leaves the same rows as one
    ``document_store`` call per item, with one read and a few bulk writes instead of four
    statements per document (the rebuild's path: about four times the rate at 50,000
    documents, see docs/benchmarks.md). Returns how many documents exist afterwards."""
    fresh: dict[str, SearchDocument] = {}
    gone: list[str] = []
    for pk, data in items:
        if data is None:
            gone.append(f"{kind}:{pk}")
        else:
            document = _document_from(kind, pk, data)
            fresh[document.key] = document
    if gone:
        SearchDocument.objects.filter(key__in=gone).delete()
    existing = {
        key: (pk, checksum)
        for key, pk, checksum in SearchDocument.objects.filter(key__in=list(fresh)).values_list(
            "key", "pk", "checksum"
        )
    }
    changed = [d for key, d in fresh.items() if key in existing and existing[key][1] != d.checksum]
    added = [d for key, d in fresh.items() if key not in existing]
    if changed:
        # Replaced under the same primary key, as document_store's update does.
        for document in changed:
            document.pk = existing[document.key][0]
        ids = [d.pk for d in changed]
        SearchTag.objects.filter(document_id__in=ids).delete()
        SearchDocument.objects.filter(pk__in=ids).delete()
    SearchDocument.objects.bulk_create(changed + added, batch_size=500)
    SearchTag.objects.bulk_create(
        [tag for document in changed + added for tag in _tags(document)], batch_size=2000
    )
    return len(fresh)


def document_build(*, kind: str, pk) -> DocumentData | None:
    """Ask the builder of ``kind`` for the current state of object ``pk`` (None: not findable)."""
    builder = registry.get(kind)
    if builder is None:
        return None
    obj = builder.queryset().filter(pk=pk).first()
    if obj is None:
        return None
    return builder.build(obj)


def _push(key: str, document: SearchDocument | None, *, timeout: float | None = None) -> None:
    """Bring Elasticsearch's copy of ``key`` in line with ``document`` (None: delete), through
    the engine's circuit breaker (``engine.Unavailable`` while it is open)."""
    from search import engine
    from search.backends import elastic

    if document is None:
        engine.guarded(lambda: elastic.remove(key, timeout=timeout))
    else:
        source = document.as_source()
        engine.guarded(lambda: elastic.put(source, timeout=timeout))


def document_sync(*, kind: str, pk) -> SearchDocument | None:
    """Rebuild one document in the database and push it to Elasticsearch (raises on failure)."""
    document = document_store(kind=kind, pk=pk, data=document_build(kind=kind, pk=pk))
    if elasticsearch_enabled():
        _push(f"{kind}:{pk}", document)
    return document


def update_queue(*, kind: str, pk) -> None:
    """Note that ``kind:pk`` changed (runs in the editor's transaction; cheap, never raises
    for an Elasticsearch outage because it does not talk to Elasticsearch)."""
    PendingUpdate.objects.update_or_create(
        key=f"{kind}:{pk}", defaults={"kind": kind, "object_pk": str(pk)}
    )


def updates_queue(pairs: Iterable[tuple[str, object]]) -> None:
    """``update_queue`` for many ``(kind, pk)`` pairs in a few statements (bulk writes)."""
    rows = [PendingUpdate(key=f"{kind}:{pk}", kind=kind, object_pk=str(pk)) for kind, pk in pairs]
    for start in range(0, len(rows), 500):
        PendingUpdate.objects.bulk_create(
            rows[start : start + 500],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["kind", "object_pk", "updated_at"],
        )


def pending_process(*, limit: int = 1000, timeout: float | None = None) -> tuple[int, int]:
    """Apply pending updates: (done, still failing). Failed rows stay for the next run.

    The database copy of every document is brought up to date. Elasticsearch is asked until it
    fails once: the rest of the run then waits for the next one instead of paying a time-out
    each (while the engine's breaker is open, it is not asked at all). ``timeout`` is the read
    time-out of each update (default ``ELASTICSEARCH_TIMEOUT``)."""
    done = failed = postponed = 0
    node_error = ""

    def keep(pending: PendingUpdate, error: str) -> None:
        PendingUpdate.objects.filter(pk=pending.pk).update(
            attempts=pending.attempts + 1, last_error=error[:300]
        )

    for pending in list(PendingUpdate.objects.all()[:limit]):
        try:
            document = document_store(
                kind=pending.kind,
                pk=pending.object_pk,
                data=document_build(kind=pending.kind, pk=pending.object_pk),
            )
        except Exception as exc:  # a builder bug: keep it, log it, go on with the others
            failed += 1
            keep(pending, f"{exc.__class__.__name__}: {exc}")
            logger.exception("Search update %s failed; will retry.", pending.key)
            continue
        if elasticsearch_enabled():
            if node_error:
                failed += 1
                postponed += 1
                keep(pending, node_error)
                continue
            try:
                _push(pending.key, document, timeout=timeout)
            except Exception as exc:  # Elasticsearch away: keep it and retry later
                failed += 1
                error = f"{exc.__class__.__name__}: {exc}"
                node_error = f"not sent in this run after {error}"
                keep(pending, error)
                logger.warning("Search update %s failed (%s); will retry.", pending.key, error)
                continue
        # Delete only the row we processed: a newer change re-creates/updates it meanwhile.
        PendingUpdate.objects.filter(pk=pending.pk, updated_at=pending.updated_at).delete()
        done += 1
    if postponed:
        logger.warning("%s more search updates wait for the next run.", postponed)
    return done, failed


def pending_settle(*, before) -> int:
    """Drop pending updates noted before ``before``: a full rebuild that started later has
    taken them in. Newer ones stay, since the rebuild may have read the object too early."""
    deleted, _ = PendingUpdate.objects.filter(updated_at__lt=before).delete()
    return deleted


def database_rebuild(*, progress: Callable[[str], None] | None = None) -> int:
    """Rebuild the ``SearchDocument`` table from every builder. Deletions first: documents of
    objects that no longer exist go before anything is (re)built."""
    wanted: set[str] = set()
    for builder in registry.builders():
        wanted.update(builder.key(pk) for pk in builder.queryset().values_list("pk", flat=True))
    stale = SearchDocument.objects.exclude(key__in=wanted) if len(wanted) < 5000 else None
    if stale is not None:
        removed = stale.delete()[0]
    else:
        existing = set(SearchDocument.objects.values_list("key", flat=True))
        removed = SearchDocument.objects.filter(key__in=list(existing - wanted)).delete()[0]
    if progress and removed:
        progress(f"removed {removed} stale rows")
    count = 0
    for builder in registry.builders():
        batch: list[tuple[object, DocumentData | None]] = []
        for obj in builder.queryset().iterator(chunk_size=500):
            batch.append((obj.pk, builder.build(obj)))
            if len(batch) == 500:
                count += documents_store(kind=builder.kind, items=batch)
                batch = []
        if batch:
            count += documents_store(kind=builder.kind, items=batch)
        if progress:
            progress(f"{builder.kind}: done")
    return count


def _sources() -> Iterable[dict]:
    for document in SearchDocument.objects.order_by("pk").iterator(chunk_size=2000):
        yield document.as_source()


def elasticsearch_reindex(*, progress: Callable[[int], None] | None = None) -> int:
    """A new Elasticsearch index from the database copy, swapped in through the alias."""
    from search.backends import elastic

    count = elastic.reindex(_sources(), progress=progress)
    PendingUpdate.objects.all().delete()  # the new index already holds their current state
    return count


def elasticsearch_reconcile() -> dict[str, int]:
    """Make the index equal the database: delete what the database no longer has (first —
    a stale document can leak what is no longer public), then add or fix the rest."""
    from search.backends import elastic

    indexed = elastic.checksums()
    current = dict(SearchDocument.objects.values_list("key", "checksum"))
    stale = [key for key in indexed if key not in current]
    if stale:
        elastic.bulk_remove(stale)
    changed = [key for key, checksum in current.items() if indexed.get(key) != checksum]
    for start in range(0, len(changed), 1000):
        chunk = SearchDocument.objects.filter(key__in=changed[start : start + 1000])
        elastic.bulk_put(d.as_source() for d in chunk)
    return {"deleted": len(stale), "updated": len(changed)}


def reconcile() -> dict[str, int]:
    """After an outage: apply pending updates, then compare the index with the database."""
    done, failed = pending_process()
    result = {"pending_done": done, "pending_failed": failed}
    if elasticsearch_enabled():
        result.update(elasticsearch_reconcile())
    return result


def status_database_only() -> list[tuple[str, int, None]]:
    from django.db.models import Count

    database = dict(
        SearchDocument.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    kinds = sorted(set(database) | {b.kind for b in registry.builders()})
    return [(kind, database.get(kind, 0), None) for kind in kinds]


def status() -> list[tuple[str, int, int | None]]:
    """(kind, documents in the database, documents in Elasticsearch or None) per kind."""
    from django.db.models import Count

    database = dict(
        SearchDocument.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    indexed: dict[str, int] | None = None
    if elasticsearch_enabled():
        from search.backends import elastic

        indexed = elastic.counts_by_kind()
    kinds = sorted(set(database) | set(indexed or {}) | {b.kind for b in registry.builders()})
    return [
        (kind, database.get(kind, 0), None if indexed is None else indexed.get(kind, 0))
        for kind in kinds
    ]


def query_record(*, query: str, total: int) -> None:
    """Count one search of ``query`` for today: normalised text only, what looks personal
    removed (``text.redact_query``), no user, IP or session. The views call it for anonymous
    visitors only; ``query_retention_delete`` forgets the counts after 30 days."""
    from django.db.models import F
    from django.utils import timezone

    from search.models import QueryStat
    from search.text import fold, redact_query

    normalised = " ".join(fold(redact_query(query)).split())[:100]
    if not normalised:
        return
    stat, _created = QueryStat.objects.get_or_create(day=timezone.localdate(), query=normalised)
    QueryStat.objects.filter(pk=stat.pk).update(
        searches=F("searches") + 1, zero_results=F("zero_results") + (0 if total else 1)
    )


def query_retention_delete() -> int:
    """Delete the query counts older than ``SEARCH_QUERY_RETENTION_DAYS`` (at most 30)."""
    import datetime

    from django.utils import timezone

    from search.models import QueryStat

    days = min(getattr(settings, "SEARCH_QUERY_RETENTION_DAYS", 30), 30)
    cutoff = timezone.localdate() - datetime.timedelta(days=days - 1)
    deleted, _ = QueryStat.objects.filter(day__lt=cutoff).delete()
    return deleted

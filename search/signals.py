"""Index updates on publish, unpublish, save and delete.

Each handler only records a ``PendingUpdate`` in the editor's transaction and enqueues
``process_pending_updates`` on commit, so a slow or unreachable Elasticsearch never blocks or
fails a save. Connected for every model a document builder declares (``search.registry``).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from search import registry, services

logger = logging.getLogger("ipnetz.search")
_connected: set[tuple[type, str]] = set()


def _enqueue() -> None:
    from search.tasks import process_pending_updates

    try:
        process_pending_updates.enqueue()
    except Exception:  # the pending rows stay; search_reconcile or the next edit drains them
        logger.exception("Could not enqueue the search update task.")


class _Batch:
    """The index updates of one transaction: its on-commit callbacks start one task run."""

    ran = False


class _EnqueueOnCommit:
    """An on-commit callback that starts the task run of its batch unless one already did."""

    def __init__(self, batch: _Batch) -> None:
        self.batch = batch

    def __call__(self) -> None:
        if not self.batch.ran:
            self.batch.ran = True
            _enqueue()


def _enqueue_on_commit() -> None:
    """One task run per commit, not one per signal: a publish sends several (the revision, the
    page, the publish itself), each queued a task run and, with immediate tasks, paid for an
    unreachable Elasticsearch again. Callbacks registered while another of the transaction is
    waiting join its batch; the first to run starts the task, the others do nothing.
    (``run_on_commit`` is Django's list of the waiting callbacks.)"""
    connection = transaction.get_connection()
    batch = None
    if connection.in_atomic_block:
        batch = next(
            (
                func.batch
                for _savepoints, func, _robust in connection.run_on_commit
                if isinstance(func, _EnqueueOnCommit) and not func.batch.ran
            ),
            None,
        )
    transaction.on_commit(_EnqueueOnCommit(batch or _Batch()))


def _queue(pairs) -> None:
    for kind, pk in pairs:
        services.update_queue(kind=kind, pk=pk)
    _enqueue_on_commit()


def _handler(kind: str, targets):
    def handle(sender, instance, **kwargs):
        """Queue the index update for ``instance`` and whatever its documents depend on."""
        if kwargs.get("raw"):  # fixtures loading
            return
        try:
            _queue(targets(instance))
        except Exception:  # never fail the editor's save because of search
            logger.exception("Could not queue a search update for %s.", kind)

    return handle


def _watched():
    """``(model, kind, targets)`` for every model whose changes affect some builder's documents;
    ``targets(instance)`` are the ``(kind, pk)`` pairs to update."""
    for builder in registry.builders():

        def own(instance, builder=builder):
            pairs = [(builder.kind, instance.pk)]
            if builder.dependents:
                pairs.extend(builder.dependents(instance))
            return pairs

        yield builder.model, builder.kind, own
        for model, targets in builder.related.items():
            yield model, builder.kind, targets


def queue_saved(instances) -> int:
    """Queue the index updates of records written in bulk (``bulk_create`` and ``bulk_update``
    send no signals): the pairs the save handlers would queue, written in a few statements, and
    one task each — the portal's index and Wagtail's own (the admin's search) — after the
    commit, instead of one per record. Returns the number of (kind, pk) pairs queued."""
    watched = list(_watched())
    pairs: dict[tuple[str, str], None] = {}
    by_model: dict[type, list] = {}
    for instance in instances:
        by_model.setdefault(type(instance), []).append(instance.pk)
        for model, _kind, targets in watched:
            if type(instance) is model:
                pairs.update(dict.fromkeys((kind, str(pk)) for kind, pk in targets(instance)))
    services.updates_queue(pairs)
    if pairs:
        transaction.on_commit(_enqueue)
    transaction.on_commit(lambda: _enqueue_wagtail_index(by_model))
    return len(pairs)


def _enqueue_wagtail_index(by_model: dict) -> None:
    from search.tasks import wagtail_index_update

    items = [[model._meta.label, pks] for model, pks in by_model.items()]
    try:
        if items:
            wagtail_index_update.enqueue(items=items)
    except Exception:  # the admin's search misses them until `manage.py update_index`
        logger.exception("Could not enqueue the update of Wagtail's search index.")


def connect() -> None:
    """Connect the handlers for every registered builder (idempotent)."""
    for model, kind, targets in _watched():
        if (model, kind) in _connected:
            continue
        _connected.add((model, kind))
        handler = _handler(kind, targets)
        uid = f"search-{kind}-{model._meta.label}"
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=uid + "-save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=uid + "-delete")
        page_published.connect(handler, sender=model, weak=False, dispatch_uid=uid + "-pub")
        page_unpublished.connect(handler, sender=model, weak=False, dispatch_uid=uid + "-unpub")


def _synonyms_changed(sender, **kwargs):
    """Synonym edits apply to the next query (the cached list is dropped)."""
    from search import synonyms

    synonyms.forget()


def connect_synonyms() -> None:
    """Forget the cached synonym groups when the snippet or a registered source changes."""
    from search.models import SynonymGroup

    for model in [SynonymGroup, *registry.synonym_sources()]:
        uid = f"search-synonyms-{model._meta.label}"
        post_save.connect(_synonyms_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_synonyms_changed, sender=model, dispatch_uid=uid + "-delete")

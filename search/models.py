"""The search index's own tables.

``SearchDocument`` is the flattened, searchable copy of every indexable object (organisation,
contact, page, event, glossary term …). It is the database engine's source (SQLite FTS5 /
PostgreSQL full text) and the source every Elasticsearch reindex reads from, so both engines
always agree on what exists and who may see it.
"""

from __future__ import annotations

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.access import Visibility


class SearchDocument(models.Model):
    """One searchable document, built by an app's document builder (``<app>/search_documents``)."""

    key = models.CharField(_("key"), max_length=120, unique=True)  # "<kind>:<pk>"
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    object_pk = models.CharField(_("object key"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("URL"), max_length=500)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    residence_statuses = models.JSONField(_("residence statuses"), default=list, blank=True)
    municipalities = models.JSONField(_("municipalities"), default=list, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    language = models.CharField(_("language"), max_length=8, default="de")
    checksum = models.CharField(max_length=40, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["visibility", "kind"])]

    def __str__(self) -> str:
        return self.key

    def as_source(self) -> dict:
        """The document as a plain dict — the body sent to Elasticsearch."""
        return {
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "text": self.text,
            "url": self.url,
            "topics": list(self.topics),
            "audiences": list(self.audiences),
            "residence_statuses": list(self.residence_statuses),
            "municipalities": list(self.municipalities),
            "date": self.date.isoformat() if self.date else None,
            "visibility": self.visibility,
            "language": self.language,
            "checksum": self.checksum,
        }

    def compute_checksum(self) -> str:
        body = self.as_source()
        body.pop("checksum")
        raw = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha1(raw, usedforsecurity=False).hexdigest()


class SearchTag(models.Model):
    """One facet value of a document (topic, audience, municipality, residence status).

    Kept as rows so that the database engine filters and counts facets with plain SQL joins on
    SQLite and PostgreSQL alike.
    """

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tags")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"])]
        constraints = [
            models.UniqueConstraint(fields=["document", "facet", "value"], name="search_tag_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class PendingUpdate(models.Model):
    """An index update that has not reached every engine yet (the outbox).

    Written in the editor's transaction, drained by the ``search.tasks.process_pending`` task and
    ``manage.py search_reconcile``; a row stays until the update succeeded, so nothing is lost
    while Elasticsearch is away.
    """

    key = models.CharField(max_length=120, unique=True)  # "<kind>:<pk>"
    kind = models.CharField(max_length=40)
    object_pk = models.CharField(max_length=64)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.key


class SynonymGroup(models.Model):
    """Words that mean the same for searching (ABH, Ausländerbehörde). Edited as a snippet;
    glossary terms contribute their abbreviations as well."""

    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_("Comma-separated, e.g. ABH, Ausländerbehörde."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("terms"), FieldPanel("is_active")]

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]


class QueryStat(models.Model):
    """How often a query was searched on a day, and how often it found nothing.

    Only the normalised query text and counters are stored — no user, IP or session.
    """

    day = models.DateField()
    query = models.CharField(max_length=100)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="search_stat_uniq")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.query}"

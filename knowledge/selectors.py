"""Reads of the knowledge base. Every list goes through ``portal.access.visible_to``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from knowledge.models import (
    FaqPage,
    GlossaryTerm,
    GuidancePage,
    KnowledgePage,
    LegalChangePage,
    ProcedurePage,
)
from portal.access import visible_to

#: Wagtail log action of the daily job that puts announced changes in force on their date.
IN_FORCE_ACTION = "knowledge.in_force"

#: The type filter's URL values (German, since readers see them) → page model.
ARTICLE_KINDS = {
    "rechtsaenderung": LegalChangePage,
    "verfahren": ProcedurePage,
    "orientierung": GuidancePage,
    "faq": FaqPage,
}


def articles(*, user, index_page=None) -> QuerySet[KnowledgePage]:
    """Live articles ``user`` may see, newest change first (``knowledge.filters`` narrows them)."""
    queryset = KnowledgePage.objects.live()
    if index_page is not None:
        queryset = queryset.child_of(index_page)
    queryset = visible_to(user, queryset)
    return (
        queryset.select_related("content_type")
        .prefetch_related("topics")
        .order_by("-last_published_at", "pk")
    )


def newest_legal_changes(*, user, index_page=None, limit: int = 3) -> list[LegalChangePage]:
    """The latest legal changes by effective date (announced ones included, superseded ones
    not), for the index top and the home page."""
    queryset = LegalChangePage.objects.live().exclude(state=LegalChangePage.State.SUPERSEDED)
    if index_page is not None:
        queryset = queryset.child_of(index_page)
    return list(visible_to(user, queryset).order_by("-effective_date", "pk")[:limit])


def related_pages(*, page: KnowledgePage, user, limit: int = 4) -> list[KnowledgePage]:
    """Other live articles sharing a topic with ``page``, most recently changed first. A
    superseded legal change is never offered: its successor says what applies now."""
    topic_ids = page.topics.values("pk")
    queryset = (
        KnowledgePage.objects.live()
        .filter(topics__in=topic_ids)
        .exclude(pk=page.pk)
        .exclude(legalchangepage__state=LegalChangePage.State.SUPERSEDED)
        .select_related("content_type")
        .order_by("-last_published_at", "pk")
        .distinct()
    )
    return list(visible_to(user, queryset)[:limit])


def superseded_changes(*, page: LegalChangePage, user) -> list[LegalChangePage]:
    """The live changes that ``page`` supersedes ("löst ab"), the newest first."""
    queryset = LegalChangePage.objects.live().filter(superseded_by=page)
    return list(visible_to(user, queryset).order_by("-effective_date", "pk"))


def legal_changes_to_confirm(*, today=None) -> QuerySet[LegalChangePage]:
    """Live legal changes that were announced and whose effective date has passed, but that no
    editor has confirmed since (marked as reviewed on or after that date): the law may have been
    postponed. Announced means: still stored as announced, put in force by the daily job, or
    published before its effective date."""
    from django.db.models import F, Q
    from wagtail.models import PageLogEntry

    today = today or timezone.localdate()
    switched = PageLogEntry.objects.filter(action=IN_FORCE_ACTION).values("page_id")
    return (
        LegalChangePage.objects.live()
        .filter(effective_date__lte=today)
        .exclude(state=LegalChangePage.State.SUPERSEDED)
        .filter(
            Q(state=LegalChangePage.State.ANNOUNCED)
            | Q(pk__in=switched)
            | Q(first_published_at__date__lt=F("effective_date"))
        )
        .filter(Q(last_reviewed_on__isnull=True) | Q(last_reviewed_on__lt=F("effective_date")))
        .select_related("owner", "last_reviewed_by", "content_type")
        .order_by("effective_date", "title")
    )


def feed_items(*, user, index_page=None, topic=None, limit: int = 30) -> list[LegalChangePage]:
    """Legal changes for the Atom feed: new and changed ones, by their last publication."""
    queryset = LegalChangePage.objects.live()
    if index_page is not None:
        queryset = queryset.child_of(index_page)
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    queryset = visible_to(user, queryset).order_by("-last_published_at", "pk")
    return list(queryset.prefetch_related("topics")[:limit])


def overdue_for_review(*, today=None) -> QuerySet[KnowledgePage]:
    """Live articles whose review date has passed or that were never reviewed."""
    from django.db.models import Q

    today = today or timezone.localdate()
    return (
        KnowledgePage.objects.live()
        .filter(Q(review_due_on__lt=today) | Q(review_due_on__isnull=True))
        .select_related("owner", "last_reviewed_by", "content_type")
        .order_by("review_due_on", "title")
    )


def glossary_terms() -> QuerySet[GlossaryTerm]:
    return GlossaryTerm.objects.order_by("term")


def synonym_groups() -> list[list[str]]:
    """For the search app: each glossary entry as a group of interchangeable words
    (term, abbreviations, expansion, synonyms), e.g. ``["Ausländerbehörde", "ABH"]``."""
    return [names for names in (term.all_names() for term in glossary_terms()) if len(names) > 1]


@dataclass(frozen=True)
class PublishedChange:
    """One publication of a page and what it changed compared with the one before."""

    published_at: object
    by: str
    added: list[str]
    removed: list[str]
    is_first: bool


def _readable_text(page) -> list[str]:
    """The reader-visible text of a page version, one line per paragraph, for comparison."""
    parts = [page.title, getattr(page, "summary", "")]
    for field in ("body", "steps", "questions", "legal_references"):
        stream = getattr(page, field, None)
        if stream is None:
            continue
        for block in stream:
            # Rendered without a reader, so partners-only contacts never appear in the history.
            parts.append(strip_tags(block.render()))
    lines = []
    for part in parts:
        for line in normalize_newlines(str(part)).split("\n"):
            line = " ".join(line.split())
            if line:
                lines.append(line)
    return lines


#: Publications in Wagtail's log: by a person, and by the scheduler when a go-live date arrives.
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def published_changes(*, page: KnowledgePage, limit: int = 20) -> list[PublishedChange]:
    """The page's publications, newest first, each with the lines added and removed."""
    from wagtail.models import PageLogEntry

    entries = list(
        PageLogEntry.objects.filter(page=page, action__in=PUBLISH_ACTIONS, revision__isnull=False)
        .select_related("revision", "user")
        .order_by("timestamp", "pk")
    )[-(limit + 1) :]
    changes = []
    previous: list[str] | None = None
    for entry in entries:
        current = _readable_text(entry.revision.as_object())
        added: list[str] = []
        removed: list[str] = []
        if previous is not None:
            for line in difflib.ndiff(previous, current):
                if line.startswith("+ "):
                    added.append(line[2:])
                elif line.startswith("- "):
                    removed.append(line[2:])
        if previous is None or added or removed:
            changes.append(
                PublishedChange(
                    published_at=entry.timestamp,
                    by=entry.user.get_full_name() if entry.user else "",
                    added=added,
                    removed=removed,
                    is_first=previous is None,
                )
            )
        previous = current
    return list(reversed(changes))[:limit]

"""The registry of document builders: how ``search`` learns about other apps' content.

Each app that has something to find provides ``<app>/search_documents.py`` and calls
:func:`register` there; ``SearchConfig.ready`` discovers these modules with
``autodiscover_modules("search_documents")``. ``search`` imports no app above it; the kernel's own
pages (``portal``, the layer below) are registered in ``search/search_documents.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models


@dataclass
class DocumentData:
    """What a builder returns for one object; ``None`` instead means "not (or no longer) findable"
    (unpublished, inactive, behind a view restriction)."""

    title: str
    url: str
    summary: str = ""
    text: str = ""
    topics: Iterable[str] = ()
    audiences: Iterable[str] = ()
    residence_statuses: Iterable[str] = ()
    municipalities: Iterable[str] = ()
    date: datetime.date | None = None
    visibility: str = "public"
    language: str = "de"


@dataclass
class Builder:
    """Turns objects of one ``model`` into search documents of one ``kind``."""

    kind: str
    label: object  # a lazy translated string
    icon: str  # symbol id in portal/static/portal/icons/sprite.svg
    model: type[models.Model]
    build: Callable[[models.Model], DocumentData | None]
    queryset: Callable[[], models.QuerySet]
    dependents: Callable[[models.Model], Iterable[tuple[str, object]]] | None = None
    #: Models whose changes affect this builder's documents: {model: fn(obj) -> [(kind, pk)]}.
    related: dict = field(default_factory=dict)

    def key(self, pk) -> str:
        return f"{self.kind}:{pk}"


@dataclass(frozen=True)
class HelpLink:
    """A way on when a search finds nothing (the finder, the glossary): ``url()`` returns the
    address, or "" when the target does not exist (yet) on this site."""

    label: object  # a lazy translated string
    url: Callable[[], str]
    order: int = 0


_builders: dict[str, Builder] = {}
_synonym_providers: list[Callable[[], Iterable[Iterable[str]]]] = []
_synonym_sources: list[type[models.Model]] = []
_help_links: list[HelpLink] = []


def register(builder: Builder) -> Builder:
    """Register ``builder`` (idempotent per kind)."""
    _builders[builder.kind] = builder
    return builder


def register_synonyms(
    provider: Callable[[], Iterable[Iterable[str]]], *, watch: Iterable[type[models.Model]] = ()
) -> Callable:
    """Register a function returning synonym groups (e.g. the glossary's abbreviations); a
    change to any model in ``watch`` makes the next query read the groups afresh."""
    if provider not in _synonym_providers:
        _synonym_providers.append(provider)
    for model in watch:
        if model not in _synonym_sources:
            _synonym_sources.append(model)
    return provider


def register_help_link(link: HelpLink) -> HelpLink:
    """Offer ``link`` on the search page when nothing is found (idempotent per label)."""
    if all(str(existing.label) != str(link.label) for existing in _help_links):
        _help_links.append(link)
    return link


def help_links() -> list[HelpLink]:
    return sorted(_help_links, key=lambda link: link.order)


def synonym_sources() -> list[type[models.Model]]:
    return list(_synonym_sources)


def builders() -> list[Builder]:
    return list(_builders.values())


def get(kind: str) -> Builder | None:
    return _builders.get(kind)


def synonym_providers() -> list[Callable[[], Iterable[Iterable[str]]]]:
    return list(_synonym_providers)


def split_key(key: str) -> tuple[str, str]:
    kind, _, pk = key.partition(":")
    return kind, pk

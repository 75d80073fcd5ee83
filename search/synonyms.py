"""Synonym groups and their expansion at query time (used by both engines).

Groups come from the editable ``SynonymGroup`` snippet and from the registered providers (the
glossary's abbreviations). A query word that equals a group member is searched as "any member".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache

from search import registry
from search.text import fold, tokens

_CACHE_KEY = "search:synonyms:v1"
_CACHE_SECONDS = 300


def groups() -> list[list[str]]:
    """All active synonym groups (each at least two members), cached for a few minutes."""
    cached = cache.get(_CACHE_KEY)
    if cached is not None:
        return cached
    from search.models import SynonymGroup

    result: list[list[str]] = [g.term_list() for g in SynonymGroup.objects.filter(is_active=True)]
    for provider in registry.synonym_providers():
        try:
            result.extend([str(t).strip() for t in group if str(t).strip()] for group in provider())
        except Exception:  # noqa: S112 - a broken provider must not break searching
            continue
    result = [g for g in result if len(g) >= 2]
    cache.set(_CACHE_KEY, result, _CACHE_SECONDS)
    return result


def forget() -> None:
    """Drop the cached groups (after an edit)."""
    cache.delete(_CACHE_KEY)


_UMLAUTS = re.compile(r"(?<=[a-zäöü])(ae|oe|ue)", re.IGNORECASE)


def umlauts(word: str) -> str:
    """``Auslaenderbehoerde`` → ``Ausländerbehörde``: people without a German keyboard type
    umlauts as two letters."""
    return _UMLAUTS.sub(lambda m: {"ae": "ä", "oe": "ö", "ue": "ü"}[m.group(1).lower()], word)


@dataclass(frozen=True)
class Term:
    """One position of the parsed query: the word(s) typed and their synonyms.

    Each alternative is a tuple of words (a phrase when longer than one word)."""

    typed: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]


def parse(query: str) -> list[Term]:
    """Split ``query`` into terms and attach synonyms. Multi-word members ("Agentur für
    Arbeit") are recognised in the query as well."""
    words = tokens(query)
    index: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in groups():
        members = [tuple(tokens(member)) for member in group]
        members = [m for m in members if m]
        for member in members:
            key = tuple(fold(w) for w in member)
            index.setdefault(key, [])
            for other in members:
                if other != member and other not in index[key]:
                    index[key].append(other)
    longest = max((len(k) for k in index), default=1)
    terms: list[Term] = []
    position = 0
    while position < len(words):
        for size in range(min(longest, len(words) - position), 0, -1):
            span = tuple(words[position : position + size])
            key = tuple(fold(w) for w in span)
            if size == 1 or key in index:
                alternatives = [span, *index.get(key, [])]
                if size == 1:
                    variant = umlauts(span[0])
                    if variant != span[0]:
                        alternatives.append((variant,))
                terms.append(Term(typed=span, alternatives=tuple(alternatives)))
                position += size
                break
    return terms

"""Explain glossary terms where they occur in a text.

``explain(html, url=…)`` links the first occurrence of each term or abbreviation to its glossary
entry (abbreviations as ``<abbr title="expansion">``). It never touches text inside links,
headings, ``<abbr>``, code, buttons, labels or a ``<summary>`` (a link there would be an
interactive element nested in another). The compiled pattern is cached per process and rebuilt
only when the glossary's version in the shared cache changes (bumped on every save and delete),
so a page costs one cache read and no SQL query in the steady state.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.html import escape

VERSION_KEY = "knowledge:glossary-version"
_SKIP_TAGS = {
    "a",
    "abbr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "code",
    "pre",
    "button",
    "summary",
    "label",
    "script",
    "style",
    "dfn",
}
_TAG_RE = re.compile(r"(<[^>]+>)")
_TAG_NAME_RE = re.compile(r"^</?\s*([a-zA-Z0-9]+)")


@dataclass(frozen=True)
class Entry:
    anchor: str
    title: str
    is_abbreviation: bool
    key: int


@dataclass(frozen=True)
class Compiled:
    version: object
    pattern: re.Pattern | None
    entries: dict[str, Entry]


_lock = threading.Lock()
_compiled: Compiled | None = None


def bump_version() -> None:
    """Invalidate every process's compiled pattern (called when a glossary term changes)."""
    import time

    cache.set(VERSION_KEY, time.time_ns(), None)


def _current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        bump_version()
        version = cache.get(VERSION_KEY)
    return version


def _build(version) -> Compiled:
    from knowledge.models import GlossaryTerm

    entries: dict[str, Entry] = {}
    for term in GlossaryTerm.objects.filter(explain_in_texts=True).only(
        "pk", "term", "slug", "abbreviations", "expansion", "definition"
    ):
        title = term.expansion or term.definition[:150]
        entries.setdefault(term.term, Entry(term.anchor, term.definition[:200], False, term.pk))
        for abbreviation in term.abbreviation_list():
            entries.setdefault(abbreviation, Entry(term.anchor, title, True, term.pk))
    if not entries:
        return Compiled(version, None, {})
    names = sorted(entries, key=len, reverse=True)
    # Word boundaries that understand umlauts; abbreviations match case-sensitively (ABH ≠ abh).
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in names) + r")(?!\w)")
    return Compiled(version, pattern, entries)


def compiled() -> Compiled:
    global _compiled
    version = _current_version()
    current = _compiled
    if current is not None and current.version == version:
        return current
    with _lock:
        if _compiled is None or _compiled.version != version:
            _compiled = _build(version)
        return _compiled


def explain(html: str, *, url: str) -> str:
    """``html`` with the first occurrence of each glossary entry linked to ``url#anchor``."""
    data = compiled()
    if data.pattern is None or not html:
        return html
    seen: set[int] = set()
    skip_depth = 0
    out: list[str] = []
    for part in _TAG_RE.split(html):
        if not part:
            continue
        if part.startswith("<"):
            match = _TAG_NAME_RE.match(part)
            name = match.group(1).lower() if match else ""
            if name in _SKIP_TAGS and not part.endswith("/>"):
                skip_depth += -1 if part.startswith("</") else 1
                skip_depth = max(skip_depth, 0)
            out.append(part)
            continue
        if skip_depth:
            out.append(part)
            continue
        out.append(data.pattern.sub(lambda m: _replace(m, data, url, seen), part))
    return "".join(out)


def _replace(match: re.Match, data: Compiled, url: str, seen: set[int]) -> str:
    text = match.group(1)
    entry = data.entries.get(text)
    if entry is None or entry.key in seen:
        return text
    seen.add(entry.key)
    href = f"{escape(url)}#{escape(entry.anchor)}"
    if entry.is_abbreviation:
        inner = f'<abbr title="{escape(entry.title)}">{text}</abbr>'
    else:
        inner = text
    return f'<a class="glossary-term" href="{href}">{inner}</a>'

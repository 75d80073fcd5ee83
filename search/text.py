"""Text helpers shared by both engines: cleaning user queries, tokens, folding, snippets."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Longer queries are cut; nobody types more, and it bounds the work an engine does.
MAX_QUERY_LENGTH = 200
#: At most this many words take part in a query.
MAX_TOKENS = 12
#: Marks around highlighted words inside engine snippets (never present in real text).
MARK_START = "\x02"
MARK_END = "\x03"

_TOKEN = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae", "ø": "o"})


def clean_query(raw: str) -> str:
    """The user's query without control characters, squeezed, at most MAX_QUERY_LENGTH long."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 4])
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH].strip()


#: Salutations and titles: the words after them are a person's name.
_SALUTATIONS = {"frau", "herr", "hr", "fr", "dr", "prof", "familie", "fam", "mr", "mrs", "ms"}
#: How many words after a salutation are taken for the name (given and family name).
_NAME_WORDS = 2


def redact_query(query: str) -> str:
    """``query`` without what looks personal, before it is counted (docs/privacy.md): words with
    an ``@`` (e-mail addresses) or a digit (phone and file numbers, dates of birth), and a
    salutation or title with the (up to two) name words after it. A heuristic: the portal
    counts only anonymous visitors' queries, and keeps the counts for 30 days."""
    kept: list[str] = []
    name_words = 0
    for word in query.split():
        bare = fold(word.strip(".,;:()")).strip()
        if bare in _SALUTATIONS:
            name_words = _NAME_WORDS
            continue
        if name_words:
            name_words -= 1
            continue
        if "@" in word or any(ch.isdigit() for ch in word):
            continue
        kept.append(word)
    return " ".join(kept)


def tokens(text: str) -> list[str]:
    """The words of ``text`` (letters and digits; query syntax like ``AND (`` or ``:`` is dropped
    — both engines treat every query as plain words)."""
    return [t for t in _TOKEN.findall(text) if t != "_"][:MAX_TOKENS]


def fold(text: str) -> str:
    """Lower case without diacritics: ``Ausländerbehörde`` → ``auslanderbehorde``."""
    text = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def render_marked(marked: str) -> SafeString:
    """Escape an engine snippet and turn its highlight marks into ``<mark>`` elements."""
    text = escape(marked.replace("<", "\x04"))  # escape everything, marks stay as they are
    text = text.replace("\x04", "&lt;")
    text = text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own <mark> tags are added


def plain_excerpt(text: str, length: int = 220) -> str:
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def strip_marks(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")

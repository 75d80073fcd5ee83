"""The database engine: SQLite FTS5, or PostgreSQL full text with the ``german`` configuration.

Same filters, facets and visibility as Elasticsearch; synonyms are expanded into the query.
Weaker than Elasticsearch: no typo tolerance beyond diacritics folding (SQLite) and stemming
(PostgreSQL), word prefixes instead of German stemming on SQLite, and "did you mean" from the
index vocabulary (SQLite) or the words of titles and summaries (PostgreSQL).
"""

# SQL here is assembled only from this module's constant fragments and placeholder lists;
# every user-supplied value travels as a query parameter.
# ruff: noqa: S608

from __future__ import annotations

import difflib

from django.core.cache import cache
from django.db import connection

from search.backends import TAG_FACETS, Filters, RawHit, RawResults
from search.synonyms import Term
from search.text import MARK_END, MARK_START, fold

DOC = "search_searchdocument"
TAG = "search_searchtag"
# PostgreSQL: the weighted german tsvector (title A, summary B, text C), a stored generated
# column with a GIN index (migration 0003), so that ranking reads it instead of recomputing it.
PG_VECTOR = "d.search_vector"
#: How long PostgreSQL's "did you mean" vocabulary of a two-letter prefix is reused.
VOCABULARY_SECONDS = 600
#: Words at least this long also match as prefixes on SQLite (German compounds, plurals).
PREFIX_MIN = 4


def _fts5_word(word: str, *, prefix: bool) -> str:
    # Words are \w+ tokens, so they never contain a double quote.
    return f'"{word}"' + ("*" if prefix and len(word) >= PREFIX_MIN else "")


def fts5_expression(terms: list[Term], *, column: str = "") -> str:
    """A safe FTS5 MATCH expression: every term required, synonyms OR-ed, phrases quoted."""
    parts = []
    for term in terms:
        alternatives = []
        for alt in term.alternatives:
            if len(alt) == 1:
                alternatives.append(_fts5_word(alt[0], prefix=True))
            else:
                alternatives.append('"' + " ".join(alt) + '"')
        parts.append("(" + " OR ".join(alternatives) + ")")
    expression = " AND ".join(parts)
    return f"{column} : ({expression})" if column else expression


def tsquery_expression(terms: list[Term], *, prefix_last: bool = False) -> str:
    """A safe ``to_tsquery('german', …)`` string for the same terms."""
    parts = []
    for number, term in enumerate(terms):
        alternatives = []
        for alt in term.alternatives:
            words = [w.lower() for w in alt]
            if prefix_last and number == len(terms) - 1 and len(words) == 1:
                alternatives.append(f"{words[0]}:*")
            else:
                alternatives.append("(" + " <-> ".join(words) + ")")
        parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


class DatabaseBackend:
    name = "database"

    def __init__(self):
        self.vendor = connection.vendor

    # -- the shared WHERE clause --------------------------------------------------------------
    def _where(self, terms, visibilities, filters: Filters) -> tuple[str, list]:
        if self.vendor == "postgresql":
            clauses = [f"{PG_VECTOR} @@ to_tsquery('german'::regconfig, %s)"]
            params: list = [tsquery_expression(terms)]
        else:
            clauses = ["search_fts MATCH %s"]
            params = [fts5_expression(terms)]
        marks = ", ".join(["%s"] * len(visibilities))
        clauses.append(f"d.visibility IN ({marks})")
        params.extend(sorted(visibilities))
        for facet, value in filters.items():
            if facet == "kind":
                clauses.append("d.kind = %s")
                params.append(value)
            else:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM {TAG} ft WHERE ft.document_id = d.id "
                    "AND ft.facet = %s AND ft.value = %s)"
                )
                params.extend([facet, value])
        return " AND ".join(clauses), params

    def _from(self) -> str:
        if self.vendor == "postgresql":
            return f"{DOC} d"
        return f"search_fts JOIN {DOC} d ON d.id = search_fts.rowid"

    # -- queries ------------------------------------------------------------------------------
    def search(self, terms: list[Term], *, visibilities, filters: Filters, offset: int, limit: int):
        if not terms:
            return RawResults(hits=[], total=0)
        where, params = self._where(terms, visibilities, filters)
        source = self._from()
        with connection.cursor() as cursor:
            # Kind counts and tag facets from one pass over the matches: the matching rows
            # are found once (full-text match, visibility, filters) and counted twice; SQLite's
            # CROSS JOIN keeps its planner from scanning every tag instead. At 50,000 documents
            # this is 10–60 % cheaper than matching twice (docs/benchmarks.md).
            join = "CROSS JOIN" if self.vendor == "sqlite" else "JOIN"
            cursor.execute(
                f"WITH m AS MATERIALIZED (SELECT d.id AS id, d.kind AS kind FROM {source} "
                f"WHERE {where}) "
                "SELECT 'kind', m.kind, COUNT(*) FROM m GROUP BY m.kind "
                "UNION ALL "
                f"SELECT t.facet, t.value, COUNT(*) FROM m {join} {TAG} t "
                "ON t.document_id = m.id GROUP BY t.facet, t.value",
                params,
            )
            facets: dict[str, dict[str, int]] = {"kind": {}}
            for facet in TAG_FACETS:
                facets[facet] = {}
            for facet, value, count in cursor.fetchall():
                facets.setdefault(facet, {})[value] = count
            total = sum(facets["kind"].values())
            if total:
                cursor.execute(
                    self._hits_sql(source, where),
                    self._hits_params(terms, params) + [limit, offset],
                )  # noqa: E501
                hits = [
                    RawHit(
                        key=key,
                        score=float(score),
                        title_marked=title or "",
                        snippet_marked=snippet or "",
                    )
                    for key, score, title, snippet in cursor.fetchall()
                ]
            else:
                hits = []
        suggestion = "" if total else self.suggestion(terms)
        return RawResults(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def _hits_sql(self, source: str, where: str) -> str:
        if self.vendor == "postgresql":
            options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"
            return (
                "SELECT d.key, ts_rank_cd("
                f"{PG_VECTOR}, to_tsquery('german'::regconfig, %s)) AS score, "
                f"ts_headline('german'::regconfig, d.title, to_tsquery('german'::regconfig, %s), "
                f"'{options}, HighlightAll=true'), "
                f"ts_headline('german'::regconfig, d.summary || ' ' || d.text, "
                f"to_tsquery('german'::regconfig, %s), '{options}') "
                f"FROM {source} WHERE {where} ORDER BY score DESC, d.id LIMIT %s OFFSET %s"
            )
        # bm25 is lower-is-better; title counts most, then summary, then text.
        return (
            "SELECT d.key, -bm25(search_fts, 8.0, 3.0, 1.0) AS score, "
            "highlight(search_fts, 0, char(2), char(3)), "
            "snippet(search_fts, -1, char(2), char(3), ' … ', 28) "
            f"FROM {source} WHERE {where} ORDER BY score DESC, d.id LIMIT %s OFFSET %s"
        )

    def _hits_params(self, terms, where_params) -> list:
        if self.vendor == "postgresql":
            q = tsquery_expression(terms)
            return [q, q, q, *where_params]
        return list(where_params)

    def suggest(self, terms: list[Term], *, visibilities, limit: int) -> list[str]:
        """Keys of documents whose title starts with what was typed (autocomplete)."""
        if not terms:
            return []
        marks = ", ".join(["%s"] * len(visibilities))
        if self.vendor == "postgresql":
            sql = (
                f"SELECT d.key FROM {DOC} d WHERE to_tsvector('german'::regconfig, d.title) "
                f"@@ to_tsquery('german'::regconfig, %s) AND d.visibility IN ({marks}) "
                "ORDER BY length(d.title), d.id LIMIT %s"
            )
            params = [tsquery_expression(terms, prefix_last=True)]
        else:
            sql = (
                f"SELECT d.key FROM search_fts JOIN {DOC} d ON d.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s AND d.visibility IN ({marks}) "
                "ORDER BY bm25(search_fts, 8.0, 0.0, 0.0), length(d.title), d.id LIMIT %s"
            )
            params = [fts5_expression(terms, column="title")]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *sorted(visibilities), limit])
            return [row[0] for row in cursor.fetchall()]

    def suggestion(self, terms: list[Term]) -> str:
        """ "Did you mean": each unknown word replaced by the closest indexed word."""
        changed = False
        words = []
        for term in terms:
            for word in term.typed:
                folded = fold(word)
                if len(folded) < 4:
                    words.append(word)
                    continue
                vocab = self._vocabulary(folded[:2])
                if folded in vocab:
                    words.append(word)
                    continue
                close = difflib.get_close_matches(folded, list(vocab), n=1, cutoff=0.75)
                if close:
                    words.append(vocab[close[0]])
                    changed = True
                else:
                    words.append(word)
        return " ".join(words) if changed else ""

    def _vocabulary(self, prefix: str) -> dict[str, str]:
        """Indexed words starting with ``prefix`` (folded), most frequent first: folded word →
        the word to suggest. SQLite has FTS5's own vocabulary table; on PostgreSQL the words of
        titles and summaries are read (only when a search found nothing) and cached briefly."""
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT term FROM search_fts_vocab WHERE term >= %s AND term < %s "
                    "ORDER BY doc DESC LIMIT 2000",
                    [prefix, prefix + "\uffff"],
                )
                return {row[0]: row[0] for row in cursor.fetchall()}
        with connection.cursor() as cursor:
            # The key changes when documents come or go, so a new word is suggested at once.
            cursor.execute(f"SELECT count(*), coalesce(max(id), 0) FROM {DOC}")
            count, newest = cursor.fetchone()
            key = f"search:vocabulary:{count}:{newest}:{prefix}"
            cached = cache.get(key)
            if cached is not None:
                return cached
            cursor.execute(
                "SELECT w FROM (SELECT regexp_split_to_table(lower(d.title || ' ' || d.summary), "
                f"'[^[:alnum:]]+') AS w FROM {DOC} d) words "
                "WHERE length(w) >= 4 AND translate(left(w, 1), 'äöüéè', 'aouee') = left(%s, 1) "
                "GROUP BY w ORDER BY count(*) DESC LIMIT 5000",
                [prefix],
            )
            vocabulary: dict[str, str] = {}
            for (word,) in cursor.fetchall():
                folded = fold(word)
                if folded.startswith(prefix):
                    vocabulary.setdefault(folded, word)
        cache.set(key, vocabulary, VOCABULARY_SECONDS)
        return vocabulary

"""PostgreSQL: keep the weighted ``german`` tsvector of each document in a stored generated
column (with the GIN index on it) instead of an expression index.

The expression index let PostgreSQL find the matches, but ranking (``ts_rank_cd``) had to
compute the tsvector of every matching document again from its text: a word found in 12,000 of
50,000 documents took over a second per query (docs/benchmarks.md). A stored column is read,
not recomputed. SQLite is unaffected (FTS5 keeps its own index).
"""

from django.db import migrations

PG_VECTOR = (
    "(setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(text, '')), 'C'))"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS {PG_VECTOR} STORED"
    )
    schema_editor.execute(
        "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS search_document_fts")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX search_document_fts ON search_searchdocument USING GIN ({PG_VECTOR})"
    )
    schema_editor.execute("DROP INDEX IF EXISTS search_document_vector")
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN search_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_and_synonyms")]

    operations = [migrations.RunPython(forward, backward)]

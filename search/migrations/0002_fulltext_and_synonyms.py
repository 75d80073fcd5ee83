"""Full-text structures of the database engine, and the synonym list the installation ships with.

SQLite: an external-content FTS5 table over ``search_searchdocument`` kept in step by triggers
(diacritics folded, so "Auslanderbehorde" matches "Ausländerbehörde"), plus an fts5vocab view for
"did you mean". PostgreSQL: a GIN index on a weighted ``german`` tsvector expression; the query
in ``search.backends.database`` repeats exactly this expression so that the index is used.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, text,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, summary, text)
        VALUES (new.id, new.title, new.summary, new.text);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, text)
        VALUES ('delete', old.id, old.title, old.summary, old.text);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, text)
        VALUES ('delete', old.id, old.title, old.summary, old.text);
        INSERT INTO search_fts(rowid, title, summary, text)
        VALUES (new.id, new.title, new.summary, new.text);
    END""",
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fts_vocab",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

PG_VECTOR = (
    "(setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(text, '')), 'C'))"
)

DEFAULT_SYNONYMS = [
    "ABH, Ausländerbehörde",
    "JC, Jobcenter",
    "BA, Agentur für Arbeit, Arbeitsagentur",
    "BÜMA, Ankunftsnachweis",
    "BAMF, Bundesamt für Migration und Flüchtlinge",
    "EAD, Einwanderungsbehörde",
    "MBE, Migrationsberatung für Erwachsene",
    "JMD, Jugendmigrationsdienst",
    "Arbeitserlaubnis, Beschäftigungserlaubnis",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX search_document_fts ON search_searchdocument USING GIN ({PG_VECTOR})"
        )
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms in DEFAULT_SYNONYMS:
        SynonymGroup.objects.get_or_create(terms=terms)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_tables")]

    operations = [migrations.RunPython(forward, backward)]

"""The search index's own tables, kept in the library's SQLite file (created on demand).

- ``search_articles``: one row per indexed article (its rowid is the full-text rowid),
  with what the filters need (kind, truncated, date, quote count) and the title's span.
- ``search_units``: the article's titles, paragraphs and quotes with their spans: the
  candidates for a hit's context, read only for the articles on the result page.
- ``search_fts``: an FTS5 table, one row per article, contentless (the text is already
  in ``search_units``): columns title, body, quotes. Free words search all of it with no
  column filter (a column filter makes FTS5 read every position list: 4x slower).
- ``search_fts_meta``: the same for ``speaker:`` (names and aliases of the quoted
  speakers) and ``source:`` (the file name), kept apart for the same reason.
- ``search_terms`` / ``search_deletes``: the vocabulary, reversed for ``suffix$``
  lookups, and every term with one character deleted (SymSpell-style) so a typo finds
  its word with a few indexed look-ups instead of a scan of the vocabulary.
"""

from __future__ import annotations

import contextlib
import sqlite3

SCHEMA_VERSION = "2"

#: Full-text columns of ``search_fts``, and their BM25 weights in the same order.
FTS_COLUMNS = ("title", "body", "quotes")
BM25_WEIGHTS = (4.0, 1.0, 1.5)
#: Columns of ``search_fts_meta``.
META_COLUMNS = ("speakers", "source")

_DDL = """
CREATE TABLE IF NOT EXISTS search_meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_articles(
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    truncated INTEGER NOT NULL,
    date TEXT,
    n_quotes INTEGER NOT NULL,
    speakers TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS search_units(
    article INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT NOT NULL,
    speaker TEXT
);
CREATE INDEX IF NOT EXISTS search_units_article ON search_units(article);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, body, quotes, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_meta USING fts5(
    speakers, source, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE IF NOT EXISTS search_terms(term TEXT PRIMARY KEY, rev TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_terms_rev ON search_terms(rev);
CREATE TABLE IF NOT EXISTS search_deletes(
    key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(key, term)
) WITHOUT ROWID;
"""


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables if missing; rebuild them if an older layout is found."""
    row = None
    with contextlib.suppress(sqlite3.OperationalError):
        row = conn.execute("SELECT value FROM search_meta WHERE key='schema'").fetchone()
    if row is not None and row[0] == SCHEMA_VERSION:
        return
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS search_meta(key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("DELETE FROM search_meta WHERE key = 'standalone'")
        if row is not None:  # an older layout: drop it, the index is rebuilt from the library
            for table in ("search_fts", "search_fts_meta", "search_units", "search_articles"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("DROP TABLE IF EXISTS search_terms")
            conn.execute("DROP TABLE IF EXISTS search_deletes")
        conn.executescript(_DDL)
        conn.execute(
            "INSERT OR REPLACE INTO search_meta(key, value) VALUES('schema', ?)", (SCHEMA_VERSION,)
        )

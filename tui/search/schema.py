"""The search index's own tables, kept in the library's SQLite file (created on demand).

- ``search_articles``: one row per indexed article (its rowid is the full-text rowid),
  with what the filters need (kind, truncated, date, quote count) and the title's span.
- ``search_docs``: the article's titles, paragraphs and quotes with their spans (the
  candidates for a hit's context), packed in one row per article (a JSON layout and the
  texts joined), so the result page reads one row per hit; read only for those.
- ``search_fts``: an FTS5 table, one row per article, contentless (the text is already
  in ``search_docs``): columns title, body, quotes. Free words search all of it with no
  column filter (a column filter makes FTS5 read every position list: 4x slower).
- ``search_fts_meta``: the same for ``speaker:`` (names and aliases of the quoted
  speakers) and ``source:`` (the file name), kept apart for the same reason.
- ``search_terms`` / ``search_deletes``: the vocabulary, reversed for ``suffix$``
  lookups, and every term with one character deleted (SymSpell-style) so a typo finds
  its word with a few indexed look-ups instead of a scan of the vocabulary.
- ``search_aliases``: (alias, speaker's full name, article) for every other name an
  article's entities give one of its quoted speakers, so ``speaker:`` finds a person
  under an alias learnt in any article (see :mod:`tui.search.aliases`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

SCHEMA_VERSION = "4"

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
    speakers TEXT NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS search_docs(
    article INTEGER PRIMARY KEY,
    layout TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, body, quotes, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_meta USING fts5(
    speakers, source, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE IF NOT EXISTS search_terms(term TEXT PRIMARY KEY, rev TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_terms_rev ON search_terms(rev);
CREATE TABLE IF NOT EXISTS search_aliases(
    alias TEXT NOT NULL, name TEXT NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY(alias, name, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_aliases_article ON search_aliases(article);
CREATE TABLE IF NOT EXISTS search_deletes(
    key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(key, term)
) WITHOUT ROWID;
"""


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on ``conn``, whatever its mode.

    The library's connection is in autocommit mode (``isolation_level=None``), where
    ``with conn:`` would commit every statement on its own: there, ``BEGIN IMMEDIATE``
    ... ``COMMIT``. Inside a transaction the caller opened, just join it.
    """
    if conn.in_transaction:
        yield conn
        return
    if conn.isolation_level is None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return
    with conn:
        yield conn


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM search_meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else row[0]


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO search_meta(key, value) VALUES (?, ?)", (key, value))


def has_index(conn: sqlite3.Connection) -> bool:
    """Whether ``conn`` holds the index tables in the current layout."""
    return get_meta(conn, "schema") == SCHEMA_VERSION


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables if missing; rebuild them if an older layout is found."""
    found = get_meta(conn, "schema")
    if found == SCHEMA_VERSION:
        return
    with transaction(conn):
        if found is not None:  # an older layout: drop it; the index is rebuilt from the library
            for table in (
                "search_fts",
                "search_fts_meta",
                "search_units",
                "search_docs",
                "search_articles",
                "search_terms",
                "search_deletes",
                "search_aliases",
            ):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("DELETE FROM search_meta")
        for statement in _DDL.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(
            "INSERT OR REPLACE INTO search_meta(key, value) VALUES('schema', ?)", (SCHEMA_VERSION,)
        )

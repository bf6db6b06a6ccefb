"""The library's tables, its schema version and the migrations between versions.

The version lives in ``PRAGMA user_version`` and the file is marked as ours with
``PRAGMA application_id``, so a foreign SQLite file is refused instead of altered.
``MIGRATIONS[n]`` turns a version-``n`` library into version ``n + 1``; a new library
(version 0, no tables) runs them all. Tables:

- ``documents``: one row per imported file: its key (absolute path), content hash, the
  ``PARSER_VERSION`` that parsed it and its decoded text (zlib), which every span indexes.
- ``articles``: one row per article: list columns (title, source, date, kind, truncated,
  n_quotes) beside the compressed body. ``seq`` is the change counter value of its last
  insert or re-parse; ``removed_articles`` records ids removed, with their ``seq``.
- ``state``: triage flags with timestamps, plus ``tags``/``n_notes``/``n_highlights``
  kept in step with ``annotations`` so the list needs one join, not a group-by.
- ``annotations``: highlights, notes and tags, each with the text it anchors to and some
  context either side (for re-anchoring), ``orphaned`` when it could not be found again.
- ``undo_log``: one row per undoable step (its row changes as JSON), ``undone`` for redo.
- ``meta``: key/value pairs (the change counter).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

#: "NEWS": marks the file as a Newsdesk library.
APPLICATION_ID = 0x4E455753

_V1 = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES ('seq', 0);
CREATE TABLE documents(
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    parser_version INTEGER NOT NULL,
    text BLOB NOT NULL,
    imported REAL NOT NULL
);
CREATE TABLE articles(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    date TEXT,
    kind TEXT NOT NULL,
    truncated INTEGER NOT NULL,
    n_quotes INTEGER NOT NULL,
    body BLOB NOT NULL,
    seq INTEGER NOT NULL,
    added REAL NOT NULL
);
CREATE INDEX articles_doc ON articles(doc);
CREATE INDEX articles_seq ON articles(seq);
CREATE TABLE removed_articles(article_id TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX removed_articles_seq ON removed_articles(seq);
CREATE TABLE state(
    article_id TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0, read_at REAL,
    starred INTEGER NOT NULL DEFAULT 0, starred_at REAL,
    archived INTEGER NOT NULL DEFAULT 0, archived_at REAL,
    marked INTEGER NOT NULL DEFAULT 0, marked_at REAL,
    tags TEXT,
    n_notes INTEGER NOT NULL DEFAULT 0,
    n_highlights INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE annotations(
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER,
    end INTEGER,
    anchor_text TEXT NOT NULL DEFAULT '',
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT '',
    label TEXT,
    note TEXT,
    created REAL NOT NULL,
    orphaned INTEGER NOT NULL DEFAULT 0,
    article_title TEXT NOT NULL DEFAULT ''
);
CREATE INDEX annotations_article ON annotations(article_id);
CREATE UNIQUE INDEX annotations_tag ON annotations(article_id, label) WHERE kind = 'tag';
CREATE TABLE undo_log(
    step INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    changes BLOB NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
);
"""


def _to_v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


#: MIGRATIONS[n] upgrades a version-n library to n + 1, inside the caller's transaction.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_to_v1]


def current_version() -> int:
    """The schema version this program writes."""
    return len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, found: int) -> None:
    """Bring a version-``found`` library up to :func:`current_version` in one transaction.

    ``conn`` is in autocommit mode; a failure rolls every step back, so a library is
    never left half-migrated.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in MIGRATIONS[found:]:
            step(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {current_version()}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")

"""The library's tables, its schema version and the migrations between versions.

The version lives in ``PRAGMA user_version`` and the file is marked as ours with
``PRAGMA application_id``, so a foreign SQLite file is refused instead of altered.
``MIGRATIONS[n]`` turns a version-``n`` library into version ``n + 1``; a new library
(version 0, no tables) runs them all. Tables:

- ``documents``: one row per imported file: its key (absolute path), content hash, the
  ``PARSER_VERSION`` that parsed it and its decoded text (zlib), which every span indexes.
- ``articles``: one row per article, holding exactly what the list shows (title, source,
  date, kind, n_quotes, ``flags`` (bits: read 1, starred 2, archived 4, marked 8,
  truncated 16) and copies of the tags and annotation counts), so opening the list is
  one scan of a narrow table with no join, and few columns to convert per row. The compressed body
  is in ``article_bodies`` (same rowid), read on demand. ``seq`` is the change counter
  value of its last insert or re-parse; ``removed_articles`` records removed ids with
  their ``seq``.
- ``state``: the triage flags with timestamps (the truth; it outlives an article that
  leaves a file and comes back), plus ``tags``/``n_notes``/``n_highlights`` kept in step
  with ``annotations``; every change copies them onto ``articles`` in the same
  transaction.
- ``annotations``: highlights, notes and tags, each with the text it anchors to and some
  context either side (for re-anchoring), ``orphaned`` when it could not be found again.
- ``undo_log``: one row per undoable step (its row changes as JSON), ``undone`` for redo,
  ``session`` for the session that made it and ``ended`` when that session closed (undo
  and redo act on the session's own steps, and on those of sessions over before it began).
- ``meta``: key/value pairs (the change counter).

Indexes that only make reads faster (:data:`DERIVED_INDEXES`) are not part of the
version: :func:`ensure_derived_indexes` adds any that is missing each time a library is
opened for writing, so a library stays readable by the version before them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

#: "NEWS": marks the file as a Newsdesk library.
APPLICATION_ID = 0x4E455753
#: The page size of a new library (SQLite's default is 4,096 bytes). Article bodies are
#: compressed to 1-3 KB: two fit in a 4 KB page and what is left of it stays empty (a
#: quarter of the bodies' pages: 38 MB of 100,000 articles); a 16 KB page holds ten
#: and leaves a twentieth. Set before the first table is made; a library made before
#: keeps its page size (only a VACUUM changes it).
PAGE_SIZE = 16_384

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
    n_quotes INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    added REAL NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '',
    n_notes INTEGER NOT NULL DEFAULT 0,
    n_highlights INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE article_bodies(rowid INTEGER PRIMARY KEY, body BLOB NOT NULL);
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


def _to_v2(conn: sqlite3.Connection) -> None:
    """Undo per session: each step records the session (one open library) that made it
    and when that session ended, so one reader's ``u`` never undoes another's work."""
    conn.execute("ALTER TABLE undo_log ADD COLUMN session TEXT")
    conn.execute("ALTER TABLE undo_log ADD COLUMN ended REAL")
    conn.execute("CREATE INDEX undo_log_session ON undo_log(session)")


#: MIGRATIONS[n] upgrades a version-n library to n + 1, inside the caller's transaction.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_to_v1, _to_v2]


#: Read-speed indexes (derived data; see the module docstring). ``articles_by_date``: the
#: order views are paged in (:mod:`tui.store.row_pages`): a view's first screen is one
#: short read of it (~1 ms at 100,000 articles) instead of a sort of every row (~60 ms).
DERIVED_INDEXES = ("CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date DESC, rowid)",)


#: The copies of the story tables a regroup fills, then swaps in for the library's
#: (:mod:`tui.store.stories`): a regroup killed half-way leaves them, and opening the
#: library drops them (:func:`tui.store.stories.drop_leftovers`).
REGROUP_COPIES = ("story_members_next", "story_df_next")


def ensure_derived_indexes(conn: sqlite3.Connection) -> None:
    """Create the missing :data:`DERIVED_INDEXES` (once per library: ~0.2 s at 100,000
    articles; then a look-up in the schema)."""
    for statement in DERIVED_INDEXES:
        conn.execute(statement)


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

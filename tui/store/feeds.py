"""The feeds a library subscribes to, and what the last fetch of each left behind.

One row per feed URL in the ``feeds`` table: the name and tags the user gave it, whether
its entries' linked pages are fetched (``full_text``), and the conditional-GET state
(``etag``, ``last_modified``) plus the last status line, so ``newsdesk refresh`` can ask
"anything new since?" and ``feeds list`` can say how each feed did.

Feeds named in the config (``feeds:``) are not stored as subscriptions (the file is the
truth for them) but their fetch state is, in a row with ``origin = 'config'``.

The table is created on first use (``CREATE TABLE IF NOT EXISTS``) rather than by a
schema migration: it is derived from user commands only, older programs ignore it, and a
library that never subscribes carries nothing.

Each entry of a feed is stored as its own document, keyed ``feed:<feed URL>#<entry>``
(:func:`entry_key`), so an entry that drops off the feed's window stays in the library
and ``feed:name`` in a query is the articles of the documents under that prefix.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Any

_TABLE = """
CREATE TABLE IF NOT EXISTS feeds(
    url TEXT PRIMARY KEY,
    name TEXT,
    tags TEXT NOT NULL DEFAULT '',
    full_text INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'library',
    position INTEGER NOT NULL DEFAULT 0,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    status TEXT,
    checked REAL
)
"""
#: ``documents.key`` of a feed entry starts with this, then the feed's URL, then ``#``.
KEY_PREFIX = "feed:"
LIBRARY = "library"
CONFIG = "config"


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription. ``name`` None: the feed's own title (once fetched) names it."""

    url: str
    name: str | None = None
    tags: tuple[str, ...] = ()
    full_text: bool = False
    origin: str = LIBRARY
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    status: str | None = None
    checked: float | None = None

    @property
    def label(self) -> str:
        """What the user calls it: the name given, else the feed's title, else the URL."""
        return self.name or self.title or self.url


def entry_key(feed_url: str, entry: str) -> str:
    """The document key of one entry (``entry``: its link, else a digest of it)."""
    return f"{KEY_PREFIX}{feed_url}#{entry}"


def _has_table(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feeds'")
    return found.fetchone() is not None


def ensure_table(conn: sqlite3.Connection) -> None:
    """Create the table if this library has none yet (inside the caller's transaction)."""
    conn.execute(_TABLE)


_COLUMNS = "url, name, tags, full_text, origin, title, etag, last_modified, status, checked"


def _feed(row: tuple[Any, ...]) -> Feed:
    url, name, tags, full_text, origin, title, etag, modified, status, checked = row
    return Feed(
        url,
        name,
        tuple(t for t in tags.split(",") if t),
        bool(full_text),
        origin,
        title,
        etag,
        modified,
        status,
        checked,
    )


def stored_feeds(conn: sqlite3.Connection, *, origin: str | None = LIBRARY) -> list[Feed]:
    """The feeds stored, in the order they were added (``origin`` None: config rows too)."""
    if not _has_table(conn):
        return []
    where = "" if origin is None else "WHERE origin = ?"
    params = () if origin is None else (origin,)
    return [
        _feed(row)
        for row in conn.execute(
            f"SELECT {_COLUMNS} FROM feeds {where} ORDER BY position, rowid", params
        )
    ]


def stored_feed(conn: sqlite3.Connection, url: str) -> Feed | None:
    if not _has_table(conn):
        return None
    row = conn.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
    return _feed(row) if row is not None else None


def add_feed(conn: sqlite3.Connection, feed: Feed) -> bool:
    """Subscribe (inside the caller's write transaction); False when already subscribed
    (its name, tags and full-text choice are then updated where given)."""
    ensure_table(conn)
    row = conn.execute("SELECT origin FROM feeds WHERE url = ?", (feed.url,)).fetchone()
    tags = ",".join(feed.tags)
    if row is not None and row[0] == LIBRARY:
        conn.execute(
            "UPDATE feeds SET name = coalesce(?, name),"
            " tags = CASE WHEN ? = '' THEN tags ELSE ? END,"
            " full_text = max(full_text, ?) WHERE url = ?",
            (feed.name, tags, tags, int(feed.full_text), feed.url),
        )
        return False
    position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM feeds").fetchone()[0]
    if row is not None:  # known from the config: now a subscription of its own
        conn.execute(
            "UPDATE feeds SET origin = ?, name = ?, tags = ?, full_text = ?, position = ?"
            " WHERE url = ?",
            (LIBRARY, feed.name, tags, int(feed.full_text), position, feed.url),
        )
        return True
    conn.execute(
        "INSERT INTO feeds(url, name, tags, full_text, origin, position) VALUES (?, ?, ?, ?, ?, ?)",
        (feed.url, feed.name, tags, int(feed.full_text), LIBRARY, position),
    )
    return True


def remove_feed(conn: sqlite3.Connection, url: str) -> bool:
    """Unsubscribe; the articles already imported from it stay. Whether it was there."""
    if not _has_table(conn):
        return False
    return conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0


def record_fetch(
    conn: sqlite3.Connection,
    feed: Feed,
    *,
    status: str,
    title: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = False,
) -> None:
    """What a fetch of ``feed`` gave (a config feed gets a state row of its own; a
    subscription removed while it was being fetched stays removed)."""
    ensure_table(conn)
    if feed.origin == CONFIG:
        conn.execute(
            "INSERT INTO feeds(url, name, tags, full_text, origin) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO NOTHING",
            (feed.url, feed.name, ",".join(feed.tags), int(feed.full_text), feed.origin),
        )
    if keep_validators:
        conn.execute(
            "UPDATE feeds SET status = ?, checked = ?, title = coalesce(?, title) WHERE url = ?",
            (status, time.time(), title, feed.url),
        )
    else:
        conn.execute(
            "UPDATE feeds SET status = ?, checked = ?, title = coalesce(?, title), etag = ?,"
            " last_modified = ? WHERE url = ?",
            (status, time.time(), title, etag, last_modified, feed.url),
        )
    if feed.origin == CONFIG:  # the config's name wins for feed: queries
        conn.execute(
            "UPDATE feeds SET name = ? WHERE url = ? AND origin = ?", (feed.name, feed.url, CONFIG)
        )


def slug(name: str) -> str:
    """``feed:`` matches a name case-blind, with ``-`` or nothing for its spaces."""
    return "-".join(name.casefold().split())


def feed_urls_named(conn: sqlite3.Connection, name: str) -> list[str]:
    """The URLs of the feeds ``name`` means in ``feed:name``: by name or title, case-blind,
    ``-`` for spaces (``feed:bbc-news``), or a URL itself."""
    if not _has_table(conn):
        return []
    wanted = slug(name)
    found: list[str] = []
    for url, given, title in conn.execute("SELECT url, name, title FROM feeds"):
        labels = {slug(x) for x in (given, title) if x}
        labels |= {label.replace("-", "") for label in labels}
        if wanted in labels or wanted == url.casefold():
            found.append(url)
    return found


def article_ids_of_feeds(conn: sqlite3.Connection, urls: list[str]) -> set[str]:
    """The ids of the articles imported from the feeds at ``urls``."""
    ids: set[str] = set()
    for url in urls:
        prefix = entry_key(url, "")
        ids.update(
            r[0]
            for r in conn.execute(
                "SELECT id FROM articles WHERE doc >= ? AND doc < ?",
                (prefix, prefix[:-1] + chr(ord("#") + 1)),
            )
        )
    return ids

"""Each article's story features, kept in the library for as long as the article.

Grouping an article needs its :class:`~tui.extract.stories.StoryFeatures` (term counts,
quote shingles, day). Working them out means decoding the stored article and reading
every word of it: most of what a regroup from scratch spent per article. So they are
made once, where the article is parsed (an import's worker processes, or the writer for
an article it parsed itself), kept here beside the article, and read by every placement
and every regroup after: a few hundred bytes instead of the article.

An article stored without them (an older library, an importer without the hook) has
them worked out when it is first placed, and kept then. They are derived data: a
feature version other than :data:`~tui.extract.stories.FEATURES_VERSION` (the way terms
are read changed) is a table of another name, dropped when seen, so nothing stale is
ever read.

Packed form: a marker byte, the day and the lengths, then raw deflate (level 6) of the
counts (unsigned 8-, 16- or 32-bit, the narrowest that holds the largest: nearly always
one byte a term), the quote hashes and lede phrase hashes (unsigned 32-bit) and the
terms joined by newlines. An article with a newline inside a term (none the term
patterns make) or a count past 32 bits is kept as JSON instead, as is everything from
before the marker existed. The forms packed before still read: counts always 32-bit in
a zlib stream (marker 2), and before lede phrases were kept (marker 1, no phrase array:
an import's waiting features outlive a version change), with no phrases.

The table is an ordinary rowid table with the article id as its (unique) key: rows are
appended in page order, where the ``WITHOUT ROWID`` table kept before (features are
~1 KB, a twentieth of a page is what such a table wants) split its pages at random keys
and held every row a second time in its interior pages: 115.5 MB for the 103,391
articles of ``bench_search.py``'s library, 80 MB now (its id index included). A library
that has the older table keeps it, renamed (the same columns, read and written alike),
until its features are made again (the next ``FEATURES_VERSION``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import struct
import zlib
from array import array
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tui.extract.stories import FEATURES_VERSION, StoryFeatures, article_features
from tui.text import chunks

if TYPE_CHECKING:
    from tui.store.library import Library

#: The version of how features are kept (the packed form, the table's layout), beside
#: the version of what they are: a table named for both, so that code from before
#: (which cannot read the packed form) drops it and works its features out again.
LAYOUT = 2
TABLE = f"story_features_v{FEATURES_VERSION}_{LAYOUT}"
#: This features version's table as kept before :data:`LAYOUT` (``WITHOUT ROWID``,
#: 32-bit counts): taken over as it is, by a rename (its packed forms still read).
_BEFORE_LAYOUT = f"story_features_v{FEATURES_VERSION}"
_CREATE = f"CREATE TABLE IF NOT EXISTS {TABLE}(article_id TEXT PRIMARY KEY, features BLOB NOT NULL)"
#: The first byte of the packed form (a zlib stream, the JSON form, starts with 0x78).
_PACKED = b"\x03"
#: day (NO_DAY: none), terms, quote hashes, phrase hashes, bytes a count
_HEADER = struct.Struct("<iIIIB")
_WIDTHS = {1: "B", 2: "H", 4: "I"}
_LEVEL = 6
#: ... before counts were narrowed (all 32-bit, in a zlib stream with its header).
_PACKED_2 = b"\x02"
_HEADER_2 = struct.Struct("<iIII")
#: ... of the packed form before lede phrases (no phrase count, no phrase array).
_PACKED_1 = b"\x01"
_HEADER_1 = struct.Struct("<iII")
_NO_DAY = -(2**31)
_CHUNK = 500
_MAX_U32 = 2**32 - 1


def pack(features: StoryFeatures) -> bytes:
    """``features`` as kept in the library (see the module doc)."""
    terms = [term for term, _ in features.counts]
    counts = [n for _, n in features.counts]
    if any("\n" in term for term in terms) or any(not 0 <= n <= _MAX_U32 for n in counts):
        day, pairs, quotes = features.day, features.counts, features.quotes
        return zlib.compress(json.dumps([day, pairs, quotes, features.phrases]).encode("utf-8"), 1)
    day = _NO_DAY if features.day is None else features.day
    width = 1 if max(counts, default=0) <= 0xFF else 2 if max(counts) <= 0xFFFF else 4
    raw = b"".join(
        (
            array(_WIDTHS[width], counts).tobytes(),
            array("I", features.quotes).tobytes(),
            array("I", features.phrases).tobytes(),
            "\n".join(terms).encode("utf-8"),
        )
    )
    deflate = zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    header = _HEADER.pack(day, len(terms), len(features.quotes), len(features.phrases), width)
    return b"".join((_PACKED, header, deflate.compress(raw), deflate.flush()))


def unpack(blob: bytes, day: int | None = None) -> StoryFeatures:
    """The features ``blob`` holds; ``day`` stands in when the article has no date."""
    marker = blob[:1]
    if marker == _PACKED:
        own, n_terms, n_quotes, n_phrases, width = _HEADER.unpack_from(blob, 1)
        raw = zlib.decompress(blob[1 + _HEADER.size :], -zlib.MAX_WBITS)
        at, typecode = 0, _WIDTHS[width]
    elif marker in (_PACKED_2, _PACKED_1):
        raw = zlib.decompress(blob[1:])
        if marker == _PACKED_2:
            own, n_terms, n_quotes, n_phrases = _HEADER_2.unpack_from(raw)
            at = _HEADER_2.size
        else:
            own, n_terms, n_quotes = _HEADER_1.unpack_from(raw)
            n_phrases, at = 0, _HEADER_1.size
        typecode, width = "I", 4
    else:
        own, pairs, quotes, *phrased = json.loads(zlib.decompress(blob))
        return StoryFeatures(
            day=own if own is not None else day,
            counts=tuple((term, n) for term, n in pairs),
            quotes=tuple(quotes),
            phrases=tuple(phrased[0]) if phrased else (),
        )
    counts = array(typecode)
    counts.frombytes(raw[at : at + width * n_terms])
    at += width * n_terms
    quotes = array("I")
    quotes.frombytes(raw[at : at + 4 * n_quotes])
    at += 4 * n_quotes
    phrases = array("I")
    phrases.frombytes(raw[at : at + 4 * n_phrases])
    at += 4 * n_phrases
    terms = raw[at:].decode("utf-8").split("\n") if n_terms else []
    return StoryFeatures(
        day=own if own != _NO_DAY else day,
        counts=tuple(zip(terms, counts, strict=True)),
        quotes=tuple(quotes),
        phrases=tuple(phrases),
    )


def packed_features(article: Any, text: str = "", offset: int = 0) -> bytes:
    """An article's story features, packed (its own day, or none): made where the
    article is parsed; ``text`` and ``offset`` are not needed (a prepare hook's form)."""
    return pack(article_features(article))


def ensure(conn: sqlite3.Connection) -> None:
    """Create this version's table if there is none (taking over the one of this features
    version kept before :data:`LAYOUT`); drop other versions' (and move in the features
    an older library kept only until they were placed)."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND (name LIKE 'story_features_v%' OR name = 'story_pending')"
        )
    ]
    if names == [TABLE]:
        return
    if _BEFORE_LAYOUT in names and TABLE not in names:  # no copy: instant, however big
        conn.execute(f"ALTER TABLE {_BEFORE_LAYOUT} RENAME TO {TABLE}")
        names = [TABLE if name == _BEFORE_LAYOUT else name for name in names]
    conn.execute(_CREATE)
    for name in names:
        if name == "story_pending":  # made by this version's term reading: still good
            conn.execute(f"INSERT OR IGNORE INTO {TABLE} SELECT * FROM story_pending")
        if name != TABLE:
            conn.execute(f"DROP TABLE {name}")


def keep(conn: sqlite3.Connection, article_id: str, blob: bytes) -> None:
    """Keep an article's packed features (replacing what an earlier parse made)."""
    conn.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", (article_id, blob))


def keep_many(conn: sqlite3.Connection, rows: Iterable[tuple[str, bytes]]) -> None:
    conn.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", rows)


def forget(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Drop the features of articles stored again without them (a stale parse's)."""
    conn.executemany(f"DELETE FROM {TABLE} WHERE article_id = ?", ((i,) for i in ids))


def forget_gone(conn: sqlite3.Connection) -> None:
    """Drop the features of articles no longer in the library."""
    if _exists(conn):
        conn.execute(f"DELETE FROM {TABLE} WHERE article_id NOT IN (SELECT id FROM articles)")


def _exists(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone()
    return found is not None


def read(conn: sqlite3.Connection, ids: list[str]) -> dict[str, bytes]:
    """The kept features of those of ``ids`` that have them, packed."""
    if not _exists(conn):
        return {}
    return lookup(conn, f"SELECT article_id, features FROM {TABLE} WHERE article_id IN", ids)


def lookup(conn: sqlite3.Connection, select: str, ids: list[str]) -> dict[str, Any]:
    """``select`` (a two-column query ending ``... IN``) for ``ids``, a chunk at a time
    (SQLite's limit on parameters), as a dict."""
    out: dict[str, Any] = {}
    for chunk in chunks(ids, _CHUNK):
        out.update(conn.execute(f"{select} ({','.join('?' * len(chunk))})", chunk))
    return out


def day_of(timestamp: float) -> int:
    """The day number of a ``time.time()`` timestamp (UTC)."""
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).date().toordinal() - 719163


def added_days(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    """The day each of ``ids`` still in the library was added (an undated article's day)."""
    out: dict[str, int] = {}
    for chunk in chunks(ids, _CHUNK):
        marks = ",".join("?" * len(chunk))
        for article_id, added in conn.execute(
            f"SELECT id, added FROM articles WHERE id IN ({marks})", chunk
        ):
            out[article_id] = day_of(added)
    return out


def features_of(
    lib: Library, ids: list[str], made: list[tuple[str, bytes]] | None = None
) -> Iterator[tuple[str, StoryFeatures]]:
    """The features of those of ``ids`` still in the library, in order: the kept ones,
    else worked out from the stored article (then appended to ``made``, packed, for the
    caller to keep)."""
    for chunk in chunks(ids, _CHUNK):
        fallback = added_days(lib.connection, chunk)  # the articles still there
        kept = read(lib.connection, chunk)
        missing = [a for a in chunk if a in fallback and a not in kept]
        decoded = {a.id: a for a in lib.get_articles(missing)} if missing else {}
        for article_id in dict.fromkeys(chunk):
            blob = kept.get(article_id)
            if blob is None:
                article = decoded.pop(article_id, None)
                if article is None:
                    continue  # gone from the library
                blob = packed_features(article)
                if made is not None:
                    made.append((article_id, blob))
            elif article_id not in fallback:
                continue
            yield article_id, unpack(blob, fallback[article_id])


def kept_features(lib: Library, days: list[tuple[str, int]]) -> Iterator[tuple[str, StoryFeatures]]:
    """The features of ``days``' articles (article id, the day of an article without a
    date), in order: the kept ones as they are (a regroup knows every article's day, so
    the articles themselves are not read), the others worked out (:func:`features_of`)."""
    for chunk in chunks(days, _CHUNK):
        kept = read(lib.connection, [article_id for article_id, _ in chunk])
        missing = [article_id for article_id, _ in chunk if article_id not in kept]
        made = dict(features_of(lib, missing)) if missing else {}
        for article_id, day in chunk:
            blob = kept.get(article_id)
            if blob is not None:
                yield article_id, unpack(blob, day)
            elif article_id in made:
                yield article_id, made[article_id]

"""Each article's reported speech, found when it is parsed and kept beside its body.

Reported speech (kind ``indirect``: ``Ren said the company would ...``) costs several
times the rest of an article's parse to find, and the search index, a rebuild of it,
the reader's quotes pane and export all show it. Found once by the import's parse
workers (:func:`tui.extract.pipeline.analyse` with ``on_reported``), it is kept here,
so none of them finds it again.

The stored form is compact: one line of JSON a quote, ``[start, end, speaker,
speaker_start, speaker_end, cue, confidence]``, zlib-compressed; the quote's text is
not stored, being exactly ``text[start:end]`` of its document's text (which the library
keeps): spans are file offsets like every other. A megabyte article's quotes are
written (:class:`Encoder`) and read (:func:`iter_quotes`) a window at a time, never
all at once. An article with none has an empty blob: found, and none.

The table's name carries :data:`~tui.extract.version.PARSER_VERSION` and
:data:`~tui.extract.version.REPORTED_VERSION`: another version's table is dropped when
a library is opened for an import (:func:`ensure`), so what an older extractor found is
never shown; an article with no row (an older library, a read-only one) has its
reported speech found on demand (:meth:`tui.store.library.Library.shown`). Each row
also records the article's id and start, checked when read: a row an older program
left behind for a rowid it gave to another article, or after the article moved in its
file, reads as missing, not as wrong offsets.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from tui.extract.version import PARSER_VERSION, REPORTED_VERSION
from tui.gc_pause import gc_paused
from tui.model import Quote, QuoteKind, Span, quote_of, span_of

TABLE = f"reported_speech_v{PARSER_VERSION}_{REPORTED_VERSION}"
_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE}("
    "rowid INTEGER PRIMARY KEY, article_id TEXT NOT NULL, start INTEGER NOT NULL,"
    " quotes BLOB NOT NULL)"
)
_LEVEL = 6  # small lines of numbers and repeated names: compresses well, read rarely

#: Rows read per statement (SQLite's host-parameter limit is well above).
_CHUNK = 500


class Encoder:
    """The stored form of an article's reported speech, given a window at a time
    (:meth:`add`), compressed as it comes; spans moved by ``offset`` (an article read
    from a part of its file that starts there)."""

    __slots__ = ("_compressor", "_out", "count", "kept", "offset")

    def __init__(self, offset: int = 0, *, keep: bool = False) -> None:
        self.offset = offset
        self.count = 0
        self._compressor: Any = zlib.compressobj(_LEVEL)
        self._out: list[bytes] = []
        #: With ``keep``: the quotes given, as given (for the search index's document of
        #: an article of ordinary size, made beside its stored form).
        self.kept: list[Quote] | None = [] if keep else None

    def __call__(self, quotes: tuple[Quote, ...]) -> None:
        """:meth:`add`: the form ``analyse(on_reported=...)`` calls."""
        self.add(quotes)

    def add(self, quotes: Iterable[Quote]) -> None:
        at = self.offset
        lines = []
        if self.kept is not None:
            quotes = tuple(quotes)
            self.kept.extend(quotes)
        for q in quotes:
            speaker = q.speaker_span
            lines.append(
                json.dumps(
                    [
                        q.span.start + at,
                        q.span.end + at,
                        q.speaker,
                        None if speaker is None else speaker.start + at,
                        None if speaker is None else speaker.end + at,
                        q.cue,
                        q.confidence,
                    ],
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
            )
        if lines:
            assert self._compressor is not None, "added after blob()"
            self.count += len(lines)
            self._out.append(self._compressor.compress(("\n".join(lines) + "\n").encode()))

    def blob(self) -> bytes:
        """The stored form (empty: no reported speech); nothing can be added after."""
        if not self.count:
            return b""
        if self._compressor is not None:
            self._out = [b"".join((*self._out, self._compressor.flush()))]
            self._compressor = None
        return self._out[0]


def encode(quotes: Iterable[Quote], offset: int = 0) -> bytes:
    """The stored form of ``quotes`` (see :class:`Encoder`)."""
    encoder = Encoder(offset)
    encoder.add(quotes)
    return encoder.blob()


def iter_quotes(blob: bytes, text: str, shift: int = 0) -> Iterator[Quote]:
    """The quotes stored as ``blob``, in text order, their text read from ``text`` (what
    the stored spans index, moved by ``shift``), decompressed as they are asked for."""
    if not blob:
        return
    decompressor = zlib.decompressobj()
    rest = b""
    step = 1 << 16
    for i in range(0, len(blob), step):
        data = rest + decompressor.decompress(blob[i : i + step])
        lines = data.split(b"\n")
        rest = lines.pop()
        for line in lines:
            yield _quote(line, text, shift)
    rest += decompressor.flush()
    for line in rest.split(b"\n"):
        if line:
            yield _quote(line, text, shift)


def decode(blob: bytes, text: str, shift: int = 0) -> tuple[Quote, ...]:
    """Every quote of ``blob`` (see :func:`iter_quotes`), all at once: its lines read as
    one JSON array, the quotes built unchecked (the spans this module wrote), the
    collector paused. A 10 MB one-line article's 24,000: 0.14 -> 0.05 CPU-s (a
    ``json.loads`` and a checked ``Quote`` each)."""
    if not blob:
        return ()
    lines = zlib.decompress(blob).rstrip(b"\n").replace(b"\n", b",")
    with gc_paused():
        rows = json.loads(b"[" + lines + b"]")
        return tuple(
            quote_of(
                text[start + shift : end + shift],
                span_of(start + shift, end + shift),
                speaker,
                None if s_start is None else span_of(s_start + shift, s_end + shift),
                cue,
                QuoteKind.INDIRECT,
                confidence,
            )
            for start, end, speaker, s_start, s_end, cue, confidence in rows
        )


def _quote(line: bytes, text: str, shift: int) -> Quote:
    start, end, speaker, s_start, s_end, cue, confidence = json.loads(line)
    start += shift
    end += shift
    return Quote(
        text[start:end],
        Span(start, end),
        speaker,
        None if s_start is None else Span(s_start + shift, s_end + shift),
        cue,
        QuoteKind.INDIRECT,
        confidence,
    )


def ensure(conn: sqlite3.Connection) -> None:
    """Create this version's table if there is none; drop other versions'."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'reported_speech_v%'"
        )
    ]
    if names == [TABLE]:
        return
    conn.execute(_CREATE)
    for name in names:
        if name != TABLE:
            conn.execute(f"DROP TABLE {name}")


def _exists(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone()
    return found is not None


def keep(conn: sqlite3.Connection, rowid: int, article_id: str, start: int, blob: bytes) -> None:
    """Keep the reported speech of the article stored at ``rowid`` (replacing any)."""
    conn.execute(
        f"INSERT OR REPLACE INTO {TABLE}(rowid, article_id, start, quotes) VALUES (?, ?, ?, ?)",
        (rowid, article_id, start, blob),
    )


def keep_many(conn: sqlite3.Connection, found: dict[str, tuple[int, bytes]]) -> int:
    """Keep reported speech found on demand: ``{article id: (its start, stored form)}``
    (the rowid read here; an id no longer in the library is left out); how many kept."""
    if not found:
        return 0
    ensure(conn)
    kept = 0
    ids = list(found)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT rowid, id FROM articles WHERE id IN ({marks})", chunk
        ).fetchall()
        conn.executemany(
            f"INSERT OR REPLACE INTO {TABLE}(rowid, article_id, start, quotes) VALUES (?, ?, ?, ?)",
            [(rowid, article_id, *found[article_id]) for rowid, article_id in rows],
        )
        kept += len(rows)
    return kept


def forget(conn: sqlite3.Connection, rowids: Iterable[int]) -> None:
    """Drop what is kept for these article rows (removed, or stored again without it)."""
    if _exists(conn):
        conn.executemany(f"DELETE FROM {TABLE} WHERE rowid = ?", ((r,) for r in rowids))


def read(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[int, bytes]]:
    """``{article id: (the start it was found at, stored form)}`` for those of ``ids``
    that have reported speech kept for their row; the others are left out. The start
    is the caller's to check against the article's (see the module doc)."""
    if not ids or not _exists(conn):
        return {}
    out: dict[str, tuple[int, bytes]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for article_id, start, blob in conn.execute(
            f"SELECT a.id, r.start, r.quotes FROM articles AS a JOIN {TABLE} AS r"
            f" ON r.rowid = a.rowid WHERE a.id IN ({marks}) AND r.article_id = a.id",
            chunk,
        ):
            out[article_id] = (start, blob)
    return out

"""Big blobs written into SQLite a piece at a time.

A blob bound to an ``INSERT`` is copied by the ``sqlite3`` module and again into the
record SQLite builds of the row, and the pages of that record stay with the process:
the 6 MB stored body of a 20 MB file on one line raised the import's memory by 14 MB,
held through the rest of its storing and indexing (measured: one 6 MB insert, +8 MB
resident after the commit). A big blob is instead inserted as a ``zeroblob`` of its
length and written through SQLite's incremental blob I/O a piece at a time (+2 MB for
the same insert). The bytes stored are the same.
"""

from __future__ import annotations

import sqlite3

#: A blob at least this long is written a piece at a time; smaller ones are bound.
BIG_BLOB = 1 << 20
#: The piece written at a time.
PIECE = 1 << 20


def blob_value(data: bytes) -> tuple[str, bytes | int]:
    """The SQL expression and parameter an ``INSERT`` binds for ``data``: ``?`` and the
    bytes, or for a big blob ``zeroblob(?)`` and its length (then :func:`fill_blob`)."""
    if len(data) < BIG_BLOB:
        return "?", data
    return "zeroblob(?)", len(data)


def fill_blob(conn: sqlite3.Connection, table: str, column: str, rowid: int, data: bytes) -> None:
    """Write ``data`` into the blob :func:`blob_value` made of it in row ``rowid`` of
    ``table`` (nothing to do for a small one: it was bound)."""
    if len(data) < BIG_BLOB:
        return
    view = memoryview(data)
    with conn.blobopen(table, column, rowid) as blob:
        for start in range(0, len(data), PIECE):
            blob.write(view[start : start + PIECE])

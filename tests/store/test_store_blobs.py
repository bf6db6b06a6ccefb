"""A big stored body or document text is written into SQLite a piece at a time, not
bound whole to its INSERT (issue 17: the 20 MB line's 6 MB body bound whole kept 14 MB
of the import's memory to its end), and the bytes stored are the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import tui.store.blobs as blobs
from tui.store import Library
from tui.store.codec import decode_article, decode_text
from tui.store.importer import document_key

#: A one-line file of one article with quotes: its body and text are a few kilobytes.
LINE = " ".join(
    f"word{n}" + (' Ines Soranmi said "the ferry will run" today.' if n % 50 == 49 else "")
    for n in range(2000)
)


def _stored(tmp_path: Path, name: str) -> tuple[bytes, bytes, list[str]]:
    """Import LINE into a new library: its stored body and document text, and every
    statement SQLite ran (bound values written out) that wrote one of them."""
    path = tmp_path / "line.txt"
    path.write_text(LINE + "\n", encoding="utf-8")
    statements: list[str] = []
    with Library.open(tmp_path / f"{name}.db") as lib:
        lib.connection.set_trace_callback(statements.append)
        report = lib.import_paths([str(path)], jobs=1)
        lib.connection.set_trace_callback(None)
        assert report.added == 1 and not report.errors
        (body,) = lib.connection.execute("SELECT body FROM article_bodies").fetchone()
        (text,) = lib.connection.execute(
            "SELECT text FROM documents WHERE key = ?", (document_key(str(path), ""),)
        ).fetchone()
    writes = [s for s in statements if "article_bodies" in s or "INTO documents" in s]
    return body, text, writes


def test_a_big_body_and_text_are_written_in_pieces_and_stored_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body, text, _writes = _stored(tmp_path, "bound")  # a few KB: bound as always
    assert decode_text(text) == LINE + "\n"
    monkeypatch.setattr(blobs, "BIG_BLOB", 1000)  # here: big
    monkeypatch.setattr(blobs, "PIECE", 333)
    assert len(body) > 1000 and len(text) > 1000
    big_body, big_text, writes = _stored(tmp_path, "pieces")
    assert (big_body, big_text) == (body, text)
    assert decode_article(big_body) == decode_article(body)
    # No statement carried either blob: each was written through the blob handle.
    assert writes and all(len(s) < 1000 for s in writes), [len(s) for s in writes]


@pytest.mark.parametrize("size", [0, 5, 999, 1000, 1001, 2500])
def test_blob_value_and_fill_blob_store_any_size(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    monkeypatch.setattr(blobs, "BIG_BLOB", 1000)
    monkeypatch.setattr(blobs, "PIECE", 400)
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(rowid INTEGER PRIMARY KEY, b BLOB NOT NULL)")
    expression, value = blobs.blob_value(data)
    assert (expression == "?") == (size < 1000)
    rowid = conn.execute(f"INSERT INTO t(b) VALUES ({expression}) RETURNING rowid", (value,))
    blobs.fill_blob(conn, "t", "b", rowid.fetchone()[0], data)
    assert conn.execute("SELECT b FROM t").fetchone()[0] == data

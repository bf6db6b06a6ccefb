"""The undo log: every triage or annotation change as a step that can be undone and redone.

A step is the list of row changes one user action made (a bulk "mark all read" is one
step), each as ``{"t": table, "k": key, "b": before, "a": after}`` with row images as
dicts (None = the row did not exist). Undo writes the ``before`` images back in reverse
order, redo the ``after`` images; only the columns that differ between the two images
are written, so an undo does not clobber unrelated columns another process changed
meanwhile. The log is a table in the library, so it survives a restart; history is
linear (a new step after an undo drops the steps that could have been redone).
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from typing import Any

#: Oldest steps beyond this many are forgotten.
MAX_STEPS = 2000

#: Table -> its key column. Only these tables are ever written by undo/redo.
KEYS = {"state": "article_id", "annotations": "id"}

Change = dict[str, Any]


def _write_image(
    conn: sqlite3.Connection,
    table: str,
    key: Any,
    target: dict[str, Any] | None,
    other: dict[str, Any] | None,
) -> None:
    """Make the row ``key`` of ``table`` look like ``target`` (it now looks like ``other``)."""
    keycol = KEYS[table]
    if target is None:
        conn.execute(f"DELETE FROM {table} WHERE {keycol} = ?", (key,))
        return
    if other is None:
        columns = [keycol, *(c for c in target if c != keycol)]
        values = [key, *(target[c] for c in columns[1:])]
        marks = ", ".join("?" * len(columns))
        conn.execute(
            f"INSERT OR REPLACE INTO {table}({', '.join(columns)}) VALUES ({marks})", values
        )
        return
    if table == "state":
        conn.execute("INSERT INTO state(article_id) VALUES (?) ON CONFLICT DO NOTHING", (key,))
    changed = [c for c in target if c != keycol and target[c] != other.get(c)]
    if changed:
        assignments = ", ".join(f"{c} = ?" for c in changed)
        conn.execute(
            f"UPDATE {table} SET {assignments} WHERE {keycol} = ?",
            [*(target[c] for c in changed), key],
        )


def _pack(changes: list[Change]) -> bytes:
    # Compressed: a bulk step over 100,000 articles is very repetitive JSON.
    return zlib.compress(json.dumps(changes, ensure_ascii=False).encode("utf-8"), 6)


def _unpack(payload: bytes) -> list[Change]:
    return json.loads(zlib.decompress(payload).decode("utf-8"))


def record(conn: sqlite3.Connection, label: str, changes: list[Change]) -> None:
    """Log one step (inside the caller's transaction). No changes, no step."""
    if not changes:
        return
    conn.execute("DELETE FROM undo_log WHERE undone = 1")
    conn.execute(
        "INSERT INTO undo_log(label, changes, created) VALUES (?, ?, ?)",
        (label, _pack(changes), time.time()),
    )
    conn.execute(
        "DELETE FROM undo_log WHERE step <= (SELECT max(step) FROM undo_log) - ?", (MAX_STEPS,)
    )


def undo(conn: sqlite3.Connection) -> tuple[str, list[Change]] | None:
    """Undo the latest step (inside the caller's transaction): its label and changes."""
    row = conn.execute(
        "SELECT step, label, changes FROM undo_log WHERE undone = 0 ORDER BY step DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    step, label, payload = row
    changes = _unpack(payload)
    for change in reversed(changes):
        _write_image(conn, change["t"], change["k"], change["b"], change["a"])
    conn.execute("UPDATE undo_log SET undone = 1 WHERE step = ?", (step,))
    return label, changes


def redo(conn: sqlite3.Connection) -> tuple[str, list[Change]] | None:
    """Redo the earliest undone step (inside the caller's transaction)."""
    row = conn.execute(
        "SELECT step, label, changes FROM undo_log WHERE undone = 1 ORDER BY step LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    step, label, payload = row
    changes = _unpack(payload)
    for change in changes:
        _write_image(conn, change["t"], change["k"], change["a"], change["b"])
    conn.execute("UPDATE undo_log SET undone = 0 WHERE step = ?", (step,))
    return label, changes


def can_undo(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM undo_log WHERE undone = 0 LIMIT 1").fetchone() is not None


def can_redo(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM undo_log WHERE undone = 1 LIMIT 1").fetchone() is not None

"""The undo log: every triage or annotation change as a step that can be undone and redone.

A step is the list of row changes one user action made (a bulk "mark all read" is one
step), each as ``{"t": table, "k": key, "b": before, "a": after}`` with row images as
dicts (None = the row did not exist). Undo writes the ``before`` images back in reverse
order, redo the ``after`` images; only the columns that differ between the two images
are written, so an undo does not clobber unrelated columns another process changed
meanwhile.

History is per session (one open :class:`~tui.store.library.Library`: one reader or one
command), so two readers of one library never undo each other's work. Every step
carries its session id (``host:pid:random``). A session undoes and redoes its own steps,
and also the steps of sessions that were over before it began (closed, or their process
is gone), so undo still works after a restart; a step it takes over becomes its own.
History is linear: a new step drops the steps the session could have redone.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
import uuid
import zlib
from collections.abc import Iterator
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
    changes: list[Change] = json.loads(zlib.decompress(payload).decode("utf-8"))
    return changes


def new_session() -> str:
    """A session id: the host and process (to tell when a session's process is gone)
    and a random part (one process may open the library more than once)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _process_gone(session: str) -> bool:
    host, _, rest = session.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's session: over only when it says so
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, someone else's process
    return False


class Session:
    """Which steps ``session`` (begun at ``started``) may undo and redo."""

    def __init__(self, session: str, started: float) -> None:
        self.id = session
        self.started = started

    def owns(self, session: str | None, ended: float | None) -> bool:
        if session == self.id:
            return True
        # Older libraries' steps have no session: they belong to whoever comes next.
        return session is None or ended is not None or _process_gone(session)

    def steps(
        self, conn: sqlite3.Connection, undone: int, order: str
    ) -> Iterator[tuple[int, str, bytes]]:
        """``(step, label, changes)`` of the steps this session may act on, latest first
        (``order`` DESC) or earliest first (ASC)."""
        rows = conn.execute(
            "SELECT step, label, changes, session, ended FROM undo_log WHERE undone = ?"
            f" AND (session = ? OR created < ?) ORDER BY step {order}",
            (undone, self.id, self.started),
        )
        for step, label, payload, session, ended in rows:
            if self.owns(session, ended):
                yield step, label, payload


def record(
    conn: sqlite3.Connection, label: str, changes: list[Change], *, session: Session
) -> None:
    """Log one step of ``session`` (inside the caller's transaction). No changes, no step."""
    if not changes:
        return
    redoable = [(step,) for step, _label, _payload in session.steps(conn, 1, "ASC")]
    conn.executemany("DELETE FROM undo_log WHERE step = ?", redoable)
    conn.execute(
        "INSERT INTO undo_log(label, changes, created, session) VALUES (?, ?, ?, ?)",
        (label, _pack(changes), time.time(), session.id),
    )
    conn.execute(
        "DELETE FROM undo_log WHERE step <= (SELECT max(step) FROM undo_log) - ?", (MAX_STEPS,)
    )


def end(conn: sqlite3.Connection, session: Session) -> None:
    """Mark ``session`` over: its steps can be undone by the sessions that come after."""
    conn.execute(
        "UPDATE undo_log SET ended = ? WHERE session = ? AND ended IS NULL",
        (time.time(), session.id),
    )


def _apply(
    conn: sqlite3.Connection, session: Session, *, undoing: bool
) -> tuple[str, list[Change]] | None:
    found = next(session.steps(conn, 0 if undoing else 1, "DESC" if undoing else "ASC"), None)
    if found is None:
        return None
    step, label, payload = found
    changes = _unpack(payload)
    if undoing:
        for change in reversed(changes):
            _write_image(conn, change["t"], change["k"], change["b"], change["a"])
    else:
        for change in changes:
            _write_image(conn, change["t"], change["k"], change["a"], change["b"])
    conn.execute(
        "UPDATE undo_log SET undone = ?, session = ?, ended = NULL WHERE step = ?",
        (1 if undoing else 0, session.id, step),
    )
    return label, changes


def undo(conn: sqlite3.Connection, session: Session) -> tuple[str, list[Change]] | None:
    """Undo the latest step ``session`` may undo (inside the caller's transaction)."""
    return _apply(conn, session, undoing=True)


def redo(conn: sqlite3.Connection, session: Session) -> tuple[str, list[Change]] | None:
    """Redo the earliest step ``session`` undid (inside the caller's transaction)."""
    return _apply(conn, session, undoing=False)


def can_undo(conn: sqlite3.Connection, session: Session) -> bool:
    return next(session.steps(conn, 0, "DESC"), None) is not None


def can_redo(conn: sqlite3.Connection, session: Session) -> bool:
    return next(session.steps(conn, 1, "ASC"), None) is not None

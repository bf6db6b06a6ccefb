"""Compacting a library: SQLite's ``VACUUM``, and the current page size for an old one.

A library keeps the pages its deleted rows left (re-parsed articles, a regroup's stories)
and reuses them, but never gives them back to the disk; a library made before 16 KB pages
(:data:`tui.store.schema.PAGE_SIZE`) keeps its 4 KB pages, which SQLite changes only by
rebuilding the file. ``VACUUM`` does both, rewriting the whole file.

It needs the library to itself: the page size cannot change in WAL mode, and a rewrite
under a reader would hold its writes for as long as it runs. So the library is taken out
of WAL mode first, which SQLite allows only when no other connection has it open (a
reader, an import, ``watch``: refused, :class:`InUseError`), and then held in exclusive
locking mode until it is done and back in WAL mode. The import lock is taken too, without
waiting (:mod:`tui.store.import_lock`). A failure (a full disk: the rewrite needs as much
free space again as the library) rolls back: the library is as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.store import schema
from tui.store.errors import LibraryError
from tui.store.import_lock import one_import


class InUseError(LibraryError):
    """Another process has the library open: compacting it now is refused."""


@dataclass(frozen=True, slots=True)
class Compacted:
    """Sizes (bytes) and page sizes before and after."""

    before: int
    after: int
    page_size_before: int
    page_size_after: int


def _size(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            total += os.path.getsize(f"{path}{suffix}")
    return total


def _in_use(path: Path) -> InUseError:
    return InUseError(
        f"{path}: the library is in use by another newsdesk (a reader, an import, watch "
        "or refresh); quit it, then run 'newsdesk compact' again"
    )


def compact(path: Path, started: Callable[[], None] | None = None) -> Compacted:
    """Compact the library at ``path`` (checked and upgraded by ``Library.open``
    before: this reads nothing of it); see the module doc. ``started`` is called once
    the library is held alone, just before the long rewrite (so a command says
    "compacting" only when it is, not before a refusal)."""
    before = _size(path)
    with one_import(path, wait=False) as held:
        if not held:
            raise _in_use(path)
        return _vacuum(path, before, started)


def _vacuum(path: Path, before: int, started: Callable[[], None] | None = None) -> Compacted:
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _in_use(path) from None
            raise
        if str(mode).lower() != "delete":
            raise _in_use(path)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")  # taken now: nobody opens it until we are done
        except sqlite3.OperationalError:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA journal_mode = WAL")
            raise _in_use(path) from None
        conn.execute("COMMIT")
        old_page = int(conn.execute("PRAGMA page_size").fetchone()[0])
        if started is not None:
            started()
        try:
            conn.execute(f"PRAGMA page_size = {schema.PAGE_SIZE}")
            conn.execute("VACUUM")
        finally:
            with contextlib.suppress(sqlite3.Error):  # not over the error that matters
                conn.execute("PRAGMA journal_mode = WAL")
        new_page = int(conn.execute("PRAGMA page_size").fetchone()[0])
    return Compacted(before, _size(path), old_page, new_page)

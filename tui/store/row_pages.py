"""A view's list rows a page at a time, in date order, from the index on that order.

The reader shows the first screen of a view before the rest is read: a page of 200
rows costs a few milliseconds at any library size, where every row of a 100,000-article
library costs about a second. So a page starts where the last one ended (keyset paging:
no ``OFFSET``, which would read every row before it again), each part of the order a
query that SQLite answers by seeking the ``articles_by_date`` index
(``date DESC, rowid``, see :mod:`tui.store.schema`):

- newest first (``-date``): dated rows by date, newest first, then the undated ones;
  rows of one date (or none) in the order they were imported;
- oldest first (``date``): exactly the reverse, the index read backwards.

Which rows: ``where``, a condition made only of :data:`CONDITIONS` (no user text ever
reaches the SQL), joined by the caller with ``AND``/``OR``/``NOT``.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from typing import Any, NamedTuple

from tui.store.rows import ListRow

#: SQL conditions on the ``articles`` table for the state filters of the query language.
#: ``flags`` mirrors the triage state in the same transaction as every change.
CONDITIONS: dict[tuple[str, str], str] = {
    ("is", "unread"): "flags & 1 = 0",
    ("is", "read"): "flags & 1 != 0",
    ("is", "starred"): "flags & 2 != 0",
    ("is", "archived"): "flags & 4 != 0",
    ("is", "marked"): "flags & 8 != 0",
    ("is", "truncated"): "flags & 16 != 0",
    ("is", "brief"): "kind = 'brief'",
    ("has", "quote"): "n_quotes > 0",
    ("has", "note"): "n_notes > 0",
    ("has", "highlight"): "n_highlights > 0",
}

#: The orders read from the index, as a view's ``sort`` names them.
ORDERS = ("-date", "date")

_COLUMNS = (
    "SELECT id, title, source, date, kind, flags, tags, n_notes, n_highlights, n_quotes, rowid"
    " FROM articles"
)


class PageKey(NamedTuple):
    """Where a page ended: the last row's date and rowid."""

    date: str | None
    rowid: int


def _parts(after: PageKey | None, newest_first: bool) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """The (condition, parameters) of each part of the order after ``after``, in order.

    Each part is one index range read in one direction, so SQLite seeks to its start.
    """
    dated_next = "date < ?" if newest_first else "date > ?"
    later_same = "rowid > ?" if newest_first else "rowid < ?"
    dated: list[tuple[str, tuple[Any, ...]]] = []
    undated: list[tuple[str, tuple[Any, ...]]] = []
    if after is None:
        dated = [("date IS NOT NULL", ())]
        undated = [("date IS NULL", ())]
    elif after.date is None:
        undated = [(f"date IS NULL AND {later_same}", (after.rowid,))]
        if not newest_first:
            dated = [("date IS NOT NULL", ())]
    else:
        dated = [
            (f"date = ? AND {later_same}", (after.date, after.rowid)),
            (dated_next, (after.date,)),
        ]
        if newest_first:
            undated = [("date IS NULL", ())]
    yield from (dated + undated) if newest_first else (undated + dated)


def read_page(
    conn: sqlite3.Connection,
    where: str,
    *,
    sort: str = "-date",
    after: PageKey | None = None,
    limit: int = 200,
) -> tuple[list[ListRow], PageKey | None]:
    """Up to ``limit`` rows matching ``where`` after ``after``, and the key of the last
    one (None when the view has no more rows)."""
    if sort not in ORDERS:
        raise ValueError(f"unknown order {sort!r}; use one of {ORDERS}")
    newest_first = sort == "-date"
    direction = "date DESC, rowid" if newest_first else "date, rowid DESC"
    rows: list[tuple[Any, ...]] = []
    was_enabled = gc.isenabled()
    gc.disable()  # thousands of new tuples: no cycle collection to find nothing
    try:
        for condition, params in _parts(after, newest_first):
            wanted = limit - len(rows)
            if wanted <= 0:
                break
            sql = f"{_COLUMNS} WHERE {condition} AND ({where}) ORDER BY {direction} LIMIT ?"
            rows += conn.execute(sql, (*params, wanted)).fetchall()
    finally:
        if was_enabled:
            gc.enable()
    if not rows:
        return [], None
    last = rows[-1]
    key = PageKey(last[3], last[10]) if len(rows) == limit else None
    return [ListRow._make(row[:10]) for row in rows], key

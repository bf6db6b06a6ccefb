"""What the reader asks of the library: plain functions run in the library thread.

The reader screen passes them to :meth:`~tui.app.library_gateway.LibraryGateway.call`,
which runs ``function(library, *args)`` where the SQLite connection lives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def load_view_rows(library: Any, query: str, sort: str) -> list[Any]:
    """The list rows of a view, in its order (runs in the library thread)."""
    field = sort.lstrip("-")
    descending = sort.startswith("-")
    rows = library.list_rows(order="date" if field == "date" else "imported")
    if field == "date" and not descending:
        rows.reverse()
    if query.strip():
        from tui.search import run_query

        hits = run_query(library, query, limit=max(len(rows), 1))
        if field == "relevance":
            by_id = {row.id: row for row in rows}
            rows = [by_id[hit.article_id] for hit in hits if hit.article_id in by_id]
            if not descending:
                rows.reverse()
        else:
            wanted = {hit.article_id for hit in hits}
            rows = [row for row in rows if row.id in wanted]
    if field in ("title", "source"):
        rows.sort(key=lambda row: (getattr(row, field) or "").casefold(), reverse=descending)
    return rows


def load_article(library: Any, article_id: str) -> tuple[Any, list[Any]]:
    """The article and its annotations (runs in the library thread)."""
    return library.get_article(article_id), library.annotations(article_id)


def load_rows(library: Any, ids: Sequence[str]) -> list[Any]:
    """The list rows of ``ids`` as stored now (those still in the library)."""
    return [row for row in (library.list_row(i) for i in ids) if row is not None]


def set_flag(library: Any, ids: list[str], flag: str, value: bool) -> int:
    """Set read, starred, archived or marked on ``ids``: one undo step."""
    return library.set_flag(ids, flag, value)

"""What the reader asks of the library: plain functions run in the library thread.

The reader screen passes them to :meth:`~tui.app.library_gateway.LibraryGateway.call`,
which runs ``function(library, *args)`` where the SQLite connection lives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.model import Annotation, Article
    from tui.search.views import ViewPages
    from tui.store.library import Library
    from tui.store.rows import ListRow


def load_view_rows(library: Library, query: str, sort: str) -> list[ListRow]:
    """Every list row of a view, in its order (:func:`tui.search.views.view_rows`)."""
    from tui.search.views import view_rows

    return view_rows(library, query, sort)


def open_view_pages(library: Library, query: str, sort: str) -> ViewPages:
    """A view's rows to read a page at a time (a :class:`tui.search.views.ViewPages`;
    raises ``QueryError`` for a query that cannot be read)."""
    from tui.search.views import ViewPages

    return ViewPages(library, query, sort)


def next_view_page(library: Library, pages: ViewPages) -> list[ListRow]:
    """The next page of ``pages`` (the library is the one they were opened on)."""
    return pages.next_page()


def load_article(
    library: Library, article_id: str, *, reported: bool = True
) -> tuple[Article | None, list[Annotation]]:
    """The article, with its reported speech (``reported``), and its annotations (runs
    in the library thread).

    Reported speech is read from what the import kept (:mod:`tui.store.reported`); a
    library from before that has it found by the quote finder, whose import costs more
    than the rest of the first screen (~60-120 ms of CPU: its patterns are compiled at
    import). The reader's first article is therefore read without it and shown at
    once, and its reported speech added right after.
    """
    return library.get_article(article_id, reported=reported), library.annotations(article_id)


def load_rows(library: Library, ids: Sequence[str]) -> list[ListRow]:
    """The list rows of ``ids`` as stored now (those still in the library)."""
    return [row for row in (library.list_row(i) for i in ids) if row is not None]


def set_flag(library: Library, ids: list[str], flag: str, value: bool) -> int:
    """Set read, starred, archived or marked on ``ids``: one undo step."""
    return library.set_flag(ids, flag, value)


def view_matches(library: Library, query: str, ids: Sequence[str]) -> set[str] | None:
    """Those of ``ids`` the view's ``query`` lists now, or None when a change to them
    cannot move them (:func:`tui.search.views.matching_ids`; a query that cannot be
    read lists them all, as the view then shows everything)."""
    from tui.search.views import QueryError, matching_ids

    try:
        return matching_ids(library, query, ids)
    except QueryError:
        return set(ids)


def view_lists(library: Library, query: str, article_id: str) -> bool | None:
    """Whether the view's ``query`` lists ``article_id``, when SQL on the one row can
    tell (a view of triage state: Inbox, Starred, All); None when only the search
    index could (as long as reading the view), or the query cannot be read."""
    from tui.search.query import QueryError, parse_query
    from tui.search.views import matching_ids, sql_condition

    try:
        if query.strip() and sql_condition(parse_query(query)) is None:
            return None
        listed = matching_ids(library, query, [article_id])
    except QueryError:
        return None
    return None if listed is None else article_id in listed


def data_version(library: Library) -> int:
    """SQLite's ``PRAGMA data_version`` on the library's connection: it changes when
    another connection (another session) commits, never for this one's own writes."""
    return int(library.connection.execute("PRAGMA data_version").fetchone()[0])


def library_is_empty(library: Library) -> bool:
    """Whether the library holds no article (one row read, not a count)."""
    return library.connection.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

"""A view's rows: its query and its sort order applied to the library (no textual here).

The reader, ``newsdesk list`` and the tests all evaluate a view here, so a view lists
the same articles in the same order wherever it is shown.

:class:`ViewPages` hands the rows out a page at a time, so the reader can draw the
first screen of a view long before the last row is read: at 100,000 articles the
first page of the Inbox takes a few milliseconds, every row about a second.

- A query made only of state filters (``is:unread !is:archived``, ``has:quote``...)
  sorted by date is paged straight from SQLite's index on that order
  (:mod:`tui.store.row_pages`): each page is a seek and a short read.
- Anything else (words to search, ``tag:``, ``date:``, stories, feeds; a sort by
  title, source or relevance) is evaluated whole by the search index on the first
  page (:func:`evaluate`), then handed out from memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tui.search.query import AnyOf, Filter, Query, QueryError, parse_query
from tui.store.row_pages import CONDITIONS, ORDERS, PageKey, read_page
from tui.store.rows import ListRow

__all__ = [
    "FIRST_PAGE",
    "PAGE",
    "QueryError",
    "ViewPages",
    "evaluate",
    "matching_ids",
    "speaker_index_ids",
    "sql_condition",
    "view_rows",
]

#: Rows read before the first frame of a view: more than any terminal shows at once.
FIRST_PAGE = 200
#: Rows read per page after the first: big enough that 100,000 rows take 20 pages, small
#: enough (~30 ms each) that opening an article is never kept waiting behind one.
PAGE = 5000
#: At most this many articles feed the speaker index (it reads their bodies).
SPEAKER_INDEX_LIMIT = 2000


def sql_condition(query: Query) -> str | None:
    """The query as an SQL condition on the articles table, or None when it has anything
    SQL on that table cannot answer exactly (words, tags, dates, stories, feeds).

    Only the fixed fragments of :data:`~tui.store.row_pages.CONDITIONS` are used: nothing
    the user typed reaches the SQL.
    """

    def one(item: Any) -> str | None:
        if not isinstance(item, Filter):
            return None
        condition = CONDITIONS.get((item.field, item.value))
        if condition is None:
            return None
        return f"NOT ({condition})" if item.negated else f"({condition})"

    groups = []
    for group in query.groups:
        items = group.items if isinstance(group, AnyOf) else (group,)
        parts = [one(item) for item in items]
        if any(part is None for part in parts):
            return None
        groups.append(" OR ".join(parts))  # type: ignore[arg-type]
    return " AND ".join(f"({g})" for g in groups) or "1"


def evaluate(library: Any, query: str, sort: str) -> list[ListRow]:
    """Every row of a view, in its order, through the search index (any query, any sort).

    ``sort`` is a field (date, title, source, relevance), ``-`` in front for descending.
    Without words to rank by, relevance is the order of import.
    """
    field = sort.lstrip("-")
    descending = sort.startswith("-")
    rows: list[ListRow] = library.list_rows(order="date" if field == "date" else "imported")
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
    return list(rows)


def matching_ids(library: Any, query: str, ids: Iterable[str]) -> set[str] | None:
    """Those of ``ids`` the view's ``query`` lists now (after a change to them), or
    None when the query reads nothing a triage key or a tag changes (so a change to
    them cannot move them in or out).

    The reader asks after every triage key and undo, so that the rows it shows are
    always the view's: a row unstarred in Starred leaves it, a star undone there comes
    back. A state-only query is answered by SQL on just these ids (the common views,
    ~0.1 ms); one with words and ``is:``/``has:``/``tag:`` through the search index,
    as the view itself is (at 100,000 articles about as long as opening the view).
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    parsed = parse_query(query)
    condition = sql_condition(parsed) if query.strip() else "1"
    if condition is None and not _reads_state(parsed):
        return None  # words, dates, sources: what a triage key changes cannot move it
    if condition is None:
        from tui.search import run_query

        hits = run_query(library, query, limit=max(library.count(), 1))
        listed = {hit.article_id for hit in hits}
        return {article_id for article_id in wanted if article_id in listed}
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT id FROM articles WHERE id IN ({marks}) AND ({condition})"
        found.update(row[0] for row in library.connection.execute(sql, chunk))
    return found


#: The query fields whose answer a triage key, a tag or a note can change.
_STATE_FIELDS = frozenset({"is", "has", "tag"})


def _reads_state(query: Query) -> bool:
    for group in query.groups:
        items = group.items if isinstance(group, AnyOf) else (group,)
        if any(isinstance(item, Filter) and item.field in _STATE_FIELDS for item in items):
            return True
    return False


class ViewPages:
    """The rows of a view (``query``, ``sort``) a page at a time, in the view's order.

    Raises :class:`QueryError` at once for a query that cannot be read. Call
    :meth:`next_page` until :attr:`done`; every call runs on the thread that owns the
    library's connection. Pages never overlap and never skip a row of the view as it
    was when each page was read.
    """

    def __init__(
        self,
        library: Any,
        query: str,
        sort: str,
        *,
        first: int | None = None,
        page: int | None = None,
    ) -> None:
        """``first``, ``page``: rows in the first page and in each after (None:
        :data:`FIRST_PAGE`, :data:`PAGE`)."""
        self.library = library
        self.query = query
        self.sort = sort
        self.first = first or FIRST_PAGE
        self.page = page or PAGE
        self.done = False
        #: Rows handed out so far.
        self.count = 0
        condition = sql_condition(parse_query(query))
        self._where = condition if sort in ORDERS else None
        self._after: PageKey | None = None
        self._rest: list[ListRow] | None = None

    @property
    def paged(self) -> bool:
        """Whether the pages come from the index (else: evaluated whole at the first)."""
        return self._where is not None

    def next_page(self) -> list[ListRow]:
        """The next rows ([] once :attr:`done`)."""
        if self.done:
            return []
        size = self.first if self.count == 0 else self.page
        if self._where is not None:
            rows, self._after = read_page(
                self.library.connection, self._where, sort=self.sort, after=self._after, limit=size
            )
            self.done = self._after is None
        else:
            if self._rest is None:
                self._rest = evaluate(self.library, self.query, self.sort)
            rows = self._rest[self.count : self.count + size]
            self.done = self.count + len(rows) >= len(self._rest)
        self.count += len(rows)
        return rows


def view_rows(library: Any, query: str, sort: str) -> list[ListRow]:
    """Every row of a view, in its order (what the pages of :class:`ViewPages` add up to)."""
    pages = ViewPages(library, query, sort, page=50_000)
    rows: list[ListRow] = []
    while not pages.done:
        rows += pages.next_page()
    return rows


def speaker_index_ids(rows: Iterable[ListRow], limit: int = SPEAKER_INDEX_LIMIT) -> list[str]:
    """The articles whose quotes a view's speaker index gathers: the first ``limit`` of
    its rows that have a quote (the index reads their bodies)."""
    ids: list[str] = []
    for row in rows:
        if row.n_quotes:
            ids.append(row.id)
            if len(ids) >= limit:
                break
    return ids


def find_view(views: Sequence[Any], wanted: str) -> Any | None:
    """The view named ``wanted`` (case and spaces ignored), or numbered so (1 = first)."""
    if wanted.isdigit() and 1 <= int(wanted) <= len(views):
        return views[int(wanted) - 1]
    folded = " ".join(wanted.split()).casefold()
    for view in views:
        if " ".join(view.name.split()).casefold() == folded:
            return view
    return None

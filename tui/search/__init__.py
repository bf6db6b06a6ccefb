"""The query language and the search index.

Public API (the app, ``newsdesk search`` and ``newsdesk export`` call these):

- ``run_query(library, text, *, limit=500) -> list[Hit]``: the articles matching
  ``text``, best first. An empty query returns every article in view order.
  ``library`` is a :class:`tui.store.library.Library` (its tantivy index, in the folder
  ``<library file>.search`` beside it, is brought up to date first), or a
  :class:`SearchIndex` (files searched with ``--in``, see :func:`index_documents`).
- ``QueryError``: raised for a query that cannot be parsed; ``.position`` is the
  character where it went wrong, ``.caret()`` shows it.
- ``Hit(article_id, score, context, context_span, highlights, target)``. The hits
  ``run_query`` returns work out their context (the best paragraph or quote and its
  highlights) when one of those fields is first read, so asking for many hits and
  using only their ids stays cheap; ``locate(hits)`` works them all out at once.
- ``update_index(library, progress=None)``: index what the library gained or lost since
  the last time (``lib.change_seq()`` / ``lib.changes_since()``); call it after an
  import so the first search is instant. ``run_query`` does the same before searching.
- ``warm(library)``: open the library's index now (the app calls it once its first
  screen is shown), so the first search pays no opening.
- ``index_articles(where, articles)`` / ``remove_articles(where, ids)``: lower level, for
  tools that manage articles themselves (``where``: an index folder, or an SQLite
  connection whose file the index sits beside).
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from tui.model import Article
from tui.search.hit import Hit, locate
from tui.search.source import ArticleSource

if TYPE_CHECKING:
    from tui.search.index import SearchIndex
from tui.search.query import QueryError, Term, parse_query

__all__ = [
    "Hit",
    "QueryError",
    "index_articles",
    "index_documents",
    "locate",
    "parse_query",
    "remove_articles",
    "run_query",
    "update_index",
    "warm",
]


def run_query(
    library: ArticleSource | SearchIndex,
    text: str,
    *,
    limit: int = 500,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[Hit]:
    """The articles of ``library`` matching ``text``, best first (at most ``limit``).

    ``progress(done, total)``: called while the index is caught up or rebuilt first (a
    damaged index: ``(0, None)`` as the rebuild starts), as ``update_index``'s is."""
    from tui.search import engine
    from tui.search.index import SearchIndex
    from tui.search.library_state import index_for, repaired

    query = parse_query(text)
    if isinstance(library, SearchIndex):  # files searched with --in: no library state
        return library.search(query, limit=limit)
    order = None
    if not any(isinstance(leaf, Term) for leaf in query.leaves()):
        order = list(library.article_ids())
    try:
        index = index_for(library, progress=progress)
        try:
            return index.search(query, limit=limit, state=library, order=order)
        except ValueError as exc:  # the index's files damaged: rebuilt, and asked again
            index = repaired(library, exc, progress=progress)
    except BaseException as exc:  # tantivy panicking on garbage in its files: the same
        if not engine.is_panic(exc):
            raise
        index = repaired(library, engine.panic_damage(exc), progress=progress)
    return index.search(query, limit=limit, state=library, order=order)


def update_index(
    library: ArticleSource,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    wait: bool = True,
) -> None:
    """Bring the library's index up to date now (e.g. while importing), instead of at the
    next query. ``wait``: if another process is writing the index (an import), wait for
    it; else leave the catch-up to a later query. ``progress(done, total)`` is called
    with the articles indexed so far (total: None when not known)."""
    from tui.search.library_state import index_for

    index_for(library, progress=progress, wait=wait)


def warm(library: ArticleSource) -> None:
    """Open the library's index (or take over the one this process opened for an
    import: :mod:`tui.search.library_state`) and answer a throwaway query now, without
    waiting for another session's import. The app calls this in its library thread once
    its first screen is shown: a fresh process's first search otherwise paid the
    opening and every first time on the way (the engine's typo automata, the pages of
    its term dictionary, lazily imported code): 118 ms against a median of 4.9 at 100k
    articles, under load.

    Then what is alive now (the code, the app, the index: objects that live as long as
    the process) is moved out of the cyclic garbage collector's passes (``gc.freeze``,
    constant time; no full pass first: 24 ms and more in the app, the GIL held while
    the UI waits). A search makes thousands of short-lived containers (the hits, an
    article's units), so the collector runs during searches; a full pass over the whole
    process landing in one made the search pane's p95 (the collector's CPU inside the
    pane's 60 benchmark queries: ~80 ms, 15 of it one full pass)."""
    from tui.search.library_state import index_for

    index_for(library, wait=False)
    locate(run_query(library, "newsdesk", limit=1))
    gc.freeze()


def index_articles(
    where: sqlite3.Connection | str, articles: Iterable[Article | tuple[Article, str | None]]
) -> int:
    """Add articles (optionally ``(article, source_text)``) to the index at ``where``."""
    from tui.search.index import SearchIndex

    return SearchIndex(where).add(articles)


def remove_articles(where: sqlite3.Connection | str, article_ids: Iterable[str]) -> int:
    """Drop articles from the index at ``where``."""
    from tui.search.index import SearchIndex

    return SearchIndex(where).remove(article_ids)


def index_documents(
    paths: Iterable[str],
    *,
    on_error: Callable[[Exception], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SearchIndex:
    """An in-memory :class:`SearchIndex` over files outside the library (``--in PATH``).

    Unreadable inputs, and the records left out of a readable one (a JSON line that does
    not parse, a ragged CSV row), are passed to ``on_error`` (an
    :class:`~tui.errors.InputError`) and skipped; without ``on_error`` they are raised.
    ``progress(done, total)`` is called after each file.
    """
    from tui.errors import InputError
    from tui.extract.pipeline import parse_text
    from tui.ingest.files import expand_paths, load_document
    from tui.search.index import SearchIndex

    inputs = expand_paths(paths)

    def articles() -> Iterator[tuple[Article, str]]:
        for done, path in enumerate(inputs, 1):
            if progress:
                progress(done - 1, len(inputs))
            try:
                document = load_document(path)
                parsed = parse_text(document.text, document.source)  # any input format
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(exc)
                continue
            for problem in parsed.problems:  # a record left out: named, as parse does
                if on_error is None:
                    raise InputError(path, problem)
                on_error(InputError(path, problem))
            for article in parsed.articles:
                yield article, parsed.text

    index = SearchIndex()
    index.add(articles())  # one writer for every file: one commit, few segments
    if progress:
        progress(len(inputs), len(inputs))
    return index

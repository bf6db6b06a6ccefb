"""Glue between the search index and the store's :class:`~tui.store.library.Library`.

The index lives in the library's own SQLite connection. Before a query, the index is
synced with the library when the database changed since the last sync (checked with
``PRAGMA data_version`` and the connection's change counter, so an unchanged library
costs two integer reads per query, not a comparison of every id).

What this expects of the library object (duck-typed, so the store can grow freely):

- ``connection`` (or ``conn``): its ``sqlite3.Connection``;
- ``article_ids()``: every article id;
- ``get_articles(ids)`` (or ``get_article(id)``): the :class:`~tui.model.Article` objects;
- optionally ``ids_with(field, value)``: the ids of articles with a triage state or
  annotation (``("is", "starred")``, ``("has", "note")``, ``("tag", "x")``; None = all).
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterable
from typing import Any

from tui.model import Article
from tui.search.index import NoState, SearchIndex

_synced: weakref.WeakKeyDictionary[Any, tuple[int, int]] = weakref.WeakKeyDictionary()
_indexes: weakref.WeakKeyDictionary[Any, SearchIndex] = weakref.WeakKeyDictionary()


def connection_of(library: Any) -> sqlite3.Connection:
    for name in ("connection", "conn", "_conn", "db"):
        value = getattr(library, name, None)
        if callable(value) and not isinstance(value, sqlite3.Connection):
            value = value()
        if isinstance(value, sqlite3.Connection):
            return value
    raise TypeError(f"{type(library).__name__} has no SQLite connection to keep the index in")


def _signature(conn: sqlite3.Connection) -> tuple[int, int]:
    return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def _load(library: Any, ids: list[str]) -> Iterable[Article]:
    if hasattr(library, "get_articles"):
        yield from library.get_articles(ids)
        return
    for article_id in ids:
        article = library.get_article(article_id)
        if article is not None:
            yield article


def index_for(library: Any) -> SearchIndex:
    """The library's index, synced with its articles if the database changed."""
    conn = connection_of(library)
    index = _indexes.get(library)
    if index is None:
        index = SearchIndex(conn)
        _indexes[library] = index
    if _synced.get(library) != _signature(conn):
        if hasattr(library, "article_ids"):
            index.sync(library.article_ids(), lambda ids: _load(library, ids))
        _synced[library] = _signature(conn)
    return index


def state_for(library: Any) -> Any:
    return library if hasattr(library, "ids_with") else NoState()

"""Glue between the search index and the store's :class:`~tui.store.library.Library`.

The index lives in the library's own SQLite file (``lib.connection``). Before each query
it is brought up to date incrementally: the library's change counter
(``lib.change_seq()``) is compared with the one recorded at the last sync, and only the
articles added, re-parsed or removed since (``lib.changes_since(seq)``) are indexed or
dropped. An unchanged library costs two one-row reads per query.

A library opened read-only cannot store an index: if its index is missing or behind,
one is built in memory for the session (slow for big libraries, but correct).

For other library-like objects (tests, tools), the duck-typed minimum is
``connection``, ``article_ids()`` and ``get_articles(ids)``; without a change counter
the index is compared id by id whenever the database changed.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from typing import Any

from tui.model import Article
from tui.search.index import NoState, SearchIndex
from tui.search.schema import get_meta, has_index, set_meta

#: Articles loaded from the library per round while indexing.
_LOAD_CHUNK = 500

_indexes: weakref.WeakKeyDictionary[Any, SearchIndex] = weakref.WeakKeyDictionary()
_signatures: weakref.WeakKeyDictionary[Any, tuple[int, int]] = weakref.WeakKeyDictionary()


def connection_of(library: Any) -> sqlite3.Connection:
    for name in ("connection", "conn"):
        value = getattr(library, name, None)
        if isinstance(value, sqlite3.Connection):
            return value
    raise TypeError(f"{type(library).__name__} has no SQLite connection to keep the index in")


def _load(library: Any, ids: list[str]) -> Iterator[tuple[Article, str | None]]:
    """The articles, with their source text when the library can give it (to locate
    explicit title lines), in chunks so that memory stays bounded."""
    text_of = getattr(library, "article_text", None)
    for start in range(0, len(ids), _LOAD_CHUNK):
        for article in library.get_articles(ids[start : start + _LOAD_CHUNK]):
            yield article, (text_of(article.id) if text_of else None)


def index_for(library: Any, *, progress: Any = None) -> SearchIndex:
    """The library's index, brought up to date with its articles."""
    conn = connection_of(library)
    index = _indexes.get(library)
    if getattr(library, "readonly", False):
        if index is None:
            index = _readonly_index(library, conn)
            _indexes[library] = index
        return index
    if index is None:
        index = SearchIndex(conn)
        _indexes[library] = index
    if hasattr(library, "change_seq") and hasattr(library, "changes_since"):
        _sync_by_seq(library, index, progress)
    else:
        _sync_by_ids(library, index, conn, progress)
    return index


def _sync_by_seq(library: Any, index: SearchIndex, progress: Any) -> None:
    seq = library.change_seq()
    stored = get_meta(index.conn, "store_seq")
    if stored == str(seq):
        return
    if stored is None:  # first time: compare the whole library with the index
        index.sync(library.article_ids(), lambda ids: _load(library, ids), progress=progress)
    else:
        changes = library.changes_since(int(stored))
        indexed = index.indexed_ids()
        index.remove([*changes.removed, *(i for i in changes.updated if i in indexed)])
        present = [i for i in dict.fromkeys(changes.updated) if i not in changes.removed]
        index.add(_load(library, present), progress=progress)
        seq = changes.seq
    set_meta(index.conn, "store_seq", str(seq))


def _sync_by_ids(library: Any, index: SearchIndex, conn: sqlite3.Connection, progress: Any) -> None:
    def signature() -> tuple[int, int]:
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes

    if _signatures.get(library) == signature():
        return
    if hasattr(library, "article_ids"):
        index.sync(library.article_ids(), lambda ids: _load(library, ids), progress=progress)
    _signatures[library] = signature()


def _readonly_index(library: Any, conn: sqlite3.Connection) -> SearchIndex:
    current = hasattr(library, "change_seq") and get_meta(conn, "store_seq") == str(
        library.change_seq()
    )
    if has_index(conn) and current:
        return SearchIndex(conn, create=False)
    memory = SearchIndex(sqlite3.connect(":memory:"))
    ids = list(library.article_ids()) if hasattr(library, "article_ids") else []
    memory.add(_load(library, ids))
    return memory


def state_for(library: Any) -> Any:
    return library if hasattr(library, "ids_with") else NoState()

"""Glue between the search index and the store's :class:`~tui.store.library.Library`.

The index is a tantivy folder beside the library file (``library.db.search``): it
belongs to that one library (``--db`` libraries each get theirs, two sessions of one
library share it, and moving or deleting the library by hand takes the index along).
It is derived data. Before each query, and while ``newsdesk import`` runs, it catches
up with the library by the library's change counter: the counter recorded in the
index (written in the same tantivy commit as the articles) is compared with
``lib.change_seq()``, and only the articles added, re-parsed or removed since
(``lib.changes_since(seq)``) are indexed or dropped. So an import killed mid-way, an
index deleted, corrupt or of an older layout, are all repaired by the next command.

One process writes the index at a time (tantivy's writer lock). An importer waits for
another; a reader that finds the writer busy searches what is committed and catches up
at a later query.

A library opened read-only cannot store an index: if its index is missing or behind,
one is built in memory for the session (slow for big libraries, but correct).

Other sources of articles (tests, tools) need only :class:`~tui.search.source.ArticleSource`;
without the store's change counter their index is compared id by id whenever their
database changed. What is known of each source's index (the index, the change counter or
database signature it was last synced at) is kept in :data:`_states`, dropped with the
source.
"""

from __future__ import annotations

import contextlib
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tui.errors import NewsdeskError
from tui.model import Article
from tui.search import engine
from tui.search.index import Loaded, Made, Progress, SearchIndex, _location, index_path
from tui.search.rebuild import WorkerDocuments, pool_jobs
from tui.search.source import ArticleSource
from tui.search.streamed import is_big
from tui.store.library import Library
from tui.terminal_safe import terminal_safe
from tui.text import chunks

#: Articles loaded from the library per round while indexing.
_LOAD_CHUNK = 500

#: The SQLite tables of the previous search index (FTS5), dropped on upgrade.
LEGACY_TABLES = (
    "search_fts",
    "search_fts_meta",
    "search_units",
    "search_docs",
    "search_articles",
    "search_terms",
    "search_deletes",
    "search_aliases",
    "search_meta",
)


@dataclass
class _IndexState:
    """A source's index and what it was last synced at."""

    index: SearchIndex
    #: The store's change counter the index was last brought up to (Library sources).
    synced_seq: int | None = None
    #: ``(PRAGMA data_version, total_changes)`` at the last sync (other sources).
    signature: tuple[int, int] | None = None


_states: weakref.WeakKeyDictionary[ArticleSource, _IndexState] = weakref.WeakKeyDictionary()

#: The index this process used last, with what its folder was then (:func:`_identity`)
#: and the source that used it. Once that source is closed, a library opened again on
#: the same file takes the index over instead of opening it a second time (tens of
#: milliseconds, more at 100k articles): the app opens its own library after
#: ``import_first``'s has built or caught up the index, and closed it.
_last: tuple[tuple[int, ...], SearchIndex, weakref.ref[ArticleSource]] | None = None


def _identity(folder: Path) -> tuple[int, ...] | None:
    """What says that an index folder is as it was: the folder itself and its
    ``meta.json`` (replaced, not rewritten, at every commit: by any process)."""
    try:
        found = folder.stat()
        meta = (folder / "meta.json").stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino, meta.st_dev, meta.st_ino, meta.st_mtime_ns, meta.st_size)


def _remember(index: SearchIndex, source: ArticleSource) -> None:
    global _last
    if index.path is not None:
        identity = _identity(index.path)
        _last = (identity, index, weakref.ref(source)) if identity is not None else None


def _closed(source: ArticleSource | None) -> bool:
    if source is None:
        return True
    try:
        source.connection.total_changes  # noqa: B018 (raises once closed)
    except sqlite3.ProgrammingError as exc:
        return "closed" in str(exc)  # not: open, in another thread
    return False


def _taken_over(folder: Path | None) -> SearchIndex | None:
    """The index last used in this process, if it is the one in ``folder`` as it was
    and the source that used it is closed (two live sources never share one)."""
    global _last
    if _last is None or folder is None:
        return None
    identity, index, source = _last
    if index.path != folder or _identity(folder) != identity or not _closed(source()):
        return None
    _last = None
    if index.meta().get("version", engine.INDEX_VERSION) != engine.INDEX_VERSION:
        return None  # of another layout: rebuilt (:func:`_open`)
    return index


def opened() -> int:
    """How many times this process opened an index folder (a count for tests)."""
    return _opened


_opened = 0


def _folder(library: ArticleSource) -> Path | None:
    if isinstance(library, Library):
        return index_path(library.path)
    return _location(library.connection)


def _load(
    library: ArticleSource, ids: list[str], found: dict[str, tuple[int, bytes]] | None = None
) -> Iterator[Loaded]:
    """The articles, with a reader of their source text when the library can give it,
    and the reported speech it keeps for them, in chunks so that memory stays bounded.

    An article with none kept (a library from before it was kept, or from another
    extractor) has it found here, once: the library keeps it (or, read-only, ``found``
    is given it, for the process that writes: a rebuild's worker)."""
    if not isinstance(library, Library):
        for chunk in chunks(ids, _LOAD_CHUNK):
            for article in library.get_articles(chunk):
                yield Loaded(article, None)
        return
    for chunk in chunks(ids, _LOAD_CHUNK):
        articles = library.get_articles(chunk)
        kept = library.kept_reported(articles)
        fresh: dict[str, tuple[int, bytes]] = {}
        loaded = []
        for article in articles:
            blob = kept.get(article.id)
            if blob is None and not (found is not None and is_big(article)):
                # (a rebuild's worker leaves a megabyte article to the writer, which
                # makes its documents and finds its reported speech: not twice)
                blob = _find_reported(library, article)
                if blob is not None:
                    fresh[article.id] = (article.span.start, blob)
            loaded.append(Loaded(article, partial(library.article_text, article.id), blob))
        del articles, kept
        if fresh and found is not None:
            found.update(fresh)
        elif fresh:
            library.keep_reported(fresh)
        yield from loaded
        del loaded


def _find_reported(library: Library, article: Article) -> bytes | None:
    """The stored form of ``article``'s reported speech, found now (None: its text is
    not in the library)."""
    from tui.extract.pipeline import find_article_reported
    from tui.store.reported import Encoder

    text = library.article_text(article.id)
    if text is None:
        return None
    encoder = Encoder()
    find_article_reported(article, text, encoder)
    return encoder.blob()


def _documents(library: Library, ids: list[str]) -> Iterable[Loaded | Made]:
    """What to index for ``ids``: made by worker processes when they are many (a
    rebuild, a long catch-up: :mod:`tui.search.rebuild`), else read here."""
    jobs = pool_jobs(library, len(ids))
    return WorkerDocuments(library, ids, jobs) if jobs else _load(library, ids)


def _open(folder: Path | None) -> SearchIndex:
    """The index in ``folder``, rebuilt empty if it is of another version or unreadable,
    unless another process is writing it: what this one cannot read then is that
    writer's work in progress (deleting it under the writer lost its import), so the
    error is raised instead and the next command tries again."""
    global _opened
    _opened += 1
    try:
        index = SearchIndex(folder)
        meta = index.meta()
        if meta.get("version", engine.INDEX_VERSION) == engine.INDEX_VERSION:
            index.probe()
            return index
    except BaseException as exc:  # ValueError, OSError, or tantivy panicking on garbage
        if not isinstance(exc, ValueError | OSError) and not engine.is_panic(exc):
            raise
        if folder is not None and engine.writer_busy(folder):
            raise NewsdeskError(
                f"{terminal_safe(str(folder))}: the search index could not be read while"
                " another newsdesk process writes it; try again when it is done"
            ) from exc
        # corrupt or from another tantivy layout: derived data, rebuilt below
    if folder is None:
        return SearchIndex(None)
    engine.remove_index(folder)
    return SearchIndex(folder)


def repaired(library: ArticleSource, exc: ValueError, *, progress: Progress = None) -> SearchIndex:
    """The library's index rebuilt after a search met damage in its files (``exc``:
    damage the opening did not see, inside a term dictionary or a stored block). ``exc``
    is raised again when it is not damage (a query tantivy refuses), for a read-only
    library, and while another process writes the index (what cannot be read then may
    be its work in progress: never deleted, see :func:`_open`). ``progress``: told
    ``(0, None)`` as the rebuild starts, then the articles indexed (the reader's search
    pane shows them)."""
    global _last
    state = _states.get(library)
    folder = state.index.path if state is not None else None
    readonly = isinstance(library, Library) and library.readonly
    if state is None or folder is None or readonly or not engine.is_damage(exc):
        raise exc
    if engine.writer_busy(folder):
        raise exc
    if progress:
        progress(0, None)
    del _states[library]
    if _last is not None and _last[1] is state.index:
        _last = None
    engine.remove_index(folder)
    return index_for(library, progress=progress)


def drop_legacy_tables(conn: sqlite3.Connection) -> bool:
    """Drop the previous version's FTS5 index from the library file; whether there was one."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    legacy = [t for t in LEGACY_TABLES if t in names]
    if not legacy:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in legacy:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    with contextlib.suppress(sqlite3.Error):
        conn.execute("VACUUM")  # give the space back (the old index was most of the file)
    return True


def index_for(
    library: ArticleSource, *, progress: Progress = None, wait: bool = False
) -> SearchIndex:
    """The library's index, brought up to date with its articles.

    ``wait``: if another process is writing the index, wait for it (an import) instead
    of searching what is committed (a query).
    """
    state = _states.get(library)
    readonly = isinstance(library, Library) and library.readonly
    if state is None:
        if readonly:
            state = _IndexState(_readonly_index(library))
        else:
            folder = _folder(library)
            state = _IndexState(_taken_over(folder) or _open(folder))
        _states[library] = state
    if readonly:
        return state.index
    folder = state.index.path
    if not wait and folder is not None and engine.writer_busy(folder):
        # Another process is writing (an import): search what it committed so far, and
        # catch up at a later query, without reading the whole index to compare first.
        state.index.reload()
        return state.index
    try:
        if isinstance(library, Library):
            _sync_by_seq(library, state, progress, wait)
        else:
            _sync_by_ids(library, state, progress, wait)
    except ValueError as exc:
        if wait or not engine.is_lock_busy(exc):
            raise
        state.index.reload()  # another process is writing: search what it committed so far
    _remember(state.index, library)
    return state.index


def mark_synced(library: Library, seq: int) -> None:
    """The library's index holds everything up to change ``seq`` (an import that
    indexed as it went says so, so that the next query does not look again)."""
    state = _states.get(library)
    if state is not None:
        state.synced_seq = seq


def _sync_by_seq(library: Library, state: _IndexState, progress: Progress, wait: bool) -> None:
    index = state.index
    seq = library.change_seq()
    if state.synced_seq == seq:
        return
    index.reload()
    meta = index.meta()
    stored = meta.get("store_seq")
    if stored != seq:
        record = {"version": engine.INDEX_VERSION, "store_seq": seq}
        with _writer_wait(index, wait):
            if stored is None:  # first time: compare the whole library with the index
                if drop_legacy_tables(library.connection):
                    seq = library.change_seq()
                    record["store_seq"] = seq
                index.sync(
                    library.article_ids(),
                    lambda ids: _documents(library, ids),
                    progress=progress,
                    meta=record,
                )
            else:
                changes = library.changes_since(int(stored))
                record["store_seq"] = changes.seq
                removed = [*changes.removed, *changes.updated]
                present = [i for i in dict.fromkeys(changes.updated) if i not in changes.removed]
                items = _documents(library, present)
                try:
                    index.update(items, removed, progress=progress, total=len(present), meta=record)
                finally:
                    if isinstance(items, WorkerDocuments):
                        items.close()
                seq = changes.seq
    state.synced_seq = seq


@contextlib.contextmanager
def _writer_wait(index: SearchIndex, wait: bool) -> Iterator[None]:
    """Writes inside wait for another process's writer only if ``wait``."""
    index.writer_wait = engine.WRITER_WAIT_S if wait else 0.0
    try:
        yield
    finally:
        index.writer_wait = engine.WRITER_WAIT_S


def _sync_by_ids(
    library: ArticleSource, state: _IndexState, progress: Progress, wait: bool
) -> None:
    conn = library.connection

    def signature() -> tuple[int, int]:
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes

    if state.signature == signature():
        return
    with _writer_wait(state.index, wait):
        state.index.sync(library.article_ids(), lambda ids: _load(library, ids), progress=progress)
    state.signature = signature()


def _readonly_index(library: ArticleSource) -> SearchIndex:
    folder = _folder(library)
    if folder is not None and folder.is_dir() and isinstance(library, Library):
        with contextlib.suppress(ValueError, OSError):
            index = SearchIndex(folder)
            if index.meta().get("store_seq") == library.change_seq():
                return index
    memory = SearchIndex(None)
    memory.add(_load(library, list(library.article_ids())))
    return memory

"""The documents of a rebuild (or a long catch-up) made in worker processes.

An index rebuilt from the library (a newer index layout, an index lost or damaged, an
import killed before its index caught up) makes each article's document from what the
library stores: the article read back and decoded with the reported speech the
library keeps for it (found by the import's parse workers: :mod:`tui.store.reported`;
a library from before that has it found here, once, and kept), its fields built. An
import does that in its parse workers; a rebuild did it all in the one process that
also writes the index, on one core.

Here the article ids are handed out in chunks to ``jobs`` processes, each reading its
articles from the library (opened read-only) and returning their finished documents;
the calling process writes them in the order of the ids, so each article gets the
sequence number one process would have given it (the same index), and holds tantivy's
writer as before (a second writer waits). At most ``2 * jobs`` chunks are in flight,
so memory stays bounded however big the library. A megabyte article is not sent back
whole: the writer makes its document a window at a time, as an import does
(:mod:`tui.search.streamed`).
"""

from __future__ import annotations

import io
import os
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from tui.search.index import Loaded, Made, prepared_document
from tui.search.streamed import is_big

if TYPE_CHECKING:
    from tui.store.library import Library

#: Fewer articles than this are made in the writing process (starting workers, each
#: importing the parser, costs more than it saves).
POOL_MIN = 2000
#: Articles a worker makes per task (a few MB of documents sent back at once).
CHUNK = 250
#: Worker processes; None: one per core (:func:`tui.store.parallel.default_jobs`).
JOBS: int | None = None

#: The library of this worker process (opened once, by :func:`_start`).
_library: Library | None = None


def _start(path: str, parent: int | None) -> None:
    """A worker's start: it dies with its parent (:func:`tui.store.parallel._die_with_parent`:
    a forked worker shares the writer's index lock) and opens the library read-only.
    ``parent``: the writer's pid if forked from it; None if started by a fork server
    (the writer had threads running: the app), whose child it is instead, and which
    ends with the writer."""
    global _library
    from tui.store.library import Library
    from tui.store.parallel import _die_with_parent

    _die_with_parent(os.getppid() if parent is None else parent)
    _library = Library.open(path, readonly=True)


def _make(ids: list[str]) -> list[Made | str]:
    """The documents of the articles ``ids`` (an id gone from the library meanwhile: left
    out; a megabyte article: its id, made by the writer)."""
    from tui.search.library_state import _load

    assert _library is not None
    made: list[Made | str] = []
    found: dict[str, tuple[int, bytes]] = {}  # reported speech the library had not kept
    for article, text, reported in _load(_library, ids, found):
        if is_big(article):
            made.append(article.id)
        else:
            fields = prepared_document(article, text, reported=reported)
            made.append(Made(article.id, fields, found.get(article.id)))
    return made


def pool_jobs(library: Library, count: int) -> int:
    """How many workers make the documents of ``count`` articles of ``library`` (0: none,
    made in this process: few articles, one core, or a library without a file)."""
    from tui.store.parallel import default_jobs

    jobs = JOBS if JOBS is not None else default_jobs()
    if jobs <= 1 or count < POOL_MIN or not Path(library.path).is_file():
        return 0
    return jobs


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (a fork server's pool needs it) without
    a broken ``sys.stderr``. The reader (Textual) replaces ``sys.stderr`` with an object
    whose ``fileno()`` is -1 instead of raising: the tracker passed that -1 to its
    process and failed ("bad value(s) in fds_to_keep"), and a search that met a damaged
    index of 20,000 articles ended the reader. Without a stream to hand over (a
    ``fileno()`` that raises), the tracker starts without one; ``sys.stderr`` is
    swapped only while it starts, in the library thread (the reader prints nothing)."""
    from multiprocessing import resource_tracker

    stream = sys.stderr
    try:
        usable = stream is None or stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = True  # raises: the tracker does without it by itself
    if usable:
        return
    sys.stderr = io.StringIO()
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = stream


class WorkerDocuments:
    """The documents of ``ids``, made by ``jobs`` worker processes, in the order of
    ``ids``: :class:`~tui.search.index.Made`, or ``(article, text)`` for a megabyte
    article. The workers start here (before the caller takes tantivy's writer: a fork
    then copies no writer threads); :meth:`close` stops them (read to the end or not)."""

    def __init__(self, library: Library, ids: list[str], jobs: int) -> None:
        from tui.store.parallel import _context

        self.library = library
        self.chunks = iter([ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)])
        context = _context()
        parent = os.getpid() if context.get_start_method() == "fork" else None
        if parent is None:
            _start_resource_tracker()
        self.pool = ProcessPoolExecutor(
            jobs, context, initializer=_start, initargs=(str(library.path), parent)
        )
        self.pending: deque[tuple[list[str], Future[list[Made | str]]]] = deque()
        for _ in range(2 * jobs):
            self._submit()

    def _submit(self) -> None:
        chunk = next(self.chunks, None)
        if chunk is not None:
            self.pending.append((chunk, self.pool.submit(_make, chunk)))

    def __iter__(self) -> Iterator[Made | Loaded]:
        from tui.search.library_state import _load

        while self.pending:
            chunk, future = self.pending[0]
            try:
                made = future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): the
                break  # rest is made here, as without workers
            self.pending.popleft()
            self._submit()  # the workers go on while this chunk is written
            self.library.keep_reported(
                {i.article_id: i.found for i in made if isinstance(i, Made) and i.found}
            )
            for item in made:
                if isinstance(item, str):
                    yield from _load(self.library, [item])
                else:
                    yield item
            del made
        for chunk in (*(chunk for chunk, _future in self.pending), *self.chunks):
            yield from _load(self.library, chunk)
        self.pending.clear()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

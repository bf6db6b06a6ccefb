"""One thread that owns the library: every store and search call runs there.

SQLite connections belong to the thread that made them, and the app must never block its
event loop on the disk. So the :class:`~tui.store.library.Library` is opened in a single
worker thread and every call is queued to it (:meth:`LibraryGateway.call`, awaitable).
Calls run one at a time, in order: a write is never interleaved with a read of the same
rows, and search reads the library's change counter and triage state through its connection.

A search typed a key at a time is cancelled by the next key. Cancelling the awaiting task
drops a call still in the queue, but one already running would hold the thread until it
finished, and the next key's search would wait behind it (up to a whole search). Reads
whose result nobody needs once cancelled go through :meth:`LibraryGateway.call_cancellable`,
which stops its SQLite statements instead (a progress handler, installed for that call
only, that aborts the statement running when the caller was cancelled, and any it
starts after), except inside a transaction: a write it makes on the way (a search
bringing the index up to date) finishes and commits.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from tui.store.library import Library

T = TypeVar("T")


class LibraryGateway:
    """The library, opened lazily in its own thread; ``await gateway.call(fn, ...)``.

    ``on_busy(waiting)`` hears, in the library thread, that a write found the library
    busy and is kept to be tried again (``True``), then that it was saved (``False``).
    """

    def __init__(
        self, path: Path | str | None = None, on_busy: Callable[[bool], None] | None = None
    ) -> None:
        self.path = path
        self.on_busy = on_busy
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library")
        self._library: Library | None = None

    def _ensure(self) -> Library:
        if self._library is None:
            from tui.store import Library

            self._library = Library.open(self.path)
        return self._library

    def submit(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``function(library, *args, **kwargs)``; a concurrent Future of its result.

        A write that found the library busy (another process held the write lock past
        the busy timeout) is kept and tried again until it is saved, never dropped (the
        calls behind it wait: they may read what it writes); ``on_busy`` hears it.
        Imports and groupings commit at least every second, so this is rare.
        """
        return self._executor.submit(self._retrying, function, *args, **kwargs)

    def _retrying(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        from tui.store.errors import BusyError

        waited = False
        while True:
            try:
                result = function(self._ensure(), *args, **kwargs)
            except BusyError:
                if not waited and self.on_busy is not None:
                    self.on_busy(True)
                waited = True
                continue  # each try waits the busy timeout for the lock
            if waited and self.on_busy is not None:
                self.on_busy(False)
            return result

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(library, *args, **kwargs)`` in the library thread and await it.

        An SQLite failure comes back as a :class:`~tui.errors.NewsdeskError` naming the
        library, so the app can show it as one line instead of crashing.
        """
        return await self._result(self.submit(function, *args, **kwargs))

    async def call_cancellable(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """:meth:`call` for reads whose result is useless once the caller is cancelled (a
        search superseded by the next keystroke): cancelling the awaiting task while
        ``function`` runs stops its SQLite statements (they fail as "interrupted"), so
        the library thread is free for the next call within a few milliseconds. A
        statement inside a transaction is never stopped: a write ``function`` makes
        (the index brought up to date) runs to its commit, and stopping starts again
        after it. Meant for reads: nothing the user made should be written here."""
        cancelled = threading.Event()

        def run() -> T:
            connection = self._ensure().connection
            # Checked every 1,000 virtual machine steps (FTS5's own work runs between
            # steps, so a statement stops at its next step): a true value aborts it.
            connection.set_progress_handler(
                lambda: cancelled.is_set() and not connection.in_transaction, 1000
            )
            try:
                return function(self._library, *args, **kwargs)
            finally:
                connection.set_progress_handler(None, 0)

        try:
            return await self._result(self._executor.submit(run))
        except asyncio.CancelledError:
            cancelled.set()  # harmless if the call has finished meanwhile: nothing checks it
            raise

    async def _result(self, future: Future[T]) -> T:
        """The call's result; an SQLite failure comes back as a one-line NewsdeskError."""
        import sqlite3

        from tui.errors import NewsdeskError

        try:
            return await asyncio.wrap_future(future)
        except sqlite3.Error as exc:
            raise NewsdeskError(
                f"{self.path or 'library'}: the library could not be read ({exc}); "
                "try 'newsdesk import' again or choose another library with --db"
            ) from None

    def close(self) -> None:
        """Close the library (in its thread) and stop the thread."""

        def _close() -> None:
            if self._library is not None:
                self._library.close()
                self._library = None

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)

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

A write that meets a library held by another program is kept and tried again until it
is saved (:meth:`LibraryGateway.submit`); the calls behind it wait. A change of the
user's finds out within :data:`CHANGE_FIRST_TRY_MS` (not the store's 15 s), so the
reader can say at once that it waits. So that quitting
never waits for ever, the user may give it up (:meth:`LibraryGateway.abandon`): the
retries run on a short busy timeout and stop at the next one.
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

#: The busy timeout of a kept write's retries (ms): how soon it notices it was given up.
RETRY_BUSY_MS = 250
#: The busy timeout of the first try of a user's change (ms), not the store's 15 s: the
#: star shows at once, and within this the reader says if it waits for another program
#: (an import's transactions, half a second at most, mostly fit in it).
CHANGE_FIRST_TRY_MS = 1000


class LibraryGateway:
    """The library, opened lazily in its own thread; ``await gateway.call(fn, ...)``;
    a change of the user's, ``await gateway.change(fn, ...)``.

    ``on_busy(waiting, kind)`` hears that a call found the library busy and is kept to
    be tried again (``waiting`` True), then that it went through (False). ``kind`` says
    what waits: ``"change"`` (one of the user's, or one queued behind what waits),
    ``"opening"`` (the library could not be opened yet: `newsdesk compact` was rewriting
    it, say) or ``"library"`` (a read bringing stored data up to date: stories grouped).
    Heard in the library thread, or in the caller's for a change queued behind.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        on_busy: Callable[[bool, str], None] | None = None,
    ) -> None:
        self.path = path
        self.on_busy = on_busy
        #: What waits for a busy library now: None, "opening", "library" or "change".
        self.waiting: str | None = None
        self._changes = 0
        self._changes_lock = threading.Lock()
        self._abandoned = threading.Event()
        self._closing = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library")
        self._library: Library | None = None

    def _ensure(self) -> Library:
        if self._library is None:
            from tui.store import Library

            self._library = Library.open(self.path)
        return self._library

    @property
    def changes_pending(self) -> int:
        """The user's changes queued or running, not yet saved."""
        return self._changes

    def submit(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``function(library, *args, **kwargs)``; a concurrent Future of its result.

        A write that found the library busy (another process held the write lock past
        the busy timeout) is kept and tried again until it is saved, never dropped (the
        calls behind it wait: they may read what it writes); ``on_busy`` hears it.
        Imports and groupings commit at least every second, so this is rare.
        """
        return self._executor.submit(self._retrying, False, function, *args, **kwargs)

    def abandon(self) -> None:
        """Give up what waits for a busy library (the user quits without it): the kept
        call stops at its next try, within :data:`RETRY_BUSY_MS` once it has waited
        (an opening library, within the store's busy timeout), and every call queued
        behind it fails at once, unrun, with the :class:`~tui.store.errors.BusyError`."""
        self._abandoned.set()

    def _count_change(self, step: int) -> None:
        with self._changes_lock:
            self._changes += step

    def _retrying(self, change: bool, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        from tui.store.errors import BusyError

        waited = False
        first_short = change and self._library is not None
        if first_short:
            self._busy_timeout(CHANGE_FIRST_TRY_MS)
        try:
            while True:
                if self._abandoned.is_set():
                    raise BusyError(f"{self.path or 'library'}: busy; given up on quitting")
                kind = "opening" if self._library is None else "change" if change else "library"
                try:
                    result = function(self._ensure(), *args, **kwargs)
                except BusyError:
                    if self._closing:
                        raise  # closing: kept no longer (the app quits; see close)
                    if not waited:
                        # a change queued behind what waited keeps the word "change"
                        if self._changes and kind != "opening":
                            kind = "change"
                        self.waiting = kind
                        if self.on_busy is not None:
                            self.on_busy(True, kind)
                        self._retry_briefly(True)
                    waited = True
                    continue  # each try waits the busy timeout for the lock
                if waited:
                    kind, self.waiting = self.waiting or kind, None
                    if self.on_busy is not None:
                        self.on_busy(False, kind)
                return result
        finally:
            if change:
                self._count_change(-1)
            if waited or first_short:
                self._retry_briefly(False)

    def _retry_briefly(self, on: bool) -> None:
        """The busy timeout of the retries (short, so an abandon is heard soon), or back
        to the store's own. Before the library is open it keeps the store's."""
        self._busy_timeout(RETRY_BUSY_MS if on else None)

    def _busy_timeout(self, ms: int | None) -> None:
        """The open library's busy timeout: ``ms``, at most the store's (None: the store's)."""
        from tui.store import library as store_library

        if self._library is not None:
            store = store_library.BUSY_TIMEOUT_MS
            ms = store if ms is None else min(ms, store)
            self._library.connection.execute(f"PRAGMA busy_timeout = {ms}")

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(library, *args, **kwargs)`` in the library thread and await it.

        An SQLite failure comes back as a :class:`~tui.errors.NewsdeskError` naming the
        library, so the app can show it as one line instead of crashing.
        """
        return await self._result(self.submit(function, *args, **kwargs))

    async def change(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """:meth:`call` for a change of the user's (a star, a tag, a note): counted in
        :attr:`changes_pending` until saved, so quitting can ask before dropping it,
        and named as the user's change while it waits for a busy library."""
        self._count_change(1)
        try:
            future = self._executor.submit(self._retrying, True, function, *args, **kwargs)
        except BaseException:
            self._count_change(-1)
            raise
        waiting = self.waiting
        if waiting in ("library", "opening") and self.on_busy is not None:
            self.on_busy(True, "change")  # queued behind what waits: it waits too
        return await self._result(future)

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
        """Close the library (in its thread) and stop the thread, once the calls queued
        have run. One that meets a busy library now fails instead of being kept: the
        app asks before quitting with a change waiting (and waits for the queue before
        quitting), so this only bounds a quit that did not ask (a crash), which would
        otherwise wait for as long as another program holds the library."""
        self._closing = True

        def _close() -> None:
            if self._library is not None:
                self._library.close()
                self._library = None

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)

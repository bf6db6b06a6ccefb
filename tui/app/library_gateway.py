"""One thread that owns the library: every store and search call runs there.

SQLite connections belong to the thread that made them, and the app must never block its
event loop on the disk. So the :class:`~tui.store.library.Library` is opened in a single
worker thread and every call is queued to it (:meth:`LibraryGateway.call`, awaitable).
Calls run one at a time, in order: a write is never interleaved with a read of the same
rows, and search shares the library's connection (its index lives in the same file).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class LibraryGateway:
    """The library, opened lazily in its own thread; ``await gateway.call(fn, ...)``."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library")
        self._library: Any = None

    def _ensure(self) -> Any:
        if self._library is None:
            from tui.store import Library

            self._library = Library.open(self.path)
        return self._library

    def submit(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``function(library, *args, **kwargs)``; a concurrent Future of its result."""
        return self._executor.submit(lambda: function(self._ensure(), *args, **kwargs))

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(library, *args, **kwargs)`` in the library thread and await it.

        An SQLite failure comes back as a :class:`~tui.errors.NewsdeskError` naming the
        library, so the app can show it as one line instead of crashing.
        """
        import sqlite3

        from tui.errors import NewsdeskError

        try:
            return await asyncio.wrap_future(self.submit(function, *args, **kwargs))
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

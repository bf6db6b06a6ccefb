"""The reader follows what other sessions change in the library.

``newsdesk import`` in a second terminal, or a second reader, commits to the library
through a connection of its own; the reader only saw it at its next view switch. A
timer now reads SQLite's ``PRAGMA data_version`` on the reader's connection, in the
library thread, every :data:`POLL_SECONDS`: one integer, which changes when another
connection commits and never for the reader's own writes. Nothing else is read while it
stays the same.

A change is shown once it has settled (the same number at two looks in a row: an
import commits every half second while it runs), or every :data:`BUSY_REFRESH_SECONDS`
while a long import goes on; and never sooner after the last refresh than
:data:`REFRESH_GAP` times what that one took (reading a view of 100,000 articles again
takes about half a second: the library thread is kept mostly free for the reader's own
reads). It is shown as the feeds' new articles are
(:meth:`~tui.app.subscriptions.SubscriptionsMixin.reload_keeping_place`): the row
under the cursor kept, the open article left open, ``3 new`` in the status line. Not
while the reader is under another screen (a note being written, the story screen, a
prompt) or while its rows are still being read: then at the first look after.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Any

from textual.worker import WorkerCancelled, WorkerFailed

from tui.app.library_calls import data_version

if TYPE_CHECKING:
    from textual.timer import Timer

#: Seconds between two looks at the library's change counter.
POLL_SECONDS = 1.0
#: While another session keeps changing the library (a long import), the list is read
#: again at most this often (reading a view of 100,000 articles takes a while).
BUSY_REFRESH_SECONDS = 10.0
#: After a refresh, the next waits at least this many times as long as it took.
REFRESH_GAP = 4.0


class FollowsLibrary:
    """Mixed into :class:`~tui.app.screens.reader.ReaderScreen` (see the module doc)."""

    # Provided by ReaderScreen.
    app: Any
    rows_loaded: bool
    reload_keeping_place: Any
    set_interval: Any
    run_worker: Any

    #: The poll timer, once :meth:`follow_library` started it.
    library_timer: Timer | None = None
    #: The counter as of the rows on screen (None until the first load reads it).
    _shown_version: int | None = None
    #: The counter at the last look, and when a change not shown yet was first seen.
    _last_version: int | None = None
    _changed_since: float | None = None
    _looking: bool = False
    #: No refresh before this time (``time.monotonic``; see :data:`REFRESH_GAP`).
    _quiet_until: float = 0.0

    def follow_library(self) -> None:
        """Start looking at the library's change counter (after the first frame)."""
        self.library_timer = self.set_interval(POLL_SECONDS, self._on_library_timer)

    def _on_library_timer(self) -> None:
        if not self._looking:  # a look waiting behind a long search: no second one
            self._looking = True
            self.run_worker(self.library_tick(), group="library-poll", exit_on_error=False)

    async def note_library_version(self) -> None:
        """The rows about to be read are of the library as it is now (a view's load
        and a reload call this first: what they read needs no refresh)."""
        version = await self.app.gateway.call(data_version)
        self._shown_version = self._last_version = version
        self._changed_since = None

    async def library_tick(self) -> None:
        """One look: refresh the list when another session changed the library and the
        change has settled (see the module doc)."""
        from tui.errors import NewsdeskError

        try:
            version = await self.app.gateway.call(data_version)
        except NewsdeskError:
            return  # an unreadable library is said by whatever reads it next
        finally:
            self._looking = False
        settled = version == self._last_version
        self._last_version = version
        if self._shown_version is None or version == self._shown_version:
            self._changed_since = None
            return
        now = time.monotonic()
        if self._changed_since is None:
            self._changed_since = now
        if not settled and now - self._changed_since < BUSY_REFRESH_SECONDS:
            return  # still changing: wait for it to settle
        if self.app.screen is not self or not self.rows_loaded or now < self._quiet_until:
            return  # a note being written, a dialog, a load in flight: at a later look
        self._shown_version = version
        self._changed_since = None
        reload = self.reload_keeping_place(announce=True)
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await reload.wait()  # replaced by a view switch, or failed: said there
        self._quiet_until = time.monotonic() + REFRESH_GAP * (time.monotonic() - now)

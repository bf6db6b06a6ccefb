"""``follow`` run in a thread while a test writes into the folder it watches."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui.store import Library
from tui.subscribe.watch import follow

#: How long a test waits for what the watcher signals (seconds). Generous: a wait ends
#: as soon as the signal comes, and on two cores shared by a whole team's test runs a
#: start-up alone has taken 8 s (the old 10 s bound failed there).
PATIENCE = 120


@contextlib.contextmanager
def watching(db: Path, folder: Path, *, poll: bool, **hooks: Any) -> Iterator[list[BaseException]]:
    """Watch ``folder`` into the library ``db`` until the block ends, entered once
    watching has begun (``hooks``: ``follow``'s ``on_import``, ``on_skipped``...).
    Yields the errors the watch raised, to name in a failed wait; none must remain."""
    ready, stop = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with Library.open(db) as library:
                follow(library, [str(folder)], stop=stop, on_ready=ready.set, poll=poll, **hooks)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
            ready.set()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert ready.wait(PATIENCE), "the watcher never started"
        yield errors
    finally:
        stop.set()
        thread.join(PATIENCE)
    assert not errors

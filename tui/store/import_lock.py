"""One import of a library at a time: a second ``newsdesk import`` queues behind the first.

Two imports of one library used to run side by side. Their index writes were already
queued (tantivy's writer lock), but their SQLite writes were not: the second failed with
"the library is busy (database is locked)" when the first held the write lock longer
than the busy timeout (grouping the stories of 20,000 new articles). So an import holds
an flock on ``<library>.import-lock`` from its start to its end, and the next one says
that it waits, and waits. The system frees the lock when its holder ends, even by a
kill; forked workers let go of their copy (:func:`tui.store.parallel._die_with_parent`).
The reader's own writes (a star, a note) are short and do not take it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

#: The lock file's name beside the library file: ``library.db`` -> ``library.db.import-lock``.
SUFFIX = ".import-lock"


def lock_path(library: Path) -> Path:
    return library.with_name(library.name + SUFFIX)


@contextlib.contextmanager
def one_import(
    library: Path, waiting: Callable[[], None] | None = None, *, wait: bool = True
) -> Iterator[bool]:
    """Hold the import lock of the library file ``library`` inside the ``with``;
    ``waiting()`` is called once if another process holds it, before waiting for it
    (as long as that import runs). With ``wait`` False it is not waited for: yields
    whether it is held (``newsdesk compact`` refuses to run beside an import). No lock
    where none can be taken (not POSIX, a folder that cannot be written: then the
    library cannot be written either): yields True."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    try:
        fd = os.open(lock_path(library), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield True
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                yield False
                return
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield True
    finally:
        os.close(fd)  # frees the lock

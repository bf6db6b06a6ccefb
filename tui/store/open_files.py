"""The library files this process has open, so that nothing here opens one again
past SQLite.

POSIX record locks belong to the process, not to a descriptor: closing *any* handle on
a file drops every lock the process holds on it, SQLite's among them. Opening a
library reads its first bytes with Python's ``open()`` (to refuse a file that is not
SQLite before SQLite touches it); done while another connection of this process had
the library open (the reader's watched folders and feed refresh open their own), the
close of that handle dropped the reader's locks. The next process to close its
connection then took the library for unused, checkpointed it and deleted its ``-wal``
and ``-shm``: the reader went on writing to files no other process could see. A file
already open here was checked when it was first opened, so the check is skipped.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_lock = threading.Lock()
#: (device, inode) of each library file open here, and how many connections have it.
_open: dict[tuple[int, int], int] = {}


def file_key(path: Path) -> tuple[int, int] | None:
    """The file's identity (a path may be a link or spelled two ways); None: no file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def is_open_here(path: Path) -> bool:
    """Whether a connection of this process has the library at ``path`` open."""
    key = file_key(path)
    with _lock:
        return key is not None and key in _open


def opened(path: Path) -> tuple[int, int] | None:
    """Count one more connection on ``path``; the key to give :func:`closed`."""
    key = file_key(path)
    if key is not None:
        with _lock:
            _open[key] = _open.get(key, 0) + 1
    return key


def closed(key: tuple[int, int] | None) -> None:
    """Count one connection less (from :func:`opened`)."""
    if key is None:
        return
    with _lock:
        left = _open.get(key, 0) - 1
        if left > 0:
            _open[key] = left
        else:
            _open.pop(key, None)

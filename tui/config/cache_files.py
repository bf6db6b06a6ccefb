"""Copies kept in the user cache folder: one versioned JSON file each, written whole.

A cache is only ever a copy of what a file says once it has been checked: any problem
reading or writing one means "read the file", never an error. Used by
:mod:`tui.config.theme_cache` and :mod:`tui.config.config_cache`; the typed readers
below turn an entry back into values or raise (a damaged entry is a miss).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any


def cache_path(name: str) -> Path:
    """``name`` in the user cache folder (``XDG_CACHE_HOME`` on Linux)."""
    import platformdirs

    return platformdirs.user_cache_path("newsdesk") / name


def file_stamp(path: Path) -> list[int] | None:
    """(size, modification time in ns) of ``path``; None when it cannot be read."""
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def regular_file_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else None.

    Opened without blocking and judged by what was opened, as the config reader does: a
    FIFO in place of the file must not hang the start, nor a device be read forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        finally:
            os.close(fd)
    except OSError:
        return None
    return data if len(data) <= limit else None


def read_entries(target: Path, version: int, section: str) -> dict[str, Any]:
    """The entries of a cache file written by :func:`write_entries` with ``version``."""
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != version:
        return {}
    entries = data.get(section)
    return entries if isinstance(entries, dict) else {}


def write_entries(target: Path, version: int, section: str, entries: dict[str, Any]) -> None:
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps({"version": version, section: entries}), encoding="utf-8")
        os.replace(partial, target)  # readers see the old file or the new one, never half
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {value!r}")


def text_or_none(value: object) -> str | None:
    return None if value is None else text(value)


def texts(values: object) -> dict[str, str]:
    if not isinstance(values, dict):
        raise TypeError(f"expected a mapping, got {values!r}")
    return {text(key): text(value) for key, value in values.items()}


def text_list(values: object) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise TypeError(f"expected a list, got {values!r}")
    return tuple(text(value) for value in values)


def flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {value!r}")


def whole_number(value: object) -> int:
    if type(value) is int:  # not a bool
        return value
    raise TypeError(f"expected a whole number, got {value!r}")

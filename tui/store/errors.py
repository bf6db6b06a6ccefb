"""Errors the library raises: one line each, saying what, where and what to do."""

from __future__ import annotations

import contextlib
import os
import sqlite3

from tui.errors import NewsdeskError

StrPath = str | os.PathLike[str]


class LibraryError(NewsdeskError):
    """The library file cannot be used as asked (corrupt, foreign, newer, uncreatable)."""


class ReadOnlyError(LibraryError):
    """A change was asked of a library opened read-only."""


class BusyError(LibraryError):
    """Another process held the write lock past the busy timeout: worth trying again."""


class DiskFullError(LibraryError):
    """The disk filled up part way through a long change (an import): the message says
    what was saved before it and what to do."""


def _no_space_left(where: StrPath) -> bool:
    try:
        folder = os.path.dirname(os.path.abspath(os.fspath(where))) or "."
        return os.statvfs(folder).f_bavail == 0
    except (OSError, TypeError, AttributeError):
        return False


def is_disk_full(exc: BaseException, where: StrPath | None = None) -> bool:
    """Whether ``exc`` is SQLite meeting a full disk: ``SQLITE_FULL``, or an I/O error
    (SQLite could not grow its shared-memory file, say) where the library's disk has no
    space left."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "disk is full" in str(exc)
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    return code & 0xFF == sqlite3.SQLITE_IOERR and where is not None and _no_space_left(where)


def database_problem(path: StrPath, exc: BaseException) -> str:
    """One line for an SQLite error met while using the library at ``path``: what, where
    and what to do. A failed write is rolled back, so the file is as it was."""
    if is_disk_full(exc, path):
        return (
            f"{path}: disk full; the change was not saved and the library is intact. "
            "Free some space and try again (reading still works)"
        )
    return (
        f"{path}: the library file is damaged ({exc}); it was left untouched. "
        f"Restore it from a backup, or save what is readable with: "
        f"sqlite3 {path} .recover | sqlite3 recovered.db"
    )


def import_cut_short(path: StrPath, articles: int, files: int, total_files: int) -> str:
    """One line for an import the disk filled up under: ``articles`` new articles in
    ``files`` of ``total_files`` files were committed before it (a file is stored in
    several transactions: some of a big file's articles may be in while it is not)."""
    if articles <= 0 and files <= 0:
        return (
            f"{path}: disk full; nothing of this import was saved and the library is "
            "intact. Free some space and run the import again (reading still works)"
        )
    saved = f"{articles:,} new article{'s' if articles != 1 else ''}"
    return (
        f"{path}: disk full after {saved} ({files:,} of {total_files:,} files complete): "
        "they are in the library, the rest was not saved. Free some space and run the "
        "import again to add the rest (what is in is skipped)"
    )


def after_import(path: StrPath, articles: int) -> str:
    """One line for a disk that filled up after an import stored its ``articles``,
    while their search index or stories were brought up to date (derived data: done
    again by itself later)."""
    return (
        f"{path}: disk full after the import had saved its articles ({articles:,} new or "
        "updated): their stories and search index are not up to date yet. Free some "
        "space; the next search, 'newsdesk stories' or import brings them up to date"
    )


def damage_found(path: StrPath) -> str | None:
    """What SQLite's ``quick_check`` finds wrong with the library at ``path`` (first
    problem), or None when it is sound or cannot be checked. Run only after something
    already failed: a damaged page SQLite does not notice gives nonsense values instead
    of an error, and this tells the two apart."""
    import urllib.parse

    try:
        where = os.path.abspath(os.fspath(path))
        uri = f"file:{urllib.parse.quote(where)}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    except (OSError, TypeError, ValueError):
        return None
    problem = " ".join(str(rows[0][0]).split()) if rows else "ok"
    return None if problem == "ok" else problem.removeprefix("*** in database main *** ")

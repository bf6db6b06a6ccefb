"""Errors the library raises: one line each, saying what, where and what to do."""

from __future__ import annotations

from tui.errors import NewsdeskError


class LibraryError(NewsdeskError):
    """The library file cannot be used as asked (corrupt, foreign, newer, uncreatable)."""


class ReadOnlyError(LibraryError):
    """A change was asked of a library opened read-only."""


class BusyError(LibraryError):
    """Another process held the write lock past the busy timeout: worth trying again."""

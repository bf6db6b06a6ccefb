"""User-facing errors: one line saying what went wrong, where, and what to do."""

from __future__ import annotations


class NewsdeskError(Exception):
    """An error shown to the user as one line, never as a traceback."""


class InputError(NewsdeskError):
    """An input file could not be read (binary, missing, unreadable)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

"""User-facing errors: one line saying what went wrong, where, and what to do."""

from __future__ import annotations

from tui.terminal_safe import terminal_safe


class NewsdeskError(Exception):
    """An error shown to the user as one line, never as a traceback: ``str()`` of it is
    terminal-safe, so a file name with a line break or an escape sequence in the
    message (a library path, a folder) is shown, not obeyed."""

    def __str__(self) -> str:
        return terminal_safe(super().__str__())


class InputError(NewsdeskError):
    """An input file could not be read (binary, missing, unreadable)."""

    def __init__(self, path: str, reason: str) -> None:
        # The path is shown safely (one line, no escape sequence); ``path`` stays exact.
        super().__init__(f"{terminal_safe(path)}: {reason}")
        self.path = path
        self.reason = reason

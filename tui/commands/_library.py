"""Which library a command uses, and refusing one that is not there.

Opening a library creates it, which is right for ``newsdesk import`` and for the reader
importing PATHs, but wrong for a command that only reads: ``newsdesk export --db
/typo.db`` used to create an empty library at the typo and export nothing, exit 0.
Those commands ask :func:`missing_library` first.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.terminal_safe import terminal_safe

if TYPE_CHECKING:
    from tui.store.library import Library


def db_help() -> str:
    """The ``--db`` help, naming the real default path on this machine."""
    from tui.paths import default_library_path

    return f"library file (default: $NEWSDESK_DB if set, else {default_library_path()})"


def missing_library(db: str | None, command: str) -> str | None:
    """The one-line refusal when no library file is at ``db`` (or the default), else None.

    ``command`` names the command in the message (``export``); empty for the reader,
    whose hint is then to give it PATHs to import into a new library.
    """
    from tui.paths import library_path

    path = library_path(db)
    if path.exists():
        return None
    prefix = f"newsdesk {command}" if command else "newsdesk"
    if db:
        where, option = "--db", f" --db {shlex.quote(db)}"
    elif os.environ.get("NEWSDESK_DB"):
        where, option = "NEWSDESK_DB", ""
    else:
        where, option = "the default path", ""
    create = f"newsdesk import PATH{option}" if command else f"newsdesk PATH{option}"
    return terminal_safe(
        f"{prefix}: no library at {path}; check {where}, or import files first: {create}"
    )


def open_library(db: str | Path | None, prog: str, *, readonly: bool = False) -> Library:
    """``Library.open`` for a command (``prog``: ``newsdesk export``): a wait for a
    library another newsdesk holds (``compact`` rewriting it) is said at once on stderr,
    in one line, and Ctrl+C ends it (KeyboardInterrupt: the usual quiet exit 130)."""
    from tui.store import Library

    def waiting(message: str) -> None:
        print(f"{prog}: {message}", file=sys.stderr, flush=True)

    return Library.open(db, readonly=readonly, on_wait=waiting)

"""A command opening a library another process holds (``newsdesk compact`` rewriting it)
says at once, in one line, what it waits for, and Ctrl+C ends the wait at once (it
used to wait 15 s in silence, deaf to Ctrl+C, and ``newsdesk list`` then printed a
traceback)."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.command_process import start_command
from tui import exitcodes
from tui.cli import main
from tui.store import Library

PATIENCE = 60  # seconds a step may take on a loaded machine before the test gives up

STORY = "Harbour officials in Valdora said on Monday that the new terminal would open.\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    db = tmp_path / "lib.db"
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    with Library.open(db) as lib:
        lib.import_paths([str(story)], jobs=1)
    return db


def _hold_as_compact(path: Path) -> sqlite3.Connection:
    """Another connection holding the library as `newsdesk compact` does: out of WAL,
    locked exclusively until it lets go."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    return other


def _let_go(other: sqlite3.Connection) -> None:
    other.execute("COMMIT")
    other.execute("PRAGMA journal_mode = WAL")
    other.close()


def test_opening_a_held_library_says_so_once_then_opens_when_it_is_let_go(
    library: Path,
) -> None:
    holder = _hold_as_compact(library)
    told: list[str] = []

    def waiting(message: str) -> None:
        told.append(message)
        _let_go(holder)  # compact ends while the command waits

    with Library.open(library, on_wait=waiting) as lib:
        assert lib.count() == 1
    assert told == [
        f"{library}: another newsdesk holds the library (compacting or upgrading it); "
        "waiting for it, up to 15 s (Ctrl+C stops)"
    ]


def test_opening_a_free_library_says_nothing(library: Path) -> None:
    told: list[str] = []
    with Library.open(library, on_wait=told.append) as lib:
        assert lib.count() == 1
    assert told == []


def test_list_on_a_library_held_past_the_wait_says_so_in_lines_not_a_traceback(
    library: Path, monkeypatch, capsys
) -> None:
    import tui.store.library as store_library

    monkeypatch.setattr(store_library, "BUSY_TIMEOUT_MS", 300)
    holder = _hold_as_compact(library)
    try:
        code = main(["list", "1", "--db", str(library)])
    finally:
        _let_go(holder)
    err = capsys.readouterr().err
    assert code == exitcodes.USAGE
    waiting, busy = err.splitlines()
    assert waiting.startswith("newsdesk list: ") and "waiting for it" in waiting
    assert busy.startswith("newsdesk list: ") and "the library is busy" in busy


def test_ctrl_c_ends_the_wait_for_a_held_library_at_once(library: Path) -> None:
    holder = _hold_as_compact(library)
    try:
        command = start_command(["export", "--db", str(library)])
        try:
            said = command.lines.get(timeout=PATIENCE).rstrip("\n")
            assert said.startswith("newsdesk export: ") and "(Ctrl+C stops)" in said
            command.process.send_signal(signal.SIGINT)
            # Ended by Ctrl+C while the library is still held: not by the busy timeout.
            assert command.process.wait(timeout=PATIENCE) == 130
        finally:
            command.process.kill()
            command.process.wait()
    finally:
        _let_go(holder)
    assert command.rest(PATIENCE) == []  # no traceback, no busy error

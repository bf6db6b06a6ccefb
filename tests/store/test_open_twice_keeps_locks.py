"""A second connection opened and closed in the same process (the reader's watched
folders and feed refresh open their own) keeps the first one's locks: another
process closing the library then leaves its -wal alone, and sees what the first
connection writes after (it saw nothing: the writes went to a deleted -wal)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.store import Library
from tui.store.errors import LibraryError


def _outside(db: Path, sql: str) -> str:
    """``sql`` run by another process, which then closes the library."""
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "print(c.execute(sys.argv[2]).fetchone()[0])\n"
        "c.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db), sql], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_second_connection_here_leaves_the_first_ones_locks(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library.open(db) as reader:
        Library.open(db).close()  # as the reader's watch or refresh does, in a thread
        reader.connection.execute("CREATE TABLE probe (x)")
        reader.connection.commit()
        assert _outside(db, "SELECT count(*) FROM sqlite_master WHERE name = 'probe'") == "1"
        assert Path(f"{db}-wal").exists()  # not taken for unused and deleted
        reader.connection.execute("INSERT INTO probe VALUES (1)")
        reader.connection.commit()
        assert _outside(db, "SELECT count(*) FROM probe") == "1"


def test_a_file_that_is_not_a_library_is_still_refused(tmp_path: Path) -> None:
    """The header check is skipped only for a file open here already."""
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n", encoding="utf-8")
    with Library.open(tmp_path / "lib.db"), pytest.raises(LibraryError, match="not a Newsdesk"):
        Library.open(other)

"""A regroup killed half-way (``kill -9``: no ``except`` runs) leaves its copies of the
story tables, ``story_members_next`` and ``story_df_next``, as big as the library's own.
Opening the library drops them, or the next grouping does, but never while a regroup
in another process holds the grouping lock: it is filling them."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.stories.conftest import OTHERS, TIDAL, sample
from tui.store import Library
from tui.store.stories import story_ids, update_stories

COPIES = {"story_members_next", "story_df_next"}


def _leave_copies(path: Path) -> None:
    """What a regroup killed while copying leaves: its tables, half filled (written by
    another connection, as the killed process did)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "CREATE TABLE story_members_next(article_id TEXT PRIMARY KEY, story INTEGER NOT"
            " NULL, day INTEGER, vector TEXT NOT NULL, quotes BLOB NOT NULL) WITHOUT ROWID"
        )
        conn.execute("INSERT INTO story_members_next VALUES ('x', 1, 0, '[]', x'')")
        conn.execute(
            "CREATE TABLE story_df_next(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
        )
    conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


@contextmanager
def _grouping_elsewhere(path: Path) -> Iterator[None]:
    """Another process holding the library's grouping lock, as a running regroup does."""
    code = (
        "import sys; from filelock import FileLock\n"
        f"lock = FileLock({str(path) + '.stories.lock'!r}); lock.acquire(timeout=0)\n"
        "print('held', flush=True); sys.stdin.read()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(60)


def _grouped(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
        update_stories(lib)
        return path, story_ids(lib)


def test_opening_the_library_drops_a_killed_regroups_copies(tmp_path: Path) -> None:
    path, before = _grouped(tmp_path)
    _leave_copies(path)
    with Library.open(path) as lib:
        assert story_ids(lib) == before  # the stories as they were, ids kept
    assert not _tables(path) & COPIES


def test_a_regroup_running_elsewhere_keeps_its_copies(tmp_path: Path) -> None:
    path, before = _grouped(tmp_path)
    _leave_copies(path)
    with _grouping_elsewhere(path), Library.open(path) as lib:
        assert _tables(path) >= COPIES  # being filled: not ours to drop
        assert story_ids(lib) == before
    with Library.open(path):
        pass  # the regroup gone: now they go
    assert not _tables(path) & COPIES


def test_the_next_grouping_drops_copies_left_while_the_library_was_open(
    tmp_path: Path,
) -> None:
    """A reader with the library open for days: a regroup killed meanwhile in another
    process; the next grouping (an import, a look at the stories) drops its copies."""
    path, before = _grouped(tmp_path)
    with Library.open(path) as lib:
        _leave_copies(path)
        lib.import_paths([sample("010_health_study.txt")])
        assert update_stories(lib) >= 1
        assert not _tables(path) & COPIES
        after = story_ids(lib)
    assert {k: v for k, v in after.items() if k in before} == before

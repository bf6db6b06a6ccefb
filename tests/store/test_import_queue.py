"""Two imports of one library: the second waits for the first to end, and says so
(issue 16: "a second importer waits or queues, never fails with a lock error")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.search.test_search_store import FERRY, write
from tui.store import Library
from tui.store.import_lock import one_import

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_import_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    # Two real imports failed so: the second stored its articles while the first held
    # SQLite's write lock for longer than the busy timeout (grouping 20,000 articles'
    # stories), and ended with "the library is busy (database is locked)", exit 2.
    db = tmp_path / "lib.db"
    ferry = write(tmp_path / "ferry.txt", FERRY)
    Library.open(db).close()
    with one_import(db):  # the first import, running
        second = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "import", str(ferry), "--db", str(db)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        said = second.stderr.readline()
        assert "another import of" in said and "waiting for it" in said
        with Library.open(db) as library:
            assert library.count() == 0  # nothing stored while it waits
    _, rest = second.communicate(timeout=300)
    assert second.returncode == 0, rest
    assert "busy" not in rest
    with Library.open(db) as library:
        assert library.count() == 1


def test_an_import_lock_is_freed_when_its_holder_ends(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    Library.open(db).close()
    holder = subprocess.run(
        [sys.executable, "-c", HOLD_AND_DIE, str(db)], cwd=ROOT, check=False, timeout=120
    )
    assert holder.returncode == 9
    waited: list[int] = []
    with one_import(db, waiting=lambda: waited.append(1)):
        pass
    assert not waited


HOLD_AND_DIE = (
    "import os, sys\n"
    "from pathlib import Path\n"
    "from tui.store.import_lock import one_import\n"
    "with one_import(Path(sys.argv[1])):\n"
    "    os._exit(9)\n"
)

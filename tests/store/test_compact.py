"""``newsdesk compact``: VACUUM, 16 KB pages for an older library, refused beside another
newsdesk (the library unchanged)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.model import Span
from tui.store import Library, schema
from tui.store.import_lock import one_import

STORY = (
    "Harbour officials in {town} said on Monday that the new terminal would open in March.\n"
    "\n"
    "Local shipping firms had expected the terminal to ease congestion at the quays.\n"
)


@pytest.fixture
def old_library(tmp_path: Path, monkeypatch) -> Path:
    """A library of 4 KB pages (as made before 16 KB pages), with a highlight, and space
    left by deleted rows (a file imported, then changed and imported again)."""
    db = tmp_path / "lib.db"
    dump = tmp_path / "a.txt"
    with monkeypatch.context() as m:
        m.setattr(schema, "PAGE_SIZE", 4096)
        with Library.open(db) as lib:
            dump.write_text("\n".join(STORY.format(town=f"Town{n}") for n in range(300)))
            lib.import_paths([str(dump)])
            dump.write_text(STORY.format(town="Valdora"))
            lib.import_paths([str(dump)])
            (row,) = lib.list_rows()
            text = lib.article_text(row.id)
            at = text.index("terminal")
            lib.add_highlight(row.id, Span(at, at + 8))
    return db


def _page_size(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


def test_compact_gives_space_back_and_16_kb_pages_keeping_everything(
    old_library: Path, capsys
) -> None:
    assert _page_size(old_library) == 4096
    assert main(["compact", "--db", str(old_library)]) == exitcodes.OK
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"newsdesk compact: compacting {old_library} (this can take a minute)"
    assert err[1].startswith(f"newsdesk compact: {old_library}: ") and "MB -> " in err[1]
    assert err[1].endswith("; pages 4 KB -> 16 KB") and len(err) == 2
    assert _page_size(old_library) == schema.PAGE_SIZE
    with Library.open(old_library) as lib:
        (row,) = lib.list_rows()
        assert "Valdora" in row.title
        assert [a.kind for a in lib.annotations(row.id)] == ["highlight"]
        assert lib.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.connection.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert main(["compact", "--db", str(old_library)]) == exitcodes.OK  # again: no page line
    assert "pages" not in capsys.readouterr().err


def test_compact_refuses_while_a_reader_has_the_library_open(old_library: Path, capsys) -> None:
    with Library.open(old_library) as reader:
        reader.list_rows()
        assert main(["compact", "--db", str(old_library)]) == exitcodes.USAGE
        err = capsys.readouterr().err
        assert "in use by another newsdesk" in err and "run 'newsdesk compact' again" in err
        assert "compacting" not in err  # refused before it started: it never said it was
        assert reader.star(reader.list_rows()[0].id) == 1  # the reader writes on
    assert _page_size(old_library) == 4096
    with Library.open(old_library) as lib:
        assert lib.state(lib.list_rows()[0].id).starred


def test_compact_refuses_while_an_import_runs(old_library: Path, capsys) -> None:
    with one_import(old_library):
        assert main(["compact", "--db", str(old_library)]) == exitcodes.USAGE
    assert "in use by another newsdesk" in capsys.readouterr().err
    assert _page_size(old_library) == 4096


def test_compact_without_a_library_creates_none(tmp_path: Path, capsys) -> None:
    db = tmp_path / "typo.db"
    assert main(["compact", "--db", str(db)]) == exitcodes.USAGE
    assert "no library at" in capsys.readouterr().err and not db.exists()


def test_opening_a_library_being_compacted_says_busy_not_damaged(
    old_library: Path, monkeypatch
) -> None:
    import tui.store.library as store_library
    from tui.store.errors import BusyError

    monkeypatch.setattr(store_library, "BUSY_TIMEOUT_MS", 50)
    compacting = sqlite3.connect(old_library, isolation_level=None)
    try:
        compacting.execute("PRAGMA journal_mode = DELETE")
        compacting.execute("PRAGMA locking_mode = EXCLUSIVE")
        compacting.execute("BEGIN EXCLUSIVE")  # as compact holds it while it rewrites
        with pytest.raises(BusyError, match=r"busy.*compacting or upgrading it; try again"):
            Library.open(old_library)
        compacting.execute("COMMIT")
        compacting.execute("PRAGMA journal_mode = WAL")
    finally:
        compacting.close()
    with Library.open(old_library) as lib:
        assert lib.count() == 1

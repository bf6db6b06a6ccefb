"""Issues 15.9 and 15.10: a damaged library or a full disk is one line, never a
traceback; the library is left as it was; reading still works on a full disk.

A full disk is simulated with SQLite's ``max_page_count`` (the file cannot grow: the
same ``SQLITE_FULL`` a full disk gives), so these tests need no root and no mount.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.model import Span
from tui.search import run_query
from tui.store import Library
from tui.store.errors import is_disk_full

STORY = (
    "Harbour officials in Valdora said on Monday that the new terminal would open in March.\n"
    "Local shipping firms had expected the terminal to ease congestion at the quays.\n"
)


def _story(path: Path, town: str = "Valdora", copies: int = 1) -> Path:
    path.write_text(STORY.replace("Valdora", town) * copies, encoding="utf-8")
    return path


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([str(_story(tmp_path / "a.txt"))])
        (row,) = lib.list_rows()
        text = lib.article_text(row.id)
        lib.add_highlight(row.id, Span(text.index("terminal"), text.index("terminal") + 8))
        lib.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture
def indexed_library_file(library_file: Path) -> Path:
    """The library with its search index built (derived data, written on first search)."""
    with Library.open(library_file) as lib:
        run_query(lib, "", limit=10)
    return library_file


def _damage_root_page(db: Path, table: str) -> None:
    """Overwrite 300 bytes of ``table``'s root page, as the outside test did."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with open(db, "r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xa5" * 300)


@pytest.mark.parametrize(
    ("command", "table"),
    [
        (["import", "{story}"], "documents"),  # re-reads a.txt's stored row: SQLite notices
        (["export"], "articles"),  # nonsense values SQLite does not notice: checked then
        (["search", "harbour"], "meta"),
    ],
    ids=["import", "export", "search"],
)
def test_a_damaged_page_is_one_line_and_exit_1(
    command: list[str], table: str, library_file: Path, tmp_path: Path, capsys
) -> None:
    _damage_root_page(library_file, table)
    before = library_file.read_bytes()
    story = tmp_path / "a.txt"
    argv = [a.format(story=story) for a in command] + ["--db", str(library_file)]
    assert main(argv) == exitcodes.SOME_INPUTS_UNREADABLE
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert str(library_file) in err and "damaged" in err and "backup" in err
    assert library_file.read_bytes() == before  # untouched


def _disk_with_room(monkeypatch, room: dict[str, int]) -> None:
    """Every library connection from now on can grow its file by ``room["pages"]``
    pages at most (read when it is opened)."""
    connect = Library._connect

    def limited(path: Path, readonly: bool, **kwargs: bool) -> sqlite3.Connection:
        conn = connect(path, readonly, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages + room['pages'], 1)}")
        return conn

    monkeypatch.setattr(Library, "_connect", staticmethod(limited))


@pytest.fixture
def full_disk(monkeypatch) -> None:
    """Every library connection from now on cannot grow its file."""
    _disk_with_room(monkeypatch, {"pages": 0})


def test_import_on_a_full_disk_says_so_once_and_keeps_the_library(
    indexed_library_file: Path, tmp_path: Path, full_disk: None, capsys
) -> None:
    library_file = indexed_library_file
    # More than the free room left in the library's pages (16 KB each), even compressed
    rng = random.Random(7)
    big = tmp_path / "big.txt"
    big.write_text(
        "\n".join(STORY.replace("Valdora", rng.randbytes(200).hex()) for _ in range(2000))
    )
    assert main(["import", str(big), "--db", str(library_file)]) == exitcodes.SOME_INPUTS_UNREADABLE
    err = capsys.readouterr().err
    assert "Traceback" not in err and "cannot rollback" not in err
    assert err.count("\n") == 1 and "disk full" in err and "intact" in err
    with Library.open(library_file) as lib:
        (row,) = lib.list_rows()
        assert "Valdora" in row.title
        assert [a.kind for a in lib.annotations(row.id)] == ["highlight"]


def test_a_failed_write_rolls_back_without_a_second_error(
    library_file: Path, full_disk: None
) -> None:
    with Library.open(library_file) as lib:
        (row,) = lib.list_rows()
        with pytest.raises(sqlite3.OperationalError) as caught:
            lib.add_note(row.id, "x" * 200_000)  # more pages than the disk has
        assert is_disk_full(caught.value)
        assert caught.value.__context__ is None  # no "cannot rollback" on top
        assert not lib.connection.in_transaction
        assert [a.kind for a in lib.annotations(row.id)] == ["highlight"]


def test_a_transaction_sqlite_already_rolled_back_gives_one_error(library_file: Path) -> None:
    """On a full disk SQLite may roll the whole transaction back by itself."""
    with Library.open(library_file) as lib:
        with pytest.raises(sqlite3.OperationalError) as caught, lib.write() as conn:
            conn.execute("ROLLBACK")  # what SQLite did
            raise sqlite3.OperationalError("database or disk is full")
        assert str(caught.value) == "database or disk is full"
        assert caught.value.__context__ is None


def test_reading_works_on_a_full_disk(indexed_library_file: Path, full_disk: None, capsys) -> None:
    library_file = indexed_library_file
    with Library.open(library_file) as lib:
        (row,) = lib.list_rows()
        assert lib.get_article(row.id) is not None and lib.annotations(row.id)
    assert main(["export", "--format", "csv", "--db", str(library_file)]) == exitcodes.OK
    assert "Traceback" not in capsys.readouterr().err


def test_opening_when_not_even_the_shared_memory_file_fits(
    library_file: Path, monkeypatch, capsys
) -> None:
    """A real full disk fails at open (SQLITE_IOERR_SHMSIZE): browse read-only."""
    prepare = Library._prepare

    def failing(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        if not readonly:
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
            raise error
        prepare(conn, path, readonly)

    monkeypatch.setattr(Library, "_prepare", staticmethod(failing))
    assert main(["export", "--db", str(library_file)]) == exitcodes.OK
    out, err = capsys.readouterr()
    assert "Valdora" in out and "disk full" in err and "intact" in err
    assert "not usable" not in err and "move it aside" not in err


def test_the_reader_does_not_open_on_a_damaged_library(
    library_file: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """``newsdesk PATH`` imports first: a damaged page there is one line, no app."""
    _damage_root_page(library_file, "documents")
    monkeypatch.setattr("tui.app.app.NewsdeskApp.run", lambda self: pytest.fail("app opened"))
    monkeypatch.setattr("tui.commands._app.terminal_problem", lambda: None)  # as on a tty
    code = main([str(tmp_path / "a.txt"), "--db", str(library_file)])
    err = capsys.readouterr().err
    assert code == exitcodes.USAGE
    assert "Traceback" not in err and err.count("\n") == 1 and "damaged" in err


@pytest.fixture
def tiny_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real 2 MiB file system (tmpfs): needs the right to mount, else skipped. (A new
    library of one article is ~0.5 MB with its write-ahead log: 16 KB pages.)"""
    import shutil
    import subprocess

    folder = tmp_path / "disk"
    folder.mkdir()
    mount = shutil.which("mount")
    if mount is None or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        # Lazy: a file the test's library left open must not keep the mount alive.
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


def test_a_really_full_disk(tiny_disk: Path, tmp_path: Path, capsys) -> None:
    db = tiny_disk / "lib.db"
    assert main(["import", str(_story(tmp_path / "a.txt")), "--db", str(db)]) == exitcodes.OK
    # Fill the disk to the last block (unbuffered: nothing left to flush at close).
    with open(tiny_disk / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)
    capsys.readouterr()
    big = _story(tmp_path / "big.txt", "Ostrava", copies=400)
    code = main(["import", str(big), "--db", str(db)])
    err = capsys.readouterr().err
    assert code in (exitcodes.SOME_INPUTS_UNREADABLE, exitcodes.USAGE)
    assert "Traceback" not in err and "disk full" in err and "intact" in err
    assert main(["export", "--db", str(db)]) == exitcodes.OK  # reading still works
    out, err = capsys.readouterr()
    assert "Valdora" in out and "Traceback" not in err and "not usable" not in err


def _files(folder: Path, count: int, per_file: int) -> list[Path]:
    """``count`` files of one article each (``per_file`` copies of the story's two
    paragraphs) that do not compress (random words): each takes pages of its own."""
    rng = random.Random(11)
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"{n:02d}.txt"
        path.write_text(
            "\n".join(STORY.replace("Valdora", rng.randbytes(300).hex()) for _ in range(per_file))
        )
        paths.append(path)
    return paths


def test_an_import_the_disk_fills_up_under_says_what_is_in_the_library(
    library_file: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """The disk fills up after some files' transactions were committed: the line says
    how many articles are in, and a second import (space freed) adds the rest."""
    import tui.store.importer as importer

    monkeypatch.setattr(importer, "BATCH_SECONDS", 0.0)  # a commit after every file
    room = {"pages": 12}  # the disk: a few files' worth of pages free
    _disk_with_room(monkeypatch, room)
    folder = tmp_path / "dumps"
    paths = _files(folder, 30, 20)
    argv = ["import", str(folder), "--db", str(library_file), "--jobs", "1"]
    assert main(argv) == exitcodes.SOME_INPUTS_UNREADABLE
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    with Library.open(library_file) as lib:
        saved = lib.count() - 1  # the library held one article before
        done = lib.connection.execute("SELECT count(*) FROM documents").fetchone()[0] - 1
    assert 0 < saved < 30 and 0 < done < 30
    assert f"disk full after {saved:,} new articles ({done} of 30 files complete)" in err
    assert "they are in the library" in err and "run the import again" in err
    room["pages"] = 100_000  # space freed
    assert main(argv) == exitcodes.OK
    assert f"{30 - saved} new" in capsys.readouterr().err  # the rest, nothing twice
    with Library.open(library_file) as lib:
        assert lib.count() == 1 + len(paths)
        (row,) = [r for r in lib.list_rows() if "Valdora" in r.title]
        assert [a.kind for a in lib.annotations(row.id)] == ["highlight"]


def test_an_import_the_disk_is_full_for_saves_nothing_and_says_so(
    library_file: Path, tmp_path: Path, full_disk: None, capsys
) -> None:
    folder = tmp_path / "dumps"
    _files(folder, 3, 50)
    argv = ["import", str(folder), "--db", str(library_file), "--jobs", "1"]
    assert main(argv) == exitcodes.SOME_INPUTS_UNREADABLE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing of this import was saved" in err, err
    assert "intact" in err and "run the import again" in err


def test_a_disk_full_while_grouping_after_an_import_says_the_articles_are_in(
    library_file: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    import tui.store.stories as library_stories

    def full(*args: object, **kwargs: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(library_stories, "update_stories", full)
    story = _story(tmp_path / "b.txt", town="Ostmark")
    assert main(["import", str(story), "--db", str(library_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk full after the import had saved its articles" in err
    assert "(1 new or updated)" in err and "'newsdesk stories'" in err
    with Library.open(library_file) as lib:
        assert lib.count() == 2

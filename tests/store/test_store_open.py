"""Opening a library: creation, WAL, schema versions, foreign/corrupt files, read-only."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tui.errors import NewsdeskError
from tui.store import Library, LibraryError, ReadOnlyError, schema
from tui.store import library as library_module

from .conftest import store_lines


def test_new_library_is_created_in_wal_mode_with_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "lib.db"
    with Library.open(path) as lib:
        assert not lib.readonly and lib.notice is None
        assert lib.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.count() == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.current_version()
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


def test_none_means_the_default_location(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "env.db"))
    with Library.open() as lib:
        assert lib.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


def test_newer_schema_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.current_version() + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError) as info:
        Library.open(path)
    message = str(info.value)
    assert "\n" not in message and "newer" in message and str(path) in message
    assert path.read_bytes() == before


def test_older_schema_is_migrated_and_keeps_its_data(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        article = store_lines(lib, ["Alpha line one.", "Beta line two."])
        lib.star(article.id)

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN extra TEXT DEFAULT 'x'")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_column])
    with Library.open(path) as lib:
        assert lib.connection.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
        assert lib.connection.execute("SELECT extra FROM articles").fetchone()[0] == "x"
        assert lib.state(article.id).starred


def test_failed_migration_leaves_the_library_as_it_was(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        store_lines(lib, ["Alpha line one."])

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN extra TEXT")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(LibraryError):
        Library.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS) - 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    assert "extra" not in columns


@pytest.mark.parametrize(
    "content",
    [
        b"this is a text file, not a database\n" * 50,
        bytes(range(256)) * 40,
        b"SQLite format 3\x00" + b"\xff" * 4080,
    ],
    ids=["text", "binary", "sqlite-header-garbage"],
)
def test_corrupt_or_foreign_file_gives_one_line_and_stays_untouched(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(content)
    with pytest.raises(NewsdeskError) as info:
        Library.open(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db"]


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people(name TEXT)")
    conn.execute("INSERT INTO people VALUES ('x')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a Newsdesk library"):
        Library.open(path)
    assert path.read_bytes() == before


def test_unwritable_library_opens_read_only_with_a_notice(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        article = store_lines(lib, ["Alpha line one.", "Beta line two."])
    monkeypatch.setattr(library_module, "_writable", lambda p: False)
    with Library.open(path) as lib:
        assert lib.readonly
        assert lib.notice and "read-only" in lib.notice and "\n" not in lib.notice
        assert [r.id for r in lib.list_rows()] == [article.id]
        assert lib.get_article(article.id) == article
        with pytest.raises(ReadOnlyError):
            lib.star(article.id)
        with pytest.raises(sqlite3.OperationalError):  # the connection itself refuses too
            lib.connection.execute("DELETE FROM articles")
    monkeypatch.undo()
    with Library.open(path) as lib:
        assert lib.count() == 1 and not lib.state(article.id).starred


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_file_permissions_open_read_only(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        store_lines(lib, ["Alpha line one."])
    path.chmod(0o444)
    with Library.open(path) as lib:
        assert lib.readonly and lib.notice
        assert lib.count() == 1


def test_asked_read_only_missing_library_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as info:
        Library.open(tmp_path / "missing.db", readonly=True)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "missing.db").exists()


def test_directory_as_library_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="directory"):
        Library.open(tmp_path)

"""How a library keeps its story features and pages: the packed form's widths, the
rowid table of a new library, and a library made before both (4 KB pages, a ``WITHOUT
ROWID`` features table of 32-bit counts) read and written as it is."""

from __future__ import annotations

import sqlite3
import struct
import zlib
from array import array
from pathlib import Path

import pytest

from tui.extract.stories import FEATURES_VERSION, StoryFeatures
from tui.store import Library, story_features
from tui.store.schema import PAGE_SIZE
from tui.store.stories import regroup, stories, story_ids

from .conftest import OTHERS, TIDAL, sample


@pytest.mark.parametrize("largest", [0, 1, 255, 256, 65_535, 65_536, 2**32 - 1])
def test_counts_read_back_whatever_width_they_are_packed_in(largest: int) -> None:
    features = StoryFeatures(
        19_000, (("#12", 1), ("@ren zhengfei", largest), ("tidal", 3)), (5, 9), (7,)
    )
    assert story_features.unpack(story_features.pack(features)) == features


def test_one_byte_counts_pack_smaller_than_the_form_before() -> None:
    terms = tuple((f"term{n:03}", 1 + n % 7) for n in range(200))
    features = StoryFeatures(19_000, terms, tuple(range(24)), tuple(range(32)))
    assert len(story_features.pack(features)) < len(_packed_before(features))
    assert story_features.unpack(_packed_before(features)) == features


def _packed_before(features: StoryFeatures) -> bytes:
    """``features`` as 1986883 packed them (marker 2: 32-bit counts, a zlib stream)."""
    terms = [term for term, _ in features.counts]
    day = -(2**31) if features.day is None else features.day
    raw = b"".join(
        (
            struct.pack("<iIII", day, len(terms), len(features.quotes), len(features.phrases)),
            array("I", [n for _, n in features.counts]).tobytes(),
            array("I", features.quotes).tobytes(),
            array("I", features.phrases).tobytes(),
            "\n".join(terms).encode(),
        )
    )
    return b"\x02" + zlib.compress(raw, 1)


def _table_sql(conn: sqlite3.Connection) -> str:
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", (story_features.TABLE,)
    ).fetchone()
    return sql


def test_a_new_library_has_big_pages_and_a_rowid_features_table(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        lib.import_paths([sample(TIDAL[0])])
        stories(lib)
        conn = lib.connection
        assert conn.execute("PRAGMA page_size").fetchone() == (PAGE_SIZE,)
        assert "WITHOUT ROWID" not in _table_sql(conn).upper()
        kept = story_features.read(conn, lib.article_ids())
        assert set(kept) == set(lib.article_ids())
        assert all(blob[:1] == b"\x03" for blob in kept.values())


def _as_made_before(path: Path) -> None:
    """Turn the library at ``path`` into what 1986883 made: 4 KB pages, the features in
    a ``WITHOUT ROWID`` table, packed with 32-bit counts."""
    conn = sqlite3.connect(path, isolation_level=None)
    rows = [
        (article_id, _packed_before(story_features.unpack(blob)))
        for article_id, blob in conn.execute(
            f"SELECT article_id, features FROM {story_features.TABLE}"
        )
    ]
    conn.execute(f"DROP TABLE {story_features.TABLE}")
    table = f"story_features_v{FEATURES_VERSION}"  # named for the features version alone
    conn.execute(
        f"CREATE TABLE {table}(article_id TEXT PRIMARY KEY, features BLOB NOT NULL) WITHOUT ROWID"
    )
    conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")
    conn.close()


def test_a_library_made_before_keeps_its_layout_state_and_stories(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS[:2])])
        [story] = stories(lib)
        lib.set_flag(story.article_ids, "starred")
        lib.add_tag(story.article_ids[0], "energy")
        note = lib.add_note(story.article_ids[1], "check the turbine count")
        before = story_ids(lib)
    _as_made_before(path)

    with Library.open(path) as lib:
        conn = lib.connection
        assert conn.execute("PRAGMA page_size").fetchone() == (4096,)
        assert story_ids(lib) == before
        assert regroup(lib) == len(before)  # from the features as they were kept
        assert story_ids(lib) == before
        lib.import_paths([sample(OTHERS[2])])
        stories(lib)  # placed: its features kept in the table as it is
        assert "WITHOUT ROWID" in _table_sql(conn).upper()  # taken over, renamed
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {n for n in names if n.startswith("story_features")} == {story_features.TABLE}
        kept = story_features.read(conn, lib.article_ids())
        assert set(kept) == set(lib.article_ids())
        assert {blob[:1] for blob in kept.values()} == {b"\x02", b"\x03"}
        assert {k: v for k, v in story_ids(lib).items() if k in before} == before
        assert all(lib.state(i).starred for i in story.article_ids)
        assert "energy" in lib.state(story.article_ids[0]).tags
        notes = [a for a in lib.annotations(story.article_ids[1]) if a.kind == "note"]
        assert [n.note for n in notes] == [note.note] == ["check the turbine count"]

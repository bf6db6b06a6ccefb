"""A library whose kept story features are of an earlier ``FEATURES_VERSION``: its
stories and their ids stay as they are; the features are worked out again when a regroup
needs them (with progress: minutes at 100,000 articles), and no earlier ones are read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.stories.conftest import OTHERS, TIDAL, sample
from tui.extract.stories import FEATURES_VERSION
from tui.store import Library, story_features
from tui.store.stories import regroup, story_ids, update_stories

EARLIER = f"story_features_v{FEATURES_VERSION - 1}_{story_features.LAYOUT}"


def test_an_earlier_features_version_keeps_the_stories_and_is_worked_out_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
        update_stories(lib)
        before, count = story_ids(lib), lib.count()
    conn = sqlite3.connect(path)  # as the version before left it
    with conn:
        conn.execute(f"ALTER TABLE {story_features.TABLE} RENAME TO {EARLIER}")
    conn.close()
    with Library.open(path) as lib:
        assert update_stories(lib) == 0  # nothing new to place
        assert story_ids(lib) == before
        tables = {n for (n,) in lib.connection.execute("SELECT name FROM sqlite_master")}
        assert EARLIER not in tables and story_features.TABLE in tables
        seen: list[tuple[int, int]] = []
        assert regroup(lib, progress=lambda done, total: seen.append((done, total))) == count
        assert story_ids(lib) == before  # the same stories, their ids kept
        kept = lib.connection.execute(f"SELECT COUNT(*) FROM {story_features.TABLE}").fetchone()
        assert kept[0] == count
        again: list[tuple[int, int]] = []  # every feature kept now: the placing alone
        regroup(lib, progress=lambda done, total: again.append((done, total)))
    assert seen == [(count, count), *again]  # the features worked out first, and said so

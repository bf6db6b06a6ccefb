"""A grouping of stories lets the reader's writes in: it commits as it goes.

Placing the 20,000 articles of a big import into a library of 100,000 held SQLite's
write lock for 16 s (benchmarks/write_lock_wait.py), longer than a reader's write waits
for it (the 15 s busy timeout): a star or a note made meanwhile failed with "database
is locked". The grouping now commits every ``COMMIT_SECONDS`` and pauses between two
transactions (``Library.let_writers_in``), where a waiting write gets the lock.

Each test runs the grouping in a thread with ``COMMIT_SECONDS`` at 0 (a commit after
every step) and holds it in one of those pauses (an event) while the reader writes,
with a busy timeout of 50 ms: a write that had to wait for the grouping fails.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import tui.store.stories as library_stories
from tui.store import Library
from tui.store.errors import BusyError
from tui.store.stories import regroup, stories, story_ids, update_stories

from .conftest import OTHERS, TIDAL, sample

WAIT = 60  # seconds an event is waited for (never reached when all goes well)


class Paused:
    """Holds a grouping in its ``pause``-th pause between two transactions until the
    reader has written (``go_on``); ``pauses`` counts them all."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, pause: int = 1) -> None:
        self.monkeypatch = monkeypatch
        self.pause = pause
        self.pauses = 0
        self.in_pause = threading.Event()
        self.go_on = threading.Event()

    def arm(self) -> None:
        """From now on every step commits, and the pause is held."""
        self.monkeypatch.setattr(library_stories, "COMMIT_SECONDS", 0.0)
        self.monkeypatch.setattr(Library, "let_writers_in", lambda lib: self.pausing())

    def pausing(self) -> None:
        self.pauses += 1
        if self.pauses == self.pause:
            self.in_pause.set()
            assert self.go_on.wait(WAIT)


@pytest.fixture
def paused(monkeypatch) -> Iterator[Paused]:
    pause = Paused(monkeypatch, pause=2)
    yield pause
    pause.go_on.set()


def _in_thread(path: Path, grouping: Callable[[Library], Any]) -> tuple[threading.Thread, list]:
    """``grouping`` of the library at ``path``, in a thread with its own connection;
    what it returned, or raised, lands in the list."""
    out: list[Any] = []

    def run() -> None:
        try:
            with Library.open(path) as lib:
                out.append(grouping(lib))
        except BaseException as exc:
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def _reader(path: Path) -> Library:
    """The reader's library, waiting 50 ms for the write lock."""
    lib = Library.open(path)
    lib.connection.execute("PRAGMA busy_timeout = 50")
    return lib


def _write_while_paused(path: Path, paused: Paused, thread: threading.Thread, out: list) -> str:
    """Star, note and tag an article while the grouping is paused; the article's id."""
    assert paused.in_pause.wait(WAIT), f"the grouping never let go of the lock: {out}"
    with _reader(path) as reader:
        article = reader.list_rows()[0].id
        try:
            reader.star(article)
            reader.add_note(article, "call the harbour office")
            reader.add_tag(article, "energy")
        finally:
            paused.go_on.set()
        thread.join(WAIT)
    assert not thread.is_alive()
    assert out and not isinstance(out[0], BaseException), out
    return article


def _kept(path: Path, article: str) -> None:
    with Library.open(path) as lib:
        state = lib.state(article)
        assert state.starred and "energy" in state.tags
        kept = [(a.kind, a.note or a.label) for a in lib.annotations(article)]
        assert kept == [("note", "call the harbour office"), ("tag", "energy")]


def test_a_write_waiting_for_the_lock_while_an_import_is_placed_fails(tmp_path: Path) -> None:
    """The failure itself: a write lock held past the busy timeout is "database is
    locked" for the reader (what the grouping did before it committed as it went)."""
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_paths([sample(TIDAL[0])])
        with lib.write(), _reader(path) as reader, pytest.raises(BusyError, match="busy"):
            reader.star(reader.list_rows()[0].id)


def test_the_reader_writes_while_an_import_s_articles_are_placed(
    tmp_path: Path, paused: Paused
) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_paths([sample(OTHERS[0])])
        update_stories(lib)
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS[1:])])
        added = lib.count() - len(story_ids(lib))
    paused.arm()
    thread, out = _in_thread(path, update_stories)
    article = _write_while_paused(path, paused, thread, out)
    assert out[0] == added > 1  # every article the import added was placed
    _kept(path, article)
    with Library.open(path) as lib:
        assert set(story_ids(lib)) == {r.id for r in lib.list_rows()}
        [story] = [s for s in stories(lib) if len(s.outlets) == 2]
        assert set(story.outlets) == set(TIDAL)


def test_the_reader_writes_while_a_regroup_swaps_its_stories_in(
    tmp_path: Path, paused: Paused, monkeypatch
) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
        update_stories(lib)
        before = story_ids(lib)
    monkeypatch.setattr(library_stories, "COPY_ROWS", 2)  # several copies
    paused.arm()
    thread, out = _in_thread(path, regroup)
    article = _write_while_paused(path, paused, thread, out)
    assert paused.pauses > 2
    _kept(path, article)
    with Library.open(path) as lib:
        assert story_ids(lib) == before  # the same stories, their ids kept
        tables = {name for (name,) in lib.connection.execute("SELECT name FROM sqlite_master")}
        assert not tables & {"story_members_next", "story_df_next"}
        assert {"story_members_story", "story_members_day"} <= tables


def _story_state(path: Path) -> tuple[Any, ...]:
    """Everything a grouping leaves: placements (as groups), counts, frequencies."""
    with Library.open(path) as lib:
        conn = lib.connection
        groups = sorted(sorted(ids) for ids in library_stories.story_members(lib).values())
        df = sorted(conn.execute("SELECT term, df FROM story_df"))
        meta = dict(conn.execute("SELECT key, value FROM story_meta WHERE key != 'next_story'"))
        return groups, df, meta


def test_a_placing_cut_off_half_way_is_done_again_and_counted_once(
    tmp_path: Path, monkeypatch
) -> None:
    """Some of an import's articles placed and committed, then Ctrl-C: the next
    grouping places them all again, and the document frequencies count them once."""
    import shutil

    whole, cut = tmp_path / "whole.db", tmp_path / "cut.db"
    with Library.open(whole) as lib:
        lib.import_paths([sample(OTHERS[0])])
        update_stories(lib)
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS[1:])])
        added = lib.count() - len(story_ids(lib))
    shutil.copyfile(whole, cut)
    with Library.open(whole) as lib:
        update_stories(lib)
    monkeypatch.setattr(library_stories, "COMMIT_SECONDS", 0.0)
    monkeypatch.setattr(Library, "let_writers_in", lambda lib: None)
    monkeypatch.setattr(library_stories, "PLACE_BATCH", 2)  # placements written 2 at a time
    real_place = library_stories.LibraryStoryIndex.place
    calls = []

    def interrupted(self, *args: Any, **kwargs: Any) -> int:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_place(self, *args, **kwargs)

    monkeypatch.setattr(library_stories.LibraryStoryIndex, "place", interrupted)
    with Library.open(cut) as lib, pytest.raises(KeyboardInterrupt):
        update_stories(lib)
    with Library.open(cut) as lib:
        placed = set(story_ids(lib)) & {r.id for r in lib.list_rows()}
        assert len(placed) > 1  # the first two were committed
    monkeypatch.setattr(library_stories.LibraryStoryIndex, "place", real_place)
    with Library.open(cut) as lib:
        assert update_stories(lib) == added
    assert _story_state(cut) == _story_state(whole)

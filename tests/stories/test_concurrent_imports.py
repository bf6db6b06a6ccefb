"""Two ``newsdesk import``s into one library at once: the second waits for the first
(the whole import: :mod:`tui.store.import_lock`; before that, for its grouping of
stories) and then places what it added; neither fails (the second used to
tear down the first's staging table: "no such table: story_members_new")."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path
from typing import Any

from tui.store import Library
from tui.store.stories import story_ids, ungrouped

from .conftest import SAMPLES

WAIT = 120  # seconds a process waits for the other before giving up (never reached)


def _first(db: str, paths: list[str], grouping: Any, go_on: Any) -> None:
    """An import that stops in the middle of its grouping (after its first share) until
    the second import has got as far as it can."""
    import tui.commands._progress as progress
    from tui.cli import main

    def paused(done: int, total: int) -> None:
        if not grouping.is_set():
            grouping.set()
            go_on.wait(WAIT)

    progress.stories_progress = lambda stream=None: paused  # type: ignore[assignment]
    sys.exit(main(["import", *paths, "--db", db, "--jobs", "1"]))


def _second(db: str, paths: list[str], grouping: Any, go_on: Any) -> None:
    """An import started while the first is grouping; the first goes on once this one
    waits for it (or, as before the fix, once this one is done)."""
    import tui.commands._progress as progress
    from tui.cli import main

    grouping.wait(WAIT)
    real = progress.stories_waiting
    real_import = progress.import_waiting

    def waiting(stream: Any = None) -> Any:
        say = real(stream)
        return lambda: (say(), go_on.set())

    def import_waiting(*args: Any) -> Any:  # queued behind the whole first import
        say = real_import(*args)
        return lambda: (say(), go_on.set())

    progress.stories_waiting = waiting  # type: ignore[assignment]
    progress.import_waiting = import_waiting  # type: ignore[assignment]
    try:
        code = main(["import", *paths, "--db", db, "--jobs", "1"])
    finally:
        go_on.set()
    sys.exit(code)


def test_two_imports_at_once_both_succeed_and_every_article_is_in_one_story(
    tmp_path: Path,
) -> None:
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    db = str(tmp_path / "library.db")
    context = multiprocessing.get_context("fork")
    grouping, go_on = context.Event(), context.Event()
    first = context.Process(target=_first, args=(db, files[:6], grouping, go_on))
    second = context.Process(target=_second, args=(db, files[6:], grouping, go_on))
    first.start()
    second.start()
    first.join(2 * WAIT)
    second.join(2 * WAIT)
    assert (first.exitcode, second.exitcode) == (0, 0)
    with Library.open(db) as lib:
        assert ungrouped(lib) == 0
        placed = story_ids(lib)  # one row per article: never in two stories
        assert set(placed) == set(lib.article_ids())
        assert len(placed) == lib.count()


def test_the_reader_does_not_wait_for_another_process_grouping(tmp_path: Path) -> None:
    """The app's library thread asks for stories without waiting: while an import
    groups the library, it gets the stories as they are, at once."""
    from tui.app.screens.reader_stories import list_stories
    from tui.store.stories import update_stories

    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    with Library.open(tmp_path / "library.db") as lib:
        lib.import_paths(files[:6])
        update_stories(lib)
        lib.import_paths(files[6:])
        context = multiprocessing.get_context("fork")
        holding, release = context.Event(), context.Event()
        holder = context.Process(target=_hold_lock, args=(str(lib.path), holding, release))
        holder.start()
        try:
            assert holding.wait(WAIT)
            assert list_stories(lib) is not None  # returned: did not wait for the lock
            assert ungrouped(lib) > 0  # what the other process is placing is left to it
        finally:
            release.set()
            holder.join(WAIT)
        assert update_stories(lib) > 0 and ungrouped(lib) == 0


def _hold_lock(path: str, holding: Any, release: Any) -> None:
    from tui.store.stories import grouping

    with Library.open(path, readonly=True) as lib, grouping(lib):
        holding.set()
        release.wait(WAIT)

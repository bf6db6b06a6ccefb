"""Quitting while another program holds the library: the app asks, and never hangs.

Another sqlite3 connection holds ``BEGIN IMMEDIATE`` (what `newsdesk compact` or an
import in another terminal does) past the busy timeout (50 ms here). A star then waits,
kept; ``q`` must neither wait for ever nor drop the star without the user's word.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.app.helpers import busy_events, library_state, make_app, notice_texts, settle
from tui.app.screens.prompt import ConfirmScreen


@pytest.fixture
def short_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.store.library as store_library

    monkeypatch.setattr(store_library, "BUSY_TIMEOUT_MS", 50)


def _hold_as_compact(path: Path) -> sqlite3.Connection:
    """Another connection holding the library as `newsdesk compact` does
    (tui.store.compact): out of WAL, locked exclusively until it is closed."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("COMMIT")
    return other


def _exits(app) -> asyncio.Event:
    """Set when the app asks to exit (what ``q`` does once nothing is left to save)."""
    exited = asyncio.Event()
    exit_app = app.exit

    def exit(*args, **kwargs) -> None:
        exited.set()
        exit_app(*args, **kwargs)

    app.exit = exit
    return exited


async def _star_while_held(app, pilot, other: sqlite3.Connection, waiting: threading.Event):
    await settle(pilot)
    app.reader.article_list.focus()
    await settle(pilot)
    article = app.reader.article_list.current.id
    other.execute("BEGIN IMMEDIATE")  # another program, writing for long
    await pilot.press("s")
    assert await asyncio.to_thread(waiting.wait, 30)
    await pilot.pause()
    assert any("your change is kept and saved" in text for text in notice_texts(app))
    return article


async def test_q_asks_and_n_keeps_the_change_which_is_saved_then_quits(
    library_path: Path, short_busy: None
) -> None:
    app = make_app(library_path)
    waiting, _over = busy_events(app)
    exited = _exits(app)
    other = sqlite3.connect(library_path, isolation_level=None)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            article = await _star_while_held(app, pilot, other, waiting)
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert app.screen.question.startswith("1 change is waiting for the library")
            await pilot.press("n")  # back to the reader; the star still waits
            await pilot.pause()
            assert app.is_running and not isinstance(app.screen, ConfirmScreen)
            await pilot.press("q")  # asked again; the library is freed meanwhile
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            other.execute("COMMIT")
            assert await asyncio.wait_for(exited.wait(), 30)  # saved: nothing to ask
        assert app.return_code == 0
    finally:
        other.close()
    assert library_state(library_path, article).starred


async def test_y_quits_without_the_change_while_the_library_is_still_held(
    library_path: Path, short_busy: None
) -> None:
    app = make_app(library_path)
    waiting, _over = busy_events(app)
    other = sqlite3.connect(library_path, isolation_level=None)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            article = await _star_while_held(app, pilot, other, waiting)
            await pilot.press("q", "y")  # the user chose to drop it
            await pilot.pause()
        assert app.return_code == 0  # quit although the library is still held
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert not library_state(library_path, article).starred


async def test_opening_while_held_says_no_change_of_the_user_waits(
    library_path: Path, short_busy: None
) -> None:
    """`newsdesk compact` holds the library as the app opens: the notice must not speak
    of "your change" (the user typed nothing), nor when the library is free again."""
    app = make_app(library_path)
    waiting, over = busy_events(app)
    other = _hold_as_compact(library_path)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            assert await asyncio.to_thread(waiting.wait, 30)
            await pilot.pause()
            notices = notice_texts(app)
            assert any("the library is busy" in text for text in notices)
            assert not any("your change" in text for text in notices)
            other.execute("PRAGMA journal_mode = WAL")
            other.close()  # compact is done
            assert await asyncio.to_thread(over.wait, 30)
            await pilot.pause()
            notices = notice_texts(app)
            assert any("the library is free again" in text for text in notices)
            assert not any("your change" in text for text in notices)
    finally:
        other.close()


async def test_q_quits_at_once_while_the_library_cannot_be_opened(
    library_path: Path, short_busy: None
) -> None:
    app = make_app(library_path)
    waiting, _over = busy_events(app)
    other = _hold_as_compact(library_path)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            assert await asyncio.to_thread(waiting.wait, 30)
            await pilot.press("q")  # nothing of the user's waits: no question
            await pilot.pause()
        assert app.return_code == 0
    finally:
        other.close()


async def test_a_star_queued_behind_a_waiting_stories_update_is_not_lost(
    tmp_path: Path, short_busy: None
) -> None:
    """Another newsdesk imports (and holds the library) as the reader opens on articles
    whose stories are not grouped yet: the reader's grouping waits, not a change of the
    user's, and the notice says so; a star typed then waits behind it, q asks about it,
    and once the library is free the star is saved before the app quits."""
    from tui.store import Library

    db = tmp_path / "library.db"
    story = tmp_path / "a.txt"
    story.write_text("Harbour reopens after storm\n\nThe harbour reopened on Monday.\n")
    with Library.open(db) as library:
        library.import_paths([str(story)])
        (row,) = library.list_rows()
    app = make_app(db)
    waiting, _over = busy_events(app)
    kinds: list[str] = []
    told = app.gateway.on_busy
    app.gateway.on_busy = lambda now, kind: (kinds.append(kind), told(now, kind))
    exited = _exits(app)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            assert await asyncio.to_thread(waiting.wait, 30)
            await pilot.pause()
            assert kinds == ["library"]
            notices = notice_texts(app)
            assert any("the reader waits until it is free" in text for text in notices)
            assert not any("your change" in text for text in notices)
            app.reader.article_list.focus()
            await pilot.press("s")
            await pilot.pause()
            assert app.gateway.changes_pending == 1
            assert any("your change is kept" in text for text in notice_texts(app))
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            other.execute("COMMIT")
            assert await asyncio.wait_for(exited.wait(), 30)  # by itself, once saved
        assert app.return_code == 0
    finally:
        other.close()
    assert library_state(db, row.id).starred


async def test_n_stays_even_when_an_earlier_q_waited_for_the_queue(
    library_path: Path, short_busy: None
) -> None:
    """q waits for the calls queued before it (a star just typed); its star then meets
    the busy library, q again asks, and n means stay: once the star is saved, the app
    does not quit after all."""
    app = make_app(library_path)
    waiting, over = busy_events(app)
    gate = threading.Event()
    other = sqlite3.connect(library_path, isolation_level=None)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            app.reader.article_list.focus()
            await settle(pilot)
            article = app.reader.article_list.current.id
            app.gateway.submit(lambda library: gate.wait(30))  # the library thread, busy
            await pilot.press("s", "q")  # the star, then q, queued behind it
            await pilot.pause()
            other.execute("BEGIN IMMEDIATE")
            gate.set()
            assert await asyncio.to_thread(waiting.wait, 30)
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            other.execute("COMMIT")
            assert await asyncio.to_thread(over.wait, 30)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.return_code is None and app.is_running
            assert library_state(library_path, article).starred
    finally:
        other.close()

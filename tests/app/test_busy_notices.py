"""A change made while another program holds the library shows at once, the reader
says it waits (a notice, and the status line until it is saved), and no notice wipes
out another.

Another sqlite3 connection holds ``BEGIN IMMEDIATE`` (an import or `newsdesk compact`
in another terminal). The star waited the store's whole busy timeout (15 s) before
anything showed: neither the star, nor a confirmation, nor the busy notice.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.app.helpers import (
    busy_events,
    library_state,
    make_app,
    notice_texts,
    region_text,
    settle,
)


def _status(app) -> str:
    return region_text(app, app.reader.query_one("#status"))


@pytest.fixture
def first_try_short(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change's first try waits 50 ms (the store's own timeout stays 15 s)."""
    import tui.app.library_gateway as gateway

    monkeypatch.setattr(gateway, "CHANGE_FIRST_TRY_MS", 50)


async def test_a_star_while_the_library_is_held_shows_at_once_and_says_it_waits(
    library_path: Path, first_try_short: None
) -> None:
    app = make_app(library_path)
    waiting, over = busy_events(app)
    other = sqlite3.connect(library_path, isolation_level=None)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            app.notify("theme skipped: an earlier notice", severity="error", timeout=600)
            lst = app.reader.article_list
            lst.focus()
            await settle(pilot)
            article = lst.current.id
            other.execute("BEGIN IMMEDIATE")  # another program, writing for long
            await pilot.press("s")
            await pilot.pause()
            # At once, before the library has it: the star, the count, the confirmation.
            assert lst.current.starred and not _stored_starred(other, article)
            assert "starred (u undoes)" in _status(app)
            # Within the first try's timeout (not the store's 15 s): it waits, and says so.
            assert await asyncio.to_thread(waiting.wait, 30)
            await pilot.pause()
            notices = notice_texts(app)
            assert any("your change is kept and saved" in text for text in notices)
            assert any("an earlier notice" in text for text in notices)  # not wiped out
            status = _status(app)
            assert "waiting to save" in status and "(u undoes)" in status, status
            assert "q quit" in status
            await pilot.press("m")  # a second change, queued behind the star
            await pilot.pause()
            assert lst.current.marked  # shown at once too, and no second notice
            assert sum("the library is busy" in text for text in notice_texts(app)) == 1
            other.execute("COMMIT")
            assert await asyncio.to_thread(over.wait, 30)
            await settle(pilot)
            notices = notice_texts(app)
            assert any("your change is saved" in text for text in notices)
            assert any("an earlier notice" in text for text in notices)
            assert "waiting to save" not in _status(app)
            assert lst.current.starred
    finally:
        other.close()
    assert library_state(library_path, article).starred


def _stored_starred(other: sqlite3.Connection, article: str) -> bool:
    """Whether the star is in the library yet (read through the holding connection)."""
    row = other.execute("SELECT flags FROM articles WHERE id = ?", (article,)).fetchone()
    return bool(row[0] & 2)


def test_a_changes_first_try_waits_its_own_timeout(library_path: Path, monkeypatch) -> None:
    """The gateway hears a busy library within the first try's timeout, not the store's."""
    import tui.app.library_gateway as gateway_module
    import tui.store.library as store_library
    from tui.app.library_gateway import LibraryGateway

    monkeypatch.setattr(store_library, "BUSY_TIMEOUT_MS", 120_000)
    monkeypatch.setattr(gateway_module, "CHANGE_FIRST_TRY_MS", 50)
    heard = threading.Event()
    gateway = LibraryGateway(library_path, on_busy=lambda now, kind: now and heard.set())
    other = sqlite3.connect(library_path, isolation_level=None)

    async def run() -> None:
        rows = await gateway.call(lambda library: library.list_rows(order="date"))
        other.execute("BEGIN IMMEDIATE")
        task = asyncio.ensure_future(
            gateway.change(lambda library: library.set_flag([rows[0].id], "starred", True))
        )
        # Heard well before the store's two minutes: the first try's 50 ms.
        assert await asyncio.to_thread(heard.wait, 30)
        other.execute("COMMIT")
        await task
        busy = await gateway.call(
            lambda library: library.connection.execute("PRAGMA busy_timeout").fetchone()[0]
        )
        assert busy == 120_000  # the store's own again, for the calls after

    try:
        asyncio.run(run())
    finally:
        other.close()
        gateway.close()


async def test_a_change_that_fails_puts_the_row_back(library_path: Path, monkeypatch) -> None:
    """Shown before the library has it, a star the library refuses (a read-only
    library, a full disk) is taken back, its confirmation too; the error is said."""
    from tui.errors import NewsdeskError

    def refused(library, ids, flag, value):
        raise NewsdeskError("library.db: cannot save (disk full)")

    monkeypatch.setattr("tui.app.screens.reader_triage.set_flag", refused)
    app = make_app(library_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        lst.focus()
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert not lst.current.starred
        assert "starred" not in app.reader.status_message
        assert any("disk full" in text for text in notice_texts(app))

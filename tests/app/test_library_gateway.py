"""The library thread: a cancelled search does not hold it up; other calls are left alone."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from pathlib import Path

from tui.app.library_gateway import LibraryGateway

#: A statement that runs for seconds unless interrupted (long: 10M rows, short: 200k).
_COUNT = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {}) "
_COUNT += "SELECT count(*) FROM n"


def _runner(
    started: threading.Event,
    outcome: list[str],
    *,
    finite: bool = False,
    proceed: threading.Event | None = None,
):
    sql = _COUNT.format(200_000 if finite else 10_000_000)

    def run(library) -> str:
        started.set()
        if proceed is not None:  # the statement starts only once the test says so
            assert proceed.wait(10)
        try:
            library.connection.execute(sql).fetchone()
        except sqlite3.OperationalError as exc:
            outcome.append(str(exc))
            raise
        outcome.append("finished")
        return "finished"

    return run


async def _cancel_once_running(task: asyncio.Task, started: threading.Event) -> None:
    assert await asyncio.to_thread(started.wait, 10)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def test_cancelling_a_cancellable_call_interrupts_its_statement(tmp_path: Path):
    gateway = LibraryGateway(tmp_path / "library.db")
    try:
        started, outcome = threading.Event(), []
        task = asyncio.ensure_future(gateway.call_cancellable(_runner(started, outcome)))
        await _cancel_once_running(task, started)
        # the thread is free again: the next call runs (and the connection still works)
        count = await gateway.call(lambda lib: lib.count())
        assert outcome == ["interrupted"] and count == 0
        # a call that is not cancelled runs to its end
        started, outcome = threading.Event(), []
        result = await gateway.call_cancellable(_runner(started, outcome, finite=True))
        assert result == "finished" and outcome == ["finished"]
    finally:
        gateway.close()


async def test_a_statement_started_after_the_cancel_is_stopped_too(tmp_path: Path):
    gateway = LibraryGateway(tmp_path / "library.db")
    try:
        started, proceed, outcome = threading.Event(), threading.Event(), []
        call = gateway.call_cancellable(_runner(started, outcome, proceed=proceed))
        task = asyncio.ensure_future(call)
        await _cancel_once_running(task, started)  # running, but between statements
        proceed.set()
        assert await gateway.call(lambda lib: lib.count()) == 0
        assert outcome == ["interrupted"]
    finally:
        gateway.close()


async def test_a_write_inside_a_cancelled_call_still_commits(tmp_path: Path):
    gateway = LibraryGateway(tmp_path / "library.db")
    started, proceed = threading.Event(), threading.Event()

    def write_then_read(library) -> None:
        connection = library.connection
        connection.execute("CREATE TABLE IF NOT EXISTS scratch(n INTEGER)")
        started.set()
        assert proceed.wait(10)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO scratch " + _COUNT.format(200_000).replace("count(*)", "i"))
        connection.execute("COMMIT")
        connection.execute(_COUNT.format(10_000_000)).fetchone()  # a read: stopped

    try:
        task = asyncio.ensure_future(gateway.call_cancellable(write_then_read))
        await _cancel_once_running(task, started)
        proceed.set()
        count = await gateway.call(
            lambda lib: lib.connection.execute("SELECT count(*) FROM scratch").fetchone()[0]
        )
        assert count == 200_000
        assert await gateway.call(lambda lib: lib.connection.in_transaction) is False
    finally:
        gateway.close()


async def test_a_cancelled_plain_call_is_not_interrupted(tmp_path: Path):
    gateway = LibraryGateway(tmp_path / "library.db")
    try:
        started, outcome = threading.Event(), []
        task = asyncio.ensure_future(gateway.call(_runner(started, outcome, finite=True)))
        await _cancel_once_running(task, started)
        assert await gateway.call(lambda lib: lib.count()) == 0
        assert outcome == ["finished"]  # ran to its end (the plain call is never interrupted)
    finally:
        gateway.close()


async def test_a_write_that_meets_a_busy_library_is_kept_and_saved_when_it_is_free(
    tmp_path: Path, monkeypatch
):
    """Another process holds the write lock past the busy timeout (50 ms here): the
    star is not dropped; the app hears that it waits, then that it is saved."""
    import tui.store.library as store_library
    from tui.store import Library

    db = tmp_path / "library.db"
    story = tmp_path / "a.txt"
    story.write_text("Harbour reopens after storm\n\nThe harbour reopened on Monday.\n")
    with Library.open(db) as lib:
        lib.import_paths([str(story)])
        (row,) = lib.list_rows()
    monkeypatch.setattr(store_library, "BUSY_TIMEOUT_MS", 50)
    heard: list[bool] = []
    busy = threading.Event()

    def on_busy(waiting: bool, kind: str) -> None:
        assert kind == "change"  # the library was open: the user's change waits
        heard.append(waiting)
        busy.set()

    gateway = LibraryGateway(db, on_busy=on_busy)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        await gateway.call(lambda lib: lib.count())  # opened
        other.execute("BEGIN IMMEDIATE")  # another process, writing for long
        task = asyncio.ensure_future(gateway.change(lambda lib: lib.star(row.id)))
        assert await asyncio.to_thread(busy.wait, 60)
        assert not task.done() and heard == [True] and gateway.changes_pending == 1
        other.execute("COMMIT")  # the library is free
        assert await task == 1
        assert heard == [True, False] and gateway.changes_pending == 0
        assert await gateway.call(lambda lib: lib.state(row.id).starred)
    finally:
        other.close()
        gateway.close()


async def test_an_abandoned_write_stops_and_the_calls_behind_it_fail_unrun(
    tmp_path: Path, monkeypatch
):
    """The user quits without the waiting change: the kept write stops trying (not
    after the library is free: it is still held) and what is queued behind it is not
    run; closing then returns."""
    import tui.store.library as store_library
    from tui.store.errors import BusyError

    monkeypatch.setattr(store_library, "BUSY_TIMEOUT_MS", 50)
    busy = threading.Event()
    gateway = LibraryGateway(tmp_path / "library.db", on_busy=lambda waiting, _: busy.set())
    other = None
    ran: list[str] = []
    try:
        await gateway.call(lambda lib: lib.connection.execute("CREATE TABLE scratch(n INTEGER)"))
        other = sqlite3.connect(tmp_path / "library.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")

        def write(lib) -> None:
            with lib.write() as conn:
                conn.execute("INSERT INTO scratch VALUES (1)")

        kept = asyncio.ensure_future(gateway.change(write))
        behind = asyncio.ensure_future(gateway.call(lambda lib: ran.append("behind")))
        assert await asyncio.to_thread(busy.wait, 30)
        assert gateway.waiting == "change"
        gateway.abandon()
        for task in (kept, behind):
            with contextlib.suppress(BusyError):
                await task
            assert isinstance(task.exception(), BusyError)
        assert ran == []
    finally:
        await asyncio.to_thread(gateway.close)
        if other is not None:
            other.close()
    with sqlite3.connect(tmp_path / "library.db") as check:
        assert check.execute("SELECT count(*) FROM scratch").fetchone()[0] == 0


async def test_closing_does_not_wait_for_ever_for_a_busy_library(tmp_path: Path, monkeypatch):
    """An exit that did not ask (a crash): a write still meeting a busy library fails
    instead of being kept, so closing returns while the library is still held."""
    import tui.store.library as store_library
    from tui.store.errors import BusyError

    monkeypatch.setattr(store_library, "BUSY_TIMEOUT_MS", 50)
    gateway = LibraryGateway(tmp_path / "library.db")
    await gateway.call(lambda lib: lib.connection.execute("CREATE TABLE scratch(n INTEGER)"))
    other = sqlite3.connect(tmp_path / "library.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")

        def write(lib) -> None:
            with lib.write() as conn:
                conn.execute("INSERT INTO scratch VALUES (1)")

        kept = gateway.submit(write)
        await asyncio.wait_for(asyncio.to_thread(gateway.close), 60)
        assert isinstance(kept.exception(), BusyError)
    finally:
        other.close()

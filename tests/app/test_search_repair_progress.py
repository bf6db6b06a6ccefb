"""A search that meets a damaged index has it rebuilt (``library_state.repaired``); the
search pane says so and counts the articles indexed, as the start-up rebuild's bar
does, instead of standing still until the rebuild ends. Keys typed meanwhile do not
stop the rebuild (each used to cancel it and start it again): the last query typed is
searched once it is done."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from tests.app.helpers import make_app, press, settle

DAMAGE = "An IO error occurred: 'Fst data is corrupted: Fst(...)'"


def _damaged_once(monkeypatch) -> list[str]:
    """The next search meets damage in the index's files (once)."""
    from tui.search.index import SearchIndex

    real = SearchIndex.search
    failed: list[str] = []

    def search(self, query, **kwargs):
        if not failed:
            failed.append("damage")
            raise ValueError(DAMAGE)
        return real(self, query, **kwargs)

    monkeypatch.setattr(SearchIndex, "search", search)
    return failed


def _told(monkeypatch) -> list[str]:
    """Every line the search pane shows under its query, in order."""
    from tui.app.widgets.search_pane import SearchPane

    told: list[str] = []
    real = SearchPane._tell  # noqa: SLF001 (what the pane says, in order)

    def tell(self, message: str, **kwargs) -> None:
        told.append(message)
        real(self, message, **kwargs)

    monkeypatch.setattr(SearchPane, "_tell", tell)
    return told


async def test_a_repair_shows_its_progress_then_the_hits(library_path: Path, monkeypatch) -> None:
    from tui.search.library_state import index_for

    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        failed = _damaged_once(monkeypatch)
        told = _told(monkeypatch)
        await pilot.press(*"harbour")
        await settle(pilot)
        assert failed
        indexing = [line for line in told if line.startswith("indexing")]
        assert indexing, told
        assert told[-1] == "1 hit"
        assert told.index(indexing[0]) < len(told) - 1
        meta = await app.gateway.call(lambda library: index_for(library).meta())
        seq = await app.gateway.call(lambda library: library.change_seq())
        assert meta["store_seq"] == seq


async def test_keys_typed_during_a_repair_wait_for_it(library_path: Path, monkeypatch) -> None:
    import tui.search.library_state as library_state

    started, release = threading.Event(), threading.Event()
    real = library_state.index_for
    rebuilds: list[int] = []

    def slow_index_for(library, *, progress=None, wait=False):
        if progress is not None and started.is_set() is False and rebuilds == []:
            rebuilds.append(1)
            progress(0, None)
            started.set()
            release.wait(20)
        return real(library, progress=progress, wait=wait)

    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        _damaged_once(monkeypatch)
        monkeypatch.setattr(library_state, "index_for", slow_index_for)
        told = _told(monkeypatch)
        await pilot.press(*"harbour")
        await asyncio.to_thread(started.wait, 20)
        await pilot.pause()
        await pilot.press(*" plan")
        await pilot.pause()
        pane = app.reader.search_pane
        assert pane.query_one("#search-status").render().plain.startswith("indexing")
        release.set()
        await settle(pilot)
        assert rebuilds == [1]
        assert pane.input.value == "harbour plan"
        assert told[-1] == "1 hit"

"""A view switch that waits for its first page (a whole query at 100,000 articles)
shows the list loading, not the last view's rows under the new view's name."""

from __future__ import annotations

import threading

from tests.app.helpers import make_app, press, region_text, settle


async def test_a_slow_view_shows_loading_until_its_first_page(library_path, monkeypatch) -> None:
    from tui.app import library_calls
    from tui.app.screens import reader

    monkeypatch.setattr(reader, "LOADING_DELAY", 0)  # the wait a slow query outlasts
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        lst = app.reader.article_list
        old_titles = [row.title for row in lst.rows]
        assert old_titles and "Loading…" not in region_text(app, lst)
        released = threading.Event()
        opened = library_calls.open_view_pages

        def slow_pages(library, query, sort):
            released.wait(10)  # the library thread evaluating a slow query
            return opened(library, query, sort)

        monkeypatch.setattr(reader, "open_view_pages", slow_pages)
        await pilot.press("2")  # Starred: its first page waits
        for _ in range(100):  # until the reader's worker has started
            if lst.waiting:
                break
            await pilot.pause()
        await pilot.pause()
        assert lst.rows == []
        shown = region_text(app, lst)
        assert "Loading…" in shown
        assert not any(title[:20] in shown for title in old_titles)
        status = region_text(app, app.reader.query_one("#status"))
        assert "Starred" in status and f"{len(old_titles)} shown" not in status
        released.set()
        await settle(pilot)
        assert "Loading…" not in region_text(app, lst) and not lst.waiting


async def test_a_fast_view_never_shows_loading(library_path, monkeypatch) -> None:
    from tui.app.screens import reader

    monkeypatch.setattr(reader, "LOADING_DELAY", 3600)
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        shown: list[str] = []
        for key in ("3", "2", "1"):
            await pilot.press(key)
            await pilot.pause()
            shown.append(region_text(app, lst))
            await settle(pilot)
        assert not any("Loading…" in text for text in shown) and lst.rows


async def test_G_pressed_as_a_view_switches_goes_to_that_views_last_row(
    library_path, monkeypatch
) -> None:
    from tui.app import library_calls
    from tui.app.screens import reader
    from tui.store import Library

    with Library.open(library_path) as library:  # the oldest: in All, not in the Inbox
        oldest = library.list_rows(order="date")[-1].id
        library.set_flag([oldest], "archived", True)
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        lst.focus()
        assert oldest not in {row.id for row in lst.rows}
        released = threading.Event()
        opened = library_calls.open_view_pages

        def slow_pages(library, query, sort):
            released.wait(10)
            return opened(library, query, sort)

        monkeypatch.setattr(reader, "open_view_pages", slow_pages)
        await pilot.press("3", "G")  # G before All's rows are in: not the Inbox's last row
        released.set()
        await settle(pilot)
        assert app.reader.view.name == "All"
        assert lst.current is not None and lst.current.id == oldest

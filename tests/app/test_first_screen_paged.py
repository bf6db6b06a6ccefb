"""Issue 22: the first screen is the reader's. The first page of the view, its first
article and that article's quotes are on screen before the rest of the view is read;
every key works meanwhile, and the status line says ``loading…`` until the last page."""

from __future__ import annotations

import asyncio

import pytest

from tests.app.helpers import make_app, region_text, screen_text, settle
from tui.app.library_calls import next_view_page


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    """Pages of two rows then one: the fixture library's four articles take three pages."""
    monkeypatch.setattr("tui.search.views.FIRST_PAGE", 2)
    monkeypatch.setattr("tui.search.views.PAGE", 1)


def hold_pages_after_the_first(app) -> asyncio.Event:
    """Every page after a view's first waits for the event returned."""
    gate = asyncio.Event()
    call = app.gateway.call

    async def gated(function, *args, **kwargs):
        if function is next_view_page and args[0].count > 0:
            await gate.wait()
        return await call(function, *args, **kwargs)

    app.gateway.call = gated
    return gate


async def first_page_shown(pilot):
    """The reader once its first page is on screen (the others held), and its list."""
    reader = pilot.app.reader
    await until(pilot, lambda: bool(reader.article_list.rows))
    return reader, reader.article_list


async def until(pilot, condition) -> None:
    """Let the app run until ``condition()`` holds (a bounded number of its own steps)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the app never got there")


async def test_first_rows_article_and_quotes_before_the_view_is_loaded(library_path):
    app = make_app(library_path)
    gate = hold_pages_after_the_first(app)
    async with app.run_test(size=(160, 48)) as pilot:
        reader = app.reader
        lst = reader.article_list
        await until(pilot, lambda: lst.rows and reader.current_article is not None)
        await pilot.pause()
        assert len(lst.rows) == 2 and not lst.complete and not reader.rows_loaded
        assert "Harbour plan approved" in region_text(app, lst)
        assert "council approved the harbour plan" in region_text(app, reader.article_view)
        assert "Ada Lind: “We are" in region_text(app, reader.quotes_pane)
        assert "2 shown · loading…" in screen_text(app)

        await pilot.press("j", "j", "j")  # j works, and stops at the rows there are
        assert lst.cursor == 1
        gate.set()
        await settle(pilot)
        assert lst.complete and reader.rows_loaded and len(lst.rows) > 2
        assert lst.cursor == 1  # nothing jumped when the pages landed
        assert "loading…" not in screen_text(app)


async def test_g_while_loading_waits_for_the_true_last_row(library_path):
    app = make_app(library_path)
    gate = hold_pages_after_the_first(app)
    async with app.run_test(size=(160, 48)) as pilot:
        _reader, lst = await first_page_shown(pilot)
        await pilot.press("G")
        gate.set()
        await settle(pilot)
        assert lst.cursor == len(lst.rows) - 1 > 1


async def test_search_works_while_loading(library_path):
    app = make_app(library_path)
    gate = hold_pages_after_the_first(app)
    async with app.run_test(size=(160, 48)) as pilot:
        reader, _lst = await first_page_shown(pilot)
        await pilot.press("slash", *"museum")
        await until(pilot, lambda: "Museum reopens" in screen_text(app))
        assert not reader.rows_loaded
        gate.set()
        await settle(pilot)


async def test_a_view_switch_shows_the_new_first_page_while_the_rest_loads(library_path):
    app = make_app(library_path)
    gate = hold_pages_after_the_first(app)
    async with app.run_test(size=(160, 48)) as pilot:
        reader, lst = await first_page_shown(pilot)
        gate.set()
        await settle(pilot)
        gate.clear()
        await pilot.press("3")  # All
        await until(pilot, lambda: reader.view.name == "All" and len(lst.rows) == 2)
        assert not reader.rows_loaded and "loading…" in screen_text(app)
        gate.set()
        await settle(pilot)
        assert reader.rows_loaded and len(lst.rows) > 2


async def last_row_open_then_all_view(pilot, gate):
    """Open the last of four rows (past the first page), then switch to All with its
    pages after the first held: the reader, the list, and the article open."""
    reader, lst = await first_page_shown(pilot)
    gate.set()
    await settle(pilot)
    await pilot.press("j", "j", "j")
    await settle(pilot)
    last = lst.rows[-1].id
    await until(pilot, lambda: reader.current_id == last)
    gate.clear()
    await pilot.press("3")  # All: the article is in it, on its third page
    await until(pilot, lambda: reader.view.name == "All" and len(lst.rows) == 2)
    return reader, lst, last


async def test_a_view_switch_keeps_the_open_article_beyond_the_first_page(library_path):
    app = make_app(library_path)
    gate = hold_pages_after_the_first(app)
    async with app.run_test(size=(160, 48)) as pilot:
        reader, lst, last = await last_row_open_then_all_view(pilot, gate)
        await pilot.pause()
        assert reader.current_id == last  # not the top row's article while pages come
        gate.set()
        await settle(pilot)
        assert lst.current.id == last and reader.current_id == last


async def test_a_key_pressed_while_waiting_for_the_open_article_wins(library_path):
    app = make_app(library_path)
    gate = hold_pages_after_the_first(app)
    async with app.run_test(size=(160, 48)) as pilot:
        reader, lst, _last = await last_row_open_then_all_view(pilot, gate)
        await pilot.press("j")  # the reader moves on: the cursor is theirs
        gate.set()
        await settle(pilot)
        assert lst.cursor == 1 and reader.current_id == lst.rows[1].id


async def test_the_other_themes_are_read_after_the_first_rows_not_before(library_path):
    """Read in a thread before the first rows, they slowed the first screen (issue 22)."""
    app = make_app(library_path)
    gate = asyncio.Event()
    call = app.gateway.call

    async def first_page_held(function, *args, **kwargs):
        if function is next_view_page:
            await gate.wait()
        return await call(function, *args, **kwargs)

    app.gateway.call = first_page_held
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert not app.reader.article_list.rows
        assert "newsdesk-light" not in app.available_themes  # not read yet
        gate.set()
        await settle(pilot)
        assert app.reader.article_list.rows
        assert "newsdesk-light" in app.available_themes

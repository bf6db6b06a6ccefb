"""The reader is a screen of its own; its panes own their keys; one handler reports
failed workers (issue 19)."""

from __future__ import annotations

import dataclasses

import pytest

from tests.app.helpers import make_app, press, settle
from tui.config.model import default_config


async def test_the_default_screen_is_the_reader(library_path):
    from tui.app.screens.reader import ReaderScreen

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen is app.reader
        assert len(app.reader.article_list.rows) == 4


async def test_each_pane_declares_its_moving_keys_with_the_shared_ids(library_path):
    """A newcomer finds a pane's keys in its widget; one keymap id rebinds all of them."""
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        reader = app.reader
        await press(pilot, "slash")
        panes = [reader.article_list, reader.article_view, reader.quotes_pane]
        panes.append(reader.search_pane.hit_list)
        for pane in panes:
            ids = {binding.id for binding in type(pane).BINDINGS}
            assert {"cursor-down", "cursor-up", "page-down", "page-up", "top", "bottom"} <= ids


async def test_a_rebound_move_works_in_the_quotes_pane(library_path):
    config = dataclasses.replace(default_config(), keymap={"cursor-down": "ctrl+n"})
    app = make_app(library_path, config)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.set_keymap(dict(config.keymap))
        quotes = app.reader.quotes_pane
        quotes.focus()
        await settle(pilot)
        before = quotes.highlighted
        await press(pilot, "ctrl+n")
        assert quotes.highlighted == before + 1
        await press(pilot, "j")  # the keymap replaced j for this id
        assert quotes.highlighted == before + 1


async def test_the_palette_shows_a_rebound_view_key(library_path):
    from tui.app.commands import NewsdeskCommands

    config = dataclasses.replace(default_config(), keymap={"view-all": "0"})
    app = make_app(library_path, config)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        helps = {name: text for name, _run, text in NewsdeskCommands(app.screen).commands()}
        assert helps["View: All"] == "switch to this view (key 0)"
        await press(pilot, "0")
        assert app.reader.view.name == "All"


async def test_a_bug_in_a_worker_is_not_swallowed(library_path, monkeypatch):
    """Only the library's and the query's errors become one-line notices; anything else
    stops the app as Textual does (a bug must not hide behind a toast)."""
    from tui.store.library import Library

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Library, "list_rows", broken)
    monkeypatch.setattr("tui.search.views.read_page", broken)  # a view read page by page
    app = make_app(library_path)
    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)


async def test_the_palette_lists_the_readers_actions_from_the_search_box(library_path):
    """Typing in the search box takes the letter keys, not the palette's actions."""
    from tui.app.commands import NewsdeskCommands

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        commands = {name: run for name, run, _help in NewsdeskCommands(app.screen).commands()}
        assert {"Star", "Read/unread", "Help", "Quit"} <= set(commands)
        await commands["Star"]()
        await settle(pilot)
        assert app.reader.status_message == "starred (u undoes)"

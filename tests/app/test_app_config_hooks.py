"""What the config issue relies on: the binding catalogue, keymaps, views, layouts."""

from __future__ import annotations

import dataclasses

from tests.app.helpers import make_app, press, settle
from tui.config.model import Config, ViewConfig, default_config


def test_binding_catalog_names_every_app_binding_with_an_id():
    from tui.app.binding_catalog import binding_catalog
    from tui.app.bindings import APP_BINDINGS

    catalog = binding_catalog(default_config())
    ids = {row.id for row in catalog}
    assert all(binding.id for binding in APP_BINDINGS)
    assert {binding.id for binding in APP_BINDINGS} <= ids
    assert {"view-inbox", "view-starred", "view-all", "view-quotes-by-speaker"} <= ids
    assert "search.close" in ids


async def test_config_keymap_rebinds_keys(library_path):
    from tests.app.helpers import library_state

    config = dataclasses.replace(default_config(), keymap={"toggle-star": "f", "view-all": "0"})
    app = make_app(library_path, config)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        row = app.reader.article_list.current
        await press(pilot, "s")  # no longer star
        assert not library_state(library_path, row.id).starred
        await press(pilot, "f")
        assert library_state(library_path, row.id).starred
        await press(pilot, "0")
        assert app.reader.view.name == "All"


async def test_layout_columns_and_order_come_from_the_view(library_path):
    view = ViewConfig(
        name="Reading",
        layout=(("article", 3), ("list", 1)),
        columns=("title", "date"),
    )
    app = make_app(library_path, Config(views=(view,)))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert not app.reader.quotes_pane.display
        assert app.reader.article_view.region.x < app.reader.article_list.region.x
        assert app.reader.article_view.region.width > 2 * app.reader.article_list.region.width
        assert app.reader.article_list.columns == ("title", "date")


async def test_narrow_terminal_stacks_panes_and_all_stay_reachable(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panes = [app.reader.article_list, app.reader.article_view, app.reader.quotes_pane]
        assert all(p.region.width == 80 for p in panes)  # stacked
        assert all(p.region.height >= 3 for p in panes)  # and each visible
        for expected in (app.reader.article_view, app.reader.quotes_pane, app.reader.article_list):
            await press(pilot, "tab")
            assert app.focused is expected
            assert expected.region.height >= 9  # the focused one gets the room


async def test_palette_lists_actions_and_views(library_path):
    from tui.app.commands import NewsdeskCommands

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        provider = NewsdeskCommands(app.screen)
        names = [name for name, _action, _help in provider.commands()]
        assert "View: Starred" in names and "Star" in names and "Search" in names
        await app.run_action("view(1)", app.reader)
        await settle(pilot)
        assert app.reader.view.name == "Starred"


async def test_the_palettes_keys_command_opens_the_readers_list_of_keys(library_path):
    """Textual's "Keys" opened its own help panel (its widgets' bindings, a narrow column
    at 80x24); a newcomer typing "keys" in the palette gets the reader's list (``?``)."""
    from tui.app.screens.help import HelpScreen

    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        [keys] = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        keys.callback()
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel") and not app.reader.query("HelpPanel")


def test_the_config_cache_is_keyed_on_every_file_declaring_a_binding() -> None:
    """Each scope binding_catalog reads is declared in a file of binding_sources (a
    binding id renamed there makes the config cache check the keymap again)."""
    import inspect
    from pathlib import Path

    from tui.app.binding_catalog import binding_sources
    from tui.app.bindings import MAIN_SCREEN_BINDINGS
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.note_editor import NoteEditor
    from tui.app.screens.prompt import ConfirmScreen, PromptScreen
    from tui.app.screens.story import StoryScreen
    from tui.app.widgets.search_pane import SearchPane

    sources = {path.resolve() for path in binding_sources()}
    assert all(path.is_file() for path in sources)
    scopes = (SearchPane, HelpScreen, NoteEditor, PromptScreen, ConfirmScreen, StoryScreen)
    for scope in scopes:
        assert Path(inspect.getfile(scope)).resolve() in sources, scope
    import tui.app.bindings

    assert MAIN_SCREEN_BINDINGS and Path(tui.app.bindings.__file__).resolve() in sources


async def test_at_80x24_the_article_under_the_focused_list_has_room_to_read(library_path):
    """The list focused, stacked panes: the article pane had 5 of 24 rows (its title,
    dateline and a blank line left one line of text); the list and the article now share
    the room evenly, the list keeping a screenful of titles."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = app.reader
        assert app.focused is reader.article_list
        assert reader.article_view.region.height >= 8
        assert reader.article_list.region.height >= 8
        assert reader.quotes_pane.region.height >= 3
        await press(pilot, "tab")  # reading: the article takes most of it
        assert reader.article_view.region.height > 2 * reader.article_list.region.height

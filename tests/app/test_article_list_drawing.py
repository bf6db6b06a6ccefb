"""The list draws each row once and reuses it while nothing that changes the row did:
a cursor move draws the two rows it changes; what is reused is what a fresh drawing shows."""

from __future__ import annotations

import pytest

from tests.app.helpers import long_list, make_app, region_text, settle
from tui.app.widgets.list_rows import ROW_RENDERERS
from tui.store.rows import ListRow


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """The ids of the article rows drawn, in order (none drawn ahead while idle: what a
    key draws is then countable)."""
    monkeypatch.setattr("tui.app.widgets.article_list.DRAW_AHEAD_DELAY", 3600)
    ids: list[str] = []
    look = ROW_RENDERERS[ListRow]

    def counting(row, columns):
        ids.append(row.id)
        return look(row, columns)

    monkeypatch.setitem(ROW_RENDERERS, ListRow, counting)
    return ids


@pytest.mark.parametrize("key", ["j", "k"])
async def test_a_cursor_move_draws_only_the_rows_it_changes(library_path, drawn, key):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot)
        lst.cursor = 10
        await settle(pilot)
        before = lst.current.id
        drawn.clear()
        await pilot.press(key)
        await pilot.pause()
        assert set(drawn) <= {before, lst.current.id} and drawn


async def test_rows_drawn_before_show_what_a_fresh_drawing_shows(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot)
        for key in ("pagedown", "pagedown", "G", "pageup", "g", "j", "k"):
            await pilot.press(key)
            await settle(pilot)
            shown = region_text(app, lst)
            lst.notify_style_update()  # forgets every drawn row
            lst.refresh()
            await pilot.pause()
            assert region_text(app, lst) == shown
            assert f"Title {lst.cursor}" in shown


async def test_a_changed_row_is_drawn_again(library_path):
    """A row's flags are part of what it is drawn from: starring it shows the star."""
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot, rows=50)
        row = lst.rows[3]
        assert "★" not in region_text(app, lst).splitlines()[4]
        lst.update_rows([row._replace(flags=row.flags | 2)])
        await pilot.pause()
        assert "★" in region_text(app, lst).splitlines()[4]


async def test_a_layout_switched_back_finds_its_rows_drawn(library_path, drawn):
    """The search pane opened and closed again (the list narrower, then as wide as
    before): the rows drawn at the list's width are reused, not drawn again. (240
    columns: at 160 the list keeps the room its columns need either way.)"""
    app = make_app(library_path)
    async with app.run_test(size=(240, 40)) as pilot:
        lst = await long_list(pilot)
        width = lst.size.width
        await pilot.press("slash")
        await settle(pilot)
        assert lst.size.width < width  # the search pane took a share of the width
        drawn.clear()
        await pilot.press("escape")
        await settle(pilot)
        assert lst.size.width == width and lst.has_focus
        assert "Title 0" in region_text(app, lst)
        assert drawn == []


async def test_a_taller_terminal_draws_only_the_rows_it_adds(library_path, drawn):
    app = make_app(library_path)
    async with app.run_test(size=(160, 30)) as pilot:
        lst = await long_list(pilot)
        shown = {row.id for row in lst.rows[: lst.size.height]}
        drawn.clear()
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert drawn and not shown & set(drawn)

"""While the app is idle the list draws the rows PgDn, PgUp, g and G will show, so that
their frame only composes rows; what it shows must be what a fresh drawing shows."""

from __future__ import annotations

import pytest

from tests.app.helpers import long_list, make_app, region_text, settle


@pytest.fixture(autouse=True)
def no_drawing_ahead_on_its_own(monkeypatch):
    """Only draw_ahead_now() draws ahead: what a frame draws is then countable."""
    monkeypatch.setattr("tui.app.widgets.article_list.DRAW_AHEAD_DELAY", 3600)


def _count_rows_drawn(lst) -> list[int]:
    drawn: list[int] = []
    render_row = lst._render_row

    def counting(row, *args):
        drawn.append(row.id)
        return render_row(row, *args)

    lst._render_row = counting
    return drawn


@pytest.mark.parametrize(
    "keys", [("pagedown", "pagedown"), ("G",), ("G", "pageup", "pageup"), ("G", "g")]
)
async def test_after_a_rest_a_new_screen_draws_only_the_cursor_row(library_path, keys):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot)
        scrolled = 0
        for key in keys:
            lst.draw_ahead_now()
            drawn = _count_rows_drawn(lst)
            top, before = lst.scroll_offset.y, lst.current.id
            await pilot.press(key)
            scrolled += lst.scroll_offset.y != top
            # The rows that gain and lose the cursor (unless drawn so before), no other.
            assert set(drawn) <= {before, lst.current.id}
            del lst._render_row
            await settle(pilot)
        assert scrolled  # the keys showed a new screen of rows at least once


async def test_rows_drawn_ahead_show_what_a_fresh_drawing_shows(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot)
        for key in ("pagedown", "pagedown", "G", "pageup", "g", "j"):
            lst.draw_ahead_now()
            await pilot.press(key)
            await settle(pilot)
            shown = region_text(app, lst)
            lst._cache.clear()
            lst.refresh()
            await pilot.pause()
            assert region_text(app, lst) == shown
            assert f"Title {lst.cursor}" in shown


async def test_without_a_rest_the_rows_are_drawn_in_the_frame(library_path):
    """The drawing ahead waits for a pause: a key pressed before it finds rows drawn anyway."""
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot)
        lst._cache.clear()
        drawn = _count_rows_drawn(lst)
        await pilot.press("G")
        assert len(drawn) >= lst.size.height - 1
        assert f"Title {len(lst.rows) - 1}" in region_text(app, lst)

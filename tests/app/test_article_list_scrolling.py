"""The list skips redrawing its scrollbar while the thumb would not move: it must never
be left showing an old position."""

from __future__ import annotations

from tests.app.helpers import long_list, make_app, screen_strips, settle


async def _bar_after(pilot, key: str) -> list[tuple[str, object]]:
    """The scrollbar's column after ``key``, checked against the bar drawn afresh."""
    app = pilot.app
    region = app.reader.article_list.vertical_scrollbar.region
    await pilot.press(key)
    await pilot.pause()
    shown = _column(app, region.x, region.y, region.bottom)
    app.reader.article_list.vertical_scrollbar.refresh()  # drawn afresh at the same position
    await pilot.pause()
    assert _column(app, region.x, region.y, region.bottom) == shown, key
    return shown


def _column(app, x: int, top: int, bottom: int) -> list[tuple[str, object]]:
    """What the screen shows in column ``x`` (text and colours), rows top..bottom-1."""
    strips = screen_strips(app)
    cells = []
    for y in range(top, bottom):
        for segment in strips[y].crop(x, x + 1):
            style = segment.style
            cells.append((segment.text, style.color, style.bgcolor, style.reverse))
    return cells


async def test_the_scrollbar_follows_the_list_row_by_row(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot)
        region = lst.vertical_scrollbar.region
        lst.cursor = lst.size.height - 1  # the last row shown: every j scrolls
        await settle(pilot)
        moved = 0
        for _ in range(60):
            before = _column(app, region.x, region.y, region.bottom)
            moved += await _bar_after(pilot, "j") != before
        assert lst.scroll_offset.y >= 60
        assert 0 < moved < 60  # the thumb moved now and then, not at every row


async def test_the_scrollbar_follows_jumps_across_the_list(library_path):
    """G, g, PgDn and PgUp move the thumb by more than its size: the bar redraws the
    lines it leaves and lands on, and must then look as it does drawn afresh."""
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await long_list(pilot)
        keys = ("G", "g", "pagedown", "pagedown", "pagedown", "G", "pageup", "pageup", "g")
        columns = {tuple(await _bar_after(pilot, key)) for key in keys}
        assert len(columns) >= 4  # the thumb was drawn in several places


def _spy_on_repaints(widget) -> list[tuple]:
    """The regions of every ``refresh`` of ``widget`` from now on (none: all of it)."""
    calls: list[tuple] = []
    refresh = widget.refresh

    def spy(*regions, **options):
        calls.append(regions)
        return refresh(*regions, **options)

    widget.refresh = spy
    return calls


async def test_scrolling_repaints_only_the_scrollbar_lines_that_change(library_path):
    """At 100,000 rows a row is 1/2,500 of a 40-line bar: j scrolling row by row repaints
    none of it, and G from the top only the lines the thumb leaves and lands on (each
    repainted line is a third of the bar's share of a frame)."""
    app = make_app(library_path)
    async with app.run_test(size=(120, 44)) as pilot:
        lst = await long_list(pilot, rows=100_000)
        bar = lst.vertical_scrollbar
        lst.cursor = lst.size.height - 1  # the last row shown: every j scrolls
        await settle(pilot)
        repaints = _spy_on_repaints(bar)
        for _ in range(5):
            await pilot.press("j")
        await settle(pilot)
        assert lst.scroll_offset.y == 5
        assert repaints == []
        await pilot.press("G")
        await settle(pilot)
        assert lst.cursor == 99_999
        assert repaints and all(repaints)  # lines, never the whole bar
        lines = {y for regions in repaints for r in regions for y in range(r.y, r.bottom)}
        assert 2 <= len(lines) <= 4 < bar.size.height


async def test_the_cursor_row_stays_in_view_when_the_list_is_made_shorter(library_path):
    """At 80x24 the panes stack and the focused one gets most of the height: moving
    the focus off the list (Enter, Tab, a jump from the story screen) shrinks it, and
    the row the cursor is on must still be among the rows shown."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lst = await long_list(pilot)
        lst.cursor = lst.size.height - 1  # the last row shown while the list is tall
        await settle(pilot)
        tall = lst.size.height
        await pilot.press("tab")
        await settle(pilot)
        assert lst.size.height < tall
        top = round(lst.scroll_offset.y)
        assert top <= lst.cursor < top + lst.size.height

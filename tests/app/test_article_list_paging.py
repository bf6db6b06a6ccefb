"""A view's rows arrive a page at a time: the list shows the first page at once, the
cursor never jumps when a page lands, and G waits for the true last row."""

from __future__ import annotations

from tests.app.helpers import long_list, make_app, region_text, settle


def _rows_shown(app, lst) -> list[str]:
    """The list's lines without its right edge (the scrollbar's thumb shrinks as rows come)."""
    return [line[:-3] for line in region_text(app, lst).splitlines()]


async def _first_page(pilot, rows: int = 30):
    """The focused list showing ``rows`` rows of a view whose other pages are to come."""
    lst = await long_list(pilot, rows=rows)
    lst.set_rows(_rows(lst, 0, rows), complete=False)
    lst.focus()
    await settle(pilot)
    return lst


def _rows(lst, start: int, stop: int):
    first = lst.rows[0]
    return [first._replace(id=f"row{i}", title=f"Title {i}") for i in range(start, stop)]


async def test_pages_land_below_without_moving_the_cursor(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await _first_page(pilot)
        for _ in range(40):  # past the rows there are: stays on the last one
            await pilot.press("j")
        assert lst.cursor == 29
        shown = _rows_shown(app, lst)
        lst.append_rows(_rows(lst, 30, 60), complete=False)
        await pilot.pause()
        assert lst.cursor == 29 and lst.current.title == "Title 29"
        rows_before = next(n for n, line in enumerate(shown) if "Title 29" in line) + 1
        assert _rows_shown(app, lst)[:rows_before] == shown[:rows_before]  # nothing moved
        await pilot.press("j")
        assert lst.current.title == "Title 30"


async def test_g_while_loading_goes_to_the_true_last_row(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await _first_page(pilot)
        await pilot.press("G")
        assert not lst.complete and lst.cursor == 0  # not to the last row read so far
        lst.append_rows(_rows(lst, 30, 500), complete=False)
        await pilot.pause()
        lst.append_rows(_rows(lst, 500, 900), complete=True)
        await settle(pilot)
        assert lst.current.title == "Title 899"
        assert "Title 899" in region_text(app, lst)


async def test_a_move_after_g_cancels_the_wait(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await _first_page(pilot)
        await pilot.press("j", "j", "G", "k")
        lst.append_rows(_rows(lst, 30, 90), complete=True)
        await settle(pilot)
        assert lst.current.title == "Title 1"


async def test_the_cursor_waits_for_an_article_shown_in_a_later_pages_story_row(library_path):
    """After a view switch to a grouped view the open article may be folded in a story
    row of a later page: the cursor goes to that row when it lands (issue 22)."""
    from tui.search.story_rows import StoryListRow

    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await long_list(pilot, rows=5)
        first_page = _rows(lst, 0, 30)
        lst.set_rows(first_page, keep="member", complete=False)
        await pilot.pause()
        assert lst.cursor == 0 and lst.wanted == "member"
        story = StoryListRow(
            "lead", 1, "A story", 2, None, ("lead", "member"), ("lead", "member"), False
        )
        lst.append_rows([*_rows(lst, 30, 40), story], complete=True)
        await pilot.pause()
        assert lst.current is story

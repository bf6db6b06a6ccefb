"""Switching between views of different layouts (issue 22).

View 4 lays the panes out as list, quotes, article; views 1-3 as list, article, quotes,
with other widths. A switch between them redraws every pane at its new size: that is
done once, in the frame that brings the new view's first page, with the article and its
quotes already wrapped to their new widths (it was three frames: the new layout around
the old rows and the old wrapping, then the panes rewrapped, then the rows).
"""

from __future__ import annotations

from typing import Any

from tests.app.helpers import make_app, press, settle

#: Each switch changes the layout: 1 -> 4, 4 -> 3, 3 -> 4, 4 -> 1.
LAYOUT_SWITCHES = ("4", "3", "4", "1")


def _watch_frames(reader: Any) -> list[tuple[Any, ...]]:
    """What each relayout drew, recorded as it is drawn: the panes' places, the list's
    rows, and whether the article and quotes panes were measured to their own widths."""
    frames: list[tuple[Any, ...]] = []
    panes = (reader.article_list, reader.article_view, reader.quotes_pane)

    def drawn(_screen: Any) -> None:
        fitted = all(
            pane.virtual_size.width == pane.scrollable_content_region.width
            for pane in (reader.article_view, reader.quotes_pane)
        )
        frames.append((tuple(pane.region for pane in panes), reader.article_list.rows, fitted))

    reader.screen_layout_refresh_signal.subscribe(reader, drawn, immediate=True)
    return frames


async def test_a_layout_switch_is_drawn_with_the_new_views_rows(library_path):
    """No frame shows the new layout around the old view's rows, or the old layout
    around the new rows: the panes move when the first page is there."""
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        reader = app.reader
        panes = (reader.article_list, reader.article_view, reader.quotes_pane)
        frames = _watch_frames(reader)
        for key in LAYOUT_SWITCHES:
            old_places = tuple(pane.region for pane in panes)
            old_rows = reader.article_list.rows
            frames.clear()
            await press(pilot, key)
            assert tuple(pane.region for pane in panes) != old_places, key  # it moved
            assert frames, key
            for places, rows, _fitted in frames:
                assert (places == old_places) == (rows is old_rows), key


async def test_a_layout_switch_draws_the_article_and_quotes_wrapped_to_their_new_widths(
    library_path,
):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        reader = app.reader
        frames = _watch_frames(reader)
        for key in LAYOUT_SWITCHES:
            frames.clear()
            await press(pilot, key)
            assert frames and all(fitted for _places, _rows, fitted in frames), key


async def test_a_layout_switch_keeps_the_panes_the_focus_the_article_and_its_quotes(
    library_path,
):
    """The same three pane widgets throughout (moved, never mounted again); the focus,
    the open article and the list's cursor on it stay; leaving view 4's speaker index
    shows the open article's quotes again."""
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await press(pilot, "3")
        reader = app.reader
        panes = (reader.article_list, reader.article_view, reader.quotes_pane)
        await press(pilot, "j", "tab")  # the second article (unread: in every view), focused
        article = reader.current_article
        assert article is not None and article.id == reader.article_list.rows[1].id
        assert reader.focused is reader.article_view
        for key in LAYOUT_SWITCHES:
            await press(pilot, key)
            assert (reader.article_list, reader.article_view, reader.quotes_pane) == panes
            assert reader.focused is reader.article_view, key
            assert reader.article_view.article is not None, key
            assert reader.article_view.article.id == article.id, key
            assert reader.article_list.current.id == article.id, key
        assert reader.view.name == "Inbox"
        assert reader.quotes_pane.article is reader.current_article
        assert reader.quotes_pane.border_title == "Quotes"

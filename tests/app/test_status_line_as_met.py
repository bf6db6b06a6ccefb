"""The status line as a user meets it: its count and its position in one unit (or
each labelled), a confirmation that goes once it no longer describes what ``u``
would undo, and undo putting the cursor back on what it restored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.helpers import library_state, make_app, press, region_text, settle
from tests.stories.conftest import story_library
from tui.search.story_rows import StoryListRow


def _status(app) -> str:
    return region_text(app, app.reader.query_one("#status"))


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_grouped_view_labels_its_rows_and_its_articles(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """In the Inbox a story row stands for two articles: at the last row the status
    line said ``6 shown`` beside ``5/5``, as if an article were missing."""
    path, _ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        rows = len(app.reader.article_list.rows)
        articles = len(app.reader.listed_rows())
        assert rows == articles - 1
        await press(pilot, "G")
        status = _status(app)
        assert f"row {rows}/{rows}" in status, status
        assert f"{articles} articles" in status and f"{articles} shown" not in status
        assert "q quit" in status
        await press(pilot, "3")  # All: one row per article, as before
        status = _status(app)
        assert f"{articles} shown" in status and "row " not in status, status
        assert f"/{articles}" in status


async def test_a_confirmation_goes_once_u_would_undo_something_else(library_path) -> None:
    """``starred (u undoes)`` stayed after Enter had marked the article read: ``u``
    then undid the read, not the star the line named."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article = app.reader.article_list.current.id
        await press(pilot, "s")
        assert "starred (u undoes)" in _status(app)
        await press(pilot, "enter")  # opened: marked read, one more undo step
        assert library_state(library_path, article).read
        assert "starred (u undoes)" not in _status(app) and "undoes" not in _status(app)
        await press(pilot, "u")  # what u undid: the read
        state = library_state(library_path, article)
        assert state.starred and not state.read


async def test_a_confirmation_stays_while_nothing_else_was_changed(library_path) -> None:
    """Keys that change nothing (Tab to the article, scrolling it) leave the
    confirmation: ``u`` still undoes what it names."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "tab", "j")
        assert "starred (u undoes)" in _status(app)


async def test_undo_puts_the_cursor_on_the_row_it_brought_back(library_path) -> None:
    """``r`` in the Inbox makes the row leave, the cursor going to the next; ``u``
    brought the row back but left the cursor (and the open article) on the next."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        first = lst.current.id
        await press(pilot, "r")
        assert lst.current.id != first and lst.index_of(first) is None
        await press(pilot, "u")
        assert lst.current.id == first
        assert app.reader.current_id == first
        assert app.reader.current_article.id == first
        assert "undo: " in _status(app)  # the move to it keeps what undo said


async def test_undo_puts_the_cursor_on_the_row_it_changed_in_place(library_path) -> None:
    """In All nothing leaves: the cursor goes back to the article unstarred."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "j", "s", "j", "j")
        lst = app.reader.article_list
        assert lst.cursor == 3
        await press(pilot, "u")
        assert lst.cursor == 1 and not lst.current.starred
        assert app.reader.current_id == lst.current.id


async def test_undo_on_a_story_row_puts_the_cursor_on_the_story_row(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        lst.cursor = next(i for i, r in enumerate(lst.rows) if isinstance(r, StoryListRow))
        await settle(pilot)
        await press(pilot, "a")  # archived: the story leaves the Inbox
        assert not any(isinstance(r, StoryListRow) for r in lst.rows)
        await press(pilot, "u")
        assert isinstance(lst.current, StoryListRow) and set(lst.current.shown) == set(ids)


async def test_undo_of_several_puts_the_cursor_on_the_first_of_them(library_path) -> None:
    """``;a`` archives the marked rows; ``u`` brings them back, the cursor on the top
    one of them (the undo step lists them in id order, not the view's)."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        ids = [row.id for row in lst.rows]
        # Two rows whose ids sort the other way round from the list.
        top, below = next(
            (ids[i], ids[j])
            for i in range(len(ids))
            for j in range(i + 1, len(ids))
            if ids[j] < ids[i]
        )
        for article in (top, below):
            lst.cursor = lst.index_of(article)
            await press(pilot, "m")
        await press(pilot, "semicolon", "a")
        assert lst.index_of(top) is None and lst.index_of(below) is None
        await press(pilot, "u")
        assert lst.current.id == top

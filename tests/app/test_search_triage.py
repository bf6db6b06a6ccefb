"""Triage filters in the search pane follow a change made in the app at once (issue 16:
state is not in the search index; each query asks the library)."""

from __future__ import annotations

from typing import Any

from tests.app.helpers import make_app, press, settle


async def _search(pilot, text: str) -> list[str]:
    app = pilot.app
    await press(pilot, "slash")
    app.reader.search_pane.input.value = ""
    await pilot.press(*text)
    await settle(pilot)
    found = [hit.article_id for hit in app.reader.search_pane.hits]
    await press(pilot, "escape")
    return found


async def _first_article(pilot) -> Any:
    """The row under the cursor of the All view (one row per article: the Inbox
    groups stories), the list focused."""
    await settle(pilot)
    await press(pilot, "3")
    await settle(pilot)
    lst = pilot.app.reader.article_list
    lst.focus()
    await settle(pilot)
    assert lst.current is not None
    return lst.current


async def test_a_star_or_read_mark_shows_in_the_next_search(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        row = await _first_article(pilot)
        assert await _search(pilot, "is:starred") == []
        await press(pilot, "s")  # star the article under the cursor
        assert await _search(pilot, "is:starred") == [row.id]
        unread = await _search(pilot, "is:unread")
        await press(pilot, "r")  # mark it read (or unread)
        after = await _search(pilot, "is:unread")
        assert (row.id in unread) != (row.id in after)
        assert set(after) - {row.id} == set(unread) - {row.id}
        await press(pilot, "s")  # and unstar it
        assert await _search(pilot, "is:starred") == []


async def test_a_tag_or_a_note_shows_in_the_next_search(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        row = await _first_article(pilot)
        assert await _search(pilot, "tag:follow-up") == []
        assert row.id not in await _search(pilot, "has:note")
        await press(pilot, "t")
        await pilot.press(*"follow-up")
        await press(pilot, "enter")
        assert await _search(pilot, "tag:follow-up") == [row.id]
        await press(pilot, "c")  # a note on the article
        await pilot.press(*"ask the port")
        await press(pilot, "ctrl+s")
        assert row.id in await _search(pilot, "has:note")
        assert await _search(pilot, "has:note tag:follow-up") == [row.id]
        await press(pilot, "t")
        await pilot.press(*"-follow-up")
        await press(pilot, "enter")
        assert await _search(pilot, "tag:follow-up") == []
        await press(pilot, "u")  # the tag's removal undone
        assert await _search(pilot, "tag:follow-up") == [row.id]

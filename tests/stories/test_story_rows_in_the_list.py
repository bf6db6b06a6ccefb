"""Story rows in the reader's list (Pilot): the Inbox groups, rows expand and fold, and
triage on a story row changes every article of the story as one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.helpers import library_state, make_app, press, region_text, screen_text, settle
from tui.search.story_rows import MemberRow, StoryListRow
from tui.store import Library

from .conftest import TIDAL, sample, story_library


def _story_rows(app) -> list[StoryListRow]:
    return [row for row in app.reader.article_list.rows if isinstance(row, StoryListRow)]


async def _on_story_row(pilot) -> StoryListRow:
    await settle(pilot)
    lst = pilot.app.reader.article_list
    [row] = _story_rows(pilot.app)
    lst.cursor = lst.rows.index(row)
    await settle(pilot)
    return row


async def test_the_inbox_shows_one_story_row_that_expands_and_folds(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        row = await _on_story_row(pilot)
        assert set(row.shown) == set(ids) and row.outlets == 2 and not row.expanded
        listed = [r.id for r in app.reader.article_list.rows]
        assert len(listed) == len(app.reader.listed_rows()) - 1  # two articles, one row
        text = screen_text(app)
        assert "2 outlets" in text and "▸" in text
        await press(pilot, "right")
        rows = app.reader.article_list.rows
        at = rows.index(next(r for r in rows if isinstance(r, StoryListRow)))
        assert rows[at].expanded and isinstance(rows[at + 1], MemberRow)
        # Every article of the story gets its row, the lead's too (not only the second).
        members = rows[at + 1 : at + 3]
        assert all(isinstance(r, MemberRow) for r in members)
        assert {r.id for r in members} == set(ids) == set(rows[at].shown)
        assert [r.date or "" for r in members] == sorted(r.date or "" for r in members)
        assert "└" in screen_text(app) and "▾" in screen_text(app)
        await press(pilot, "down", "left")  # folds from one of its articles too
        [row] = _story_rows(app)
        assert not row.expanded and app.reader.article_list.current == row
        await press(pilot, "l")  # l expands as well
        assert _story_rows(app)[0].expanded
        await press(pilot, "h")  # and h folds, in the list
        assert not _story_rows(app)[0].expanded


async def test_h_folds_an_open_story_in_the_list_and_highlights_elsewhere(tmp_path: Path) -> None:
    """h is also the highlight key: on a folded story row, or with the article pane
    focused, it highlights as before (the fold passes the key on)."""
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await _on_story_row(pilot)
        await press(pilot, "l", "h")
        assert not _story_rows(app)[0].expanded
        assert not _highlights(path, ids)
        await press(pilot, "h")  # nothing to fold: the open article's paragraph
        assert "highlighted" in screen_text(app) and _highlights(path, ids)
        await press(pilot, "u", "l", "tab", "h")  # the article pane has the focus
        assert _story_rows(app)[0].expanded and _highlights(path, ids)


async def test_the_story_keys_can_be_rebound(tmp_path: Path) -> None:
    """``keymap:`` moves story-expand and story-collapse; h (the highlight key, which
    folds an open story in the list) keeps both its jobs."""
    import dataclasses

    from tui.config.model import default_config

    path, ids = story_library(tmp_path)
    config = dataclasses.replace(
        default_config(), keymap={"story-expand": "x", "story-collapse": "z"}
    )
    app = make_app(path, config)
    async with app.run_test(size=(140, 30)) as pilot:
        await _on_story_row(pilot)
        await press(pilot, "l")
        assert not _story_rows(app)[0].expanded
        await press(pilot, "x")
        assert _story_rows(app)[0].expanded
        await press(pilot, "z")
        assert not _story_rows(app)[0].expanded
        await press(pilot, "x", "h")
        assert not _story_rows(app)[0].expanded and not _highlights(path, ids)
        await press(pilot, "h")
        assert _highlights(path, ids)


def _highlights(path: Path, ids: list[str]) -> list[object]:
    with Library.open(path) as lib:
        return [a for i in ids for a in lib.annotations(i) if a.kind == "highlight"]


async def test_triage_on_a_story_row_is_every_article_and_one_undo_step(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await _on_story_row(pilot)
        await press(pilot, "s")
        await settle(pilot)
        assert all(library_state(path, i).starred for i in ids)
        assert _story_rows(app)[0].starred
        assert "2 starred (u undoes)" in screen_text(app)
        await press(pilot, "u")
        await settle(pilot)
        assert not any(library_state(path, i).starred for i in ids)
        await press(pilot, "m")
        await settle(pilot)
        assert all(library_state(path, i).marked for i in ids)
        await press(pilot, "t")  # the prompt says whose tags these are
        assert "Tag the story's 2 articles" in screen_text(app)
        await pilot.press(*"energy")
        await press(pilot, "enter")
        assert all("energy" in library_state(path, i).tags for i in ids)
        # The folded story row shows it (its # flag).
        [row] = _story_rows(app)
        assert row.tags == ("energy",)
        line = next(line for line in screen_text(app).splitlines() if "2 outlets" in line)
        assert "#" in line.split("2 outlets")[0], line


@pytest.mark.parametrize(("key", "flag"), [("r", "read"), ("a", "archived")])
async def test_read_and_archive_on_a_story_row_are_every_article_and_one_undo_step(
    tmp_path: Path, key: str, flag: str
) -> None:
    """Archived, the story leaves the Inbox whole; u brings every article back."""
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await _on_story_row(pilot)
        await press(pilot, key)
        assert all(getattr(library_state(path, i), flag) for i in ids)
        if flag == "archived":
            assert not _story_rows(app)
        await press(pilot, "u")
        assert not any(getattr(library_state(path, i), flag) for i in ids)
        assert _story_rows(app) and set(_story_rows(app)[0].article_ids) == set(ids)


async def test_a_view_without_group_lists_every_article(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "3")  # All: no group
        await settle(pilot)
        listed = [r.id for r in app.reader.article_list.rows]
        assert set(ids) <= set(listed) and not _story_rows(app)


async def test_a_big_backlog_is_left_to_the_stories_command(tmp_path: Path, monkeypatch) -> None:
    from tui.app.screens import reader_stories
    from tui.store import Library
    from tui.store.stories import story_ids

    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        lib.import_paths([sample(name) for name in TIDAL])
    monkeypatch.setattr(reader_stories, "MAX_PLACED_IN_READER", 1)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        assert not _story_rows(app)
    with Library.open(path) as lib:
        assert story_ids(lib) == {}  # nothing grouped behind the reader's back


async def test_a_search_hit_in_a_folded_story_puts_the_cursor_on_its_story_row(
    tmp_path: Path,
) -> None:
    """Enter on a hit opened the story's article while the list's cursor stayed on the
    row it was on (another article's: ``1/…`` beside Nordvik's report)."""
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        [row] = _story_rows(app)
        lst.cursor = len(lst.rows) - 1 - lst.rows.index(row)  # the cursor elsewhere
        await settle(pilot)
        assert lst.current != row
        # A word of the story's other article (not the lead, whose id the row bears).
        [other] = [article_id for article_id in ids if article_id != row.id]
        with Library.open(path) as lib:
            source = lib.get_article(other).source
        word = "homes" if source.endswith(TIDAL[0]) else "municipalities"
        await press(pilot, "slash")
        for key in word:
            await pilot.press(key)
        await settle(pilot)
        await press(pilot, "enter")
        opened = app.reader.current_article
        assert opened is not None and opened.id == other
        assert lst.current == lst.rows[lst.rows.index(row)] and opened.id in lst.current.shown
        assert app.reader.current_id == opened.id  # not the story row's lead instead


async def test_the_confirmation_of_triage_that_regroups_the_list_stays(
    tmp_path: Path, monkeypatch
) -> None:
    """Archiving a story row in the Inbox (grouped) makes it leave: the list is read
    again, then grouped again, two cursor events on the same row; the second cleared
    ``2 archived (u undoes)`` before anyone read it. (The cursor rests on a row
    after a delay, as in use: the second event came before the row's article opened.)"""
    monkeypatch.setattr("tui.app.screens.reader.FOLLOW_DELAY", 600.0)
    path, _ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await _on_story_row(pilot)
        await press(pilot, "a")
        assert app.reader.status_message == "2 archived (u undoes)"
        assert "2 archived (u undoes)" in screen_text(app)
        await press(pilot, "j")  # the user moving on: the confirmation goes
        assert app.reader.status_message == ""


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_status_line_hints_the_story_key_on_a_story(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """On a story row, or an article of an open story, the status line says which key
    compares the story (where a newcomer looks for keys); on an article alone it does
    not. The key is the one the keymap gives."""
    path, _ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await _on_story_row(pilot)
        status = app.reader.query_one("#status")
        assert "C compare" in region_text(app, status)
        assert "q quit" in region_text(app, status)
        await press(pilot, "l", "j")
        assert isinstance(app.reader.article_list.current, MemberRow)
        assert "C compare" in region_text(app, status)
        lst = app.reader.article_list
        lst.cursor = next(
            i for i, r in enumerate(lst.rows) if not isinstance(r, (StoryListRow, MemberRow))
        )
        await settle(pilot)
        assert "compare" not in region_text(app, status)
        app.update_keymap({"story": "ctrl+o"})
        lst.cursor = lst.rows.index(_story_rows(app)[0])
        await settle(pilot)
        assert "^o compare" in region_text(app, status)


async def test_help_and_the_palette_list_the_story_key(tmp_path: Path) -> None:
    path, _ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await _on_story_row(pilot)
        await press(pilot, "question_mark", "G")  # help, at its end
        assert "Compare the story's outlets" in screen_text(app)
        await press(pilot, "escape", "ctrl+p")
        await pilot.press(*"compare")
        await settle(pilot)
        assert "Compare the story's outlets" in screen_text(app)
        await press(pilot, "enter")
        from tui.app.screens.story import StoryScreen

        assert isinstance(app.screen, StoryScreen)

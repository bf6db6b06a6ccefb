"""The story screen in the reader (Pilot): outlets compared, story triage as one undo step."""

from __future__ import annotations

from pathlib import Path

from tests.app.helpers import library_state, make_app, press, screen_text, settle
from tui.app.screens.story import StoryScreen
from tui.search.story_rows import position_of

from .conftest import TIDAL, story_library


async def _open_story(pilot, article_id: str) -> None:
    app = pilot.app
    await settle(pilot)
    # The Inbox groups by story: the article may be folded into its story's row.
    app.reader.article_list.cursor = position_of(app.reader.article_list.rows, article_id)
    await press(pilot, "C")


async def test_story_screen_compares_the_outlets_and_enter_jumps(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _open_story(pilot, ids[0])
        assert isinstance(app.screen, StoryScreen)
        text = screen_text(app)
        assert all(name in text for name in TIDAL)
        assert "Quoted by several outlets" in text and "Ingrid Solheim" in text
        screen = app.screen
        # The first quote line of the other outlet: Enter opens that article there.
        target = next(
            (oid, jump)
            for oid, jump in screen.targets.items()
            if jump.article_id == ids[1] and jump.offset
        )
        options = screen.query_one("#story-lines")
        options.highlighted = options.get_option_index(target[0])
        await press(pilot, "enter")
        assert not isinstance(app.screen, StoryScreen)
        assert app.reader.current_article is not None and app.reader.current_article.id == ids[1]


async def test_story_triage_applies_to_every_article_and_undoes_in_one_step(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _open_story(pilot, ids[0])
        await press(pilot, "s")
        assert all(library_state(path, i).starred for i in ids)
        await press(pilot, "escape", "u")
        assert not any(library_state(path, i).starred for i in ids)


async def test_an_article_alone_has_no_story_screen(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        alone = next(row.id for row in app.reader.article_list.rows if row.id not in ids)
        await _open_story(pilot, alone)
        assert not isinstance(app.screen, StoryScreen)

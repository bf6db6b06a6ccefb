"""Snapshots of the story screens: the story screen at 80x24 (one outlet under the
other) and at 160x48 (a speaker's outlets in columns), and the list with a story row
open at 80x24. The samples' two tidal-plant outlets are the story.

Run ``pytest tests/stories/test_story_snapshots.py --snapshot-update`` after an intended
change to these screens, and look at the SVGs in ``__snapshots__`` before committing.
"""

from __future__ import annotations

from pathlib import Path

from tests.app.helpers import make_app, press, settle
from tui.search.story_rows import StoryListRow

from .conftest import story_library


async def _on_story_row(pilot) -> None:
    await settle(pilot)
    lst = pilot.app.reader.article_list
    lst.cursor = next(i for i, row in enumerate(lst.rows) if isinstance(row, StoryListRow))
    await settle(pilot)


def _snapshot(snap_compare, tmp_path: Path, size: tuple[int, int], *keys: str) -> bool:
    path, _ids = story_library(tmp_path)

    async def run_before(pilot) -> None:
        await _on_story_row(pilot)
        await press(pilot, *keys)
        pilot.app.clear_notifications()
        await pilot.pause()

    return snap_compare(make_app(path), terminal_size=size, run_before=run_before)


def test_story_screen_80x24(snap_compare, tmp_path: Path) -> None:
    assert _snapshot(snap_compare, tmp_path, (80, 24), "C")


def test_story_screen_columns_160x48(snap_compare, tmp_path: Path) -> None:
    assert _snapshot(snap_compare, tmp_path, (160, 48), "C", "down", "down", "down", "right")


def test_story_row_open_80x24(snap_compare, tmp_path: Path) -> None:
    assert _snapshot(snap_compare, tmp_path, (80, 24), "l")

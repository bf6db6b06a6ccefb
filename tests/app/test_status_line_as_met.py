"""The status line as a user meets it: its count and its position in one unit (or
each labelled), a confirmation that goes once it no longer describes what ``u``
would undo, and undo putting the cursor back on what it restored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.helpers import make_app, press, region_text, settle
from tests.stories.conftest import story_library


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

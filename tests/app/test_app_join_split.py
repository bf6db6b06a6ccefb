"""J joins the open article with the next, S splits it at the cursor's paragraph; the list
flags a doubtful split with ``?``. The real reader parses here (the split is its work)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.helpers import make_app, press, region_text, settle
from tests.ingest.glued_stories import HARBOUR, ORCHESTRA
from tui.app.widgets.article_list import row_flags


@pytest.fixture
def glued_library(tmp_path: Path) -> Path:
    """Two stories glued with no title: the reader splits them, unsure (``?``)."""
    from tui.store import Library

    dump = tmp_path / "glued.txt"
    dump.write_text("\n".join([*ORCHESTRA, *HARBOUR]) + "\n", encoding="utf-8")
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.import_paths([str(dump)])
    return path


def _titles(app) -> list[str]:
    return [row.title[:20] for row in app.reader.article_list.rows]


async def _open(app, pilot, title: str) -> None:
    await settle(pilot)
    # The All view: opening an article marks it read, and the Inbox lists unread ones
    # only, so after a join or split that reloads the rows it would hide the result.
    await press(pilot, "3")
    lst = app.reader.article_list
    lst.cursor = next(n for n, row in enumerate(lst.rows) if row.title.startswith(title))
    await press(pilot, "enter")


async def test_the_list_flags_the_doubtful_split(glued_library: Path) -> None:
    app = make_app(glued_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        rows = {row.title[:9]: row for row in app.reader.article_list.rows}
        assert rows["The harbo"].doubtful_split and "?" in row_flags(rows["The harbo"])
        assert not rows["Yesterday"].doubtful_split
        assert "?" in region_text(app, app.reader.article_list)


async def test_J_joins_with_the_next_and_u_undoes_it(glued_library: Path) -> None:
    app = make_app(glued_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await _open(app, pilot, "Yesterday")
        await press(pilot, "J")
        assert len(app.reader.article_list.rows) == 1
        assert len(app.reader.current_article.paragraphs) == 6
        assert not app.reader.article_list.rows[0].doubtful_split
        await press(pilot, "u")
        assert sorted(_titles(app)) == sorted([HARBOUR[0][:20], ORCHESTRA[0][:20]])
        await press(pilot, "ctrl+r")
        assert len(app.reader.article_list.rows) == 1


async def test_S_splits_at_the_cursor_paragraph_and_survives_a_restart(
    glued_library: Path,
) -> None:
    app = make_app(glued_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await _open(app, pilot, "Yesterday")
        await press(pilot, "j", "j", "S")  # the third paragraph
        assert len(app.reader.article_list.rows) == 3
        assert app.reader.current_article.paragraphs[0].text == ORCHESTRA[2]
    app = make_app(glued_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "3")  # All: the split article was opened, so it is read
        assert len(app.reader.article_list.rows) == 3


async def test_S_on_the_first_paragraph_says_why_not(glued_library: Path, toasts) -> None:
    app = make_app(glued_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await _open(app, pilot, "Yesterday")
        await press(pilot, "S")
        assert len(app.reader.article_list.rows) == 2
        assert any("paragraph after the first" in str(n.message) for n in toasts)

"""The source column takes spare room: stacked at 120 columns the list is the whole
width, and still cut every outlet to 11 cells (``wikinews.o…``) beside a title of 80.
At 80x24 the title keeps the room it had."""

from __future__ import annotations

import pytest

from tests.app.helpers import make_app, region_text, settle


async def _lines(pilot, sources: list[str]) -> list[str]:
    app = pilot.app
    await settle(pilot)
    lst = app.reader.article_list
    first = lst.rows[0]
    rows = [
        first._replace(id=f"r{i}", source=source, title=f"Title {i} " + "words " * 30)
        for i, source in enumerate(sources)
    ]
    lst.set_rows(rows)
    await settle(pilot)
    return region_text(app, lst).splitlines()[1:]


SOURCES = ["wikinews.org", "006_museum_wikinews.txt", "AP"]


@pytest.mark.parametrize("size", [(120, 30), (130, 40)])
async def test_a_wide_list_shows_longer_sources(library_path, size) -> None:
    app = make_app(library_path)
    async with app.run_test(size=size) as pilot:
        lines = await _lines(pilot, SOURCES)
        assert app.reader.article_list.region.width == size[0]  # stacked: the whole width
        assert "wikinews.org " in lines[0]  # whole
        assert "006_museum_wikinews " in lines[1]  # whole, 19 cells
        titles = {line.index("Title") for line in lines[:3]}
        assert len(titles) == 1  # the titles still one under the other
        assert len(lines[0]) - titles.pop() >= 60  # and with most of the row


async def test_at_80x24_the_title_keeps_its_room(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await _lines(pilot, SOURCES)
        assert "wikinews.o…" in lines[0]
        # Source 11 cells, date 10, each with its spaces, as before.
        assert lines[0].index("Title") - lines[0].index("wikinews") == 13 + 12

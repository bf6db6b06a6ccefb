"""A view's ``columns`` each get their place, in the order given: ``[title, date]``
glued the date after the title (each row's date somewhere else, a long title's
nowhere)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.app.helpers import make_app, region_text, settle
from tui.config.model import Config, ViewConfig


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_date_after_the_title_is_a_column(library_path, size) -> None:
    view = ViewConfig(name="Dates", columns=("title", "date"))
    app = make_app(library_path, Config(views=(view,)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        first = lst.rows[0]
        rows = [
            first._replace(id="short", title="Short", date="2019-01-02"),
            first._replace(id="long", title="A very long title " * 20, date="2019-03-04"),
            first._replace(id="cjk", title="台積電" * 40, date="2019-05-06"),
        ]
        lst.set_rows(rows)
        await settle(pilot)
        lines = region_text(app, lst).splitlines()[1:]  # under the pane's title
        found = [line.find(row.date) for line, row in zip(lines, rows, strict=False)]
        assert -1 not in found, lines  # every date shown, the long titles' too
        places = [cell_len(line[:at]) for line, at in zip(lines, found, strict=False)]
        assert len(set(places)) == 1, lines  # one under the other, in cells
        assert places[0] > len("Short") + 10  # at the row's end, not after the title
        assert "…" in lines[1]  # the long title cut before the date


async def test_columns_after_the_title_keep_their_order(library_path) -> None:
    view = ViewConfig(name="Quoted", columns=("flags", "quotes", "title", "source"))
    app = make_app(library_path, Config(views=(view,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        first = lst.rows[0]
        rows = [
            first._replace(id="a", title="Short", source="alpha.txt", n_quotes=3),
            first._replace(id="b", title="Long " * 30, source="beta.txt", n_quotes=12),
        ]
        lst.set_rows(rows)
        await settle(pilot)
        lines = region_text(app, lst).splitlines()[1:]
        assert lines[0].find("alpha") == lines[1].find("beta") > lines[0].find("Short")
        assert lines[0].find("3q") < lines[0].find("Short")

"""The search pane says, beside its count, that ``OR`` is a word here (tui.search.hints)."""

from __future__ import annotations

from tests.app.helpers import make_app, press, settle


async def test_the_search_pane_says_it_beside_the_count(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await pilot.press(*"harbour OR ferry")
        await settle(pilot)
        said = str(app.reader.search_pane.border_subtitle)
        assert "hit" in said and "OR is searched as a word" in said, said

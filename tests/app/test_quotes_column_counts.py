"""The list's quotes column and the quotes pane count the same quotes: the column
(``4q``) counts an article's quotations, the pane listed its reported speech (``≈``)
too under one count (``6 quotes`` beside ``4q``; ``1 quotes`` beside no count at all).
The pane's footer now counts reported speech apart (``4 quotes · 2 reported``)."""

from __future__ import annotations

import re

from tests.app.helpers import all_articles, make_app, press


async def test_the_pane_counts_what_the_column_counts_and_reported_speech_apart(
    library_path,
) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(200, 50)) as pilot:
        lst = await all_articles(pilot)
        pane = app.reader.quotes_pane
        seen_reported = 0
        for position, row in enumerate(list(lst.rows)):
            lst.cursor = position
            await press(pilot, "enter")
            footer = str(pane.border_subtitle)
            counted = re.match(r"(\d+) quotes?\b", footer)
            assert counted is not None, footer
            assert int(counted.group(1)) == row.n_quotes, (row.title, footer)
            reported = sum(1 for ref in pane.refs.values() if ref.quote.kind == "indirect")
            if reported:
                assert footer.endswith(f" · {reported} reported"), footer
            else:
                assert "reported" not in footer, footer
            seen_reported += reported
        assert seen_reported  # the fixture has reported speech ("..., the operator said")

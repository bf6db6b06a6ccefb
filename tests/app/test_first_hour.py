"""What a new user hits in the first hour (issue 14): each item's behaviour, driven
through the real app with Pilot."""

from __future__ import annotations

from tests.app.helpers import make_app, press, settle


async def _ready(pilot):
    await settle(pilot)
    return pilot.app.article_list


async def test_escape_closes_the_search_pane_and_view_keys_keep_it_closed(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        await press(pilot, "slash")
        await pilot.press(*"harbour")
        await settle(pilot)
        assert app.search_pane.display
        await press(pilot, "escape")
        assert not app.search_pane.display
        assert app.focused is app.article_list
        await press(pilot, "4", "3")
        assert not app.search_pane.display
        widths = [w.size.width for w in (app.article_list, app.article_view, app.quotes_pane)]
        assert sum(widths) >= 150  # the three panes share the whole width again


async def test_leaving_the_speaker_index_view_shows_the_articles_quotes(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        await press(pilot, "4")
        assert app.quotes_pane.border_title == "Quotes by speaker"
        await press(pilot, "1")
        pane = app.quotes_pane
        assert pane.border_title == "Quotes"
        article = app.current_article
        assert {ref.article_id for ref in pane.refs.values()} <= {article.id}
        assert len(pane.refs) == len(article.quotes)

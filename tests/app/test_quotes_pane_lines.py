"""Issue 22: the quotes pane draws line by line. A speaker index of thousands of quotes
makes an entry only for the lines on screen (an option per quote made leaving the
Quotes view cost ~200 ms at 100,000 articles), and its keys still reach every quote."""

from __future__ import annotations

import dataclasses

from tests.app.helpers import make_app, press, region_text, settle
from tui.app.widgets import quotes_pane
from tui.app.widgets.quotes_pane import QuoteRef


async def test_a_speaker_index_of_thousands_draws_only_the_lines_on_screen(
    library_path, monkeypatch
):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        pane = app.reader.quotes_pane
        quote = next(iter(pane.refs.values())).quote
        refs = [
            QuoteRef(f"a{n}", 0, dataclasses.replace(quote, speaker=f"Speaker {n % 50}"), "T")
            for n in range(5000)
        ]
        made = []
        entry = quotes_pane.index_entry
        monkeypatch.setattr(quotes_pane, "index_entry", lambda *a: made.append(a) or entry(*a))
        pane.speaker_index = True
        pane.show_index(refs)
        await settle(pilot)
        assert 0 < len(made) <= pane.size.height
        assert pane.option_count == 5050  # a heading per speaker, a line per quote
        pane.focus()
        await press(pilot, "G")
        last_listed = list(pane.refs.values())[-1]  # the last speaker's last quote
        assert pane.current_ref is last_listed and last_listed.article_id == "a4959"
        await press(pilot, "g")
        assert pane.highlighted == 1  # the first quote, under the first speaker's heading
        assert len(made) < 200


async def test_showing_an_article_again_keeps_the_chosen_quote_when_quotes_are_added(
    library_path,
):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = app.reader.article_view
        article = view.article
        view.go_to_quote(1)
        chosen = view.current_quote
        first = article.quotes[0]
        earlier = dataclasses.replace(first, span=type(first.span)(0, 1), text="x")
        more = dataclasses.replace(article, quotes=(earlier, *article.quotes))
        view.show(more, keep_place=True)  # as when reported speech joins the first article
        await settle(pilot)
        assert view.current_quote == chosen


async def test_his_office_of_two_articles_is_two_speakers_in_the_index(library_path):
    """A role relative to its article (``his office``, ``her family``) is listed with
    the article's title: the same words in two stories are not one speaker; a name or
    another role (``the ministry``) is still one speaker across articles."""
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        pane = app.reader.quotes_pane
        quote = next(iter(pane.refs.values())).quote

        def ref(article: str, speaker: str, title: str) -> QuoteRef:
            return QuoteRef(article, 0, dataclasses.replace(quote, speaker=speaker), title)

        pane.speaker_index = True
        pane.show_index(
            [
                ref("a", "his office", "Mayor resigns"),
                ref("b", "his office", "Coach fired"),
                ref("a", "Ada Lind", "Mayor resigns"),
                ref("b", "Ada Lind", "Coach fired"),
                ref("c", "His family", "Flood"),
            ]
        )
        await settle(pilot)
        assert pane.option_count == 4 + 5  # four speakers' headings, five quotes
        shown = region_text(app, pane)  # headings cut to the pane's width
        assert "5 quotes · 4 speakers" in shown, shown
        for heading in ("Ada Lind  2", "His family · Flood", "his office · Co", "his office · Ma"):
            assert f"│ {heading}" in shown, shown

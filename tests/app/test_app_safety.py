"""Untrusted text shows as typed in every pane and never acts (markup, clicks, escapes)."""

from __future__ import annotations

import dataclasses

from tests.app.conftest import HOSTILE
from tests.app.helpers import make_app, press, region_text, screen_text, settle
from tui.app.textsafe import visible
from tui.config.model import default_config

SHOWN = visible(HOSTILE)  # escapes become visible stand-ins (␛), the rest is literal


def _assert_literal(text: str) -> None:
    assert "\x1b" not in text
    assert "[@click=app.quit]" in text
    assert "[b]bold[/b]" in text
    assert "unbalanced[/b]" in text
    assert "red" in text  # the escape codes around it were removed at ingest


async def _open_hostile(app, pilot):
    await settle(pilot)
    lst = app.reader.article_list
    lst.cursor = next(i for i, row in enumerate(lst.rows) if row.title.startswith("Title "))
    await settle(pilot)
    assert app.reader.current_article.title.startswith("Title ")


async def test_article_list_shows_titles_and_tags_as_typed(library_path):
    config = default_config()
    list_only = dataclasses.replace(config.views[2], layout=(("list", 1),))
    app = make_app(library_path, dataclasses.replace(config, views=(list_only,)))
    async with app.run_test(size=(200, 50)) as pilot:
        await _open_hostile(app, pilot)
        await press(pilot, "t")
        await pilot.press(*"[b]x[/b]")
        await press(pilot, "enter")
        text = region_text(app, app.reader.article_list)
        assert "Title [@click=app.quit] [b]bold[/b]" in text
        assert "#[b]x[/b]" in text
        await pilot.click(app.reader.article_list, offset=(40, 1))  # clicking the row does not quit
        await settle(pilot)
        assert app.is_running


async def test_article_view_shows_title_body_speaker_and_note_as_typed(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await _open_hostile(app, pilot)
        await press(pilot, "c")
        await pilot.press(*"note [@click=app.quit] [/b]")
        await press(pilot, "ctrl+s")
        document = app.reader.article_view.document
        shown = "\n".join(block.text.plain for block in document.blocks)
        _assert_literal(shown)
        assert "‹Eve [@click=app.quit]Mallory›" in shown
        assert "✎ note [@click=app.quit] [/b]" in shown
        text = region_text(app, app.reader.article_view)
        assert "[@click=app.quit]" in text and "\x1b" not in text
        assert app.is_running


async def test_quotes_pane_and_speaker_index_show_speakers_as_typed(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await _open_hostile(app, pilot)
        text = region_text(app, app.reader.quotes_pane)
        assert "Eve [@click=app.quit]Mallory" in text
        await press(pilot, "i")
        text = region_text(app, app.reader.quotes_pane)
        assert "Eve [@click=app.quit]Mallory" in text
        assert "\x1b" not in screen_text(app)


async def test_search_hits_show_titles_and_context_as_typed(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await pilot.press(*"unbalanced")
        await settle(pilot)
        assert app.reader.search_pane.hits
        text = region_text(app, app.reader.search_pane)
        assert "[@click=app.quit]" in text and "\x1b" not in text


async def test_status_line_shows_a_view_name_as_typed(library_path):
    config = default_config()
    view = dataclasses.replace(config.views[2], name="[b]All[/b] [@click=app.quit]")
    config = dataclasses.replace(config, views=(view,))
    app = make_app(library_path, config)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert "[b]All[/b] [@click=app.quit]" in region_text(app, app.query_one("#status"))


async def test_config_notice_is_shown_as_typed(library_path, toasts):
    app = make_app(library_path, notices=["config.yaml:1:1: bad [b]value[/b] [@click=app.quit]"])
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        notices = list(toasts)
        assert [n.message for n in notices if "config" in n.message] == [
            "config.yaml:1:1: bad [b]value[/b] [@click=app.quit]"
        ]
        assert not notices[0].markup


def _shown_blocks(title: str, body: str, notes: tuple[str, ...] = ()) -> list[str]:
    """The plain text of each block of the article view's document for a one-paragraph
    article."""
    from rich.style import Style

    from tui.app.widgets.article_document import build_document
    from tui.model import Article, ArticleKind, Paragraph, Span

    article = Article(
        id="x",
        source="s.txt",
        span=Span(0, len(body)),
        kind=ArticleKind.STORY,
        title=title,
        title_inferred=False,
        paragraphs=(Paragraph(body, Span(0, len(body))),),
    )
    document = build_document(article, styles={"quote": Style(italic=True)}, notes=notes)
    return [block.text.plain for block in document.blocks]


def test_an_articles_address_shows_under_its_source_as_typed():
    """A page's or a feed entry's URL is shown under the source line, safely."""
    from tui.app.widgets.article_document import build_document
    from tui.model import Article, ArticleKind, Paragraph, Span

    body = "The ferry sails in May."
    article = Article(
        id="x",
        source="feed.rss",
        span=Span(0, len(body)),
        kind=ArticleKind.STORY,
        title="Ferry",
        title_inferred=False,
        paragraphs=(Paragraph(body, Span(0, len(body))),),
        outlet="Harbour Gazette",
        url="https://gazette.example.org/ferry?x=[b]1[/b]\x1b[2J",
    )
    shown = [block.text.plain for block in build_document(article, styles={}).blocks]
    assert shown[:3] == [
        "Ferry",
        "Harbour Gazette",
        "https://gazette.example.org/ferry?x=[b]1[/b]␛[2J",
    ]


def test_control_characters_in_article_text_are_made_visible():
    body = "Bell \x07 and \x1b[2J clear and \x9b C1"
    shown = "\n".join(_shown_blocks("T \x1b]52;c;evil\x07", body))
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert "␛[2J" in shown and "␇" in shown


def test_line_breaks_inside_a_paragraph_show_as_spaces_and_notes_keep_theirs():
    body = "Prose hard-wrapped by its\nsource, one paragraph\nin three lines."
    shown = _shown_blocks("A title\nin two lines", body, notes=("first\nsecond",))
    assert "A title in two lines" in shown
    rewrapped = "Prose hard-wrapped by its source, one paragraph in three lines."
    assert any(rewrapped in s for s in shown)
    assert any("first ⏎ second" in s for s in shown)
    assert not any("\u240a" in s for s in shown)


async def test_a_library_failure_is_a_one_line_notice_not_a_crash(
    library_path, monkeypatch, toasts
):
    import sqlite3

    from tui.store.library import Library

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("no such column: flags")

    monkeypatch.setattr(Library, "list_rows", broken)
    monkeypatch.setattr("tui.search.views.read_page", broken)  # a view read page by page
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.is_running
        messages = [n.message for n in toasts]
        assert any("could not be read (no such column: flags)" in m for m in messages)


def test_reported_speech_is_styled_apart_from_quotations():
    """Issue 13: indirect quotes show in the pane, upright after a marker; quotations
    stay italic."""
    from tui.app.widgets.quotes_pane import REPORTED_MARK, quote_entry
    from tui.model import Quote, QuoteKind, Span

    def entry(kind: QuoteKind, text: str):
        return quote_entry(
            Quote(text, Span(0, len(text)), "Ren Zhengfei", None, "said", kind, 0.75)
        )

    direct = entry(QuoteKind.DIRECT, "“We are ready,”")
    reported = entry(QuoteKind.INDIRECT, "the company would survive")
    assert REPORTED_MARK not in direct.plain
    assert reported.plain.startswith(f"Ren Zhengfei: {REPORTED_MARK}the company would survive")
    italic = [span for span in reported.spans if "italic" in str(span.style)]
    assert italic == []
    assert any("italic" in str(span.style) for span in direct.spans)

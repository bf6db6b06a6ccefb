"""A huge article in the reader: wrapped a piece at a time, and every offset still lands
on its text (quotes, highlights, search matches, sentences), however deep."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style

from tests.app.helpers import make_app, press, region_text, screen_strips, screen_text, settle
from tui.app.widgets import article_lines
from tui.app.widgets.article_document import BlockText
from tui.app.widgets.article_lines import ArticleLines
from tui.app.wrapping import break_offsets

WORDS = ["harbour", "council", "任正非", "plan", "a", "extraordinarily", "debate", "on"]


def _prose(characters: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < characters:
        word = rng.choice(WORDS) + ("." if rng.random() < 0.1 else "")
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def _lines(texts: list[str], width: int) -> ArticleLines:
    return ArticleLines([BlockText(text) for text in texts], width, Console(), Style())


def _shown(lines: ArticleLines, top: int, height: int) -> list[str]:
    shown = []
    for line in range(top, top + height):
        found = lines.line(line)
        shown.append("".join(s.text for s in found[3]).rstrip() if found else "")
    return shown


@pytest.fixture
def lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small pieces, and nothing wrapped up front: a few KB behave as 50 MB do."""
    monkeypatch.setattr(article_lines, "PIECE", 300)
    monkeypatch.setattr(article_lines, "EAGER", 0)


def test_a_short_article_is_wrapped_as_a_whole_paragraph_is() -> None:
    texts = [_prose(2_000, seed) for seed in range(3)]
    lines = _lines(texts, 37)
    expected = []
    for text in texts:
        breaks = break_offsets(text, 37)
        starts, ends = [0, *breaks], [*breaks, len(text)]
        expected += [text[a:b].rstrip() for a, b in zip(starts, ends, strict=True)]
    assert lines.total == len(expected)
    assert _shown(lines, 0, lines.total) == expected


def test_a_long_paragraph_is_wrapped_only_where_it_is_read(lazy: None) -> None:
    text = _prose(30_000)
    lines = _lines([text], 40)
    assert sum(b is not None for b in lines.breaks) <= 1  # the sample piece, at most
    top = lines.settle(0, 20)
    shown = _shown(lines, top, 20)
    assert sum(b is not None for b in lines.breaks) < len(lines.breaks) // 4
    assert " ".join(shown).split() == text.split()[: len(" ".join(shown).split())]


def test_every_line_of_a_long_paragraph_read_in_turn_gives_the_text_back(lazy: None) -> None:
    text = _prose(20_000) + " " + "x" * 1_000 + " end"  # a word longer than a piece
    lines = _lines([text], 30)
    read, unread = [], 0
    while unread < lines.total:
        top = lines.settle(unread, 10)  # at the end, the last 10 lines
        read += _shown(lines, unread, top + 10 - unread)
        unread = top + 10
    assert "".join("".join(read).split()) == "".join(text.split())


@pytest.mark.parametrize("start", ["deep", "end"])
def test_scrolling_up_into_lines_not_yet_wrapped_moves_the_screen_by_one_line(
    lazy: None, start: str
) -> None:
    text = _prose(30_000)
    lines = _lines(["Title", "", text, "", "the end"], 40)
    height = 12
    deep = start == "deep"
    top = lines.line_of(2, len(text) * 3 // 4) if deep else lines.settle_end(height)
    top = lines.settle(top, height)
    shown = _shown(lines, top, height)
    assert start != "end" or shown[-1] == "the end"
    while top > 0:
        top = lines.settle(top - 1, height)
        now = _shown(lines, top, height)
        assert now[1:] == shown[:-1]
        shown = now
    assert shown[0] == "Title"


def test_an_offset_deep_in_a_long_paragraph_is_on_the_line_it_returns(lazy: None) -> None:
    text = _prose(30_000)
    lines = _lines(["Title", text], 40)
    for offset in range(0, len(text), 997):
        line = lines.line_of(1, offset)
        block, first, after, _strip = lines.line(line)
        assert block == 1 and first <= offset < after


# -- in the app ----------------------------------------------------------------------

FILLER = "The council met again on Monday and the debate on the harbour plan went on. "


def _big_file(folder: Path) -> tuple[Path, int]:
    """A one-line article of about 600 KB (over what is wrapped up front) with a quote
    and a rare word deep in it; the offset of that word in the file."""
    deep = FILLER * 6_000 + "“Deep waters run still,” said Ada Lind. The zanzibar clause. "
    assert "clause" not in FILLER
    text = "# Big harbour report\n@date 2024-03-05\n" + deep + FILLER * 2_000 + "\n"
    path = folder / "big.txt"
    path.write_text(text, encoding="utf-8")
    return path, text.index("zanzibar")


@pytest.fixture
def big_library(tmp_path: Path, fixture_parser: None) -> Path:
    """The big article, its rare word highlighted."""
    from tui.store import Library

    folder = tmp_path / "dumps"
    folder.mkdir()
    path, offset = _big_file(folder)
    db = tmp_path / "library.db"
    with Library.open(db) as library:
        report = library.import_paths([str(path)])
        assert not report.errors
        (row,) = library.list_rows(order="date")
        from tui.model import Span

        library.add_highlight(row.id, Span(offset, offset + len("zanzibar")))
    return db


async def test_enter_on_a_deep_quote_and_on_a_deep_match_shows_them(big_library) -> None:
    app = make_app(big_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # open the article
        view = app.reader.article_view
        assert len(view.paragraph.text) > article_lines.EAGER
        # From the quotes pane, Enter on the deep quote.
        quotes = app.reader.quotes_pane
        key = next(k for k, r in quotes.refs.items() if r.quote.text.startswith("“Deep"))
        quotes.focus()
        quotes.highlighted = quotes.get_option_index(key)
        await press(pilot, "enter")
        shown = region_text(app, view).splitlines()
        (row,) = [line for line in shown if "“Deep waters" in line]
        assert row.lstrip().startswith("❝")  # the quote's own line, marked
        # A search for the word after the highlighted one: Enter lands there, and the
        # highlight is drawn.
        await press(pilot, "g")
        assert "“Deep waters" not in region_text(app, view)
        await press(pilot, "slash")
        await pilot.press(*"clause")
        await settle(pilot)
        assert app.reader.search_pane.hits
        await press(pilot, "enter")
        assert "zanzibar" in region_text(app, view)
        highlight = view.get_component_rich_style("article-view--highlight")
        styled = [
            segment
            for strip in screen_strips(app)
            for segment in strip
            if "zanzibar" in segment.text
        ]
        assert styled and all(s.style.bgcolor == highlight.bgcolor for s in styled)


SENTENCES = [
    "Mr. Smith went to Washington.",
    "He said “no!” to them?",
    "U.S. sales rose 3.5 percent in Jan. last year.",
    "Wait... what",
    "A. B. Jones spoke.",
    "任正非說。",
    "x" * 150 + ".",
]


@pytest.mark.parametrize("window", [16, 100, 4096])
def test_sentences_found_near_the_cursor_are_the_paragraphs_sentences(
    monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """( and ) look for sentences a window at a time (not in all of a 50 MB paragraph):
    forwards and backwards they step through exactly the paragraph's sentences."""
    from tui.app.widgets import article_document
    from tui.model import Paragraph, Span
    from tui.text import sentence_bounds

    monkeypatch.setattr(article_document, "SENTENCE_WINDOW", window)
    rng = random.Random(window)
    text = " ".join(rng.choice(SENTENCES) for _ in range(200))
    paragraph = Paragraph(text, Span(40, 40 + len(text)))
    expected = [Span(40 + a, 40 + b) for a, b in sentence_bounds(text)]
    for step in (1, -1):
        found, current = [], None
        while (current := article_document.next_sentence(paragraph, current, step)) is not None:
            found.append(current)
        assert found == (expected if step > 0 else expected[::-1])


# -- hostile text --------------------------------------------------------------------

HOSTILE_PARAGRAPHS = [
    "Escapes: \x1b[31mred\x1b[0m, a title \x1b]0;PWNED\x07, a link \x1b]8;;http://e.x\x1b\\here"
    "\x1b]8;;\x1b\\, a carriage\rreturn and C1 \x9b2J.",
    "Markup: [b]bold[/b] [link=http://e.x]link[/link] [@click=app.quit]quit[/] :smile:.",
    "Scripts: שלום עולם مرحبا, an override \u202eexe.txt\u202c, e\u0301 and Z"
    + "".join(chr(c) for c in range(0x300, 0x370))
    + ", tabs\there, emoji ✔️ ❤️ 👍🏽 👩\u200d👩\u200d👧 🇹🇼.",
    "Long: " + "x" * 100_000 + " end.",
]


def test_emoji_terminals_draw_at_other_widths_are_drawn_as_rich_counts_them() -> None:
    """``✔️`` is 2 cells to Rich and 1 in tmux/xterm/VTE, ``👍🏽`` 2 to Rich and 4 in
    tmux: the line comes out shorter or longer than the pane (stale cells, a pushed
    border). Shown as text presentation, and without the skin tone, both agree; one
    character for one, so offsets stay right."""
    from rich.cells import cell_len

    from tui.app.textsafe import visible

    for text, cells in (("✔️", 1), ("❤️ ok", 4), ("👍🏽", 2)):
        shown = visible(text)
        assert len(shown) == len(text) and cell_len(shown) == cells


async def test_a_hostile_article_reaches_the_screen_as_plain_cells(library_path) -> None:
    from tui.model import Article, ArticleKind, Paragraph, Span

    paragraphs, offset = [], 0
    for text in HOSTILE_PARAGRAPHS:
        paragraphs.append(Paragraph(text, Span(offset, offset + len(text))))
        offset += len(text) + 1
    article = Article(
        id="hostile",
        source="hostile.txt",
        span=Span(0, offset),
        kind=ArticleKind.STORY,
        title="Hostile \x1b]0;PWNED\x07 [b]title[/b]",
        title_inferred=True,
        paragraphs=tuple(paragraphs),
    )
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.reader.article_view
        view.show(article)
        view.focus()
        seen = []

        async def look() -> None:
            await pilot.pause()
            for strip in screen_strips(app):
                assert strip.cell_length == 80  # nothing pushes the layout over
                for segment in strip:
                    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in segment.text)
                    assert segment.style is None or not segment.style.link
            # The whole screen: ``region_text`` cuts rows by characters, and a letter
            # with 112 combining marks is 113 characters in 1 cell.
            seen.append(screen_text(app))

        for _ in range(4):  # the pages before the long word
            await look()
            await press(pilot, "pagedown")
        await press(pilot, "G")  # and its end
        await look()
        shown = "\n".join(seen)
        for typed in ("[b]bold[/b]", "[link=http://e.x]link[/link]", "[@click=app.quit]"):
            assert typed in shown
        assert "\u202e" not in shown and "✔︎" in shown
        assert app.is_running  # Markup did not quit it
        assert "Long: " in shown and " end." in shown  # the 100k-character word, wrapped


async def test_laid_out_anew_deep_in_a_long_article_the_same_lines_stay_on_screen(
    big_library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A highlight or a note added, a theme changed: the article is laid out anew, its
    lines not yet wrapped counted by estimate again. The top line is found again by
    its text's place, not its line number (which would now be elsewhere)."""
    monkeypatch.setattr(article_lines, "PIECE", 400)  # pages cross pieces
    app = make_app(big_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        view = app.reader.article_view
        view.focus()
        # Down from a deep place: the pieces passed, above the top, are wrapped.
        view.go_to_quote(0)
        await press(pilot, *["pagedown"] * 6)
        before = region_text(app, view).splitlines()[1:]
        # The estimates of the new layout differ from the lines counted (as they do on
        # a text less even than this one).
        estimate = ArticleLines._estimate  # noqa: SLF001
        monkeypatch.setattr(ArticleLines, "_estimate", lambda self, p: 3 * estimate(self, p))
        view.show(view.article, highlights=view.highlights, keep_place=True)
        await settle(pilot)
        assert region_text(app, view).splitlines()[1:] == before

"""How a list row is cut to the pane's width: terminal cells, not characters."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.style import Style

from tui.app.widgets.article_list import fit_segments

A, B, LINE = Style(color="red"), Style(color="blue"), Style(bgcolor="black")


def _text(segments) -> str:
    return "".join(segment.text for segment in segments)


def test_short_rows_are_padded_in_the_row_style():
    segments = fit_segments([("abc", A), (" ", LINE)], 8, LINE)
    assert _text(segments) == "abc     "
    assert segments[-1].style is LINE


def test_long_rows_end_with_an_ellipsis_in_the_style_of_what_was_cut():
    segments = fit_segments([("abcdef", A), (" ", LINE), ("ghijkl", B)], 10, LINE)
    assert _text(segments) == "abcdef gh…"
    assert segments[-1].text == "gh…" and segments[-1].style is B


def test_a_row_filled_exactly_before_the_cut_gives_its_last_cell_to_the_ellipsis():
    segments = fit_segments([("abc", A), ("de", B)], 3, LINE)
    assert _text(segments) == "ab…"
    assert segments[-1].style is A


def test_wide_characters_are_measured_in_cells():
    # Each CJK character takes two cells: four of them fill eight.
    assert _text(fit_segments([("東京新聞", A)], 8, LINE)) == "東京新聞"
    assert _text(fit_segments([("東京新聞", A)], 5, LINE)) == "東京…"
    # A cut through a wide character leaves a space, never half a character.
    assert _text(fit_segments([("東京新聞", A)], 4, LINE)) == "東 …"


@pytest.mark.parametrize(
    "title",
    [
        "東京で会議、新しい計画を発表した",
        "Family 👨‍👩‍👧 and ❤️ and flags",
        "ａｂｃ全角 mixed with ascii",
        "e\u0301 combining accents e\u0301\u0301",
        "한국어 제목입니다",
        "[@click=app.quit] [b]bold[/b] unbalanced[/b]",
    ],
)
def test_every_row_is_exactly_the_width_of_the_pane(title):
    pieces = [("+●★✎#b…", A), (" ", LINE), (title, B), ("  #日本", A), (" ", LINE)]
    for width in range(1, 80):
        segments = fit_segments(pieces, width, LINE)
        assert sum(cell_len(segment.text) for segment in segments) == width, (title, width)


def test_in_a_narrow_pane_source_then_date_give_way_to_the_title():
    from tui.app.widgets.article_list import MIN_TITLE_WIDTH, columns_for_width

    columns = ("flags", "source", "date", "title")
    assert columns_for_width(columns, 78) == columns  # 80x24: everything fits
    # flags 8 + source 15 + date 12 cells leave the title less than its minimum:
    narrow = 8 + 15 + 12 + MIN_TITLE_WIDTH - 4
    assert columns_for_width(columns, narrow) == ("flags", "date", "title")
    assert columns_for_width(columns, 30) == ("flags", "title")
    assert columns_for_width(("flags", "source"), 10) == ("flags", "source")  # no title


#: Terminal sizes from small to large: stacked panes (80x24), side by side (the rest).
SIZES = ((80, 24), (120, 40), (140, 30), (160, 48), (200, 50))


async def test_a_wider_terminal_never_shows_fewer_list_columns(library_path):
    """Every size shows each article's outlet, date and title: at 200x50 the list (two
    sixths of the width) dropped the outlet the 80x24 list (the whole width) shows, and
    at 120x40 the date too."""
    from tests.app.helpers import make_app, region_text, settle
    from tui.app.widgets.list_rows import source_label
    from tui.store.rows import ListRow

    for size in SIZES:
        app = make_app(library_path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            lst = app.reader.article_list
            text = region_text(app, lst)
            rows = [row for row in lst.rows if isinstance(row, ListRow) and row.date]
            assert rows, size
            for row in rows:
                line = next(line for line in text.splitlines() if row.title[:15] in line)
                assert source_label(row.source)[:8] in line, (size, line)
                assert row.date in line, (size, line)


def test_the_source_cell_names_an_outlet_whole_a_file_by_its_stem_a_feed_by_its_host():
    from tui.app.widgets.list_rows import source_label

    assert source_label("AP/Reuters") == "AP/Reuters"  # an outlet is a name, not a path
    assert source_label("Local Wire") == "Local Wire"
    assert source_label("/srv/dumps/000_wire.txt") == "000_wire"
    assert source_label("/srv/dumps/feed.d") == "feed.d"  # not a known extension: kept
    # A file imported by a relative path (``newsdesk import dumps/*.txt``) is kept as
    # given: every row said ``dumps/000_w…``, its folder, not the file.
    assert source_label("dumps/000_wire.txt") == "000_wire"
    assert source_label("tui/samples/006_museum.txt") == "006_museum"
    assert source_label("wire.csv") == "wire"
    assert source_label("https://www.example.org/news/rss.xml") == "example.org"
    # The outlet, as source: and the stories count it: not the site's subdomain.
    assert source_label("https://edition.cnn.com/2019/x") == "cnn.com"
    assert source_label("https://en.wikinews.org/wiki/X") == "wikinews.org"
    assert source_label("https://news.bbc.co.uk/a") == "bbc.co.uk"

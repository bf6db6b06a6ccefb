"""Side by side, the list's room for its columns comes from the widest other panes."""

from __future__ import annotations

import pytest

from tui.app.pane_widths import side_by_side

DEFAULT = (("list", 2), ("article", 3), ("quotes", 1))


def test_a_list_whose_share_is_enough_keeps_the_views_proportions() -> None:
    assert side_by_side(DEFAULT, 240, 68) == DEFAULT  # two sixths: 80 cells


def test_the_article_gives_the_list_its_room_and_the_quotes_pane_keeps_its_share() -> None:
    """160x48: the list's 53 cells grow to 68 from the article's 80; spread over both,
    the quotes pane went from 27 cells to 23."""
    widths = dict(side_by_side(DEFAULT, 160, 68))
    assert widths["list"] == 68
    assert widths["quotes"] == pytest.approx(160 / 6)
    assert widths["article"] == pytest.approx(160 - 68 - 160 / 6)


def test_two_panes_as_wide_give_alike_and_nothing_below_a_narrower_ones_share() -> None:
    by_speaker = (("list", 1), ("quotes", 2), ("article", 2))
    widths = dict(side_by_side(by_speaker, 160, 68))
    assert widths == {"list": 68, "quotes": 46, "article": 46}
    with_search = (("search", 2), *DEFAULT)
    widths = dict(side_by_side(with_search, 160, 68))
    assert widths["quotes"] == pytest.approx(20) and widths["list"] == 68
    assert widths["search"] == pytest.approx(widths["article"]) == pytest.approx(36)


@pytest.mark.parametrize("width", range(136, 260, 7))
def test_the_widths_fill_the_screen(width: int) -> None:
    for layout in (DEFAULT, (("search", 2), *DEFAULT), (("list", 1), ("article", 1))):
        widths = dict(side_by_side(layout, width, 68))
        total = sum(share for _, share in layout)
        if width * dict(layout)["list"] / total < 68:
            assert sum(widths.values()) == pytest.approx(width)
            assert widths["list"] == 68 and min(widths.values()) > 0

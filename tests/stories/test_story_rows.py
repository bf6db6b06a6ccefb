"""The list's rows under ``group: story`` (tui.search.story_rows): pure, no app."""

from __future__ import annotations

from tui.search.story_rows import (
    ArticleListRow,
    StoryListRow,
    group_rows,
    outlets_label,
    position_of,
)
from tui.store.stories import StoryRow

HUAWEI = StoryRow(
    7, "Ren offers to license 5G", ("a1", "a4", "a9"), ("000", "004", "009"), "2019-09-13"
)
TIDAL = StoryRow(3, "Tidal plant", ("t1", "t2"), ("001", "002"), "2019-09-12")


def test_a_story_with_two_articles_in_the_view_is_one_row_at_its_first_article() -> None:
    rows = group_rows(["x", "a4", "y", "a1", "t1", "z"], [HUAWEI, TIDAL])
    assert rows == [
        ArticleListRow("x"),
        StoryListRow(
            7, "Ren offers to license 5G", 3, "2019-09-13", HUAWEI.article_ids, ("a4", "a1"), False
        ),
        ArticleListRow("y"),
        ArticleListRow("t1"),  # its other article is not in the view: a plain row
        ArticleListRow("z"),
    ]
    assert outlets_label(rows[1]) == "3 outlets"  # type: ignore[arg-type]


def test_an_expanded_story_is_followed_by_its_articles_in_view_order() -> None:
    rows = group_rows(["a9", "x", "a1", "t2", "t1"], [HUAWEI, TIDAL], expanded={7})
    assert [type(r).__name__ for r in rows] == [
        "StoryListRow",
        "ArticleListRow",
        "ArticleListRow",
        "ArticleListRow",
        "StoryListRow",
    ]
    assert rows[1:3] == [ArticleListRow("a9", 7), ArticleListRow("a1", 7)]
    assert rows[3] == ArticleListRow("x")
    assert isinstance(rows[4], StoryListRow) and not rows[4].expanded
    assert rows[4].shown == ("t2", "t1")


def test_without_stories_the_rows_are_the_view_unchanged() -> None:
    ids = ["a", "b", "c"]
    assert group_rows(ids, []) == [ArticleListRow(i) for i in ids]
    alone = StoryRow(9, "alone", ("a",), ("000",), None)
    assert group_rows(ids, [alone], expanded={9}) == [ArticleListRow(i) for i in ids]


def test_the_cursor_finds_an_article_in_its_own_row_or_in_the_story_row() -> None:
    collapsed = group_rows(["x", "a4", "a1"], [HUAWEI])
    assert position_of(collapsed, "a1") == 1 and position_of(collapsed, "x") == 0
    expanded = group_rows(["x", "a4", "a1"], [HUAWEI], expanded={7})
    assert position_of(expanded, "a1") == 3
    assert position_of(expanded, "nope") is None
    assert outlets_label(StoryListRow(1, "t", 1, None, ("a",), ("a",), False)) == "1 outlet"

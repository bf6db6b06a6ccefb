"""The list's rows under ``group: story`` (tui.search.story_rows): pure, no app."""

from __future__ import annotations

from typing import NamedTuple

from tui.search.story_rows import (
    MemberRow,
    StoryListRow,
    group_rows,
    outlets_label,
    position_of,
    story_size_label,
)
from tui.store.stories import StoryRow

HUAWEI = StoryRow(7, "Ren offers 5G", ("a1", "a4", "a9"), ("000", "004", "009"), "2019-09-13")
TIDAL = StoryRow(3, "Tidal plant", ("t1", "t2"), ("001", "002"), "2019-09-12")


class Row(NamedTuple):
    id: str
    read: bool = False
    starred: bool = False
    date: str | None = None


def rows(*ids: str) -> list[Row]:
    return [Row(i) for i in ids]


def test_a_story_with_two_articles_in_the_view_is_one_row_at_its_first_article() -> None:
    shown = group_rows(rows("x", "a4", "y", "a1", "t1", "z"), [HUAWEI, TIDAL])
    story = StoryListRow(
        "a4", 7, "Ren offers 5G", 3, "2019-09-13", HUAWEI.article_ids, ("a4", "a1"), False
    )
    # t1's other article is not in the view: a plain row, not a story of one.
    assert shown == [Row("x"), story, Row("y"), Row("t1"), Row("z")]
    assert outlets_label(story) == "3 outlets" == story.source
    assert story.date == "2019-09-13" and story.kind == "story"


def test_an_expanded_story_is_followed_by_every_article_in_view_order_when_undated() -> None:
    shown = group_rows(rows("a9", "x", "a1", "a4", "t2", "t1"), [HUAWEI, TIDAL], expanded={7})
    assert isinstance(shown[0], StoryListRow) and shown[0].expanded and shown[0].id == "a9"
    members = [MemberRow(i, Row(i), 7) for i in ("a9", "a1", "a4")]
    assert shown[1:4] == members
    assert shown[1].read is False  # a member row reads as its article's row
    assert shown[4] == Row("x")
    assert isinstance(shown[5], StoryListRow) and not shown[5].expanded
    assert shown[5].shown == ("t2", "t1") and len(shown) == 6


def test_an_expanded_story_lists_every_article_one_row_each_oldest_first() -> None:
    # The lead (first in the view) is the newest: it gets a row of its own too, in its
    # place by date; an undated article comes last.
    view = [Row("a4", date="2019-09-13"), Row("a9"), Row("a1", date="2019-09-11"), Row("x")]
    shown = group_rows(view, [HUAWEI], expanded={7})
    assert isinstance(shown[0], StoryListRow) and shown[0].shown == ("a4", "a9", "a1")
    assert [row.id for row in shown[1:4]] == ["a1", "a4", "a9"]
    assert all(isinstance(row, MemberRow) for row in shown[1:4])
    assert shown[4] == Row("x") and len(shown) == 5


def test_a_story_row_has_a_flag_when_every_article_shown_has_it() -> None:
    view = [Row("a1", read=True, starred=True), Row("a4", read=True), Row("x")]
    [story, _] = group_rows(view, [HUAWEI])
    assert isinstance(story, StoryListRow) and story.read and not story.starred


def test_without_stories_the_rows_are_the_view_unchanged() -> None:
    view = rows("a", "b", "c")
    assert group_rows(view, []) == view
    alone = StoryRow(9, "alone", ("a",), ("000",), None)
    assert group_rows(view, [alone], expanded={9}) == view


def test_the_cursor_finds_an_article_in_its_own_row_or_in_the_story_row() -> None:
    collapsed = group_rows(rows("x", "a4", "a1"), [HUAWEI])
    assert position_of(collapsed, "a1") == 1 and position_of(collapsed, "a4") == 1
    assert position_of(collapsed, "x") == 0
    expanded = group_rows(rows("x", "a4", "a1"), [HUAWEI], expanded={7})
    assert position_of(expanded, "a1") == 3  # x, the story row, a4's row, a1's row
    assert position_of(expanded, "a4") == 1  # the story row comes first
    assert position_of(expanded, "nope") is None
    one = StoryListRow("a", 1, "t", 1, None, ("a",), ("a",), False)
    assert outlets_label(one) == "1 article"


def test_a_story_of_one_outlet_says_how_many_articles_not_1_outlet() -> None:
    """Two Wikinews reports of one development were a story that read ``1 outlet``."""
    follow_up = StoryListRow("a", 1, "t", 1, None, ("a", "b"), ("a", "b"), False)
    assert outlets_label(follow_up) == "2 articles" == follow_up.source
    assert story_size_label(1, 3) == "3 articles"
    assert story_size_label(2, 3) == "2 outlets"

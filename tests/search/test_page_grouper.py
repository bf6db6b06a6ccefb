"""Issue 22: a grouped view's pages grouped a page at a time (PageGrouper) show what
grouping the whole view shows (group_rows), with nothing above a page moving."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tests.stories.test_story_rows import HUAWEI, TIDAL, Row
from tui.search.story_rows import PageGrouper, group_rows

IDS = ["a1", "a4", "a9", "t1", "t2", "x", "y", "z"]


@given(
    order=st.permutations(IDS),
    read=st.sets(st.sampled_from(IDS)),
    cuts=st.lists(st.integers(min_value=1, max_value=len(IDS) - 1), max_size=4),
)
def test_pages_grouped_one_at_a_time_equal_the_whole_view_grouped(order, read, cuts) -> None:
    view = [Row(i, read=i in read) for i in order]
    bounds = [0, *sorted(set(cuts)), len(view)]
    grouper = PageGrouper([HUAWEI, TIDAL])
    shown: list = []
    for start, end in itertools.pairwise(bounds):
        added = grouper.add(view[start:end])
        assert added is not None
        below, replaced = added
        positions = {row.id: n for n, row in enumerate(shown)}
        for row in replaced:  # a row above changes in place: same id, same position
            shown[positions[row.id]] = row
        shown += below
    assert shown == group_rows(view, [HUAWEI, TIDAL])


def test_a_page_adding_to_an_expanded_story_asks_for_the_whole_view_again() -> None:
    grouper = PageGrouper([HUAWEI, TIDAL], expanded={7})
    assert grouper.add([Row("a1"), Row("x")]) is not None
    assert grouper.add([Row("a4")]) is None


@given(order=st.permutations(IDS), read=st.sets(st.sampled_from(IDS)))
def test_rows_read_again_replace_what_grouping_the_whole_view_shows(order, read) -> None:
    view = [Row(i) for i in order]
    grouper = PageGrouper([HUAWEI, TIDAL])
    (shown, _replaced) = grouper.add(view) or ([], [])
    changed = [Row(i, read=True) for i in order if i in read]
    updated = grouper.update(changed)
    assert updated is not None
    positions = {row.id: n for n, row in enumerate(shown)}
    for row in updated:
        shown[positions[row.id]] = row
    after = [Row(i, read=i in read) for i in order]
    assert shown == group_rows(after, [HUAWEI, TIDAL])

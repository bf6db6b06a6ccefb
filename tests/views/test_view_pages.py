"""A view's pages add up to exactly the view's rows, in its order, whatever the query."""

from __future__ import annotations

import pytest

from tui.search.query import parse_query
from tui.search.views import ViewPages, evaluate, sql_condition, view_rows

QUERIES = [
    "",
    "is:unread !is:archived",
    "is:starred",
    "has:quote",
    "is:read | is:marked",
    "!has:quote is:unread",
    "harbour",  # words: evaluated by the search index
    "tag:none",
]
SORTS = ["-date", "date", "title", "-relevance"]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sort", SORTS)
def test_pages_add_up_to_the_whole_view(varied_library, query, sort) -> None:
    whole = evaluate(varied_library, query, sort)
    pages = ViewPages(varied_library, query, sort, first=3, page=4)
    paged = []
    while not pages.done:
        page = pages.next_page()
        assert len(page) <= (3 if not paged else 4)
        paged += page
    assert [row.id for row in paged] == [row.id for row in whole]
    assert pages.next_page() == []


def test_state_filters_by_date_are_paged_from_the_index(varied_library) -> None:
    """The Inbox's first page is read from the index on date, not by reading every row."""
    assert ViewPages(varied_library, "is:unread !is:archived", "-date").paged
    assert not ViewPages(varied_library, "harbour", "-date").paged
    assert not ViewPages(varied_library, "", "title").paged
    plan = " ".join(
        str(row)
        for row in varied_library.connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE date < ? ORDER BY date DESC, rowid",
            ("2024",),
        )
    )
    assert "articles_by_date" in plan and "TEMP B-TREE" not in plan


def test_only_fixed_fragments_reach_sql() -> None:
    assert sql_condition(parse_query("is:unread !is:archived")) == (
        "((flags & 1 = 0)) AND (NOT (flags & 4 != 0))"
    )
    for words in ('"x; DROP TABLE articles"', "tag:x", "date:>2024", "story:3"):
        assert sql_condition(parse_query(words)) is None


def test_view_rows_is_every_row_in_order(varied_library) -> None:
    rows = view_rows(varied_library, "", "-date")
    assert len(rows) == 40
    dates = [row.date for row in rows if row.date]
    assert dates == sorted(dates, reverse=True)
    assert all(row.date is None for row in rows[len(dates) :])

"""The rows a view shows are the view's after every triage key and undo: a row
unstarred in Starred leaves it, a star undone there comes back (and the other way)."""

from __future__ import annotations

from tests.app.helpers import make_app, press, region_text, screen_text, settle


def _ids(app) -> list[str]:
    return [row.id for row in app.reader.article_list.rows]


async def test_unstar_and_undo_in_starred_show_the_views_rows(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "3")  # All: one row per article
        lst = app.reader.article_list
        lst.focus()
        first, second = lst.rows[0], lst.rows[1]
        await press(pilot, "s", "j", "s")  # star two articles elsewhere
        await press(pilot, "2", "g")  # Starred, on its first row
        assert _ids(app) == [first.id, second.id]
        assert lst.current is not None and lst.current.id == first.id
        await press(pilot, "s")  # unstar the first: it leaves Starred at once
        assert _ids(app) == [second.id]
        assert lst.current is not None and lst.current.id == second.id
        assert "1 shown" in screen_text(app)
        assert "unstarred (u undoes)" in screen_text(app)  # said, though the cursor moved
        await press(pilot, "u")  # undo: the star is back, and so is its row
        assert _ids(app) == [first.id, second.id]
        await press(pilot, "u")  # undo the second star (made in All): that row leaves
        assert _ids(app) == [first.id]


async def test_a_row_unstarred_then_starred_again_by_undo_comes_back(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        lst = app.reader.article_list
        lst.focus()
        starred = lst.rows[0].id
        await press(pilot, "s", "2")
        await press(pilot, "s")
        assert _ids(app) == []
        assert "No articles in this view" in region_text(app, lst)  # not a blank pane
        await press(pilot, "u")
        assert _ids(app) == [starred]
        assert "No articles in this view" not in region_text(app, lst)


def test_which_ids_a_view_lists_after_a_change(library_path) -> None:
    from tui.search.views import matching_ids
    from tui.store import Library

    with Library.open(library_path) as library:
        ids = [row.id for row in library.list_rows(order="date")]
        library.set_flag(ids[:1], "starred", True)
        library.add_tag(ids[1:2], "energy")
        assert matching_ids(library, "is:starred", ids) == {ids[0]}  # SQL on the ids
        assert matching_ids(library, "", ids) == set(ids)
        assert matching_ids(library, "tag:energy", ids) == {ids[1]}  # the search index
        assert matching_ids(library, "harbour", ids) is None  # no state: nothing moves
        assert matching_ids(library, "is:starred", []) == set()

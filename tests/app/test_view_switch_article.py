"""After a view switch the article pane shows an article of the new view: the open one
when the view holds it, else the one under the cursor (the top row), else nothing. The
last view's article left open beside rows that do not hold it read as if it were one
of them."""

from __future__ import annotations

from tests.app.helpers import make_app, press, settle


def _shown_id(app) -> str | None:
    article = app.reader.current_article
    return article.id if article is not None else None


async def test_the_article_pane_follows_the_new_views_rows(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "3")  # All: one row per article
        lst = app.reader.article_list
        lst.focus()
        starred = lst.rows[1]
        await press(pilot, "j", "s", "G")  # star the second; the last one open
        assert _shown_id(app) == lst.rows[-1].id != starred.id
        await press(pilot, "2")  # Starred does not hold it: its top row's article
        assert [row.id for row in lst.rows] == [starred.id]
        assert _shown_id(app) == starred.id
        await press(pilot, "3")  # All holds the open article: it stays
        assert _shown_id(app) == starred.id and lst.current.id == starred.id
        await press(pilot, "s", "2")  # unstarred: Starred is empty, the pane too
        assert lst.rows == [] and _shown_id(app) is None


async def test_the_article_pane_follows_a_switch_from_the_article_pane(library_path) -> None:
    """The same with the focus in the article pane (Enter opened it there)."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        lst = app.reader.article_list
        lst.focus()
        starred = lst.rows[0]
        await press(pilot, "s", "G", "enter")
        assert app.focused is app.reader.article_view
        assert _shown_id(app) != starred.id
        await press(pilot, "2")
        assert _shown_id(app) == starred.id

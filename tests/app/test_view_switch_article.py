"""After a view switch the article pane shows an article of the new view: the open one
when the view holds it, else the one under the cursor (the top row), else nothing. The
last view's article left open beside rows that do not hold it read as if it were one
of them."""

from __future__ import annotations

from tests.app.helpers import make_app, press, settle


async def _in_all(pilot):
    """The view All (one row per article), its list focused: the list."""
    await settle(pilot)
    await press(pilot, "3")
    lst = pilot.app.reader.article_list
    lst.focus()
    return lst


def _shown_id(app) -> str | None:
    article = app.reader.current_article
    return article.id if article is not None else None


async def test_the_article_pane_follows_the_new_views_rows(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _in_all(pilot)
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
        lst = await _in_all(pilot)
        starred = lst.rows[0]
        await press(pilot, "s", "G", "enter")
        assert app.focused is app.reader.article_view
        assert _shown_id(app) != starred.id
        await press(pilot, "2")
        assert _shown_id(app) == starred.id


async def test_while_the_new_view_loads_the_last_views_article_does_not_stay(
    library_path, monkeypatch
) -> None:
    """The open article is not in the new view, whose later pages are still being read
    (seconds at 100,000 articles): the cursor used to wait at the top for it, its
    article open beside rows that do not hold it, until the last page was in. Starred
    is a view of triage state: the library says at once that it does not list it."""
    import threading

    from tui.app import library_calls
    from tui.app.screens import reader
    from tui.search import views

    monkeypatch.setattr(views, "FIRST_PAGE", 1)  # a page a row: more pages to come
    monkeypatch.setattr(reader, "FOLLOW_DELAY", 0)
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _in_all(pilot)
        await press(pilot, "s", "j", "s", "G")  # two starred; the last one open, not starred
        open_before = _shown_id(app)
        starred = {row.id for row in lst.rows[:2]}
        assert open_before not in starred
        released = threading.Event()
        pages_read = library_calls.next_view_page

        def slow_after_first(library, pages):
            if pages.count:  # the first page comes, the next waits
                released.wait(10)
            return pages_read(library, pages)

        monkeypatch.setattr(reader, "next_view_page", slow_after_first)
        await pilot.press("2")
        reading = app.reader
        for _ in range(200):  # until the first page is shown and its article asked for
            if lst.rows and reading.current_id != open_before:
                break
            await pilot.pause()
        try:
            # (The library thread is held by the page being read: the article is being
            # loaded, the top row's, not waited on.)
            assert not lst.complete  # the second page is still being read
            assert lst.wanted is None and lst.current is not None
            assert reading.current_id == lst.current.id in starred
        finally:
            released.set()
        await settle(pilot)
        assert _shown_id(app) == lst.current.id in starred

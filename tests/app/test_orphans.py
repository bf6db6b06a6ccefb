"""An orphaned highlight (its text left the article on re-import) shows in the app, and
``has:orphan`` finds the articles that have one."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import FILES
from tests.app.helpers import make_app, screen_text, settle


def _orphan_one(library_path: Path) -> str:
    """Highlight the museum's visitor count, then re-import a beta.txt without it."""
    from tui.store import Library

    folder = library_path.parent / "dumps"
    with Library.open(library_path) as library:
        (row,) = [r for r in library.list_rows() if r.title.startswith("Museum")]
        article = library.get_article(row.id)
        paragraph = next(p for p in article.paragraphs if "visitors" in p.text)
        library.add_highlight(row.id, paragraph.span)
        text = FILES["beta.txt"].replace(paragraph.text, "The doors opened at nine.")
        (folder / "beta.txt").write_text(text, encoding="utf-8")
        report = library.import_paths([str(folder / "beta.txt")])
        assert report.orphaned == 1
        (row,) = [r for r in library.list_rows() if r.title.startswith("Museum")]
        return row.id


def test_has_orphan_finds_the_article(library_path):
    from tui.search import run_query
    from tui.store import Library

    article_id = _orphan_one(library_path)
    with Library.open(library_path) as library:
        assert [hit.article_id for hit in run_query(library, "has:orphan")] == [article_id]
        assert article_id not in {hit.article_id for hit in run_query(library, "!has:orphan")}


async def test_the_article_pane_marks_an_orphaned_highlight(library_path):
    article_id = _orphan_one(library_path)
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        lst.cursor = lst.index_of(article_id)
        await settle(pilot)
        shown = screen_text(app)
        assert "orphaned highlight" in shown
        assert "“More than" in shown and "four thousand visitors came" in shown

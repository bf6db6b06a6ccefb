"""Make the README's screenshot (docs/newsdesk.svg and docs/newsdesk.png).

The sample library (``newsdesk --sample``) at 160x42, side by side as the README shows
it: the list focused, a starred article, the museum article open with its first
paragraph highlighted and its quotes listed. Run from the project's root::

    python docs/screenshot.py          # needs rsvg-convert for the PNG

The app runs headless (Textual's ``run_test``); nothing of the user's is touched.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SIZE = (160, 42)
DOCS = Path(__file__).resolve().parent
# This tree's tui, not an installed one.
sys.path.insert(0, str(DOCS.parent))


def _library(path: Path) -> str:
    """The sample library at ``path``; the museum article's id."""
    from tui.samples import sample_paths
    from tui.store import Library

    with Library.open(path) as library:
        library.import_paths(sample_paths())
        rows = library.list_rows(order="date")
        files = [(Path(row.source).name, row) for row in rows]
        flood = next(row for name, row in files if name.startswith("005_river"))
        library.star(flood.id)
        museum = next(row for name, row in files if name == "006_museum_wikinews.txt")
        article = library.get_article(museum.id)
        library.add_highlight(museum.id, article.paragraphs[0].span)
        return museum.id


async def _shoot(path: Path, museum: str) -> str:
    from tui.app.app import NewsdeskApp
    from tui.config.model import default_config

    app = NewsdeskApp(default_config(), library_path=path)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        lst = app.reader.article_list
        lst.focus()
        lst.cursor = next(i for i, row in enumerate(lst.rows) if row.id == museum)
        await pilot.press("enter")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        lst.focus()  # back to the list, the article and its quotes beside it
        for _ in range(2):
            await pilot.pause()
        return app.export_screenshot(title="Newsdesk")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.db"
        museum = _library(path)
        svg = asyncio.run(_shoot(path, museum))
    (DOCS / "newsdesk.svg").write_text(svg, encoding="utf-8")
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print("rsvg-convert not found: docs/newsdesk.svg written, no PNG", file=sys.stderr)
        return 1
    subprocess.run(
        [converter, "-o", str(DOCS / "newsdesk.png"), str(DOCS / "newsdesk.svg")], check=True
    )
    print("docs/newsdesk.svg and docs/newsdesk.png written")
    return 0


if __name__ == "__main__":
    sys.exit(main())

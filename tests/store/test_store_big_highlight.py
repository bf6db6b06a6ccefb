"""A highlight of a huge paragraph: a bounded anchor in the table, the undo log and the
export, still re-found whole after the file changes."""

from __future__ import annotations

from pathlib import Path

from tui.model import Span
from tui.store import Library
from tui.store.anchoring import ANCHOR_EDGE, ELLIPSIS
from tui.store.export import article_markdown, items

from .conftest import write_story

#: One paragraph of about 1 MB (a 50 MB one behaves the same, only slower to build).
BIG = "".join(
    f"Clause {i} of the endless statement from the harbour board. " for i in range(16_000)
).strip()


def _big_story(path: Path, body: str, first: str = "Harbour board statement.") -> Path:
    return write_story(path, [first, body, "The board meets again on Friday."])


def _imported(library: Library, path: Path) -> tuple[str, Span]:
    """The id of the one article imported from ``path``, and its longest paragraph."""
    library.import_paths([str(path)])
    (row,) = library.list_rows()
    article = library.get_article(row.id)
    assert article is not None
    return row.id, max(article.paragraphs, key=lambda p: len(p.span)).span


def test_a_huge_paragraph_highlight_is_bounded_and_re_found_after_an_edit(
    library: Library, tmp_path: Path
) -> None:
    path = _big_story(tmp_path / "board.txt", BIG)
    article_id, paragraph = _imported(library, path)
    assert len(paragraph) == len(BIG)
    highlight = library.add_highlight(article_id, paragraph, note="all of it")

    stored = library.annotation(highlight.id)
    assert stored is not None and stored.span == paragraph
    assert stored.anchor_text == BIG[:ANCHOR_EDGE] + ELLIPSIS + BIG[-ANCHOR_EDGE:]
    (item,) = items(library, [article_id])
    markdown = article_markdown(item)
    assert BIG[:ANCHOR_EDGE].strip() in markdown and len(markdown) < 10 * ANCHOR_EDGE

    middle = len(BIG) // 2
    edited = BIG[:middle] + "A sentence added in the middle. " + BIG[middle:]
    _big_story(path, edited, first="Harbour board statement, updated.")
    report = library.import_paths([str(path)])
    assert report.orphaned == 0
    (new_row,) = library.list_rows()
    moved = library.annotation(highlight.id)
    text = library.article_text(new_row.id)
    assert moved is not None and text is not None and not moved.orphaned
    assert moved.article_id == new_row.id and moved.note == "all of it"
    assert moved.span is not None and moved.span.of(text) == edited


def test_a_huge_paragraph_highlight_whose_end_is_gone_is_orphaned(
    library: Library, tmp_path: Path
) -> None:
    path = _big_story(tmp_path / "board.txt", BIG)
    article_id, paragraph = _imported(library, path)
    highlight = library.add_highlight(article_id, paragraph)
    _big_story(path, BIG[: -ANCHOR_EDGE - 100] + "Cut short here.")
    report = library.import_paths([str(path)])
    assert report.orphaned == 1
    orphan = library.annotation(highlight.id)
    assert orphan is not None and orphan.orphaned
    assert orphan.anchor_text.startswith(BIG[:ANCHOR_EDGE])

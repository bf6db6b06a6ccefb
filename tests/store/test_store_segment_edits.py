"""Joins and splits the user makes: kept in the library, undoable, surviving re-parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.glued_stories import HARBOUR, ORCHESTRA
from tui.ingest.dump import read_dump
from tui.ingest.edits import SegmentEdit, apply_edits
from tui.store import Library
from tui.store.errors import LibraryError


def _titles(library: Library) -> list[str]:
    return sorted(row.title[:20] for row in library.list_rows())


@pytest.fixture
def glued(tmp_path: Path) -> Path:
    path = tmp_path / "glued.txt"
    path.write_text("\n".join([*HARBOUR, *ORCHESTRA]) + "\n", encoding="utf-8")
    return path


def _harbour_id(library: Library) -> str:
    return next(r.id for r in library.list_rows() if r.title.startswith("The harbour"))


def test_join_then_undo_then_redo(library: Library, glued: Path) -> None:
    library.import_paths([str(glued)])
    assert len(library.list_rows()) == 2
    joined = library.join_next(_harbour_id(library))
    assert joined is not None
    article = library.get_article(joined)
    assert article is not None and len(article.paragraphs) == 6
    assert _titles(library) == [HARBOUR[0][:20]]
    assert library.undo() == "join"
    assert len(library.list_rows()) == 2
    assert library.redo() == "join"
    assert len(library.list_rows()) == 1


def test_a_split_survives_reimport_and_a_new_parser(library: Library, glued: Path) -> None:
    library.import_paths([str(glued)])
    harbour = library.get_article(_harbour_id(library))
    assert harbour is not None
    new_id = library.split_at(harbour.id, harbour.paragraphs[2].span.start)
    article = library.get_article(new_id or "")
    assert article is not None and article.paragraphs[0].text == HARBOUR[2]
    assert article.title_inferred and article.confidence == 1.0
    assert len(library.list_rows()) == 3
    glued.write_text(glued.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed
    library.import_paths([str(glued)])
    assert len(library.list_rows()) == 3
    library.connection.execute("UPDATE documents SET parser_version = 0")  # an older parser
    library.reparse_stale()
    assert len(library.list_rows()) == 3
    assert library.undo() == "split"
    assert len(library.list_rows()) == 2


def _orchestra_id(library: Library) -> str:
    return next(r.id for r in library.list_rows() if not r.title.startswith("The harbour"))


def test_a_join_keeps_the_second_articles_highlight_and_note(library: Library, glued: Path) -> None:
    library.import_paths([str(glued)])
    second = library.get_article(_orchestra_id(library))
    assert second is not None
    marked = second.paragraphs[1].span
    library.add_highlight(second.id, marked, note="check the figures")
    library.add_note(second.id, "follow up with the orchestra")
    joined = library.join_next(_harbour_id(library))
    assert joined is not None
    kept = library.annotations(joined)
    assert sorted(a.kind for a in kept) == ["highlight", "note"]
    assert not any(a.orphaned for a in kept) and library.orphans() == []
    (highlight,) = [a for a in kept if a.kind == "highlight"]
    article = library.get_article(joined)
    assert article is not None
    assert [p.text for p in article.paragraphs if p.span == highlight.span] == [
        second.paragraphs[1].text
    ]


def test_a_split_gives_a_highlight_to_the_half_that_holds_it(library: Library, glued: Path) -> None:
    library.import_paths([str(glued)])
    harbour = library.get_article(_harbour_id(library))
    assert harbour is not None
    library.add_highlight(harbour.id, harbour.paragraphs[2].span)
    new_id = library.split_at(harbour.id, harbour.paragraphs[2].span.start)
    assert new_id is not None
    (moved,) = library.annotations(new_id)
    assert moved.kind == "highlight" and not moved.orphaned
    assert library.orphans() == []


def test_joining_the_last_article_or_splitting_at_its_first_paragraph_is_refused(
    library: Library, glued: Path
) -> None:
    library.import_paths([str(glued)])
    last = next(r.id for r in library.list_rows() if r.title.startswith("Yesterday"))
    with pytest.raises(LibraryError, match="last article"):
        library.join_next(last)
    harbour = library.get_article(_harbour_id(library))
    assert harbour is not None
    with pytest.raises(LibraryError, match="paragraph after the first"):
        library.split_at(harbour.id, harbour.paragraphs[0].span.start)
    assert len(library.list_rows()) == 2


def test_apply_edits_ignores_an_edit_that_no_longer_fits() -> None:
    text = "\n".join([*HARBOUR, *ORCHESTRA]) + "\n"
    articles = read_dump(text, "glued.txt")
    assert apply_edits(articles, [SegmentEdit("join", 5), SegmentEdit("split", 7)], text) == (
        articles
    )
    [joined] = apply_edits(articles, [SegmentEdit("join", articles[1].span.start)], text)
    assert joined.span.of(text).startswith(HARBOUR[0]) and joined.span.end == articles[1].span.end

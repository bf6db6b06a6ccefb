"""A giant article (a file that is one line of megabytes; issue 17: the 20 MB line in
200 MB) is indexed as one tantivy document a window, and searched as one article: found
by a word anywhere, by words in different parts, left out by a word excluded anywhere;
one hit, whose context is the text at its span in the part that holds the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.extract.windows import WINDOW
from tui.search import engine, run_query
from tui.search.follow import indexing
from tui.search.index import SearchIndex
from tui.store import Library

_FILLER = (
    "The harbour board met again on Tuesday and the ferry timetable was read out in full. "
    "Mr Olafsen told the board that repairs would take weeks, and the pier stayed shut. "
)
#: Words of the giant line, each once, far apart: the first at its start, the middle
#: one about half way, the last in its final sentence.
FIRST, MIDDLE, LAST = "quaysidewort", "brackenfold", "zanzibarite"


def _giant(path: Path, megabytes: float) -> str:
    """A one-line file of ``megabytes`` (several analysis windows), and its text."""
    repeats = int(megabytes * 1e6 / len(_FILLER))
    half = repeats // 2
    text = (
        f"{FIRST} opens the harbour report. "
        + _FILLER * half
        + f"The {MIDDLE} inquiry began. "
        + _FILLER * (repeats - half)
        + f"The pier closed for {LAST} repairs.\n"
    )
    path.write_text(text, encoding="utf-8")
    return text


@pytest.fixture(scope="module")
def giant(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, str]:
    folder = tmp_path_factory.mktemp("giant")
    text = _giant(folder / "giant.txt", 1.2)
    (folder / "small.txt").write_text(
        "Harbour board names a new chair\n\nThe harbour board named Ines Soranmi its chair "
        f"on Monday. The ferry will run again, she said, and {MIDDLE} was not discussed.\n",
        encoding="utf-8",
    )
    library = Library.open(folder / "lib.db")
    with indexing(library):
        report = library.import_paths(
            [str(folder / "giant.txt"), str(folder / "small.txt")], jobs=2
        )  # parsed by workers: the writer makes the giant one's documents
    assert report.added == 2 and not report.errors
    return library, text


def test_the_giant_article_is_indexed_in_parts_and_counted_once(
    giant: tuple[Library, str],
) -> None:
    library, text = giant
    index = SearchIndex(library.connection)
    searcher = index.index.searcher()
    split = searcher.search(
        engine.tantivy.Query.term_query(engine.SCHEMA, "split", engine.SPLIT), 1000, count=True
    )
    assert split.count >= len(text) // WINDOW  # one document a window
    assert index.count() == 2
    assert len(index.indexed_ids()) == 2


@pytest.mark.parametrize("word", [FIRST, MIDDLE, LAST, f"title:{FIRST}"])
def test_a_word_anywhere_finds_it_once_with_its_context(
    giant: tuple[Library, str], word: str
) -> None:
    library, text = giant
    (giant_id,) = [h.article_id for h in run_query(library, LAST)]
    hits = run_query(library, word)
    ids = [h.article_id for h in hits]
    assert giant_id in ids and len(ids) == len(set(ids))  # one hit, however many parts match
    hit = hits[ids.index(giant_id)]
    if word.startswith("title:"):  # a title inferred from the first sentence: no span
        assert hit.target == "title" and FIRST in hit.context
        return
    assert hit.context_span is not None
    assert text[hit.context_span.start : hit.context_span.end] == hit.context
    shown = {text[s.start : s.end].lower() for s in hit.highlights}
    assert word in shown


def test_words_in_different_parts_find_it_and_an_excluded_word_anywhere_leaves_it_out(
    giant: tuple[Library, str],
) -> None:
    library, text = giant
    giant_id = next(h.article_id for h in run_query(library, LAST))
    both = run_query(library, f"{FIRST} {LAST}")  # the first part and the last
    assert [h.article_id for h in both] == [giant_id]
    hit = both[0]
    assert hit.context_span is not None
    assert text[hit.context_span.start : hit.context_span.end] == hit.context
    assert giant_id not in {h.article_id for h in run_query(library, f"{MIDDLE} !{LAST}")}
    assert giant_id in {h.article_id for h in run_query(library, f"{MIDDLE} !soranmi")}
    assert [h.article_id for h in run_query(library, f'"pier closed" {FIRST}')] == [giant_id]
    assert [h.article_id for h in run_query(library, f"title:{FIRST} {MIDDLE}")] == [giant_id]

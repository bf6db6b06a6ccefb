"""A big dump split at article boundaries across workers stores what one process does."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

import tui.store.parallel as parallel
import tui.store.split as split
from tui.extract.pipeline import parse_document, without_reported
from tui.ingest.files import load_document
from tui.model import Article
from tui.search.follow import indexing
from tui.search.index import SearchIndex, index_path, prepared_document
from tui.store import Library
from tui.store.codec import PreparedArticle, decode_article
from tui.store.reported import encode as encode_reported

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"


def _generated(path: Path, articles: int, seed: int) -> Path:
    """A dump from benchmarks/generate.py: titled stories, datelines, briefs, furniture."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--articles", str(articles), "--seed", str(seed), "--out", str(path)]) == 0
    return path


def _dumps(tmp_path: Path) -> list[Path]:
    glued = tmp_path / "glued.txt"  # stories with no title lines: cohesion splits them
    glued.write_text(
        "\n".join(
            (FIXTURES / name).read_text(encoding="utf-8")
            for name in ("wire_dump.txt", "block_dump.txt", "wire_dump.txt")
        ),
        encoding="utf-8",
    )
    return [_generated(tmp_path / "gen.txt", 120, 5), glued, *sorted(FIXTURES.glob("*.txt"))]


@pytest.mark.parametrize("part_chars", [1, 2000])
def test_parts_read_apart_are_the_articles_of_the_whole(tmp_path: Path, part_chars: int) -> None:
    """Every article, its id, spans (paragraphs, quotes, entities, reported speech) and
    index document, read part by part with each part's text alone, equals the reading
    of the whole."""
    for n, path in enumerate(_dumps(tmp_path)):
        text = load_document(str(path)).text
        whole = []
        for article in parse_document(text, "x", reported=True):
            article, found = without_reported(article)
            made = prepared_document(article, text, reported=found)
            whole.append(PreparedArticle.of(article, made, reported=encode_reported(found)))
        parts = list(split.plan_parts(text, part_chars))
        assert len(parts) > 1 or n > 1, path.name  # the fixtures may be one story
        read = [a for part in parts for a in split.read_part(part.alone(), "x", prepared_document)]
        assert all(part.text is text for part in parts)  # planned here: nothing copied
        assert [a[:9] for a in read] == [a[:9] for a in whole], path.name
        assert [decode_article(a.body) for a in read] == [decode_article(a.body) for a in whole]
        assert [a.extra for a in read] == [a.extra for a in whole]
        assert [a.reported for a in read] == [a.reported for a in whole]
        assert any(a.reported for a in whole), path.name  # reported speech was found


def _library_of(db: Path) -> tuple[list[tuple[object, ...]], list[object], int]:
    with Library.open(db) as lib:
        rows = lib.connection.execute(
            "SELECT id, position, title, source, date, kind, flags, n_quotes FROM articles"
            " ORDER BY position"
        ).fetchall()
        articles = lib.get_articles([r[0] for r in rows])
        documents = lib.connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    return rows, articles, documents


def test_a_big_file_split_across_two_workers_imports_as_with_one_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = _generated(tmp_path / "big.txt", 300, 9)
    monkeypatch.setattr(split, "PART_CHARS", 4000)  # parts of a few articles each
    parts: list[split.Part] = []
    real = split.plan_parts

    def plan(text: str, *args: int) -> object:
        for part in real(text, *args):
            parts.append(part)
            yield part

    monkeypatch.setattr(split, "plan_parts", plan)
    # whole: one process, the file in one piece; then in parts, here and by two workers
    for name, jobs, split_bytes in (("whole", 1, 1 << 40), ("one", 1, 8000), ("two", 2, 8000)):
        monkeypatch.setattr(split, "SPLIT_BYTES", split_bytes)
        with Library.open(tmp_path / f"{name}.db") as lib, indexing(lib):
            report = lib.import_paths([str(big)], jobs=jobs)
            assert report.files == 1 and not report.errors
        if name == "whole":
            assert not parts
    whole = _library_of(tmp_path / "whole.db")
    assert len(whole[0]) > 300
    assert _library_of(tmp_path / "one.db") == whole
    assert _library_of(tmp_path / "two.db") == whole
    for name in ("whole", "one", "two"):
        assert SearchIndex(index_path(tmp_path / f"{name}.db")).count() == len(whole[0])
    assert len(parts) > 40  # planned here, read in parts: here, then by the workers

    # Imported again unchanged: skipped before it is planned.
    with Library.open(tmp_path / "two.db") as lib:
        again = lib.import_paths([str(big)], jobs=2)
    assert (again.unchanged_files, again.added) == (1, 0)


def test_only_big_dumps_are_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(split, "SPLIT_BYTES", 10)
    planned: list[str] = []
    real = split.plan_parts
    monkeypatch.setattr(split, "plan_parts", lambda text, *a: planned.append(text) or real(text))
    table = tmp_path / "t.csv"
    table.write_text("title,text\nFerry,The ferry sailed at noon.\n", encoding="utf-8")
    dump = _generated(tmp_path / "d.txt", 20, 3)
    with Library.open(tmp_path / "lib.db") as lib:
        report = lib.import_paths([str(table), str(dump)], jobs=2)
        assert report.files == 2 and report.added > 20 and not report.errors
    assert len(planned) == 1  # the dump, not the table
    assert parallel.default_jobs() >= 1


#: (characters of text, offset) of each part read by :func:`_reading` in this process
#: (a worker appends to its own copy).
_READ_HERE: list[tuple[int, int]] = []
_read_part = split.read_part


def _reading(part: split.Part, *args: Any) -> list[PreparedArticle]:
    """``read_part``, noting the parts read here (a module function: workers unpickle it)."""
    _READ_HERE.append((len(part.text), part.offset))
    return _read_part(part, *args)


def test_a_file_of_one_part_is_read_here_from_its_own_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big file that is one article (a 20 MB line) plans as one part: no worker could
    share it, so the importing process reads it from the file's text itself instead of
    sending a copy to a worker (two copies of megabytes, in two processes)."""
    line = tmp_path / "line.txt"
    line.write_text(
        "Harbour officials said on Monday that the ferry would run. " * 400 + "\n",
        encoding="utf-8",
    )
    dump = _generated(tmp_path / "d.txt", 40, 4)
    monkeypatch.setattr(split, "SPLIT_BYTES", 1000)
    monkeypatch.setattr(split, "PART_CHARS", 4000)
    here = _READ_HERE
    here.clear()
    monkeypatch.setattr(split, "read_part", _reading)
    with Library.open(tmp_path / "lib.db") as lib:
        report = lib.import_paths([str(line)], jobs=2)
        assert report.files == 1 and report.added == 1 and not report.errors
        # here, the text whole (without its final blanks: see the test below)
        assert here == [(len(line.read_text(encoding="utf-8").rstrip()), 0)]
        here.clear()
        report = lib.import_paths([str(dump)], jobs=2)  # many parts: the workers read them
        assert report.added > 40 and not report.errors
    assert here == []


def test_a_one_line_file_is_parsed_without_a_second_copy_of_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that is one line (a 20 MB line in small): its article's paragraph is the
    text the parse reads, not a copy of it (the line without its break was copied, a
    second 40 MB held through the article's analysis, storing and indexing); the stored
    text keeps the break, and every span still holds."""
    line = tmp_path / "line.txt"
    body = "Harbour officials said on Monday that the ferry would run. " * 400
    line.write_text(body + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "SPLIT_BYTES", 1000)
    same: list[bool] = []
    parts: list[str] = []
    read, read_part = split.read_pieces, split.read_part

    def reading_part(part: split.Part, *args: Any) -> list[PreparedArticle]:
        parts.append(part.text)
        return read_part(part, *args)

    def reading(units: Any, *args: Any) -> list[Article]:
        articles = read(units, *args)
        same.extend(p.text is parts[-1] for a in articles for p in a.paragraphs)
        return articles

    monkeypatch.setattr(split, "read_part", reading_part)
    monkeypatch.setattr(split, "read_pieces", reading)
    with Library.open(tmp_path / "lib.db") as lib:
        report = lib.import_paths([str(line)], jobs=1)
        assert report.added == 1 and not report.errors
        assert same == [True]
        (article_id,) = lib.article_ids()
    with Library.open(tmp_path / "lib.db") as lib:  # what it stored, not what it held
        article = lib.get_article(article_id)
        (key,) = lib.connection.execute("SELECT key FROM documents").fetchone()
        text = lib.document_text(key)
    assert article is not None and text == body + "\n"
    paragraph = article.paragraphs[0]
    assert text[paragraph.span.start : paragraph.span.end] == paragraph.text


def test_a_word_at_the_end_of_a_long_line_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that is one line of many windows (a 20 MB line in small): its last word is
    in the search index, and its first; a guard for any work on what such an article's
    index document holds (issue 17: its memory)."""
    import tui.extract.windows as windows
    from tui.search import run_query

    monkeypatch.setattr(windows, "WINDOW", 2000)  # the article is analysed in windows
    monkeypatch.setattr(split, "SPLIT_BYTES", 1000)  # read a part at a time
    monkeypatch.setattr(split, "PART_CHARS", 4000)
    line = tmp_path / "line.txt"
    sentence = 'Harbour officials said on Monday that "the ferry would run," Ines Soranmi said. '
    line.write_text(
        "Quayside opens " + sentence * 300 + "the pier closed for zanzibarite repairs.\n",
        encoding="utf-8",
    )
    with Library.open(tmp_path / "lib.db") as lib:
        with indexing(lib):
            report = lib.import_paths([str(line)], jobs=1)
        assert report.added == 1 and not report.errors
        for word in ("zanzibarite", "quayside"):
            hits = run_query(lib, word)
            assert len(hits) == 1, word


def test_a_big_file_s_text_reads_back_as_stored_after_its_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of megabytes is parsed from its text without its final blanks; what the
    library gives back as the document's text, in the session that imported it too,
    is the text stored, final line break and all (a text of megabytes is not kept
    in memory after its import: 40 MB held through the index's commit)."""
    line = tmp_path / "line.txt"
    body = "Harbour officials said on Monday that the ferry would run. " * 18_000
    line.write_text(body + " \n", encoding="utf-8")  # a million characters
    monkeypatch.setattr(split, "SPLIT_BYTES", 1000)  # parsed as a big file is
    with Library.open(tmp_path / "lib.db") as lib:
        report = lib.import_paths([str(line)], jobs=1)
        assert report.added == 1 and not report.errors
        (key,) = lib.connection.execute("SELECT key FROM documents").fetchone()
        assert lib.document_text(key) == body + " \n"

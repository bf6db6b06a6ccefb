"""Reported speech is found once, where an import parses, and kept by the library
(tui.store.reported): the index, a rebuild of it, the reader and export read it back
instead of finding it again; an older library finds it on demand and keeps it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import tui.extract.pipeline as pipeline
import tui.extract.quotes as quotes_module
import tui.extract.windows as windows
from tests.search.test_search_store import write
from tests.search.test_streamed_document import LINE
from tui.app.library_calls import load_article
from tui.extract.pipeline import parse_document, with_reported, without_reported
from tui.extract.version import PARSER_VERSION, REPORTED_VERSION
from tui.model import Article, QuoteKind
from tui.search import engine, run_query
from tui.search.follow import indexing
from tui.search.index import index_path, prepared_document
from tui.search.library_state import index_for
from tui.search.streamed import StreamedDocument
from tui.store import Library
from tui.store import reported as reported_store
from tui.store.export import items, write_markdown

STORIES = [
    [
        f"Harbour board {n} approves night ferries for the northern route.",
        f"“We will run the boats all night,” said Anna Berg, head of ferry line {n}.",
        f"The mayor said that the crossings would begin in spring {2000 + n}.",
        "Officials told reporters that the ferries were safe.",
    ]
    for n in range(4)
]


def _no_finding(monkeypatch: pytest.MonkeyPatch, *, parse: bool = False) -> list[str]:
    """Make every way of finding reported speech fail loudly (``parse``: but the
    parse's own, in an import)."""
    calls: list[str] = []

    def refuse(name: str) -> Any:
        def finder(*args: object, **kwargs: object) -> None:
            calls.append(name)
            raise AssertionError(f"reported speech found again: {name}")

        return finder

    names = ["with_reported", "reported_windows"]
    if not parse:
        names += ["find_reported", "find_article_reported"]
        monkeypatch.setattr(quotes_module, "find_reported", refuse("quotes.find_reported"))
    for name in names:
        monkeypatch.setattr(pipeline, name, refuse(name))
    return calls


def _import(tmp_path: Path, *, index: bool = True, jobs: int = 1) -> Path:
    db = tmp_path / "lib.db"
    files = [str(write(tmp_path / f"{n}.txt", lines)) for n, lines in enumerate(STORIES)]
    with Library.open(db) as library:
        if index:
            with indexing(library):
                library.import_paths(files, jobs=jobs)
        else:
            library.import_paths(files, jobs=jobs)
    return db


def _fresh(library: Library, article_id: str) -> Article:
    """The article with its reported speech found now, as before it was kept."""
    article = library.get_article(article_id)
    assert article is not None
    text = library.article_text(article_id)
    assert text is not None
    return with_reported(article, text)


def _indirect(article: Article | None) -> list[tuple[int, int, str, str | None]]:
    assert article is not None
    return [
        (q.span.start, q.span.end, q.text, q.speaker)
        for q in article.quotes
        if q.kind is QuoteKind.INDIRECT
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_import_keeps_each_articles_reported_speech(tmp_path: Path, jobs: int) -> None:
    """Every article has its reported speech kept; read back it is what finding it now
    gives, quote for quote, its spans the text's; the stored article holds none."""
    db = _import(tmp_path, index=False, jobs=jobs)
    with Library.open(db) as library:
        ids = library.article_ids()
        assert len(ids) == len(STORIES)
        kept = library.kept_reported([library.get_article(i) for i in ids])  # type: ignore[misc]
        assert set(kept) == set(ids)
        expected = {i: _fresh(library, i) for i in ids}
    with Library.open(db) as library:
        for article_id in ids:
            stored = library.get_article(article_id)
            assert stored is not None and not _indirect(stored)  # the body: as before
            shown = library.get_article(article_id, reported=True)
            assert shown == expected[article_id]
            assert _indirect(shown), article_id  # "The mayor said that ..."
            text = library.article_text(article_id)
            assert text is not None
            for start, end, quote, _speaker in _indirect(shown):
                assert text[start:end] == quote


def test_the_reader_and_export_show_kept_reported_speech_without_finding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _import(tmp_path)
    with Library.open(db) as library:
        ids = library.article_ids()
        expected = {i: _indirect(_fresh(library, i)) for i in ids}
    calls = _no_finding(monkeypatch)
    with Library.open(db) as library:
        for article_id in ids:
            article, _annotations = load_article(library, article_id)
            assert _indirect(article) == expected[article_id]
        shown = library.get_articles(ids, reported=True)
        assert [_indirect(a) for a in shown] == [expected[i] for i in ids]
        out = io.StringIO()
        write_markdown(out, items(library, ids))
        markdown = out.getvalue()
    assert "the crossings would begin in spring 2000" in markdown
    assert calls == []


def test_an_import_indexes_without_finding_reported_speech_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse finds it and the index's documents take it from there: ``quote:`` and
    ``speaker:`` find reported speech."""
    calls = _no_finding(monkeypatch, parse=True)
    db = _import(tmp_path, jobs=1)
    assert calls == []
    with Library.open(db) as library:
        assert len(run_query(library, "quote:crossings")) == len(STORIES)
        assert len(run_query(library, "speaker:mayor")) == len(STORIES)


def test_a_rebuild_reads_the_kept_reported_speech(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _import(tmp_path)
    with Library.open(db) as library:
        before = [(h.article_id, h.context) for h in run_query(library, "quote:crossings")]
    assert len(before) == len(STORIES)
    calls = _no_finding(monkeypatch)
    engine.remove_index(index_path(db))
    with Library.open(db) as library:
        index_for(library)
        after = [(h.article_id, h.context) for h in run_query(library, "quote:crossings")]
    assert calls == []
    assert sorted(after) == sorted(before)


def _forget_all(db: Path, *, older: bool) -> None:
    """Make ``db`` a library from before reported speech was kept (no table), or one
    kept by an older extractor (a table of another version)."""
    with Library.open(db) as library, library.write() as conn:
        conn.execute(f"DROP TABLE {reported_store.TABLE}")
        if older:
            old = f"reported_speech_v{PARSER_VERSION}_{REPORTED_VERSION - 1}"
            conn.execute(
                f"CREATE TABLE {old}(rowid INTEGER PRIMARY KEY, article_id TEXT NOT NULL,"
                " start INTEGER NOT NULL, quotes BLOB NOT NULL)"
            )
            # what it kept is wrong by today's extractor: it must never be shown
            conn.execute(
                f"INSERT INTO {old} SELECT rowid, id, 0, x'' FROM articles",
            )


def _kept(library: Library, ids: list[str]) -> set[str]:
    return set(library.kept_reported(library.get_articles(ids)))


def _tables(library: Library) -> set[str]:
    return {
        r[0]
        for r in library.connection.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'reported_speech_v%'"
        )
    }


@pytest.mark.parametrize("older", [False, True])
def test_an_older_library_finds_it_on_demand_and_keeps_it(tmp_path: Path, older: bool) -> None:
    """Shown as found now (never missing, never as an older extractor kept it), and
    kept once found, so it is not found again."""
    db = _import(tmp_path)
    with Library.open(db) as library:
        ids = library.article_ids()
        expected = {i: library.get_article(i, reported=True) for i in ids}
    _forget_all(db, older=older)
    with Library.open(db) as library:
        assert _kept(library, ids) == set()
        assert library.get_article(ids[0], reported=True) == expected[ids[0]]
        assert _kept(library, ids) == {ids[0]}
        assert library.get_articles(ids, reported=True) == [expected[i] for i in ids]
        assert _kept(library, ids) == set(ids)
    with Library.open(db, readonly=True) as library:
        assert {i: library.get_article(i, reported=True) for i in ids} == expected


@pytest.mark.parametrize("older", [False, True])
def test_an_older_librarys_index_rebuild_keeps_it(tmp_path: Path, older: bool) -> None:
    """The upgrade path: an index rebuilt from an older library (its index of another
    version, or lost) finds the reported speech the library lacks and keeps it; the
    next import drops an older extractor's table."""
    db = _import(tmp_path)
    with Library.open(db) as library:
        ids = library.article_ids()
        expected = {i: library.get_article(i, reported=True) for i in ids}
    _forget_all(db, older=older)
    engine.remove_index(index_path(db))
    with Library.open(db) as library:
        index_for(library)
        assert len(run_query(library, "quote:crossings")) == len(STORIES)
        assert _kept(library, ids) == set(ids)
    with Library.open(db) as library:
        assert {i: library.get_article(i, reported=True) for i in ids} == expected
        extra = write(
            tmp_path / "extra.txt", ["Ferry news.", "The captain said that all was well."]
        )
        library.import_paths([str(extra)], jobs=1)
        assert _tables(library) == {reported_store.TABLE}


def test_a_kept_row_for_another_place_reads_as_missing(tmp_path: Path) -> None:
    """A row that does not match the article's start (an older program moved the
    article, or gave its rowid to another) is not read as the article's."""
    db = _import(tmp_path, index=False)
    with Library.open(db) as library:
        ids = library.article_ids()
        expected = library.get_article(ids[0], reported=True)
        with library.write() as conn:
            conn.execute(f"UPDATE {reported_store.TABLE} SET start = start + 1")
        assert library.kept_reported(library.get_articles(ids)) == {}
        assert library.get_article(ids[0], reported=True) == expected


def test_a_reimport_keeps_no_reported_speech_of_gone_articles(tmp_path: Path) -> None:
    db = _import(tmp_path, index=False)
    first = tmp_path / "0.txt"
    write(first, ["Harbour news in brief.", "Nothing was said at all today."])
    with Library.open(db) as library:
        library.import_paths([str(first)], jobs=1)
        rows = library.connection.execute(
            f"SELECT count(*) FROM {reported_store.TABLE} AS r"
            " JOIN articles AS a ON a.rowid = r.rowid AND a.id = r.article_id"
        ).fetchone()[0]
        total = library.connection.execute(
            f"SELECT count(*) FROM {reported_store.TABLE}"
        ).fetchone()[0]
        assert rows == total == library.count()


def test_a_big_articles_kept_reported_speech_makes_the_same_documents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A megabyte article's documents, a window at a time: with its reported speech
    read from the stored form as they go, the same as found window by window."""
    monkeypatch.setattr(windows, "WINDOW", 2000)
    text = LINE + "\n"
    (article,) = parse_document(text, "line.txt", reported=True)
    article, found = without_reported(article)
    assert len(found) > 5
    encoder = reported_store.Encoder()
    for _part, window in pipeline.reported_windows(article, text):
        encoder.add(window)
    blob = encoder.blob()
    assert reported_store.decode(blob, text) == found
    searching = prepared_document(article, text)
    kept = prepared_document(article, text, reported=blob)
    assert isinstance(searching, StreamedDocument) and isinstance(kept, StreamedDocument)
    expected = list(searching.parts())
    _no_finding(monkeypatch)
    assert list(kept.parts()) == expected


def test_the_stored_form_round_trips_and_is_small() -> None:
    text = "\n".join(" ".join(lines) for lines in STORIES) + "\n"
    found = [
        q
        for article in parse_document(text, "x", reported=True)
        for q in article.quotes
        if q.kind is QuoteKind.INDIRECT
    ]
    assert found
    blob = reported_store.encode(found)
    assert reported_store.decode(blob, text) == tuple(found)
    assert len(blob) < sum(len(q.text) for q in found)  # the texts are not stored
    moved = "Intro.\n" + text  # read with a shift: all at once as one at a time
    shifted = reported_store.decode(blob, moved, len("Intro.\n"))
    assert shifted == tuple(reported_store.iter_quotes(blob, moved, len("Intro.\n")))
    assert [q.span.of(moved) for q in shifted] == [q.text for q in found]
    assert reported_store.encode(()) == b""
    assert reported_store.decode(b"", text) == ()

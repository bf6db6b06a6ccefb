"""Importing structured inputs, the import report, worker processes and batched commits."""

from __future__ import annotations

import asyncio
import csv
import shutil
import sqlite3
from pathlib import Path

import pytest

import tui.store.importer as importer
from tui import exitcodes
from tui.app.library_gateway import LibraryGateway
from tui.cli import main
from tui.model import Span
from tui.store import Library
from tui.store.errors import BusyError

from .conftest import STORY, write_story

INPUTS = Path(__file__).parent.parent / "ingest" / "fixtures" / "inputs"


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "date", "text"])
        writer.writerows(rows)
    return path


ROWS = [
    (
        "Tram line approved",
        "2024-03-04",
        "The council approved a tram line on Monday.\nIt opens in 2027.",
    ),
    (
        "Ferry timetable",
        "2024-03-05",
        "The ferry will sail every hour from April, the operator said.",
    ),
]


def test_report_counts_new_updated_unchanged_and_duplicates(
    library: Library, tmp_path: Path
) -> None:
    story = write_story(tmp_path / "a.txt", STORY)
    shutil.copy(story, tmp_path / "copy.txt")
    other = write_story(tmp_path / "b.txt", ["A ferry story from Valdora, told in one line."])
    first = library.import_paths([str(story), str(tmp_path / "copy.txt"), str(other)])
    assert (first.added, first.updated, first.unchanged, first.duplicates) == (2, 0, 0, 1)
    assert "2 new, 0 updated, 0 unchanged, 1 duplicate (same text as an article" in first.summary()
    # One paragraph edited: one article updated, not one new and one removed.
    write_story(story, [*STORY[:3], STORY[3].replace("older quays", "old quays")])
    second = library.import_paths([str(story), str(other)])
    assert (second.added, second.updated, second.unchanged, second.removed) == (0, 1, 1, 0)
    assert second.summary().startswith("imported 2 files: 0 new, 1 updated, 1 unchanged, 0 dup")


def test_csv_articles_keep_metadata_and_their_extracted_text(
    library: Library, tmp_path: Path
) -> None:
    library.import_paths([str(_csv(tmp_path / "desk.csv", ROWS))])
    rows = library.list_rows()
    assert [r.title for r in rows] == ["Tram line approved", "Ferry timetable"]
    assert {r.source for r in rows} == {"desk.csv"}  # the outlet: here the file's name
    article = library.get_article(rows[0].id)
    assert article is not None and article.text_origin == "extracted"
    assert (article.outlet, article.date) == ("desk.csv", "2024-03-04")
    text = library.article_text(article.id)
    assert text is not None and "title,date,text" not in text  # not the CSV file
    for paragraph in article.paragraphs:
        assert paragraph.span.of(text) == paragraph.text
    # A highlight on extracted text is anchored like any other.
    start = text.index("tram line")
    library.add_highlight(article.id, Span(start, start + 9))
    assert library.annotations(article.id)[0].anchor_text == "tram line"


def test_csv_and_its_jsonl_export_are_duplicates(library: Library, tmp_path: Path) -> None:
    import json

    library.import_paths([str(_csv(tmp_path / "a.csv", ROWS))])
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"title": t, "date": d, "text": x}) + "\n" for t, d, x in ROWS),
        encoding="utf-8",
    )
    report = library.import_paths([str(jsonl)])
    assert (report.added, report.duplicates) == (0, 2)


def test_a_newer_parser_rereads_extracted_text_without_the_file(
    library: Library, tmp_path: Path
) -> None:
    path = _csv(tmp_path / "desk.csv", ROWS)
    library.import_paths([str(path), str(INPUTS / "harbour_gazette.rss")])
    before = [(r.id, r.title, r.date, r.source) for r in library.list_rows()]
    path.unlink()
    library.connection.execute("UPDATE documents SET parser_version = 0")
    report = library.reparse_stale()
    assert report.reparsed_files == 2 and not report.errors
    assert [(r.id, r.title, r.date, r.source) for r in library.list_rows()] == before
    article = library.get_article(before[2][0])
    assert article is not None and article.url and article.author == "Nils Orvar"


def test_two_jobs_store_what_one_job_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.store.parallel as parallel

    monkeypatch.setattr(parallel, "POOL_MIN_BYTES", 0)  # worker processes even for a few KB
    inputs = [str(p) for p in sorted(INPUTS.glob("*.*"))]
    inputs.append(str(write_story(tmp_path / "a.txt", STORY)))
    libraries = []
    for jobs in (1, 2):
        with Library.open(tmp_path / f"lib{jobs}.db") as lib:
            report = lib.import_paths(inputs, jobs=jobs)
            assert report.added == 12 and not report.errors
            libraries.append([(r.id, r.title, r.source, r.date) for r in lib.list_rows()])
    assert libraries[0] == libraries[1]


def test_another_session_can_write_between_the_files_of_an_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import lets go of the write lock between batches: a star from another
    process gets in at once (busy timeout 0) while the import is still running."""
    monkeypatch.setattr(importer, "BATCH_SECONDS", 0.0)  # every file ends a batch
    db = tmp_path / "lib.db"
    with Library.open(db) as first:
        first.import_paths([str(write_story(tmp_path / "a.txt", STORY))])
        first_id = first.list_rows()[0].id
    files = [
        str(write_story(tmp_path / f"{n}.txt", [f"Story {n} about ferries."])) for n in range(3)
    ]
    seen: list[int] = []

    def other_session_writes(done: int, total: int, name: str) -> None:
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once if the import held the lock
            other.execute("UPDATE state SET starred = 1 WHERE article_id = ?", (first_id,))
            other.execute("COMMIT")
            seen.append(other.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            other.close()

    with Library.open(db) as library:
        library.import_paths(files, progress=other_session_writes, jobs=1)
    assert seen == [2, 3, 4]  # each file's articles were committed before the next


def test_a_big_document_is_stored_in_batches_that_let_another_session_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One document of many articles: the import commits part way and pauses, and
    another process's write gets in during the pause (busy timeout 0)."""
    import tui.store.library as library_module

    monkeypatch.setattr(importer, "BATCH_SECONDS", 0.0)
    db = tmp_path / "lib.db"
    writes: list[int] = []

    def other_session_writes(seconds: float) -> None:
        assert seconds == library_module.WRITER_GAP
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once if the import held the lock
            other.execute("INSERT INTO meta(key, value) VALUES (?, 1)", (f"other{len(writes)}",))
            other.execute("COMMIT")
            writes.append(other.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            other.close()

    monkeypatch.setattr(library_module.time, "sleep", other_session_writes)
    rows = [(f"Story {n}", "2024-03-04", f"Story number {n} about ferries.") for n in range(4)]
    with Library.open(db) as library:
        report = library.import_paths([str(_csv(tmp_path / "big.csv", rows))])
    assert report.added == 4
    assert writes == [1, 2, 3, 4]  # the articles stored so far were committed


def test_the_app_retries_a_write_that_found_the_library_busy(tmp_path: Path) -> None:
    attempts: list[int] = []

    def flaky(library: Library) -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise BusyError("busy")
        return "stored"

    gateway = LibraryGateway(tmp_path / "lib.db")
    try:
        assert asyncio.run(gateway.call(flaky)) == "stored"
    finally:
        gateway.close()
    assert len(attempts) == 3


# -- the command ---------------------------------------------------------------------------


def test_import_command_names_bad_records_and_imports_the_rest(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'title,text\nOne,"A story."\nTwo,a,b\nThree,"Another story."\n', encoding="utf-8"
    )
    code = main(["import", str(path), "--db", str(tmp_path / "lib.db")])
    err = capsys.readouterr().err
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert f"{path}: line 3 (row 3): 3 cells where the header has 2; row left out" in err
    assert ": 2 new," in err and "Traceback" not in err


def _bad_jsonl(path: Path) -> None:
    path.write_text(
        '{"title": "Tram", "text": "A tram story about the harbour line."}\n'
        '{"title": "broken", "text": \n'
        '{"title": "Ferry", "text": "A ferry story about the night crossing."}\n',
        encoding="utf-8",
    )


def _bad_feed(path: Path) -> None:
    text = (INPUTS / "harbour_gazette.rss").read_text(encoding="utf-8")
    path.write_text(text.replace("<item>", "<item></item><item>", 1), encoding="utf-8")


def _no_body(path: Path) -> None:
    path.write_text(
        "<!doctype html>\n<html><head><title>Empty</title></head></html>\n", encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("name", "write", "named", "added"),
    [
        ("export.jsonl", _bad_jsonl, ": line 2: not valid JSON", 2 + 1),
        ("gazette.rss", _bad_feed, ": entry 1: no title and no text; left out", 3 + 1),
        ("empty.html", _no_body, ": HTML page with no article text", 0 + 1),
    ],
)
def test_each_reader_names_its_bad_record_and_the_rest_is_imported(
    tmp_path: Path, capsys, name: str, write, named: str, added: int
) -> None:
    """A bad JSON line, a broken feed entry, a page with no body: named with where it
    is, one line each, the rest (and the other file) imported, exit 1."""
    path = tmp_path / name
    write(path)
    story = write_story(tmp_path / "a.txt", STORY)
    code = main(["import", str(path), str(story), "--db", str(tmp_path / "lib.db")])
    err = capsys.readouterr().err
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert f"{path}{named}" in err, err
    assert f": {added} new," in err and "Traceback" not in err
    assert all(line.startswith("newsdesk import: ") for line in err.splitlines())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "body=text"], "unknown field 'body'"),
        (["--jobs", "0"], "--jobs must be 1 or more"),
    ],
)
def test_import_command_usage_errors(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    story = write_story(tmp_path / "a.txt", STORY)
    assert main(["import", str(story), "--db", str(tmp_path / "l.db"), *args]) == exitcodes.USAGE
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_import_command_refuses_xml_that_is_not_a_feed(tmp_path: Path, capsys) -> None:
    xml = tmp_path / "sitemap.xml"
    xml.write_text("<?xml version='1.0'?><urlset><url>x</url></urlset>", encoding="utf-8")
    story = write_story(tmp_path / "a.txt", STORY)
    code = main(["import", str(xml), str(story), "--db", str(tmp_path / "l.db"), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert f"{xml}: XML, but not an RSS or Atom feed" in err and ": 1 new," in err


def test_search_in_a_csv_file_finds_its_rows(tmp_path: Path, capsys) -> None:
    path = _csv(tmp_path / "desk.csv", ROWS)
    assert main(["search", "timetable", "--in", str(path), "--format", "table"]) == exitcodes.OK
    out = capsys.readouterr().out
    assert "Ferry timetable" in out and "title,date,text" not in out


def test_wikinews_csv_then_its_jsonl_export_are_171_duplicates(
    shared_dir: Path, tmp_path: Path
) -> None:
    import json

    source = shared_dir / "corpora" / "wikinews_2019.csv"
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    jsonl = tmp_path / "wikinews.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Library.open(tmp_path / "lib.db") as library:
        first = library.import_paths([str(source)])
        assert (first.added, first.duplicates, first.errors) == (171, 0, [])
        listed = library.list_rows()
        assert all(r.date and r.source == "wikinews.org" for r in listed)  # registrable name
        second = library.import_paths([str(jsonl)])
        assert (second.added, second.duplicates) == (0, 171)


def test_a_newer_parser_leaves_a_file_of_duplicates_without_articles(
    library: Library, tmp_path: Path
) -> None:
    """A JSON Lines export of a CSV already imported keeps no article (all duplicates),
    only its extracted text: a newer parser must not read that text as a dump (it made
    77 articles of the Wikinews export), whether the file is still there or not."""
    import json

    library.import_paths([str(_csv(tmp_path / "a.csv", ROWS))])
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"title": t, "date": d, "text": x}) + "\n" for t, d, x in ROWS),
        encoding="utf-8",
    )
    gone = tmp_path / "gone.json"
    gone.write_text(jsonl.read_text(encoding="utf-8"), encoding="utf-8")
    report = library.import_paths([str(jsonl), str(gone)])
    assert (report.added, report.duplicates) == (0, 4)
    gone.unlink()
    before = [(r.id, r.source) for r in library.list_rows()]
    library.connection.execute("UPDATE documents SET parser_version = 0")
    assert library.reparse_stale().reparsed_files == 3
    assert [(r.id, r.source) for r in library.list_rows()] == before


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, ["1 unreadable input or record", "1 file re-parsed by the new parser"]),
        (2, ["2 unreadable inputs or records", "2 files re-parsed by the new parser"]),
    ],
)
def test_the_import_summary_counts_in_words_and_names_the_orphans_option(count, said) -> None:
    """One or more, never `input(s)`; and the hint names the option that lists orphaned
    annotations (`newsdesk export` alone exports articles, not them)."""
    from tui.errors import InputError
    from tui.store.rows import ImportReport

    report = ImportReport()
    report.errors = [InputError(f"f{i}.txt", "binary file, not text") for i in range(count)]
    report.reparsed_files = count
    report.orphaned = count
    summary = report.summary()
    for part in said:
        assert part in summary
    orphaned = "annotation orphaned" if count == 1 else "annotations orphaned"
    assert f"{count} {orphaned} (see 'newsdesk export --orphans')" in summary
    assert "(s)" not in summary

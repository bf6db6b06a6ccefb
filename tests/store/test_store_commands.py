"""`newsdesk import` and `newsdesk export` through the CLI entry point."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.model import Span
from tui.store import Library

from .conftest import STORY, quote_in, store_lines, write_story


def test_import_command_summary_and_exit_codes(tmp_path: Path, story_file: Path, capsys) -> None:
    db = tmp_path / "lib.db"
    assert main(["import", str(story_file), "--db", str(db)]) == exitcodes.OK
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ": 1 new, 0 updated, 0 unchanged, 0 duplicates" in err
    code = main(["import", str(story_file), str(tmp_path / "nope.txt"), "--db", str(db), "--json"])
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["unchanged_files"] == 1 and len(report["errors"]) == 1
    assert "nope.txt" in err and "Traceback" not in err


def test_import_into_a_corrupt_library_is_a_one_line_error(
    tmp_path: Path, story_file: Path, capsys
) -> None:
    db = tmp_path / "lib.db"
    db.write_bytes(b"not a database at all\n" * 10)
    before = db.read_bytes()
    assert main(["import", str(story_file), "--db", str(db)]) == exitcodes.USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(db) in err
    assert db.read_bytes() == before


@pytest.fixture
def annotated(tmp_path: Path) -> tuple[Path, str, str]:
    db = tmp_path / "lib.db"
    lines = [
        "Port director Lena Sorvik spoke about the delay in Valdora.",
        "“We are confident the cranes will arrive in time,” Sorvik said.",
        "Shipping firms, she added, had been “very patient” with the port.",
    ]
    quotes = (
        quote_in(lines, "“We are confident the cranes will arrive in time,”", "Lena Sorvik"),
        quote_in(lines, "“very patient”", None),
    )
    with Library.open(db) as lib:
        article = store_lines(lib, lines, "dumps/valdora.txt", quotes=quotes)
        other = store_lines(lib, ["A tram story, unrelated.", "Trams."], "dumps/trams.txt")
        text = lib.article_text(article.id)
        start = text.index("the cranes will arrive")
        lib.add_highlight(
            article.id, Span(start, start + 22), label="claim", note="Check with supplier"
        )
        lib.add_note(article.id, "Follow up in March")
        lib.add_tag(article.id, "ports")
        lib.star(article.id)
    return db, article.id, other.id


def test_export_markdown_has_tags_highlights_notes_and_quotes(annotated, capsys) -> None:
    db, _article_id, _other_id = annotated
    assert main(["export", "tag:ports", "--db", str(db)]) == exitcodes.OK
    out = capsys.readouterr().out
    assert out.startswith("## Port director Lena Sorvik")
    assert "#ports" in out and "`dumps/valdora.txt`" in out
    assert "> the cranes will arrive" in out and "Note:\n\n> Check with supplier" in out
    assert "> Follow up in March" in out
    assert "Lena Sorvik" in out and "unknown speaker" in out
    assert "tram" not in out.casefold()


def test_export_json_is_the_model_with_state_and_annotations(annotated, capsys) -> None:
    db, article_id, other_id = annotated
    assert main(["export", "--format", "json", "--db", str(db)]) == exitcodes.OK
    data = json.loads(capsys.readouterr().out)
    by_id = {item["id"]: item for item in data}
    assert set(by_id) == {article_id, other_id}
    item = by_id[article_id]
    assert item["state"]["starred"] is True and item["state"]["tags"] == ["ports"]
    kinds = sorted(a["kind"] for a in item["annotations"])
    assert kinds == ["highlight", "note", "tag"]
    # The two quotations stored, and the reported speech found when exported
    # (`she added, had been …`: parsing leaves it for the places that show quotes).
    assert [q["kind"] for q in item["quotes"]] == ["direct", "indirect", "direct"]


def test_export_csv_lists_quotes_with_offsets(annotated, capsys) -> None:
    db, article_id, _other = annotated
    assert main(["export", "is:starred", "--format", "csv", "--db", str(db)]) == exitcodes.OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # The middle row is the reported speech around the partial quote (`she added`).
    assert [r["speaker"] for r in rows] == ["Lena Sorvik", "Lena Sorvik", ""]
    with Library.open(db) as lib:
        text = lib.article_text(article_id)
    first = rows[0]
    assert text[int(first["start"]) : int(first["end"])] == first["quote"]
    assert first["source"] == "dumps/valdora.txt" and first["article_id"] == article_id


def test_export_out_dir_writes_one_safe_file_per_article(annotated, tmp_path: Path) -> None:
    db, article_id, _other_id = annotated
    out = tmp_path / "notes"
    assert main(["export", "--out", str(out), "--db", str(db)]) == exitcodes.OK
    files = sorted(out.iterdir())
    assert len(files) == 2
    for path in files:
        assert path.suffix == ".md" and "/" not in path.name and " " not in path.name
    text = next(p for p in files if article_id[:8] in p.name).read_text(encoding="utf-8")
    assert text.startswith("# Port director") and "Check with supplier" in text


def test_export_bad_query_is_a_usage_error(annotated, capsys) -> None:
    db, _a, _b = annotated
    assert main(["export", "is:nonsense", "--db", str(db)]) == exitcodes.USAGE
    lines = capsys.readouterr().err.splitlines()
    # As search says it: the problem's place, the query, a caret under it, the problem.
    assert lines[0].startswith("newsdesk export: bad query at character 4:")
    assert lines[1:3] == ["is:nonsense", "   ^"] and len(lines) == 4


def test_export_free_words_and_source(annotated, capsys) -> None:
    db, article_id, other_id = annotated
    main(["export", "tram", "--format", "json", "--db", str(db)])
    assert [item["id"] for item in json.loads(capsys.readouterr().out)] == [other_id]
    main(["export", "source:valdora", "--format", "json", "--db", str(db)])
    assert [item["id"] for item in json.loads(capsys.readouterr().out)] == [article_id]


def test_export_orphans_lists_annotations_whose_text_is_gone(tmp_path: Path, capsys) -> None:
    db = tmp_path / "lib.db"
    path = write_story(tmp_path / "x.txt", STORY)
    with Library.open(db) as lib:
        lib.import_paths([str(path)])
        (row,) = lib.list_rows()
        text = lib.article_text(row.id)
        start = text.index("a shortage of cranes")
        lib.add_highlight(row.id, Span(start, start + 20), note="why?")
    write_story(path, [STORY[0], STORY[2]])
    main(["import", str(path), "--db", str(db)])
    assert "1 annotation orphaned (see 'newsdesk export --orphans')" in capsys.readouterr().err
    assert main(["export", "--orphans", "--db", str(db)]) == exitcodes.OK
    out = capsys.readouterr().out
    assert "> a shortage of cranes" in out and "Note:\n\n> why?" in out


def test_two_stdin_imports_add_up(tmp_path: Path, monkeypatch, capsys) -> None:
    db = tmp_path / "lib.db"
    for story in (STORY, ["Trams return to the old town of Valdora.", "They are green."]):
        data = ("\n".join(story) + "\n").encode("utf-8")
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert main(["import", "-", "--db", str(db)]) == exitcodes.OK
    with Library.open(db) as lib:
        assert lib.count() == 2


def test_read_only_library_gives_a_notice_on_stderr(
    annotated, story_file: Path, monkeypatch, capsys
) -> None:
    db, _a, _b = annotated
    monkeypatch.setattr("tui.store.library._writable", lambda path: False)
    assert main(["export", "--format", "json", "--db", str(db)]) == exitcodes.OK
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 2 and "read-only" in err.splitlines()[0]
    assert main(["import", str(story_file), "--db", str(db)]) == exitcodes.USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "read-only" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("not a real terminal")


def test_progress_line_draws_only_on_a_terminal() -> None:
    from tui.commands._progress import Progress

    pipe = io.StringIO()
    Progress("importing", pipe)(1, 2, "a.txt")
    assert pipe.getvalue() == ""
    term = _Terminal()
    bar = Progress("importing", term)
    bar(2, 2, "dumps/b\x1b[31m.txt")
    shown = term.getvalue()
    assert "2/2" in shown and "b␛[31m.txt" in shown and "\x1b[31m" not in shown
    bar.finish()
    # The bar is erased (rich's transient display): the last write clears its line.
    assert term.getvalue().endswith("\x1b[2K")


def test_one_progress_helper_for_files_index_and_stories(tmp_path) -> None:
    """The import's bar (files, articles, bytes) and the index's (a count and a unit) are
    the same helper; after ``finish`` (a message printed between files) it draws again."""
    from tui.commands._progress import Progress, index_progress

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("x" * 2000)
    second.write_text("y" * 1000)
    term = _Terminal()
    bar = Progress("importing", term, unit="files", sizes={str(first): 2000, str(second): 1000})
    bar.count(2000, 3)
    bar(1, 2, str(first))
    bar.finish()
    bar(2, 2, str(second))
    shown = term.getvalue()
    assert "1/2 files" in shown and "2/2 files" in shown and "3 articles" in shown
    assert "b.txt" in shown
    bar.finish()
    term = _Terminal()
    index_progress(term)(5, 5)
    assert "5/5 articles" in term.getvalue() and term.getvalue().endswith("\x1b[2K")


def test_progress_line_stays_one_line_on_a_narrow_terminal(tmp_path, monkeypatch) -> None:
    """80 columns and a long file name: the name is cut, the speed is not wrapped to a
    second line (it was: ``314.7`` on one line, ``kB/s`` under it)."""
    from tui.commands._progress import Progress

    monkeypatch.setenv("COLUMNS", "80")
    name = tmp_path / ("a_long_file_name_" * 4 + ".rss")
    name.write_text("x" * 300_000)
    term = _Terminal()
    bar = Progress("importing", term, unit="files", sizes={str(name): 300_000, "b": 1})
    bar.count(300_000, 355)
    bar(11, 12, str(name))
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", term.getvalue())
    drawn = [line for line in plain.replace("\r", "\n").split("\n") if line.strip()]
    [line] = [line for line in drawn if "11/12 files" in line]
    assert line.startswith("importing ") and "355 articles" in line, drawn
    assert line.rstrip().endswith("file_name_.rss") and "…" in line, drawn
    assert len(line.rstrip()) <= 80, drawn
    assert not [x for x in drawn if "11/12" not in x and "-:--:--" not in x], drawn
    bar.finish()


def test_progress_counts_one_article_in_the_singular(tmp_path) -> None:
    """`1/12 files 1 article`, not `1 articles` (a hostile folder's first file)."""
    from tui.commands._progress import Progress

    name = tmp_path / "a.txt"
    name.write_text("x" * 100)
    term = _Terminal()
    bar = Progress("importing", term, unit="files", sizes={str(name): 100, "b": 1})
    bar.count(100, 1)
    bar(1, 2, str(name))
    assert "1 article " in term.getvalue() and "1 articles" not in term.getvalue()
    bar.finish()

"""What a newcomer met importing other inputs through the CLI: ``--map FIELD=COLUMN,...``
on every command that reads files (``import``, ``parse``, ``quotes``), an import with a
new ``--map`` reading an unchanged file again, and the import after a parser change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main

CSV = (
    "headline2,story,when\n"
    '"Tram line approved","The council approved a tram line, Mayor Lena Sorvik said.",2024-03-04\n'
)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "desk.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_parse_reads_the_columns_map_names(table: Path, capsys) -> None:
    code = main(["parse", str(table), "--map", "text=story,date=when,title=headline2"])
    assert code == exitcodes.OK
    [article] = json.loads(capsys.readouterr().out)
    assert (article["title"], article["date"]) == ("Tram line approved", "2024-03-04")
    assert article["title_inferred"] is False


def test_quotes_reads_the_columns_map_names(table: Path, capsys) -> None:
    assert main(["quotes", str(table), "--map", "text=story"]) == exitcodes.OK
    speakers = [json.loads(line)["speaker"] for line in capsys.readouterr().out.splitlines()]
    assert speakers == ["Lena Sorvik"]


@pytest.mark.parametrize("command", ["parse", "quotes", "import"])
def test_a_bad_map_is_one_line_and_exit_2_before_any_output(
    command: str, table: Path, tmp_path: Path, capsys
) -> None:
    argv = [command, str(table), "--map", "txt=story", "--db", str(tmp_path / "l.db")]
    if command == "quotes":
        argv += ["--format", "table"]  # whose header line comes before the rows
    assert main(argv) == exitcodes.USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"newsdesk {command}: --map 'txt=story': unknown field 'txt'; "
        "use one of title, text, date, url, outlet, author"
    ]


def test_a_new_map_reads_an_unchanged_file_again(table: Path, tmp_path: Path, capsys) -> None:
    """The file did not change, the columns read from it did: not skipped as unchanged."""
    db = str(tmp_path / "lib.db")
    assert main(["import", str(table), "--map", "text=story", "--db", db]) == exitcodes.OK
    assert main(["list", "all", "--db", db]) == exitcodes.OK
    [before] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert before["date"] is None
    argv = ["import", str(table), "--map", "text=story,date=when", "--db", db]
    assert main(argv) == exitcodes.OK
    assert main(["list", "all", "--db", db]) == exitcodes.OK
    [after] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (after["article"], after["date"]) == (before["article"], "2024-03-04")


def test_an_import_after_a_parser_change_parses_again_and_indexes(
    table: Path, tmp_path: Path, capsys
) -> None:
    """A newer parser (PARSER_VERSION bumped) re-parses the stored documents at the next
    import while the search index follows it: that crashed (`NoneType has no get`), an
    article parsed again here comes without a worker's index document."""
    import sqlite3

    db = str(tmp_path / "lib.db")
    pages = Path(__file__).parent / "ingest" / "fixtures" / "inputs"
    argv = ["import", str(table), str(pages / "wire_ferry.html"), "--map", "text=story"]
    assert main([*argv, "--db", db]) == exitcodes.OK
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET parser_version = 0")  # stored by an older parser
    story = tmp_path / "story.txt"
    story.write_text("Harbour news\n\nThe harbour reopened on Monday.\n", encoding="utf-8")
    assert main(["import", str(story), "--db", db]) == exitcodes.OK
    capsys.readouterr()
    assert main(["search", "ferry", "--db", db]) == exitcodes.OK
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [h["title"] for h in hits] == ["New night ferry links Cork and Bergen"]

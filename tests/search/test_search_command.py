"""`newsdesk search`: files given with --in, output formats, exit codes, bad queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main

STORY = (
    "Ferry operators win licence for night crossings\n"
    "\n"
    "The harbour board granted a licence for night crossings on Tuesday.\n"
    "Operators said the new timetable starts in spring.\n"
    "“It is a good day for the island,” said board chair Lena Holm.\n"
)
OTHER = (
    "Bakery prices rise again\n"
    "\n"
    "Bread cost more for the third month running, the statistics office said.\n"
    "Flour and energy prices were to blame, according to the bakers' guild.\n"
)


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "ferry.txt").write_text(STORY, encoding="utf-8")
    (folder / "bakery.txt").write_text(OTHER, encoding="utf-8")
    return folder


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["search", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.startswith("{")], err


def test_in_path_fuzzy_hit_with_offsets(capsys, dumps: Path) -> None:
    code, records, err = search(capsys, "timetabel", "--in", str(dumps))
    assert code == exitcodes.OK, err
    (record,) = records
    text = (dumps / "ferry.txt").read_text(encoding="utf-8")
    assert record["source"].endswith("ferry.txt")
    assert text[record["start"] : record["end"]] == record["context"]
    assert [text[a:b] for a, b in record["highlights"]] == ["timetable"]


def test_table_format_and_limit(capsys, dumps: Path) -> None:
    code = main(["search", "prices | licence", "--in", str(dumps), "--format", "table"])
    out, _ = capsys.readouterr()
    assert code == exitcodes.OK
    assert "ferry.txt" in out and "bakery.txt" in out
    assert "e+" not in out  # scores as numbers, not 1.01e+03
    code, records, _ = search(capsys, "ferry", "--in", str(dumps))
    main(["search", "ferry", "--in", str(dumps), "--format", "table"])
    score = capsys.readouterr().out.split()[0]
    assert float(score) == pytest.approx(records[0]["score"], rel=1e-4), score
    code, records, _ = search(capsys, "", "--in", str(dumps), "--limit", "1")
    assert code == exitcodes.OK and len(records) == 1


def test_bad_query_exits_2_with_a_caret(capsys, dumps: Path) -> None:
    code, records, err = search(capsys, 'ferry "night', "--in", str(dumps))
    assert code == exitcodes.USAGE
    assert records == []
    lines = err.splitlines()
    assert lines[1] == 'ferry "night'
    assert lines[2] == "      ^"
    assert "unclosed quote" in lines[3]


def test_unreadable_input_is_named_and_the_rest_searched(capsys, dumps: Path) -> None:
    missing = dumps / "missing.txt"
    code, records, err = search(capsys, "bread", "--in", str(missing), "--in", str(dumps))
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert "missing.txt" in err and "Traceback" not in err
    assert [r["source"].endswith("bakery.txt") for r in records] == [True]


def test_no_library_is_a_one_line_error(capsys, tmp_path: Path) -> None:
    code, _, err = search(capsys, "x", "--db", str(tmp_path / "none.db"))
    assert code == exitcodes.USAGE
    assert len(err.strip().splitlines()) == 1 and "--in" in err


def test_seeds_zhengfie_finds_the_ren_zhengfei_articles(capsys, shared_dir: Path) -> None:
    seeds = shared_dir / "seeds"
    code, records, err = search(capsys, "zhengfie", "--in", str(seeds))
    assert code == exitcodes.OK, err
    sources = {Path(r["source"]).name[:3] for r in records}
    assert {"000", "004"} <= sources
    for record in records:
        text = (seeds / Path(record["source"]).name).read_text(encoding="utf-8")
        assert all(text[a:b].lower() == "zhengfei" for a, b in record["highlights"])


def test_searching_the_library_does_not_load_the_parser(dumps: Path, tmp_path: Path) -> None:
    """`newsdesk search` is a process a script runs over and over: its start-up is most
    of it, so what it does not use is not imported (the parser's rules, the joins and
    splits of segments)."""
    import subprocess
    import sys

    db = tmp_path / "lib.db"
    assert main(["import", "--db", str(db), str(dumps)]) == 0
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        "code = main(['search', '--db', sys.argv[1], 'harbour'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('tui.ingest', 'tui.extract')))\n"
        "print('LOADED', code, ' '.join(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(db)], capture_output=True, text=True, check=True
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED"))
    assert '"harbour' in done.stdout.lower() or "harbour" in done.stdout.lower()
    assert line.split()[1] == "0"
    assert not [m for m in line.split()[2:] if m not in {"tui.ingest"}], line


def test_a_broken_record_in_an_in_file_is_named_and_exits_1(capsys, tmp_path: Path) -> None:
    """A JSON line that does not parse is named on stderr (as parse and import do), the
    other records are searched, and the exit code says an input was not read whole."""
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        '{"title": "Ferry news", "text": "The ferry sails at night now."}\n'
        '{"title": broken\n'
        '{"title": "Bakery news", "text": "The ferry bakery opened today."}\n',
        encoding="utf-8",
    )
    code, records, err = search(capsys, "ferry", "--in", str(jsonl))
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert len(records) == 2
    assert "feed.jsonl: line 2" in err

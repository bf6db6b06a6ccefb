"""``newsdesk feeds import`` of a file that is no feed list says so in a line or a few,
not a line of noise per "line" of it (``/bin/ls`` gave 1,612 lines of binary)."""

from __future__ import annotations

from pathlib import Path

from tui import exitcodes
from tui.cli import main


def test_a_binary_file_is_refused_in_one_line(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "program"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + b'\x00"x\n' * 500)
    assert main(["feeds", "import", str(binary), "--db", str(tmp_path / "l.db")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"newsdesk feeds import: {binary}: a binary file; expected OPML or a newsboat urls file"
    )


def test_many_bad_lines_are_named_ten_then_counted(tmp_path: Path, capsys) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        "https://a.example/rss\n" + "".join(f'"unclosed {n}\n' for n in range(25)),
        encoding="utf-8",
    )
    code = main(["feeds", "import", str(urls), "--db", str(tmp_path / "l.db")])
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 12
    assert lines[10] == f"newsdesk feeds import: {urls}: and 15 more left out"
    assert lines[11] == "newsdesk feeds import: 1 feeds added, 0 already there, 25 left out"


def test_removing_a_number_with_no_feeds_says_there_are_none(tmp_path: Path, capsys) -> None:
    assert main(["feeds", "remove", "1", "--db", str(tmp_path / "l.db")]) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        "newsdesk feeds remove: no feed number 1; 'newsdesk feeds list' shows none: "
        "there are no feeds yet"
    )

"""The readable tables (`--format table`) cut a long title with `…`, never mid-word in
silence: a reader must see that the title goes on (stories and quotes did; list and
search cut it bare)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

TITLE = (
    "Harbour council approves the new ferry terminal after ten years of debate "
    "about its cost and its place on the old quay"
)
STORY = f'{TITLE}\n\n"We have waited ten years for this," said Mayor Anna Berg on Monday.\n'


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _title_cell(line: str) -> str:
    start = line.index("Harbour council")
    return line[start:]


def test_list_table_marks_a_cut_title(tmp_path: Path, story: Path, capsys) -> None:
    db = str(tmp_path / "lib.db")
    assert main(["import", str(story), "--db", db]) == 0
    capsys.readouterr()
    assert main(["list", "all", "--format", "table", "--db", db]) == 0
    (line,) = [x for x in capsys.readouterr().out.splitlines() if "Harbour" in x]
    cell = _title_cell(line)
    assert cell.endswith("…") and len(cell) == 70
    assert TITLE.startswith(cell[:-1])


def test_search_table_marks_a_cut_title(story: Path, capsys) -> None:
    assert main(["search", "ferry", "--in", str(story), "--format", "table"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    cell = _title_cell(line)
    assert cell.endswith("…") and len(cell) == 60
    assert TITLE.startswith(cell[:-1])


# -- the terminal's width -------------------------------------------------------------

#: A story with a long title and a long quote, for the tables to cut or show whole.
QUOTE = (
    "We have waited ten years for this terminal, and the town will be paying for it for "
    "the next twenty, which nobody on the council wanted to say out loud"
)
LONG = f'{TITLE}\n\n"{QUOTE}," said Mayor Anna Berg on Monday.\n'


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables here are piped (capsys) unless a test sets COLUMNS."""
    monkeypatch.delenv("COLUMNS", raising=False)


def _tables(tmp_path: Path, capsys) -> dict[str, list[str]]:
    """Every table command's lines, on a library of LONG."""
    path = tmp_path / "long.txt"
    path.write_text(LONG, encoding="utf-8")
    db = str(tmp_path / "lib.db")
    assert main(["import", str(path), "--db", db]) == 0
    capsys.readouterr()
    commands = {
        "list": ["list", "all"],
        "search": ["search", "ferry"],
        "stories": ["stories", "--all"],
        "quotes": ["quotes", str(path)],
    }
    out = {}
    for name, argv in commands.items():
        assert main([*argv, "--format", "table", "--db", db]) == 0, name
        out[name] = capsys.readouterr().out.splitlines()
        assert out[name], name
    return out


def test_tables_fit_the_width_columns_says(tmp_path: Path, capsys, monkeypatch) -> None:
    """COLUMNS=80 (a terminal's width): no line wider, so none wraps; the title and the
    quote are still there, cut with an ellipsis. The quotes table was 147 cells."""
    monkeypatch.setenv("COLUMNS", "80")
    for name, lines in _tables(tmp_path, capsys).items():
        assert all(len(line) <= 80 for line in lines), (name, lines)
        assert any("Harbour council" in line or "We have waited" in line for line in lines)


def test_at_80_columns_the_quote_keeps_the_most_room(tmp_path: Path, capsys, monkeypatch) -> None:
    """The quote is what the quotes table is read for: at 80 columns the file and the
    speaker give way before it does (it kept 22 cells beside a 20-cell file name)."""
    monkeypatch.setenv("COLUMNS", "80")
    lines = _tables(tmp_path, capsys)["quotes"]
    header = lines[0]
    assert 80 - header.index("QUOTE") >= 30, header
    assert header.index("SPEAKER") < 20, header


def test_a_wide_terminal_shows_more_of_the_quote_and_the_title(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    tables = _tables(tmp_path, capsys)
    assert any(QUOTE in line for line in tables["quotes"]), tables["quotes"]
    for name in ("list", "search", "stories"):
        assert any(TITLE in line for line in tables[name]), (name, tables[name])


def test_piped_tables_keep_their_full_columns(tmp_path: Path, capsys) -> None:
    """No COLUMNS and not a terminal: the natural widths, whatever the window."""
    tables = _tables(tmp_path, capsys)
    (row,) = [line for line in tables["quotes"] if "We have waited" in line]
    assert row.index("Anna Berg") == 31 and len(row) == 30 + 1 + 26 + 1 + 12 + 1 + 4 + 2 + 70
    assert max(len(line) for line in tables["list"]) == 122


def test_the_width_of_a_terminal_on_standard_output(monkeypatch) -> None:
    import fcntl
    import os
    import struct
    import termios

    from tui.commands._table import table_width

    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 97, 0, 0))
    with os.fdopen(leader, "w") as _leader, os.fdopen(follower, "w") as terminal:
        assert table_width(terminal) == 97
        monkeypatch.setenv("COLUMNS", "120")  # COLUMNS wins, as for Rich
        assert table_width(terminal) == 120
        monkeypatch.setenv("COLUMNS", "wide")  # not a number: the terminal's
        assert table_width(terminal) == 97
    monkeypatch.delenv("COLUMNS")
    import io

    assert table_width(io.StringIO()) is None  # a pipe or a file: no limit


def test_config_bindings_fit_the_width_ids_and_keys_whole(tmp_path: Path, capsys, monkeypatch):
    """Four descriptions (``highlight``'s, ``note``'s...) made lines over 80 cells."""
    config = str(tmp_path / "none.yaml")
    assert main(["config", "bindings", "--config", config]) == 0
    piped = capsys.readouterr().out.splitlines()
    assert max(map(len, piped)) > 80  # the descriptions whole when piped
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["config", "bindings", "--config", config]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(piped) and max(map(len, lines)) <= 80
    assert [line.split()[:2] for line in lines] == [line.split()[:2] for line in piped]

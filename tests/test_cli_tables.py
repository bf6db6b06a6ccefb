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

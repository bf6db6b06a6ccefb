"""``a OR b`` typed from another search language's habit is said to be a word here (it
used to find next to nothing in silence): in `newsdesk search` and `export` (the search
pane: tests/app/test_search_pane_hint.py)."""

from __future__ import annotations

from pathlib import Path

from tui import exitcodes
from tui.cli import main
from tui.search.hints import query_hint


def test_upper_case_operators_outside_quotes_get_a_hint() -> None:
    assert query_hint("is:starred OR has:note") == (
        "OR is searched as a word; use a | b for either"
    )
    assert query_hint("a AND b NOT c") == (
        "AND and NOT are searched as words; use a b for both, !a for without"
    )
    for meant in ('"black OR white"', "or and", "ORANGE", "a | b", "!a", ""):
        assert query_hint(meant) is None, meant


def test_search_and_export_say_it_on_stderr(tmp_path: Path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Ferry fares rise\n\nThe ferry board raised fares on Monday.\n")
    assert main(["search", "ferry OR bus", "--in", str(story)]) == exitcodes.OK
    assert "newsdesk search: OR is searched as a word" in capsys.readouterr().err
    db = str(tmp_path / "lib.db")
    assert main(["import", str(story), "--db", db]) == exitcodes.OK
    capsys.readouterr()
    assert main(["export", "ferry OR bus", "--db", db]) == exitcodes.OK
    assert "newsdesk export: OR is searched as a word" in capsys.readouterr().err

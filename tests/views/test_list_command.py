"""``newsdesk list VIEW``: the reader's view, in its order, for pipes."""

from __future__ import annotations

import json

from tui.cli import main
from tui.search.views import view_rows


def test_list_prints_the_view_as_the_reader_orders_it(varied_library, capsys) -> None:
    db = str(varied_library.path)
    assert main(["list", "Inbox", "--db", db]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = view_rows(varied_library, "is:unread !is:archived", "-date")
    assert [r["article"] for r in printed] == [row.id for row in expected]
    assert printed and all(not r["read"] and not r["archived"] for r in printed)
    assert set(printed[0]) >= {"article", "title", "source", "date", "tags", "quotes"}


def test_list_by_number_with_a_limit_as_a_table(varied_library, capsys) -> None:
    assert (
        main(["list", "3", "--format", "table", "--limit", "5", "--db", str(varied_library.path)])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and "Harbour story number" in lines[0]


def test_the_table_names_each_articles_source(tmp_path, capsys) -> None:
    """An outlet (a page's site, a CSV's column) or the file, as the reader's list."""
    from pathlib import Path

    pages = Path(__file__).parent.parent / "ingest" / "fixtures" / "inputs"
    db = str(tmp_path / "lib.db")
    assert main(["import", str(pages / "gazette_cranes.html"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["list", "all", "--format", "table", "--db", db]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert "The Harbour Gaz…  2024-03-05  Harbour cranes return to Valletta port" in line


def test_an_unknown_view_is_a_usage_error_naming_the_views(varied_library, capsys) -> None:
    assert main(["list", "Inbx", "--db", str(varied_library.path)]) == 2
    err = capsys.readouterr().err
    assert "no view 'Inbx'" in err and "1 Inbox" in err and err.count("\n") == 1

"""run_query over the real store: the index follows imports, re-imports and triage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.search import run_query
from tui.store import Library

FERRY = [
    "Ferry operators win a licence for night crossings on the northern route.",
    "The harbour board granted the licence on Tuesday after a long dispute.",
    "Operators said the new timetable would start in the spring.",
]
BAKERY = [
    "Bread prices rose again in March, the statistics office said on Friday.",
    "Flour and energy costs were to blame, according to the bakers' guild.",
]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def titles(library: Library, query: str) -> list[str]:
    rows = {row.id: row.title for row in library.list_rows()}
    return [rows[hit.article_id] for hit in run_query(library, query)]


def test_index_follows_imports_and_reimports(tmp_path: Path) -> None:
    ferry = write(tmp_path / "ferry.txt", FERRY)
    with Library.open(tmp_path / "lib.db") as library:
        library.import_paths([str(ferry)])
        (hit,) = run_query(library, "timetabel")  # typo
        text = library.article_text(hit.article_id)
        assert [h.of(text) for h in hit.highlights] == ["timetable"]
        bakery = write(tmp_path / "bakery.txt", BAKERY)
        library.import_paths([str(bakery)])
        assert len(run_query(library, "flour")) == 1
        write(ferry, [*FERRY[:2], "Operators said the crossings would start in the summer."])
        library.import_paths([str(ferry)])  # the file changed: its article is replaced
        assert run_query(library, "timetable") == []
        assert len(run_query(library, "summer crossings")) == 1
        assert len(run_query(library, "")) == 2


def test_state_filters_use_the_library(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as library:
        library.import_paths([str(write(tmp_path / "f.txt", FERRY))])
        library.import_paths([str(write(tmp_path / "b.txt", BAKERY))])
        (bakery_hit,) = run_query(library, "bread")
        library.star(bakery_hit.article_id)
        assert [h.article_id for h in run_query(library, "is:starred")] == [bakery_hit.article_id]
        assert len(run_query(library, "said !is:starred")) == 1
        library.add_tag(bakery_hit.article_id, "prices")
        assert [h.article_id for h in run_query(library, "tag:prices")] == [bakery_hit.article_id]


def test_the_index_persists_between_sessions(tmp_path: Path) -> None:
    ferry = write(tmp_path / "ferry.txt", FERRY)
    with Library.open(tmp_path / "lib.db") as library:
        library.import_paths([str(ferry)])
        assert len(run_query(library, "harbour")) == 1
    with Library.open(tmp_path / "lib.db") as library:
        from tui.search.library_state import index_for

        assert index_for(library).count() == 1
        assert len(run_query(library, "harbour")) == 1
    with Library.open(tmp_path / "lib.db", readonly=True) as library:
        assert len(run_query(library, "harbour")) == 1


def test_command_searches_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "lib.db"
    with Library.open(db) as library:
        library.import_paths([str(write(tmp_path / "ferry.txt", FERRY))])
    code = main(["search", "licence night", "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == exitcodes.OK, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["target"] == "paragraph"
    assert record["title"].startswith("Ferry operators")

"""``source:`` finds articles by their outlet and their file's name, as the README says;
not by the folders above the file or a URL's path (``source:politics`` matched every
article under a ``politics/`` folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main

RECORDS = [
    {
        "title": "Senate passes budget",
        "url": "https://www.nytimes.com/2019/01/02/us/politics/budget.html",
        "text": "The Senate passed the budget on Tuesday after a long debate.",
    },
    {
        "title": "Storm hits coast",
        "url": "https://edition.cnn.com/2019/01/02/weather/storm.html",
        "text": "A storm hit the coast on Monday, cutting power to thousands of homes.",
    },
    {
        "title": "Tories split on Brexit",
        "url": "https://www.bbc.co.uk/news/uk-politics-123",
        "text": "The Conservative party was split on Brexit again on Wednesday.",
    },
]


@pytest.fixture
def library(tmp_path: Path, capsys) -> Path:
    folder = tmp_path / "politics"
    folder.mkdir()
    (folder / "wire.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8"
    )
    (folder / "harbour.txt").write_text(
        "Harbour reopens after storm\n\nThe harbour reopened on Monday, the port said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "lib.db"
    assert main(["import", str(folder), "--db", str(db)]) == exitcodes.OK
    capsys.readouterr()
    return db


def titles(db: Path, query: str, capsys) -> set[str]:
    assert main(["search", query, "--db", str(db)]) == exitcodes.OK
    return {json.loads(line)["title"] for line in capsys.readouterr().out.splitlines()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("source:politics", set()),  # a folder and URL paths: not the source
        ("source:edition", set()),  # a subdomain: not the outlet
        ("source:cnn", {"Storm hits coast"}),
        ("source:nytimes.com", {"Senate passes budget"}),
        ("source:bbc.co.uk", {"Tories split on Brexit"}),
        ("source:harbour", {"Harbour reopens after storm"}),  # the file's name
        ("source:wire", {"Senate passes budget", "Storm hits coast", "Tories split on Brexit"}),
    ],
)
def test_source_matches_the_outlet_and_the_file_name(library, capsys, query, expected) -> None:
    assert titles(library, query, capsys) == expected

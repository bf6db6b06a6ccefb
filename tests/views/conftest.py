"""A library of articles with varied dates and states, for the view tests."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from tui.store import Library

#: Dates with repeats (many articles of one day) and gaps (no date at all).
DATES = ["2024-03-01", "2024-03-02", "2024-03-02", "", "2023-12-31", "2024-03-02", ""]


def write_corpus(path: Path, count: int) -> Path:
    """A CSV of ``count`` articles; every third one quotes somebody."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "date", "title", "text"])
        for n in range(count):
            quote = f' "We will build berth {n}," said Mira Kalo.' if n % 3 == 0 else ""
            writer.writerow(
                [
                    f"https://example.org/{n}",
                    DATES[n % len(DATES)],
                    f"Harbour story number {n}",
                    f"Harbour story number {n} tells of ferries and berths.{quote}",
                ]
            )
    return path


@pytest.fixture(scope="module")
def varied_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """40 articles, some read, starred, archived or marked (the same each run); shared by
    a module's tests, which only read it."""
    tmp_path = tmp_path_factory.mktemp("views")
    library = Library.open(tmp_path / "library.db")
    library.import_paths([str(write_corpus(tmp_path / "corpus.csv", 40))], jobs=1)
    ids = [row.id for row in library.list_rows()]
    chance = random.Random(7)
    for flag in ("read", "starred", "archived", "marked"):
        library.set_flag(chance.sample(ids, 12), flag, True)
    yield library
    library.close()

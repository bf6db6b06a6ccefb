"""The README's ``speaker:`` examples find what they promise on the seed dumps."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def speaker_examples() -> list[str]:
    row = next(
        line for line in README.read_text(encoding="utf-8").splitlines() if "`speaker:x`" in line
    )
    return re.findall(r"`(speaker:[^`]+)`", row.split("|")[2])


def test_the_readme_has_speaker_examples() -> None:
    assert len(speaker_examples()) >= 2


def test_each_readme_speaker_example_finds_quotes_in_the_seeds(shared_dir, tmp_path) -> None:
    from tui.search import run_query
    from tui.store import Library

    with Library.open(tmp_path / "seeds.db") as library:
        library.import_paths([str(shared_dir / "seeds")])
        for query in speaker_examples():
            hits = run_query(library, query)
            assert hits, f"README example {query!r} finds nothing in the seeds"

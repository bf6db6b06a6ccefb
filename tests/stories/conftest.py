"""Fixtures for the story tests: the project's own sample dumps (two outlets on one tidal
plant, and unrelated news), written into a temporary folder as needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store import Library

SAMPLES = Path(__file__).resolve().parents[2] / "tui" / "samples"
TIDAL = ("001_harbour_tidal_plant.txt", "002_tidal_plant_second_outlet.txt")
OTHERS = ("005_river_flood.txt", "007_rail_strike.txt", "012_space_launch.txt")


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "lib.db") as lib:
        yield lib


def sample(name: str) -> str:
    return str(SAMPLES / name)


def story_library(tmp_path: Path) -> tuple[Path, list[str]]:
    """A library of the two tidal-plant outlets and the other samples; its one story's
    article ids."""
    from tui.store.stories import stories

    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
        [story] = stories(lib)
        return path, list(story.article_ids)

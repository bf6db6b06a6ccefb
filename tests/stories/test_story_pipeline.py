"""The first grouping of a long day (an undated dump) on two cores: a second process
scores the candidates, this one decides, and the stories are those of one process."""

from __future__ import annotations

import importlib.util
import multiprocessing
import sqlite3
import sys
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.store import Library, story_pipeline
from tui.store.stories import regroup, story_ids, update_stories

from .test_regroup_parts import _generated_library, _partition

ROOT = Path(__file__).resolve().parents[2]


def _undated_dumps(folder: Path, files: int, per_file: int) -> Path:
    """``files`` generated dumps (benchmarks/generate.py) of ``per_file`` stories each,
    undated: imported together they are one day."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    dumps = generate.dumps(seed=5)
    folder.mkdir()
    for n in range(files):
        text = "\n".join(next(dumps)[0] for _ in range(per_file))
        (folder / f"dump_{n:03}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def two_cores_used(monkeypatch) -> list[int]:
    """Parts from 50 articles on go to two processes; how many did (one entry each)."""
    monkeypatch.setattr(story_pipeline, "MIN_ARTICLES", 50)
    monkeypatch.setattr(story_pipeline, "CHUNK", 16)  # many chunks in flight
    used: list[int] = []
    place_part = story_pipeline.place_part

    def counted(*args, **kwargs):
        used.append(1)
        return place_part(*args, **kwargs)

    monkeypatch.setattr(story_pipeline, "place_part", counted)
    return used


def test_an_undated_import_with_jobs_2_has_the_stories_of_jobs_1(
    tmp_path: Path, two_cores_used: list[int]
) -> None:
    dumps = _undated_dumps(tmp_path / "dumps", 12, 30)
    placed = {}
    for jobs in (1, 2):
        db = tmp_path / f"jobs{jobs}.db"
        assert main(["import", str(dumps), "--db", str(db), "--jobs", str(jobs)]) == exitcodes.OK
        with Library.open(db) as lib:
            placed[jobs] = story_ids(lib)
            assert len(placed[jobs]) == lib.count()  # every article in a story
    assert two_cores_used == [1]  # jobs 2 grouped on two cores, jobs 1 in one process
    assert sum(1 for g in _partition(placed[1]) if len(g) > 1) > 10  # stories to get right
    assert placed[2] == placed[1]  # the same stories, the same ids


def test_a_dated_library_regrouped_on_two_cores_has_the_stories_of_one(
    tmp_path: Path, two_cores_used: list[int], monkeypatch
) -> None:
    """Days behind the window are forgotten by both processes at the same points."""
    from tui.store import story_regroup

    monkeypatch.setattr(story_regroup, "SHARE", 40)  # many ends of shares, many evictions
    path = tmp_path / "dated.db"
    _generated_library(path, 600, 30)
    with Library.open(path) as lib:
        regroup(lib, workers=1)
        one = story_ids(lib)
        regroup(lib, workers=2)
        two = story_ids(lib)
    assert two_cores_used == [1]
    assert sum(1 for g in _partition(one) if len(g) > 1) > 10
    assert two == one


def test_a_lost_scoring_process_costs_time_not_the_grouping(
    tmp_path: Path, two_cores_used: list[int], monkeypatch
) -> None:
    path = tmp_path / "dated.db"
    _generated_library(path, 300, 30)
    started = []

    def dies_at_once(part, requests, replies):
        process = multiprocessing.get_context("spawn").Process(target=sys.exit, args=(3,))
        process.start()
        started.append(process)
        return process

    with Library.open(path) as lib:
        regroup(lib, workers=1)
        one = story_ids(lib)
        monkeypatch.setattr(story_pipeline, "start_scorer", dies_at_once)
        regroup(lib, workers=2)
        assert story_ids(lib) == one  # placed again in this process
    assert started and started[0].exitcode == 3


def test_a_grouping_stopped_midway_leaves_the_library_consistent_and_the_next_run_groups(
    tmp_path: Path, two_cores_used: list[int], monkeypatch
) -> None:
    """An import interrupted while it groups (Ctrl-C, a crash): no story is half
    written, the scoring process does not outlive it, no scratch file is left, and
    the next command that looks at stories groups the library."""
    dumps = _undated_dumps(tmp_path / "dumps", 6, 30)
    db = tmp_path / "lib.db"
    assert main(["import", str(dumps), "--db", str(db), "--jobs", "1"]) == exitcodes.OK
    with Library.open(db) as lib:
        one = story_ids(lib)
        with lib.write() as conn:  # as a library imported by a run killed before grouping
            conn.execute("DELETE FROM story_members")
            conn.execute("DELETE FROM story_meta")
    started = []
    start = story_pipeline.start_scorer

    def remembered(*args):
        started.append(start(*args))
        return started[-1]

    placings = 0
    place = story_pipeline.Placer.place

    def interrupted(self, *args, **kwargs):
        nonlocal placings
        placings += 1
        if placings == 40:
            raise KeyboardInterrupt
        return place(self, *args, **kwargs)

    monkeypatch.setattr(story_pipeline, "start_scorer", remembered)
    monkeypatch.setattr(story_pipeline.Placer, "place", interrupted)
    with Library.open(db) as lib, pytest.raises(KeyboardInterrupt):
        update_stories(lib, workers=2)
    assert started and not started[0].is_alive()
    assert not list(tmp_path.glob(".newsdesk-regroup-*"))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM story_members").fetchone() == (0,)
    monkeypatch.setattr(story_pipeline.Placer, "place", place)
    with Library.open(db) as lib:
        assert update_stories(lib, workers=2) == lib.count()  # the next run groups it all
        assert story_ids(lib) == one

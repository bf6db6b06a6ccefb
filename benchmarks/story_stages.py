"""Per-stage wall and CPU times of a story grouping, for ``bench_stories.py``.

Wraps, by name, the functions a regroup and a placement go through (those a version of
the code does not have are skipped, so the same wrapping measures an older ref too)
and records each call's wall time and this process's CPU time. Worker processes are
forked, so they run the wrapped functions as well; every process appends its records
to one file (a line each, ``O_APPEND``), which the measuring process sums by stage and
by process role (``main`` or ``worker``).

Why: the wall time of a step is not its CPU time on a shared machine (waiting for a
core, for a disk flush, for another process's lock), and the sum says nothing about
which part of a step serialises. A stage's time includes the stages inside it (a
regroup's ``place parts`` includes the workers' ``read features``).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: (module, attribute path, stage name): what is timed, where it exists.
STAGES: list[tuple[str, str, str]] = [
    # placing an import
    ("tui.store.stories", "grouping", "lock (held until the step ends)"),
    ("tui.store.stories", "ensure_tables", "ensure tables"),
    ("tui.store.library", "Library.changes_since", "changes since last grouping"),
    ("tui.store.stories", "_stories_of", "stories of the updated"),
    ("tui.store.stories", "LibraryStoryIndex.take_out", "take out re-parsed"),
    ("tui.store.stories", "features_of", "read features (this process)"),
    ("tui.store.stories", "LibraryStoryIndex.load_df", "read document frequencies"),
    ("tui.store.stories", "LibraryStoryIndex._load_days", "read the window's members"),
    ("tui.store.stories", "LibraryStoryIndex.place", "place (incl. window reads)"),
    ("tui.store.stories", "LibraryStoryIndex.flush", "write placements"),
    ("tui.store.library", "Library.write", "commit"),
    # regrouping from scratch
    ("tui.store.stories", "_make_missing", "features missing at import"),
    ("tui.store.stories", "story_ids", "old story ids"),
    ("tui.store.stories", "_days", "every article's day"),
    ("tui.store.stories", "_sample_df", "document frequencies (sample)"),
    ("tui.store.stories", "_place_parts", "place parts (workers, waited for)"),
    ("tui.store.story_regroup", "place_part", "a part"),
    ("tui.store.story_features", "features_of", "read features"),
    ("tui.store.story_features", "kept_features", "read kept features"),
    ("tui.extract.stories", "StoryIndex.place", "place"),
    ("tui.store.story_regroup", "renumber_folded", "renumber folded"),
    ("tui.store.story_regroup", "join", "join parts"),
    ("tui.store.stories", "_keep_ids", "keep story ids"),
    ("tui.store.stories", "_swap", "copy placements into the library"),
]


class Recorder:
    """Appends ``{stage, role, wall, cpu}`` lines to ``path`` from any process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parent = os.getpid()
        self._depth: dict[str, int] = defaultdict(int)

    def record(self, stage: str, wall: float, cpu: float) -> None:
        role = "main" if os.getpid() == self.parent else "worker"
        line = json.dumps({"stage": stage, "role": role, "wall": wall, "cpu": cpu}) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Time the block, unless it is inside a block of the same stage (recursion, a
        method calling its base class's)."""
        self._depth[stage] += 1
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self._depth[stage] -= 1
            if not self._depth[stage]:
                self.record(stage, time.perf_counter() - wall, time.process_time() - cpu)

    def wrap(self, function: Callable[..., Any], stage: str) -> Callable[..., Any]:
        if inspect.isgeneratorfunction(function):

            @functools.wraps(function)
            def generator(*args: Any, **kwargs: Any) -> Iterator[Any]:
                items = function(*args, **kwargs)
                while True:
                    with self.timed(stage):
                        item = next(items, _END)
                    if item is _END:
                        return
                    yield item

            return generator
        if stage == "commit":  # Library.write: the time from the block's end to COMMIT's

            @functools.wraps(function)
            @contextlib.contextmanager
            def write(*args: Any, **kwargs: Any) -> Iterator[Any]:
                block = function(*args, **kwargs)
                with block as value:
                    yield value
                    wall, cpu = time.perf_counter(), time.process_time()
                self.record(stage, time.perf_counter() - wall, time.process_time() - cpu)

            return write
        if stage.startswith("lock"):  # a context manager: waiting for it is the stage

            @functools.wraps(function)
            @contextlib.contextmanager
            def lock(*args: Any, **kwargs: Any) -> Iterator[Any]:
                wall, cpu = time.perf_counter(), time.process_time()
                with function(*args, **kwargs) as value:
                    self.record("lock wait", time.perf_counter() - wall, time.process_time() - cpu)
                    yield value

            return lock

        @functools.wraps(function)
        def plain(*args: Any, **kwargs: Any) -> Any:
            with self.timed(stage):
                return function(*args, **kwargs)

        return plain

    def install(self) -> list[str]:
        """Wrap every stage this code has; the names of those wrapped."""
        done = []
        for module_name, attribute, stage in STAGES:
            try:
                owner: Any = importlib.import_module(module_name)
            except ImportError:
                continue
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part, None)
            function = getattr(owner, name, None) if owner is not None else None
            if function is None:
                continue
            setattr(owner, name, self.wrap(function, stage))
            done.append(stage)
        return done

    def totals(self) -> dict[str, dict[str, float]]:
        """``role: stage`` -> wall, cpu, calls; read back and emptied (one step's)."""
        out: dict[str, dict[str, float]] = {}
        if not self.path.exists():
            return out
        for line in self.path.read_text().splitlines():
            entry = json.loads(line)
            key = f"{entry['role']}: {entry['stage']}"
            row = out.setdefault(key, {"wall": 0.0, "cpu": 0.0, "calls": 0})
            row["wall"] += entry["wall"]
            row["cpu"] += entry["cpu"]
            row["calls"] += 1
        self.path.unlink()
        return out


_END = object()

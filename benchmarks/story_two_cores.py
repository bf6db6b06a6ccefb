"""The first grouping of a generated undated day on one core and on two, side by side.

An undated dump is one day, so a regroup cannot cut it by date; with two workers its one
sequence is split between two processes (:mod:`tui.store.story_pipeline`). This checks
that the stories are those of one process and prints what each way costs:

- pair agreement: pairs of articles put together by both / by either (1.000: the same
  stories), and whether every article has the same story id;
- wall and CPU seconds (this process, and the scoring process it started; "2-core s":
  the busier of the two, the wall time on two idle cores) of
  ``regroup(lib, workers=1)`` and ``regroup(lib, workers=2)`` on copies of one library.
  On a shared machine the wall ratio is noise; the CPU columns are not.

The library is ``--library DB`` (a copy is regrouped; the file is not changed), else the
``20mb`` corpus of ``bench_import.py`` (20 MB of undated dumps, 22,000 articles)
imported once into ``--out``:

    python benchmarks/story_two_cores.py [--library DB] [--corpus 20mb] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_import import OUT, corpus  # noqa: E402

from tui.store import Library  # noqa: E402
from tui.store.stories import regroup, story_ids  # noqa: E402


def _pairs(ids: dict[str, int]) -> set[tuple[str, str]]:
    groups: dict[int, list[str]] = defaultdict(list)
    for article, story in ids.items():
        groups[story].append(article)
    return {pair for group in groups.values() for pair in combinations(sorted(group), 2)}


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _regrouped(
    library: Path, workers: int, scratch: Path
) -> tuple[dict[str, int], float, float, float]:
    """Story ids after a regroup of a copy with ``workers``; wall seconds, this
    process's CPU seconds and its children's (the scoring process)."""
    copy = scratch / f"workers{workers}.db"
    shutil.copy(library, copy)
    with Library.open(copy) as lib:
        wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        regroup(lib, workers=workers)
        wall = time.perf_counter() - wall
        cpu = time.process_time() - cpu
        children = _children_cpu() - children
        return story_ids(lib), wall, cpu, children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, help="a library to regroup (a copy)")
    parser.add_argument("--corpus", default="20mb", help="bench_import.py corpus to import")
    parser.add_argument("--out", type=Path, default=OUT, help="where corpora are generated")
    args = parser.parse_args(argv)
    library = args.library
    if library is None:
        library = args.out / f"stories_{args.corpus}.db"
        if not library.exists():
            dumps = corpus(args.corpus, args.out)
            print(f"importing {dumps} into {library} ...", flush=True)
            command = [sys.executable, "-m", "tui", "import", str(dumps), "--db", str(library)]
            subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    print(f"load average before: {os.getloadavg()[0]:.2f}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="story_two_cores_") as tmp:
        one, wall1, cpu1, helper1 = _regrouped(library, 1, Path(tmp))
        two, wall2, cpu2, helper2 = _regrouped(library, 2, Path(tmp))
    print(
        "| regroup | articles | stories of 2+ | wall s | cpu s (this process) "
        "| cpu s (scoring process) | 2-core s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    runs = (("workers 1", one, wall1, cpu1, helper1), ("workers 2", two, wall2, cpu2, helper2))
    for name, ids, wall, cpu, helper in runs:
        counts: dict[int, int] = defaultdict(int)
        for story in ids.values():
            counts[story] += 1
        grouped = sum(1 for n in counts.values() if n > 1)
        print(
            f"| {name} | {len(ids):,} | {grouped:,} | {wall:.1f} | {cpu:.1f} | {helper:.1f} "
            f"| {max(cpu, helper):.1f} |"
        )
    a, b = _pairs(one), _pairs(two)
    agreement = len(a & b) / len(a | b) if a | b else 1.0
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(
        f"- pair agreement (together in both / in either): {agreement:.3f} of {len(a | b):,}"
        f" pairs; same story id for every article: {one == two}"
    )
    ideal = max(cpu2, helper2) / max(cpu1, helper1)
    print(
        f"- workers 2 / workers 1: wall {wall2 / wall1:.2f}x, cpu (all) "
        f"{(cpu2 + helper2) / (cpu1 + helper1):.2f}x, 2-core (the busier process) {ideal:.2f}x"
    )
    return 0 if one == two else 1


if __name__ == "__main__":
    sys.exit(main())

"""Parsing speed on a generated 100 MB dump, beside the floor of reading it.

Stages, each timed on the same file in one run (best of ``--repeat``):

- floor: read the bytes, decode UTF-8, split into lines (what any reader must do);
- load_document: read + decode + clean (control characters, escapes, line breaks);
- read_dump: the dump reader alone on the decoded text (articles, paragraphs, briefs);
- read_dump + find_entities: the reader and the entity finder (the issue's target);
- parse_document: read_dump plus entities and quotes (the full pipeline).

Times are CPU seconds of this process (``time.process_time``: one core, not disturbed
by other work on a shared machine). MB/s are megabytes of the file per second; "x floor"
is the stage's time over the floor's. The dump is generated once into
``benchmarks/out/`` (gitignored).

    python benchmarks/bench_parse.py [--megabytes 100] [--repeat 1] [--against TREE]
        [--no-titles]

``--against TREE`` first runs the same stages on another checkout (``git worktree add
/tmp/before main``; each process imports ``tui`` from its own tree) and prints the two
runs side by side, with the load average before and after: on a shared machine the
"x floor" ratios are the figures to compare.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generate import benchmark_dump  # the generator, a script beside this one

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, int]:
    """Best CPU time of ``repeat`` runs (the machine is shared: wall time is noisy), and
    the length of the result when it is a list."""
    best = float("inf")
    count = 0
    for _ in range(repeat):
        gc.collect()  # each stage starts from the same heap
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
        count = len(result) if isinstance(result, list) else count
        del result
    return best, count


def _stages(path: Path, repeat: int) -> tuple[list[tuple[str, float, float, float]], int]:
    """(stage, seconds, MB/s, x floor) for each stage, and the number of articles."""
    from tui.extract.entities import find_entities
    from tui.extract.pipeline import parse_document
    from tui.ingest.dump import gc_paused, read_dump
    from tui.ingest.files import load_document

    def _with_entities(text: str, source: str) -> list[object]:
        """The reader and the entity finder, without quotes: the issue's speed target."""
        with gc_paused():
            return [find_entities(text, a.paragraphs) for a in read_dump(text, source)]

    size_mb = path.stat().st_size / 1e6
    text = load_document(str(path)).text

    def floor() -> int:
        return len(path.read_bytes().decode("utf-8").splitlines())

    stages: list[tuple[str, Callable[[], object]]] = [
        ("floor: read + decode + splitlines", floor),
        ("load_document (decode + clean)", lambda: load_document(str(path))),
        ("read_dump (articles)", lambda: read_dump(text, str(path))),
        ("read_dump + find_entities", lambda: _with_entities(text, str(path))),
        ("parse_document (+ entities, quotes)", lambda: parse_document(text, str(path))),
    ]
    rows = []
    floor_time = None
    articles = 0
    for name, fn in stages:
        seconds, count = _best(fn, repeat)
        floor_time = floor_time or seconds
        articles = count or articles
        rows.append((name, seconds, size_mb / seconds, seconds / floor_time))

    load, full = rows[1][1], rows[-1][1]
    rows.append(
        (
            "file to articles: load_document + parse_document",
            load + full,
            size_mb / (load + full),
            (load + full) / rows[0][1],
        )
    )
    return rows, articles


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--against", metavar="TREE", help="another checkout to run first")
    parser.add_argument(
        "--no-titles", action="store_true", help="a dump without title lines (one long run)"
    )
    parser.add_argument("--tree", default=str(ROOT), help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, args.tree)  # import tui from the tree measured

    path = benchmark_dump(args.megabytes, titles=not args.no_titles)
    size_mb = path.stat().st_size / 1e6
    before = None
    load_start = _load()
    if args.against:
        command = [sys.executable, __file__, "--tree", args.against, "--json"]
        command += ["--megabytes", str(args.megabytes), "--repeat", str(args.repeat)]
        command += ["--no-titles"] if args.no_titles else []
        env = {**os.environ, "PYTHONPATH": args.against}
        done = subprocess.run(command, check=True, env=env, capture_output=True)
        before = json.loads(done.stdout)
    rows, articles = _stages(path, args.repeat)
    if args.json:
        print(json.dumps(rows))
        return 0
    print(f"{path.name}: {size_mb:.1f} MB, {articles} articles, CPU seconds, best of {args.repeat}")
    print(f"load average (1/5/15 min) at start {load_start}, at end {_load()}")
    print()
    if before is None:
        print("| stage | seconds | MB/s | x floor |")
        print("|---|---:|---:|---:|")
        for name, seconds, rate, ratio in rows:
            print(f"| {name} | {seconds:.2f} | {rate:.1f} | {ratio:.1f} |")
        return 0
    print(f"before: {args.against}; after: {args.tree}")
    print()
    print(
        "| stage | before s | before MB/s | before x floor | after s | after MB/s | after x floor |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for (name, s0, r0, x0), (_, s1, r1, x1) in zip(before, rows, strict=True):
        print(f"| {name} | {s0:.2f} | {r0:.1f} | {x0:.1f} | {s1:.2f} | {r1:.1f} | {x1:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

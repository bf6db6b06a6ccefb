"""Quote extraction on adversarial shapes at 10 and 100 KB: linear, at most 0.2 s per 100 KB.

The shapes (``tests/quotes/adversarial.py``): quotes attributed to ``he`` repeated, in
one paragraph and in many; unclosed marks; long capitalised runs; ``,"`` runs; one long
sentence of reported speech. Each row gives the best CPU time of ``--repeat`` runs of
``find_quotes`` (paragraphs and entities found beforehand) and the seconds per 100 KB.
With ``--against REF`` the same shapes are timed, in the same run, on the extractor of
git revision REF (its ``tui`` package unpacked into a temporary directory and run in a
subprocess), at the sizes given by ``--against-sizes`` (the old look-back took 49 s on
100 KB, so 10 KB by default).

    python benchmarks/quote_adversarial.py [--repeat 3] [--against REF]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TESTS = ROOT / "tests" / "quotes"
#: The issue's budget: seconds per 100 KB of any shape.
BUDGET = 0.2


def timings(sizes: list[int], repeat: int) -> dict[str, dict[int, float]]:
    """Best CPU seconds of ``find_quotes`` for every shape and size (KB)."""
    sys.path.insert(0, str(TESTS))
    from adversarial import SHAPES, build, extraction

    found: dict[str, dict[int, float]] = {}
    for shape in SHAPES:
        found[shape] = {}
        for kb in sizes:
            run = extraction(build(shape, kb * 1000))
            best = float("inf")
            for _ in range(repeat):
                started = time.process_time()
                run()
                best = min(best, time.process_time() - started)
            found[shape][kb] = best
    return found


def _old_timings(ref: str, sizes: list[int], repeat: int) -> dict[str, dict[int, float]]:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "tui"],
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(scratch, filter="data")
        code = (
            "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
            "import quote_adversarial as q;"
            "print(json.dumps(q.timings(json.loads(sys.argv[3]), int(sys.argv[4]))))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, scratch, str(HERE), json.dumps(sizes), str(repeat)],
            capture_output=True,
            check=True,
            text=True,
            cwd=scratch,
        ).stdout
    return {shape: {int(k): v for k, v in row.items()} for shape, row in json.loads(out).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="REF", help="also time git revision REF")
    parser.add_argument("--against-sizes", default="10", help="KB sizes for REF (comma list)")
    args = parser.parse_args(argv)
    sizes = [10, 100]
    sys.path.insert(0, str(ROOT))
    new = timings(sizes, args.repeat)
    old_sizes = [int(s) for s in args.against_sizes.split(",")]
    old = _old_timings(args.against, old_sizes, args.repeat) if args.against else {}
    head = "| shape | 10 KB s | 100 KB s | s per 100 KB | 100 KB / 10 KB |"
    rule = "|---|---:|---:|---:|---:|"
    if old:
        head += "".join(f" {args.against} {kb} KB s | old / new |" for kb in old_sizes)
        rule += "---:|---:|" * len(old_sizes)
    print(head)
    print(rule)
    worst = 0.0
    for shape, row in new.items():
        per_100 = row[100]
        worst = max(worst, per_100)
        line = (
            f"| {shape} | {row[10]:.4f} | {row[100]:.4f} | {per_100:.3f} "
            f"| {row[100] / max(row[10], 1e-9):.1f} |"
        )
        for kb in old_sizes if old else ():
            mine = row.get(kb) or timings([kb], args.repeat)[shape][kb]
            line += f" {old[shape][kb]:.4f} | {old[shape][kb] / max(mine, 1e-9):.2g}x |"
        print(line)
    print()
    print(f"worst: {worst:.3f} s per 100 KB (budget {BUDGET})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

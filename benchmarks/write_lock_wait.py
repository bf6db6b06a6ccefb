"""How long a reader's write (a star) waits while a big library's stories are grouped.

The reader's writes wait for the write lock at most the busy timeout (15 s); a grouping
that held it longer made a star or a note fail with "database is locked". This copies a
library (``--db``, e.g. the 100,000 articles ``bench_stories.py`` builds, never
modified), then, with a prober process writing to it every 50 ms (one ``BEGIN
IMMEDIATE`` ... ``COMMIT`` each, the reader's way) and timing how long each waited:

- ``regroup``: groups it from scratch (``newsdesk stories --regroup``);
- ``place N``: places again its last ``N`` articles (``--replace``, default 20,000:
  the grouping at the end of an import of that many).

Prints, for each, the wall time and CPU time (this process and its workers: the figure
to compare on a shared machine), the prober's longest wait, and how many of its writes
waited over 1 s. ``BENCH_ROOT=/tmp/ref-s15`` measures an older tree's code.

    python benchmarks/write_lock_wait.py --db LIBRARY [--replace 20000] [--out DIR]
        [--no-probe]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("BENCH_ROOT", HERE.parent))
sys.path.insert(0, str(ROOT))

PROBE_EVERY = 0.05


def probe(db: str, stop: str) -> None:
    """The prober: a write every :data:`PROBE_EVERY` s until ``stop`` exists; prints
    its waits (seconds, one a line) at the end."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 600000")
    waits = []
    while not os.path.exists(stop):
        start = time.monotonic()
        conn.execute("BEGIN IMMEDIATE")
        waits.append(time.monotonic() - start)
        conn.execute("UPDATE meta SET value = value WHERE key = 'seq'")
        conn.execute("COMMIT")
        time.sleep(PROBE_EVERY)  # a pace, not a synchronisation
    print("\n".join(f"{w:.4f}" for w in waits))


def _cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the prober's once it ends: small
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _with_prober(db: Path, work, probe: bool = True) -> tuple[float, float, list[float]]:  # type: ignore[no-untyped-def]
    if not probe:  # the grouping's own cost, nobody else writing
        start, cpu = time.monotonic(), _cpu()
        work()
        return time.monotonic() - start, _cpu() - cpu, []
    stop = db.with_suffix(".stop")
    stop.unlink(missing_ok=True)
    prober = subprocess.Popen(
        [sys.executable, __file__, "--probe", str(db), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    start, cpu = time.monotonic(), _cpu()
    try:
        work()
    finally:
        wall, cpu = time.monotonic() - start, _cpu() - cpu
        stop.touch()
        out, _ = prober.communicate()
    return wall, cpu, [float(w) for w in out.split()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--replace", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/write-lock-bench"))
    parser.add_argument(
        "--no-probe", action="store_true", help="no prober: the grouping's own cost alone"
    )
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        probe(*args.probe)
        return 0
    from tui.store import Library
    from tui.store.stories import regroup, update_stories

    args.out.mkdir(parents=True, exist_ok=True)
    db = args.out / "probe.db"
    shutil.copyfile(args.db, db)
    rows = []
    with Library.open(db) as lib:
        probing = not args.no_probe
        rows.append(("regroup", *_with_prober(db, lambda: regroup(lib, workers=2), probing)))
        conn = lib.connection
        (last,) = conn.execute(
            "SELECT seq FROM articles ORDER BY seq DESC LIMIT 1 OFFSET ?", (args.replace,)
        ).fetchone()
        conn.execute("UPDATE story_meta SET value = ? WHERE key = 'seq'", (last,))
        placing = _with_prober(db, lambda: update_stories(lib), probing)
        rows.append((f"place {args.replace:,} again", *placing))
    print(f"code: {ROOT}; library: {args.db} (copied)")
    print("| grouping | wall s | CPU s | prober writes | longest wait s | waits > 1 s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, cpu, waits in rows:
        longest = max(waits, default=0.0)
        over = sum(w > 1 for w in waits)
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {len(waits)} | {longest:.2f} | {over} |")
    db.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``newsdesk import`` on generated corpora: every target of issue 17, side by side.

Each run is a fresh ``newsdesk import`` process into a fresh library, timed from the
outside:

- wall: seconds from start to exit;
- cpu: user + system seconds of the import and of its worker processes (reaped by it);
- writer cpu: the importing process's own CPU seconds (sampled from ``/proc``), and
  "2-core s", what the wall time would be on two idle cores were the work spread
  perfectly: max(writer cpu, cpu / 2) when there are workers, else cpu; the stories'
  grouping after the import (one process, the other core idle) counted whole, not
  halved. On a shared machine the wall ratio is noise; the CPU columns are not;
- import step, stories step: the wall and CPU seconds of the import process's two
  steps (``_TIMED``): parsing (in the workers) and storing, the search index following;
  then the first grouping of what was imported (``update_stories``);
- peak RSS: the largest total resident memory of the import's process tree (the
  writer and its workers together), sampled every 20 ms from ``/proc``; "max proc" is
  the largest single process. Summed RSS counts the pages a forked worker shares with
  the writer once per process, so the tree's PSS (each shared page split between its
  sharers, from ``/proc/PID/smaps_rollup``) is printed beside it: what the tree holds.
  PSS is read every 200 ms and at each new high of the tree's RSS (reading it costs
  the kernel a walk of each process's page tables: at every 20 ms sample it took ~12%
  of a core from a ``--jobs 2`` import and nothing from ``--jobs 1``); the CPU the
  sampling took is printed under the table.

Corpora, generated once into ``benchmarks/out/`` (gitignored) by ``generate.py``:

- ``100mb``: 100 MB of dumps as 100 files, ``--jobs 1`` beside ``--jobs 2`` (target:
  jobs 2 <= 0.6x the time of jobs 1 on 2 cores; both peaks <= 400 MB);
- ``20mb``: 20 MB as 20 files (with ``--only``: a quick look at the 100mb ratio);
- ``10k`` and ``20k``: 10,000 and 20,000 articles in files of ~200 articles (time
  linear: 20k <= 2.2x 10k); ``100k``: 100,000 articles (peak <= 400 MB);
- ``line20mb``: one 20 MB line (the generated text with its line breaks made spaces;
  peak <= 200 MB);
- ``line5mb``: the same as one 5 MB line (with ``--only``: a quick look, ~1/4 of it);
- ``file20mb``: one 20 MB dump file (20 of the 100 MB corpus's files end to end),
  ``--jobs 1`` beside ``--jobs 2``: a big file split across the workers.
- ``50k``: 50,000 articles (with ``--only``; the earlier linearity pair with 100k).

``--against TREE`` also runs each import with another checkout's code (``git worktree
add /tmp/before main``; the process imports ``tui`` from that tree, with this venv's
packages) and prints it beside; an old tree may have no ``--jobs``: it runs once.

    python benchmarks/bench_import.py [--against TREE] [--only 100mb,line20mb] [--jobs 1,2]
        [--repeat 1] [--out DIR]

Only the corpora asked for are generated (``--out``: where; default ``benchmarks/out``).
A quiet re-run of the targets in about 15 minutes on two cores:
``--only 100mb,10k,20k,100k,line20mb``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generate import dumps  # the generator, a script beside this one

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PAGE = os.sysconf("SC_PAGE_SIZE")
#: The tree's PSS is read every this many samples (and at each new high of its RSS).
PSS_EVERY = 10


# -- corpora -----------------------------------------------------------------------------


def _write_files(
    folder: Path,
    *,
    megabytes: float = 0,
    articles: int = 0,
    files: int = 0,
    per_file_articles: int = 200,
) -> Path:
    """Generated dumps into ``folder``: ``megabytes`` over ``files`` files, or
    ``articles`` in files of about ``per_file_articles``."""
    if folder.is_dir() and any(folder.iterdir()):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    source = dumps(seed=11)
    if megabytes:
        per_file = int(megabytes * 1_000_000 / files)
        for n in range(files):
            parts: list[str] = []
            size = 0
            while size < per_file:
                text, _count = next(source)
                parts.append(text)
                size += len(text.encode("utf-8")) + 1
            (folder / f"dump_{n:04}.txt").write_text("\n".join(parts), encoding="utf-8")
        return folder
    total = n = 0
    while total < articles:
        parts, count = [], 0
        while count < per_file_articles and total + count < articles:
            text, k = next(source)
            parts.append(text)
            count += k
        (folder / f"dump_{n:05}.txt").write_text("\n".join(parts), encoding="utf-8")
        total += count
        n += 1
    return folder


def _single_line(path: Path, megabytes: float) -> Path:
    if path.exists():
        return path
    source = dumps(seed=13)
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        text, _count = next(source)
        parts.append(text.replace("\n", " "))
        size += len(parts[-1].encode("utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(parts) + "\n", encoding="utf-8")
    return path


def _one_file(path: Path, parts: list[Path]) -> Path:
    if not path.exists():
        path.write_text("\n".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    return path


def corpus(name: str, out: Path = OUT) -> Path:
    """The corpus called ``name``, generated into ``out`` the first time it is asked
    for (only the corpora a run needs are made: 100k articles take a while)."""
    makers: dict[str, Callable[[], Path]] = {
        "100mb": lambda: _write_files(out / "import_100mb_100files", megabytes=100, files=100),
        "20mb": lambda: _write_files(out / "import_20mb_20files", megabytes=20, files=20),
        "10k": lambda: _write_files(out / "import_10k_articles", articles=10_000),
        "20k": lambda: _write_files(out / "import_20k_articles", articles=20_000),
        "50k": lambda: _write_files(out / "import_50k_articles", articles=50_000),
        "100k": lambda: _write_files(out / "import_100k_articles", articles=100_000),
        "line20mb": lambda: _single_line(out / "import_line_20mb.txt", 20),
        "line5mb": lambda: _single_line(out / "import_line_5mb.txt", 5),
        "file20mb": lambda: _one_file(
            out / "import_file_20mb.txt", sorted(corpus("100mb", out).iterdir())[:20]
        ),
    }
    return makers[name]()


#: Corpus -> the ``--jobs`` values it runs with (None: the default, one per core).
PLANS: dict[str, list[int | None]] = {
    "100mb": [1, 2],
    "20mb": [1, 2],
    "10k": [1, 2],
    "20k": [1, 2],
    "100k": [2],
    "line20mb": [1, 2],
    "line5mb": [1, 2],
    "file20mb": [1, 2],
    "50k": [1, 2],
}
DEFAULT = ["100mb", "10k", "20k", "100k", "line20mb", "file20mb"]


# -- measuring one import ------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                queue.extend(int(c) for c in handle.read().split())
        except OSError:
            pass
    return found


TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """User + system CPU seconds of ``pid`` itself (not its children), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: resident memory with each shared page split between the
    processes that share it (a forked worker's pages inherited from the writer are not
    counted twice, as summed RSS counts them)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


@dataclass
class Run:
    wall: float
    cpu: float
    peak_total: int
    peak_single: int
    code: int
    writer_cpu: float  # the importing process alone (the workers' share is the rest)
    peak_pss: int = 0  # the tree's proportional set size summed: shared pages split
    #: The import process's steps: name -> (wall s, its CPU s); see ``_TIMED``.
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: This script's own CPU seconds spent sampling the tree (taken from the same cores).
    sampler_cpu: float = 0.0

    def phase(self, name: str) -> tuple[float, float]:
        """A step's wall and CPU seconds (the import process's own CPU)."""
        wall, cpu, *_ = self.phases.get(name, (0.0, 0.0))
        return wall, cpu

    def reaped(self, name: str) -> float:
        """The CPU seconds of the child processes a step started and ended (the
        stories step's scoring process)."""
        return (*self.phases.get(name, ()), 0.0, 0.0, 0.0)[2]

    @property
    def ideal_wall(self) -> float:
        """The wall time on 2 idle cores if the CPU work spread perfectly: the workers'
        CPU shared by two cores, or the writer's own, whichever is longer; but the
        stories' grouping after the import (when timed, see ``_TIMED``) runs after it,
        so it is added: whole when it is one process on one core (before, this figure
        read 0.54x for a run whose grouping kept one core idle a third of its time), the
        longer of its two processes' CPU when a second one scored its candidates."""
        if self.cpu <= self.writer_cpu:
            return self.cpu
        alone, helper = self.phase("stories")[1], self.reaped("stories")
        rest = self.cpu - alone - helper
        return max(self.writer_cpu - alone, rest / 2) + max(alone, helper)


def measure(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peaks = [0, 0, 0]
    writer_cpu = [0.0]
    sampler_cpu = [0.0]
    done = threading.Event()

    def sample() -> None:
        started = time.thread_time()
        for n in itertools.count():
            if done.is_set():
                break
            writer_cpu[0] = max(writer_cpu[0], _cpu(process.pid))
            tree = _tree(process.pid)
            sizes = [_rss(p) for p in tree]
            total = sum(sizes)
            new_high = total > peaks[0]
            peaks[0] = max(peaks[0], total)
            peaks[1] = max(peaks[1], max(sizes, default=0))
            if len(tree) > 1:
                # PSS (smaps_rollup: the kernel walks each process's page tables, ~1.4
                # ms of a core per 300 MB, holding its memory map's lock) at a new high
                # of the tree's RSS and every PSS_EVERY-th sample: read at every sample
                # it took ~12% of a core from a --jobs 2 import of two busy cores, and
                # nothing from a --jobs 1 import (one process: its PSS is its RSS).
                if new_high or n % PSS_EVERY == 0:
                    peaks[2] = max(peaks[2], sum(_pss(p) for p in tree))
            else:
                peaks[2] = max(peaks[2], sizes[0] if sizes else 0)
            done.wait(0.02)
        sampler_cpu[0] = time.thread_time() - started

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    err = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        print(err, file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    phases: dict[str, tuple[float, float]] = {}
    for line in err.splitlines():
        if line.startswith(PHASES + " "):
            phases = {k: tuple(v) for k, v in json.loads(line[len(PHASES) + 1 :]).items()}
    return Run(
        wall,
        cpu,
        peaks[0],
        peaks[1],
        process.returncode,
        min(writer_cpu[0], cpu),
        peaks[2],
        phases,
        sampler_cpu[0],
    )


#: Run as the import process: ``newsdesk import`` with the wall and CPU seconds (this
#: process's, all its threads: tantivy's too) of its steps kept, then printed on stderr
#: as one line, ``PHASES`` and JSON: parse and store (the workers' waits in it), the
#: search index's last commit, and the stories' grouping after the import. Works on an
#: older tree too (a step it lacks is not timed).
PHASES = "bench-phases"
_TIMED = """
import functools, json, resource, sys, time
timed = {}
def reaped():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
def wrap(owner, name, label):
    f = getattr(owner, name, None)
    if f is None:
        return
    @functools.wraps(f)
    def g(*a, **k):
        w, c, r = time.perf_counter(), time.process_time(), reaped()
        try:
            return f(*a, **k)
        finally:
            tw, tc, tr = timed.get(label, (0.0, 0.0, 0.0))
            timed[label] = (
                tw + time.perf_counter() - w, tc + time.process_time() - c, tr + reaped() - r
            )
    setattr(owner, name, g)
import tui.store.library, tui.store.stories, tui.store.parallel
wrap(tui.store.library.Library, "import_paths", "import")
wrap(tui.store.stories, "update_stories", "stories")
wrap(tui.store.parallel, "_result", "waits")
try:
    import tui.search.follow
    wrap(tui.search.follow.ImportIndexer, "close", "index_close")
except ImportError:
    pass
from tui.cli import main
try:
    code = main(sys.argv[1:])
finally:
    print("PHASES " + json.dumps(timed), file=sys.stderr)
sys.exit(code)
""".replace("PHASES", PHASES)


def import_command(tree: Path, paths: list[str], db: Path, jobs: int | None) -> list[str]:
    command = [sys.executable, "-c", _TIMED, "import", *paths, "--db", str(db)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command


def run_import(tree: Path, paths: list[str], jobs: int | None) -> Run:
    env = dict(os.environ, PYTHONPATH=str(tree))
    with tempfile.TemporaryDirectory(prefix="bench_import_") as scratch:
        # cwd is the tree: ``python -c`` puts the working folder first on sys.path.
        return measure(import_command(tree, paths, Path(scratch) / "lib.db", jobs), env, tree)


# -- the table -------------------------------------------------------------------------------


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f}"


def _ratio(results: dict[tuple[str, str], Run], a: tuple[str, str], b: tuple[str, str]) -> str:
    """``b`` against ``a``: wall, CPU and 2-core ratios, or "" when one is missing."""
    one, two = results.get(a), results.get(b)
    if not one or not two:
        return ""
    return (
        f"wall {two.wall / one.wall:.2f}x, cpu {two.cpu / one.cpu:.2f}x, "
        f"2-core {two.ideal_wall / one.ideal_wall:.2f}x"
    )


def _phase(run: Run, name: str) -> str:
    wall, cpu = run.phase(name)
    helper = run.reaped(name) if name == "stories" else 0.0
    return (f"{wall:.1f} ({cpu:.1f}" + (f" + {helper:.1f})" if helper else ")")) if wall else ""


def _step_ratio(
    results: dict[tuple[str, str], Run], a: tuple[str, str], b: tuple[str, str], step: str
) -> str:
    """``b`` against ``a`` for one step of the import (see ``_TIMED``): wall ratio."""
    one, two = results.get(a), results.get(b)
    if not one or not two or not one.phase(step)[0] or not two.phase(step)[0]:
        return ""
    return f"wall {two.phase(step)[0] / one.phase(step)[0]:.2f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", metavar="TREE", help="another checkout to run beside")
    parser.add_argument("--only", help=f"comma-separated corpora (default {','.join(DEFAULT)})")
    parser.add_argument(
        "--jobs",
        help="comma-separated --jobs values to run (default: each corpus's own, see PLANS)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, best wall kept")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"where corpora are generated (default {OUT})"
    )
    args = parser.parse_args(argv)

    started = time.time()
    wanted = args.only.split(",") if args.only else DEFAULT
    unknown = [name for name in wanted if name not in PLANS]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; known: {', '.join(PLANS)}")
    chosen = {int(j) for j in args.jobs.split(",")} if args.jobs else None
    found = {name: corpus(name, args.out) for name in wanted}
    plans: list[tuple[str, str, Path, int | None]] = []
    for name in wanted:
        for jobs in PLANS[name]:
            if chosen is not None and jobs not in chosen:
                continue
            plans.append((name, f"--jobs {jobs}", ROOT, jobs))
        if args.against:
            plans.append((name, "against", Path(args.against).resolve(), None))

    print(f"load average before: {os.getloadavg()[0]:.2f}; cores: {os.cpu_count()}", flush=True)
    print(
        "| corpus | code | wall s | cpu s | writer cpu s | 2-core s | peak RSS MB (tree) "
        "| peak PSS MB (tree) | max proc RSS MB | import step s (writer cpu) "
        "| stories step s (cpu + its 2nd process's) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    results: dict[tuple[str, str], Run] = {}
    for name, label, tree, jobs in plans:
        paths = [str(found[name].resolve())]
        best: Run | None = None
        for _ in range(args.repeat):
            run = run_import(tree, paths, jobs)
            if best is None or run.wall < best.wall:
                best = run
        assert best is not None
        results[(name, label)] = best
        shown = label if label != "against" else f"against {Path(args.against).name}"
        print(
            f"| {name} | {shown} | {best.wall:.1f} | {best.cpu:.1f} | {best.writer_cpu:.1f} "
            f"| {best.ideal_wall:.1f} | {_mb(best.peak_total)} | {_mb(best.peak_pss)} "
            f"| {_mb(best.peak_single)} | {_phase(best, 'import')} | {_phase(best, 'stories')} |"
            + ("" if best.code in (0, 1) else f" exit {best.code}"),
            flush=True,
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}; {time.time() - started:.0f} s in all")
    print()
    lines = [
        ("100mb: jobs 2 / jobs 1 (target <= 0.60)", ("100mb", "--jobs 1"), ("100mb", "--jobs 2")),
        ("20mb (quick look): jobs 2 / jobs 1", ("20mb", "--jobs 1"), ("20mb", "--jobs 2")),
        (
            "file20mb (one file): jobs 2 / jobs 1",
            ("file20mb", "--jobs 1"),
            ("file20mb", "--jobs 2"),
        ),
        ("20k / 10k articles, jobs 1 (target <= 2.2)", ("10k", "--jobs 1"), ("20k", "--jobs 1")),
        ("20k / 10k articles, jobs 2 (target <= 2.2)", ("10k", "--jobs 2"), ("20k", "--jobs 2")),
        ("100k / 50k articles, jobs 1 (target <= 2.2)", ("50k", "--jobs 1"), ("100k", "--jobs 1")),
        ("100k / 50k articles, jobs 2 (target <= 2.2)", ("50k", "--jobs 2"), ("100k", "--jobs 2")),
    ]
    for title, a, b in lines:
        shown = _ratio(results, a, b)
        if shown:
            print(f"- {title}: {shown}")
    # Where the wall time goes: the import step (parse in the workers, store here) gains
    # from the workers; the stories' grouping after it (an undated library is one day:
    # one sequence) gains from a second process only where it scores the candidates
    # (jobs 2: tui.store.story_pipeline), jobs 1 keeps it in one.
    for name in ("100mb", "20mb"):
        a, b = (name, "--jobs 1"), (name, "--jobs 2")
        shown = _step_ratio(results, a, b, "import")
        if shown:
            tail = [results[k].phase("stories")[0] / results[k].wall for k in (a, b)]
            print(
                f"- {name}, the import step alone (parse + store + index): jobs 2 / jobs 1 "
                f"{shown}; the stories' grouping after it: {tail[0]:.0%} of jobs 1's wall, "
                f"{tail[1]:.0%} of jobs 2's"
            )
    for (name, label), run in results.items():
        print(f"- {name} {label}: this script's sampling took {run.sampler_cpu:.1f} CPU-s")
    limits = {"100mb": 400, "100k": 400, "line20mb": 200}
    for (name, label), run in results.items():
        if name in limits and label != "against":
            verdict = "met" if run.peak_total <= limits[name] * 1e6 else "NOT met"
            pss = "met" if run.peak_pss <= limits[name] * 1e6 else "NOT met"
            print(
                f"- peak {name} {label}: RSS {_mb(run.peak_total)} MB "
                f"(target <= {limits[name]}: {verdict}); PSS {_mb(run.peak_pss)} MB ({pss})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

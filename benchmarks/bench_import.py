"""``newsdesk import`` on generated corpora: every target of issue 17, side by side.

Each run is a fresh ``newsdesk import`` process into a fresh library, timed from the
outside:

- wall: seconds from start to exit;
- cpu: user + system seconds of the import and of its worker processes (reaped by it);
- writer cpu: the importing process's own CPU seconds (sampled from ``/proc``), and
  "2-core s", what the wall time would be on two idle cores were the work spread
  perfectly: max(writer cpu, cpu / 2) when there are workers, else cpu. On a shared
  machine the wall ratio is noise; the CPU columns are not;
- peak RSS: the largest total resident memory of the import's process tree (the
  writer and its workers together), sampled every 20 ms from ``/proc``; "max proc" is
  the largest single process. Summed RSS counts the pages a forked worker shares with
  the writer once per process, so the tree's PSS (each shared page split between its
  sharers, from ``/proc/PID/smaps_rollup``) is printed beside it: what the tree holds.

Corpora, generated once into ``benchmarks/out/`` (gitignored) by ``generate.py``:

- ``100mb``: 100 MB of dumps as 100 files, ``--jobs 1`` beside ``--jobs 2`` (target:
  jobs 2 <= 0.6x the time of jobs 1 on 2 cores; both peaks <= 400 MB);
- ``10k`` and ``20k``: 10,000 and 20,000 articles in files of ~200 articles (time
  linear: 20k <= 2.2x 10k); ``100k``: 100,000 articles (peak <= 400 MB);
- ``line20mb``: one 20 MB line (the generated text with its line breaks made spaces;
  peak <= 200 MB);
- ``file20mb``: one 20 MB dump file (20 of the 100 MB corpus's files end to end),
  ``--jobs 1`` beside ``--jobs 2``: a big file split across the workers.
- ``50k``: 50,000 articles (with ``--only``; the earlier linearity pair with 100k).

``--against TREE`` also runs each import with another checkout's code (``git worktree
add /tmp/before main``; the process imports ``tui`` from that tree, with this venv's
packages) and prints it beside; an old tree may have no ``--jobs``: it runs once.

    python benchmarks/bench_import.py [--against TREE] [--only 100mb,line20mb] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generate import dumps  # the generator, a script beside this one

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PAGE = os.sysconf("SC_PAGE_SIZE")


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


def corpora(wanted: list[str]) -> dict[str, Path]:
    """The ``wanted`` corpora, generated on first use (only those: the 100 MB and 100k
    ones take minutes and hundreds of MB to write)."""
    big = OUT / "import_100mb_100files"
    makers = {
        "100mb": lambda: _write_files(big, megabytes=100, files=100),
        "10k": lambda: _write_files(OUT / "import_10k_articles", articles=10_000),
        "20k": lambda: _write_files(OUT / "import_20k_articles", articles=20_000),
        "100k": lambda: _write_files(OUT / "import_100k_articles", articles=100_000),
        "line20mb": lambda: _single_line(OUT / "import_line_20mb.txt", 20),
        "file20mb": lambda: _one_file(
            OUT / "import_file_20mb.txt",
            sorted(_write_files(big, megabytes=100, files=100).iterdir())[:20],
        ),
        "50k": lambda: _write_files(OUT / "import_50k_articles", articles=50_000),
    }
    return {name: makers[name]() for name in wanted}


#: Corpus -> the ``--jobs`` values it runs with (None: the default, one per core).
PLANS: dict[str, list[int | None]] = {
    "100mb": [1, 2],
    "10k": [1, 2],
    "20k": [1, 2],
    "100k": [2],
    "line20mb": [1],
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

    @property
    def ideal_wall(self) -> float:
        """The wall time on 2 idle cores if the CPU work spread perfectly: the workers'
        CPU shared by two cores, or the writer's own, whichever is longer."""
        return max(self.writer_cpu, self.cpu / 2) if self.cpu > self.writer_cpu else self.cpu


def measure(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peaks = [0, 0, 0]
    writer_cpu = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            writer_cpu[0] = max(writer_cpu[0], _cpu(process.pid))
            tree = _tree(process.pid)
            sizes = [_rss(p) for p in tree]
            peaks[0] = max(peaks[0], sum(sizes))
            peaks[1] = max(peaks[1], max(sizes, default=0))
            if len(tree) > 1:
                peaks[2] = max(peaks[2], sum(_pss(p) for p in tree))
            else:
                peaks[2] = max(peaks[2], sizes[0] if sizes else 0)
            done.wait(0.02)

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
    return Run(wall, cpu, peaks[0], peaks[1], process.returncode, min(writer_cpu[0], cpu), peaks[2])


def import_command(tree: Path, paths: list[str], db: Path, jobs: int | None) -> list[str]:
    code = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", code, "import", *paths, "--db", str(db)]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", metavar="TREE", help="another checkout to run beside")
    parser.add_argument("--only", help=f"comma-separated corpora (default {','.join(DEFAULT)})")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, best wall kept")
    args = parser.parse_args(argv)

    started = time.time()
    wanted = args.only.split(",") if args.only else DEFAULT
    found = corpora(wanted)
    plans: list[tuple[str, str, Path, int | None]] = []
    for name in wanted:
        for jobs in PLANS[name]:
            plans.append((name, f"--jobs {jobs}", ROOT, jobs))
        if args.against:
            plans.append((name, "against", Path(args.against).resolve(), None))

    print(f"load average before: {os.getloadavg()[0]:.2f}; cores: {os.cpu_count()}", flush=True)
    print(
        "| corpus | code | wall s | cpu s | writer cpu s | 2-core s | peak RSS MB (tree) "
        "| peak PSS MB (tree) | max proc RSS MB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|", flush=True)
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
            f"| {_mb(best.peak_single)} |" + ("" if best.code in (0, 1) else f" exit {best.code}"),
            flush=True,
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}; {time.time() - started:.0f} s in all")
    print()
    lines = [
        ("100mb: jobs 2 / jobs 1 (target <= 0.60)", ("100mb", "--jobs 1"), ("100mb", "--jobs 2")),
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

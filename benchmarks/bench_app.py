"""App first paint and key latency with 1k, 10k and 100k articles, against an empty app.

In one process and one run, for each library size:

- *first paint*: from starting the app to Textual's ``Ready`` event (the first frame
  displayed), for an empty ``App`` and for the reader on that library, run in pairs
  (empty, reader) so both see the same load; the ratio is the median of the pairs'
  ratios. Beside it, the same ratio of the CPU time the two processes used up to their
  first frame, which other programs on a busy machine disturb far less than the clock;
- *via newsdesk*: the same, through what the ``newsdesk`` command does before it opens
  the app (check the library and re-parse stale articles, read the settings; no config
  file here), against the same empty app runs;
- *rows shown*: until the article list holds every row of the view (they load in a
  worker after the first paint);
- *key latency*: median and worst time for j, k, PgDn and G to be handled and the
  screen updated (``pilot.press`` + a refresh), compared with a frame at 60 Hz.

Libraries are built once from ``generate.py`` corpora under ``benchmarks/out/`` (ignored
by git) and reused. Prints a Markdown table (for docs/benchmarks.md).

    python benchmarks/bench_app.py            # 1k, 10k, 100k
    python benchmarks/bench_app.py 1000 10000
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

FRAME_MS = 1000 / 60
PRESSES = 15
RUNS = 9


def build_library(articles: int) -> Path:
    """A library of about ``articles`` generated articles (built once, then reused)."""
    from tui.store import Library

    corpus = OUT / f"app_corpus_{articles}"
    db = OUT / f"app_library_{articles}.db"
    if db.exists():
        return db
    if not corpus.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--articles",
                str(articles),
                "--per-file",
                "50",
                "--out",
                f"{corpus}/",
            ],
            check=True,
        )
    partial = db.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    start = time.perf_counter()
    with Library.open(partial) as library:
        files = sorted(str(p) for p in corpus.iterdir())

        def progress(done: int, total: int, _name: str) -> None:
            if done % 50 == 0 or done == total:
                print(f"\r  importing {done}/{total} files", end="", file=sys.stderr)

        library.import_paths(files, progress=progress)
    print(f"  ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(db)
    return db


CHILD = """
import os, sys, time
sys.path.insert(0, {root!r})
fd = int(os.environ["READY_FD"])
if {entry!r}:  # what `newsdesk --db DB` does before its first frame
    from tui.commands import _app
    if _app.import_first({db!r}, []):
        raise SystemExit("the library check failed")
    config, notices, themes = _app.load_settings(None)
    from tui.app.app import NewsdeskApp as Base
    make = lambda cls: cls(config, library_path={db!r}, notices=notices, themes=themes)
elif {db!r}:
    from tui.app.app import NewsdeskApp as Base
    from tui.config.model import ViewConfig, default_config
    config = type(default_config())(views=(ViewConfig(name="All", query=""),))
    make = lambda cls: cls(config, library_path={db!r})
else:
    from textual.app import App as Base
    make = lambda cls: cls()

class Timed(Base):
    def on_ready(self):
        os.write(fd, b"p%09.1f" % (time.process_time() * 1000))
        if {db!r}:
            self.set_interval(0.005, self._wait_rows)
        else:
            self.exit()

    def _wait_rows(self):
        if self.rows_loaded:
            os.write(fd, b"r")
            self.exit()

make(Timed).run(headless=True, size=(160, 48))
"""


def first_paint(db: Path | None, *, entry: bool = False) -> tuple[float, float, float]:
    """(ms to the first frame, ms to every row shown, CPU ms to the first frame) of a fresh
    process, as a user waits. ``entry``: through what ``newsdesk`` does first (check the
    library, read the settings; here with no config file)."""
    import os

    read_fd, write_fd = os.pipe()
    code = CHILD.format(root=str(ROOT), db=str(db) if db else "", entry=entry)
    env = {**os.environ, "READY_FD": str(write_fd), "NEWSDESK_CONFIG": str(OUT / "no-config.yaml")}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], pass_fds=(write_fd,), env=env)
    os.close(write_fd)
    marks = []
    cpu = float("nan")
    while len(marks) < (2 if db else 1):
        byte = os.read(read_fd, 1)
        if not byte:
            break
        marks.append(time.perf_counter() - start)
        if byte == b"p":
            cpu = float(os.read(read_fd, 9))
    os.close(read_fd)
    child.wait()
    paint = marks[0] * 1000 if marks else float("nan")
    rows = marks[1] * 1000 if len(marks) > 1 else paint
    return paint, rows, cpu


async def key_latencies(db: Path) -> tuple[int, dict[str, list[float]], dict[str, list[float]]]:
    """(rows, handle+repaint ms per key, pilot round trip ms per key)."""
    from tui.app.app import NewsdeskApp
    from tui.config.model import ViewConfig, default_config

    config = type(default_config())(views=(ViewConfig(name="All", query=""),))
    app = NewsdeskApp(config, library_path=db)
    handled: dict[str, list[float]] = {}
    round_trip: dict[str, list[float]] = {}
    actions = {
        "j": app.action_cursor_down,
        "k": app.action_cursor_up,
        "pagedown": app.action_page_down,
        "G": app.action_go_bottom,
    }
    async with app.run_test(size=(160, 48)) as pilot:
        while not app.rows_loaded:
            await asyncio.sleep(0.005)
        await app.workers.wait_for_complete()
        lst = app.article_list
        for key, action in actions.items():
            times = []
            for _ in range(PRESSES):
                if key == "G":
                    lst.cursor = 0
                t0 = time.perf_counter()
                action()  # what the key does ...
                lst._cache.clear()  # ... and drawing every visible row afresh
                for y in range(lst.size.height):
                    lst.render_line(y)
                times.append((time.perf_counter() - t0) * 1000)
            handled[key] = times
            times = []
            for _ in range(PRESSES):
                t0 = time.perf_counter()
                await pilot.press(key)
                times.append((time.perf_counter() - t0) * 1000)
            round_trip[key] = times
            await app.workers.wait_for_complete()
        rows = len(lst.rows)
    return rows, handled, round_trip


async def empty_key_latency() -> list[float]:
    """The cost of ``pilot.press`` itself, on an app that does nothing with the key."""
    from textual.app import App

    app = App()
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(PRESSES):
            t0 = time.perf_counter()
            await pilot.press("j")
            times.append((time.perf_counter() - t0) * 1000)
    return times


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({max(values):.1f})"


def compile_bytecode() -> None:
    """Compile the reader's modules to ``.pyc``, as installing the package does.

    Textual (the empty app's side) is installed with its bytecode; without this the reader
    would be compiled from source in every fresh process whenever ``PYTHONDONTWRITEBYTECODE``
    is set (as on the shared machine), a cost a user with an installed package never pays.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "tui"), quiet=1)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000, 100000]
    libraries = {n: build_library(n) for n in sizes}
    compile_bytecode()
    keys = ("j", "k", "pagedown", "G")
    import os

    print(
        "| articles | empty app first paint | reader first paint | ratio (worst) "
        "| CPU ratio | via `newsdesk`: ratio (CPU) | all rows shown "
        "| j / k / PgDn / G: handle + repaint list, ms | same keys, full round trip, ms "
        "| empty app round trip, ms | load average |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|")
    for db in libraries.values():
        # Side by side (empty, reader, via newsdesk), so all see the same load.
        first_paint(db, entry=True)  # once: re-parses what an older parser cached
        runs = [
            (first_paint(None), first_paint(db), first_paint(db, entry=True)) for _ in range(RUNS)
        ]
        pairs = [(e, r) for e, r, _ in runs]
        entry_ratio = statistics.median(n[0] / e[0] for e, _, n in runs)
        entry_cpu = statistics.median(n[2] / e[2] for e, _, n in runs)
        empty = statistics.median(e[0] for e, _ in pairs)
        paint = statistics.median(r[0] for _, r in pairs)
        ratios = [r[0] / e[0] for e, r in pairs]
        cpu_ratio = statistics.median(r[2] / e[2] for e, r in pairs)
        shown = statistics.median(r[1] for _, r in pairs)
        load = os.getloadavg()[0]
        rows, handled, round_trip = asyncio.run(key_latencies(db))
        baseline = asyncio.run(empty_key_latency())
        print(
            f"| {rows:,} | {empty:.0f} ms | {paint:.0f} ms "
            f"| {statistics.median(ratios):.2f}x ({max(ratios):.2f}x) | {cpu_ratio:.2f}x "
            f"| {entry_ratio:.2f}x ({entry_cpu:.2f}x) "
            f"| {shown:.0f} ms | {' / '.join(_cell(handled[k]) for k in keys)} "
            f"| {' / '.join(_cell(round_trip[k]) for k in keys)} | {_cell(baseline)} "
            f"| {load:.2f} |",
            flush=True,
        )
    print(
        f"\nMedians of {RUNS} pairs of fresh processes (first paint; the ratio is the median "
        f"of the pairs' ratios, the worst pair in brackets) and {PRESSES} presses (keys), "
        f"worst in brackets. A frame at 60 Hz is {FRAME_MS:.1f} ms. The round trip goes "
        "through Textual's test pilot, whose own cost is the empty app's round trip. Load "
        "average: 1 minute, on 2 cores, when the size's first paints were done."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

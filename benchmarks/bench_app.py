"""App first paint and key latency with 1k, 10k and 100k articles, against an empty app.

In one run, for each library size:

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
- *first rows on screen* (``--rows``, issue 22): from starting the app with the default
  views (the Inbox first) to the first frame in which the list holds visible titles,
  the article pane the first article's text and the quotes pane its quotes: what a
  person waits for, not the empty panes. In pairs with the empty app, as above;
- *view switch* (``--rows``): from pressing 1-4 to the first frame in which the list
  holds the new view's rows (its first page), each press from the last view fully
  loaded, for every ordered pair of the default views (4 -> 3, 1 -> 4, ...: the
  switches between layouts, too), the worst pair named;
- *key to frame*: from the key event to the next frame composed (the binding, the
  action, the messages it sends, and Textual's compositor update of every widget that
  changed), median and 95th percentile, against a frame at 60 Hz; in wall time, and in
  CPU time of the app's thread (which other programs on a busy machine do not add to);
  j and k at the edge of the screen, so that every press scrolls the list by a row;
  PgDn with the app idle between presses; G from the top with the row cache emptied and
  then the app idle (as after opening a view: the last rows drawn only by what the list
  draws ahead while idle, if it does).
  Beside it the same with the list's row cache emptied before every press (every row
  on screen drawn afresh: the worst case), and the full round trip through Textual's
  test pilot, whose own cost is shown by an empty app.

``--against TREE`` measures another checkout of the reader (say, of ``main``) in the same
run, interleaved with this one, so both see the same load. Libraries are built once from
``generate.py`` corpora under ``benchmarks/out/`` (ignored by git) and reused. Prints a
Markdown table (for docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
ROOT = HERE.parent

FRAME_MS = 1000 / 60
PRESSES = 30
PILOT_PRESSES = 15
ROUNDS = 2
RUNS = 9
SIZE = (160, 48)


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


def library_copy(db: Path, tree: str) -> Path:
    """A copy of ``db`` for one tree's ``newsdesk`` runs (made once, then reused).

    What ``newsdesk`` does first re-parses every article stored by another parser
    version: two trees of different versions sharing one library would each re-parse all
    of it at every run (minutes at 100k articles), and measure that instead.
    """
    copy = db.with_name(f"{db.stem}.{tree}{db.suffix}")
    if not copy.exists():
        partial = copy.with_suffix(".partial")
        shutil.copyfile(db, partial)
        partial.rename(copy)
    return copy


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
        if getattr(self, "reader", self).rows_loaded:  # older trees: the app
            os.write(fd, b"r")
            self.exit()

make(Timed).run(headless=True, size={size!r})
"""


def first_paint(
    db: Path | None, *, root: Path = ROOT, entry: bool = False
) -> tuple[float, float, float]:
    """(ms to the first frame, ms to every row shown, CPU ms to the first frame) of a fresh
    process, as a user waits. ``root``: the checkout whose reader runs. ``entry``: through
    what ``newsdesk`` does first (check the library, read the settings; no config file)."""
    read_fd, write_fd = os.pipe()
    code = CHILD.format(root=str(root), db=str(db) if db else "", entry=entry, size=SIZE)
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


ROWS_CHILD = """
import os, sys, time
sys.path.insert(0, {root!r})
fd = int(os.environ["READY_FD"])
from tui.app.app import NewsdeskApp
from tui.config.model import default_config
sys.path.insert(0, {here!r})
from bench_app import reader_shown

class Timed(NewsdeskApp):
    _seen = False

    def on_ready(self):
        os.write(fd, b"p%09.1f" % (time.process_time() * 1000))

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and not self._seen and reader_shown(self):
            self._seen = True
            os.write(fd, b"f%09.1f" % (time.process_time() * 1000))
            self.exit()

Timed(default_config(), library_path={db!r}).run(headless=True, size={size!r})
"""


def reader_widgets(app: Any) -> tuple[Any, Any, Any] | None:
    """The list, article and quotes panes of the screen shown (None: not mounted yet)."""
    try:
        return tuple(app.screen.query_one(f"#{name}") for name in ("list", "article", "quotes"))
    except Exception:
        return None


def reader_shown(app: Any) -> bool:
    """Whether the list holds rows, the article pane an article and the quotes pane its
    quotes: checked as a frame is composed, it is what that frame shows."""
    panes = reader_widgets(app)
    if panes is None:
        return False
    article_list, article_view, quotes = panes
    return (
        bool(article_list.rows)
        and article_view.article is not None
        and (quotes.article is not None)
    )


def first_rows(db: Path, *, root: Path = ROOT) -> tuple[float, float, float]:
    """(ms to the first frame, ms to the first frame with rows, article and quotes, CPU ms
    to the latter) of a fresh reader process on the default views."""
    read_fd, write_fd = os.pipe()
    code = ROWS_CHILD.format(root=str(root), here=str(HERE), db=str(db), size=SIZE)
    env = {**os.environ, "READY_FD": str(write_fd), "NEWSDESK_CONFIG": str(OUT / "no-config.yaml")}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], pass_fds=(write_fd,), env=env)
    os.close(write_fd)
    marks: dict[bytes, tuple[float, float]] = {}
    while len(marks) < 2:
        byte = os.read(read_fd, 1)
        if not byte:
            break
        marks[byte] = (time.perf_counter() - start, float(os.read(read_fd, 9)))
    os.close(read_fd)
    child.wait()
    nan = (float("nan"), float("nan"))
    paint, shown = marks.get(b"p", nan), marks.get(b"f", nan)
    return paint[0] * 1000, shown[0] * 1000, shown[1]


#: View keys in the order pressed, from the Inbox (view 1): every ordered pair of views
#: once (an Eulerian circuit of the four views, back to 1), so that each switch between
#: two layouts (4 -> 3, 1 -> 4, ...) is measured, not only the key pressed.
VIEW_KEYS = ("2", "1", "3", "1", "4", "2", "3", "2", "4", "3", "4", "1")
#: The switches as "from>to", in the order of :data:`VIEW_KEYS`.
VIEW_PAIRS = tuple(
    f"{before}>{after}" for before, after in zip(("1", *VIEW_KEYS), VIEW_KEYS, strict=False)
)


async def view_switches(db: str, rounds: int) -> dict[str, Any]:
    """Per switch ("from>to"): ms (wall, CPU of the app's thread) from the key event to
    the first frame in which the list holds the new view's first page, each press from
    the last view fully loaded. Runs in a child process."""
    import textual.screen
    from textual import events

    import tui
    from tui.app.app import NewsdeskApp
    from tui.config.model import default_config

    textual.screen.UPDATE_PERIOD = 0.0005
    app = NewsdeskApp(default_config(), library_path=Path(db))
    result: dict[str, Any] = {"tree": str(Path(tui.__file__).resolve().parent.parent)}
    waiting: dict[str, Any] = {}
    shown = asyncio.Event()
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        rows = waiting.get("rows")
        if renderable is not None and rows is not None:
            panes = reader_widgets(app)
            if panes is not None and panes[0].rows is not rows:
                waiting["at"] = (time.perf_counter(), time.thread_time())
                waiting["rows"] = None
                shown.set()

    app._display = spy  # type: ignore[method-assign]

    def owner() -> Any:
        return app.screen if hasattr(app.screen, "rows_loaded") else app

    async def loaded() -> None:
        from textual.worker import WorkerCancelled

        while not owner().rows_loaded:
            await asyncio.sleep(0.005)
        for _ in range(100):  # a worker another replaced (say, the speaker index) is let go
            try:
                await app.workers.wait_for_complete()
                return
            except WorkerCancelled:
                await asyncio.sleep(0.005)

    timings: dict[str, list[float]] = {pair: [] for pair in VIEW_PAIRS}
    cpu: dict[str, list[float]] = {pair: [] for pair in VIEW_PAIRS}
    async with app.run_test(size=SIZE) as pilot:
        await loaded()
        for _ in range(rounds):
            for key, pair in zip(VIEW_KEYS, VIEW_PAIRS, strict=True):
                await pilot.pause()
                shown.clear()
                waiting["rows"] = reader_widgets(app)[0].rows
                event = events.Key(key, key)
                event.set_sender(app)
                t0, cpu0 = time.perf_counter(), time.thread_time()
                app._driver.send_message(event)  # as the terminal driver does
                await asyncio.wait_for(shown.wait(), timeout=60)
                t1, cpu1 = waiting.pop("at")
                timings[pair].append((t1 - t0) * 1000)
                cpu[pair].append((cpu1 - cpu0) * 1000)
                await loaded()
    result["switch"] = timings
    result["switch cpu"] = cpu
    return result


SWITCH_CHILD = """
import asyncio, json, sys
sys.path.insert(0, {here!r})
import bench_app
sys.path.insert(0, {root!r})
print(json.dumps(asyncio.run(bench_app.view_switches({db!r}, {rounds!r}))))
"""


def switches_in_child(root: Path, db: Path, rounds: int) -> dict[str, Any]:
    code = SWITCH_CHILD.format(here=str(HERE), root=str(root), db=str(db), rounds=rounds)
    env = {**os.environ, "NEWSDESK_CONFIG": str(OUT / "no-config.yaml")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(result["tree"]) != root.resolve():
        raise SystemExit(f"measured {result['tree']}, not {root}")
    return result


#: Switches between two layouts (view 4 puts the quotes pane between list and article).
LAYOUT_PAIRS = tuple(pair for pair in VIEW_PAIRS if "4" in pair)


def _switch_cells(switch: dict[str, list[float]]) -> str:
    """Median of the same-layout switches, of the layout-changing ones, and the worst
    switch by its median (the pair named), each with the 95th percentile of its presses."""
    same = [t for pair, times in switch.items() if pair not in LAYOUT_PAIRS for t in times]
    changing = [t for pair in LAYOUT_PAIRS for t in switch[pair]]
    worst = max(switch, key=lambda pair: statistics.median(switch[pair]))
    return f"{_cell(same)} | {_cell(changing)} | {worst}: {_cell(switch[worst])}"


def rows_table(libraries: dict[int, Path], trees: dict[str, Path], args: Any) -> None:
    """Issue 22's table: first rows on screen and view switches, per size and tree."""
    median = statistics.median
    print(
        "| articles | tree | empty app first frame | reader first frame | first rows on screen "
        "| ratio to empty (worst) | CPU ratio | view switch, first page: same layout, ms "
        "| layout changed (to or from 4), ms | worst switch, ms | same three, CPU ms "
        "| load average |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|")
    pairs: list[str] = []
    for count, db in libraries.items():
        for root in trees.values():
            first_rows(db, root=root)  # once: warms the file cache and the theme cache
        empty: list[tuple[float, float, float]] = []
        shown: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
        load = os.getloadavg()[0]
        for _ in range(args.runs):
            empty.append(first_paint(None))
            for name, root in trees.items():
                shown[name].append(first_rows(db, root=root))
        switches: dict[str, dict[str, dict[str, list[float]]]] = {
            name: {"switch": {p: [] for p in VIEW_PAIRS}, "switch cpu": {p: [] for p in VIEW_PAIRS}}
            for name in trees
        }
        for _ in range(args.rounds):  # a process per round and tree, interleaved: same load
            for name, root in trees.items():
                run = switches_in_child(root, db, 1)
                for mode in ("switch", "switch cpu"):
                    for pair in VIEW_PAIRS:
                        switches[name][mode][pair] += run[mode][pair]
        load = max(load, os.getloadavg()[0])
        for name, root in trees.items():
            runs = shown[name]
            ratios = [r[1] / e[0] for e, r in zip(empty, runs, strict=True)]
            cpu = median(r[2] / e[2] for e, r in zip(empty, runs, strict=True))
            label = "this" if name == "this" else f"`{root.name}`"
            switch = switches[name]
            print(
                f"| {count:,} | {label} | {median(e[0] for e in empty):.0f} ms "
                f"| {median(r[0] for r in runs):.0f} ms | {median(r[1] for r in runs):.0f} ms "
                f"| {median(ratios):.2f}x ({max(ratios):.2f}x) | {cpu:.2f}x "
                f"| {_switch_cells(switch['switch'])} "
                f"| {_switch_cells(switch['switch cpu']).replace(' | ', ' / ')} "
                f"| {load:.2f} |",
                flush=True,
            )
            pairs.append(
                f"| {count:,} | {label} | "
                + " | ".join(
                    f"{median(switch['switch'][p]):.0f} ({median(switch['switch cpu'][p]):.0f})"
                    for p in VIEW_PAIRS
                )
                + " |"
            )
    print(
        f"\nFirst rows on screen: the default views (the Inbox first), from starting a fresh "
        "process to the first frame showing list rows, the first article and its quotes; "
        f"medians of {args.runs} runs side by side with an empty Textual app's first frame "
        "(ratio: median of the pairs' ratios, the worst in brackets; CPU: the same ratio of "
        "the processes' CPU time). View switch: key to the first frame holding the new "
        "view's first page, each press after the last view finished loading, every ordered "
        f"pair of the four default views {args.rounds} times (one process per round and "
        "tree, interleaved); median (95th percentile) of the switches between views of the "
        "same layout (1, 2, 3), of those to or from view 4 (list, quotes, article), and of "
        "the worst switch (by its median). CPU: of the app's thread."
    )
    print(
        "\nEach switch, median ms (CPU ms):\n\n| articles | tree | "
        + " | ".join(p.replace(">", " → ") for p in VIEW_PAIRS)
        + " |\n|---:|---|"
        + "---:|" * len(VIEW_PAIRS)
    )
    print("\n".join(pairs))


def forget_drawn_rows(article_list: Any) -> None:
    """Empty the list's cache of drawn rows (``_cache`` before issue 19, ``_strips`` after)."""
    for name in ("_cache", "_strips"):
        cache = getattr(article_list, name, None)
        if cache is not None:
            cache.clear()


async def key_latencies(db: str, presses: int, pilot_presses: int) -> dict[str, Any]:
    """Per key: ms from the key event to the next frame composed ("frame"), the same with
    every row on screen drawn afresh ("fresh"), and the pilot's round trip ("pilot").

    Runs in a child process per checkout (see ``KEYS_CHILD``), on whichever ``tui`` is
    first on ``sys.path``. Textual composes a frame at most every 1/60 s; here that wait
    is cut to 0.5 ms, so that the time measured is the work a key causes (its binding,
    the action, the messages it sends, composing the frame), not the wait for the tick.
    """
    import textual.screen
    from textual import events

    import tui
    from tui.app.app import NewsdeskApp
    from tui.config.model import ViewConfig, default_config

    textual.screen.UPDATE_PERIOD = 0.0005
    config = type(default_config())(views=(ViewConfig(name="All", query=""),))
    app = NewsdeskApp(config, library_path=Path(db))
    result: dict[str, Any] = {"tree": str(Path(tui.__file__).resolve().parent.parent)}
    frames: list[tuple[float, float]] = []
    frame_shown = asyncio.Event()
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        # Called with each composed frame (in a terminal, what is written to it).
        if renderable is not None:
            frames.append((time.perf_counter(), time.thread_time()))
            frame_shown.set()
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        reader: Any = getattr(app, "reader", app)  # older trees: the app was the screen
        while not reader.rows_loaded:
            await asyncio.sleep(0.005)
        lst = reader.article_list
        follow_delay = getattr(sys.modules.get("tui.app.screens.reader"), "FOLLOW_DELAY", 0)
        chars = {"j": "j", "k": "k", "pagedown": None, "G": "G"}

        async def rest() -> None:
            """Let the app finish what the last key started (the article under the cursor
            loads once it rests) and draw what is pending: outside the timing."""
            for _ in range(2):
                await pilot.pause()
                if hasattr(app, "follow_now"):
                    app.follow_now()  # older trees: load the article without the rest
                else:
                    await asyncio.sleep(follow_delay)  # the rest after which it loads
                await app.workers.wait_for_complete()
            await pilot.pause()

        async def place(key: str) -> None:
            """Where each key has work to do: j on the last row shown and k on the first, so
            that each press scrolls the list; PgDn a page or more from the end; G from the top.
            """
            height = lst.size.height
            if key == "j":
                lst.cursor = len(lst.rows) // 2
                await rest()
                lst.cursor = int(lst.scroll_offset.y) + height - 1
            elif key == "k":
                lst.cursor = len(lst.rows) // 2
                await rest()
                lst.cursor = int(lst.scroll_offset.y)
            elif key == "G" or lst.cursor + 2 * height >= len(lst.rows):
                lst.cursor = 0  # (PgDn: a page or more from the end)
            if key == "G":
                # The last rows as a fresh start finds them: never drawn, except by what
                # the list draws ahead while idle (trees that do).
                forget_drawn_rows(lst)
            await rest()
            if hasattr(lst, "draw_ahead_now"):
                lst.draw_ahead_now()  # what the list does 1/30 s after a scroll
            else:
                await asyncio.sleep(0.25)  # a person's pause: the list draws ahead meanwhile

        async def timed_press(key: str) -> tuple[float, float]:
            """(wall ms, CPU ms of this thread) from the key event to the next frame."""
            frame_shown.clear()
            event = events.Key(key, chars[key])
            event.set_sender(app)
            first = len(frames)
            t0, cpu0 = time.perf_counter(), time.thread_time()
            app._driver.send_message(event)  # as the terminal driver does
            await asyncio.wait_for(frame_shown.wait(), timeout=10)
            # The first frame after the key: the status line follows in a frame of its own,
            # which may be composed before this task resumes.
            t1, cpu1 = frames[first]
            return (t1 - t0) * 1000, (cpu1 - cpu0) * 1000

        await rest()
        for mode in ("frame", "fresh"):
            timings: dict[str, list[float]] = {}
            cpu_timings: dict[str, list[float]] = {}
            for key in KEYS:
                times = []
                cpu_times = []
                await place(key)
                for _ in range(presses):
                    if key in ("pagedown", "G"):
                        await place(key)
                    if mode == "fresh":
                        forget_drawn_rows(lst)
                    wall, cpu = await timed_press(key)
                    times.append(wall)
                    cpu_times.append(cpu)
                    await rest()
                timings[key] = times
                cpu_timings[key] = cpu_times
            result[mode] = timings
            result[mode + " cpu"] = cpu_timings
        timings = {}
        for key in KEYS:
            times = []
            for _ in range(pilot_presses):
                if key == "G":
                    lst.cursor = 0
                t0 = time.perf_counter()
                await pilot.press(key)
                times.append((time.perf_counter() - t0) * 1000)
            timings[key] = times
            await app.workers.wait_for_complete()
        result["pilot"] = timings
        result["rows"] = len(lst.rows)
        result["height"] = lst.size.height
    return result


KEYS_CHILD = """
import asyncio, json, sys
sys.path.insert(0, {here!r})
import bench_app
sys.path.insert(0, {root!r})
result = asyncio.run(bench_app.key_latencies({db!r}, {presses!r}, {pilot_presses!r}))
print(json.dumps(result))
"""


#: The floor's keys, in the order of its cells: j (scrolls a row), PgDn, G.
FLOOR_KEYS = ("j", "pagedown", "G")


def floor_in_child(presses: int) -> dict[str, list[list[float]]]:
    """``textual_floor.py`` (a minimal Textual list in the same layout) in a fresh process:
    per key, [wall ms, CPU ms] lists, measured between the reader's rounds."""
    done = subprocess.run(
        [sys.executable, str(HERE / "textual_floor.py"), "--json", "--presses", str(presses)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def keys_in_child(root: Path, db: Path, presses: int, pilot_presses: int) -> dict[str, Any]:
    code = KEYS_CHILD.format(
        here=str(HERE), root=str(root), db=str(db), presses=presses, pilot_presses=pilot_presses
    )
    env = {**os.environ, "NEWSDESK_CONFIG": str(OUT / "no-config.yaml")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(result["tree"]) != root.resolve():
        raise SystemExit(f"measured {result['tree']}, not {root}")
    return result


async def empty_key_latency(presses: int) -> list[float]:
    """The cost of ``pilot.press`` itself, on an app that does nothing with the key."""
    from textual.app import App

    app = App()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(presses):
            t0 = time.perf_counter()
            await pilot.press("j")
            times.append((time.perf_counter() - t0) * 1000)
    return times


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _cell(values: list[float]) -> str:
    """Median (95th percentile)."""
    return f"{statistics.median(values):.1f} ({p95(values):.1f})"


def compile_bytecode(root: Path) -> None:
    """Compile the reader's modules to ``.pyc``, as installing the package does.

    Textual (the empty app's side) is installed with its bytecode; without this the reader
    would be compiled from source in every fresh process whenever ``PYTHONDONTWRITEBYTECODE``
    is set (as on the shared machine), a cost a user with an installed package never pays.
    """
    import compileall

    compileall.compile_dir(str(root / "tui"), quiet=1)


KEYS = ("j", "k", "pagedown", "G")


def _first_paint_cells(
    empty: list[tuple[float, float, float]],
    paint: list[tuple[float, float, float]],
    entry: list[tuple[float, float, float]],
) -> str:
    """The first paint columns: run i of the reader is compared with run i of the empty app."""
    median = statistics.median
    ratios = [r[0] / e[0] for e, r in zip(empty, paint, strict=True)]
    cpu = median(r[2] / e[2] for e, r in zip(empty, paint, strict=True))
    via = median(n[0] / e[0] for e, n in zip(empty, entry, strict=True))
    via_cpu = median(n[2] / e[2] for e, n in zip(empty, entry, strict=True))
    return (
        f"| {median(e[0] for e in empty):.0f} ms | {median(r[0] for r in paint):.0f} ms "
        f"| {median(ratios):.2f}x ({max(ratios):.2f}x) | {cpu:.2f}x | {via:.2f}x ({via_cpu:.2f}x) "
        f"| {median(r[1] for r in paint):.0f} ms "
    )


EPILOG = """\
examples:
  python benchmarks/bench_app.py                      # 1k, 10k and 100k articles
  python benchmarks/bench_app.py 1000 10000           # only these sizes
  python benchmarks/bench_app.py --keys-only 100000   # key latency only, 100k articles
  python benchmarks/bench_app.py --paint-only 100000  # first paint only (issue 19: <= 1.5x)
  python benchmarks/bench_app.py --rows               # first rows on screen, view switch
  git archive main | tar -x -C /tmp/main && \\
    python benchmarks/bench_app.py --against /tmp/main   # side by side with main

Libraries are generated and imported once into benchmarks/out/ (100k articles take
several minutes the first time), then reused.
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench_app.py",
        description="First paint and key latency of the reader with 1k, 10k and 100k "
        "articles, against an empty Textual app; prints a Markdown table.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "sizes",
        nargs="*",
        type=int,
        metavar="ARTICLES",
        default=[1000, 10000, 100000],
        help="library sizes, in articles (default: 1000 10000 100000)",
    )
    parser.add_argument(
        "--against",
        metavar="TREE",
        type=Path,
        help="another checkout of the reader (e.g. of main), measured in the same run",
    )
    parser.add_argument(
        "--runs", type=int, default=RUNS, help=f"fresh processes per first paint ({RUNS})"
    )
    parser.add_argument(
        "--presses", type=int, default=PRESSES, help=f"presses per key and round ({PRESSES})"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=ROUNDS,
        help=f"processes per checkout, interleaved: key latency; with --rows, view-switch "
        f"rounds (every pair of views once each) ({ROUNDS})",
    )
    parser.add_argument("--keys-only", action="store_true", help="skip the first paint")
    parser.add_argument("--paint-only", action="store_true", help="skip the keys")
    parser.add_argument(
        "--rows",
        action="store_true",
        help="only first rows on screen and view switching (issue 22's table)",
    )
    args = parser.parse_args(argv)
    if args.against is not None and not (args.against / "tui" / "app").is_dir():
        parser.error(f"--against {args.against}: no reader there (no tui/app folder)")
    if args.runs < 1 or args.presses < 2 or args.rounds < 1:
        parser.error("--runs and --rounds must be at least 1, --presses at least 2")
    if args.keys_only and args.paint_only:
        parser.error("--keys-only and --paint-only leave nothing to measure")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    trees = {"this": ROOT}
    if args.against is not None:
        trees = {"against": args.against.resolve(), "this": ROOT}
    libraries = {n: build_library(n) for n in args.sizes}
    for root in trees.values():
        compile_bytecode(root)
    if args.rows:
        rows_table(libraries, trees, args)
        return 0
    print(
        "| articles | tree | empty app first paint | reader first paint | ratio (worst) "
        "| CPU ratio | via `newsdesk`: ratio (CPU) | all rows shown "
        "| j / k / PgDn / G: key to frame, ms | same, CPU ms | same, every row drawn afresh, ms "
        "| same keys, pilot round trip, ms | empty app round trip, ms | load average |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|---:|")
    floors: list[str] = []
    for db in libraries.values():
        paint: dict[str, list[tuple[float, ...]]] = {name: [] for name in trees}
        entry: dict[str, list[tuple[float, ...]]] = {name: [] for name in trees}
        empty: list[tuple[float, float, float]] = []
        if not args.keys_only:
            own = {name: library_copy(db, name) for name in trees}
            for name, root in trees.items():
                first_paint(own[name], root=root, entry=True)  # once: re-parses older parsers'
            # Side by side (empty, then each tree's reader and `newsdesk`): the same load.
            for _ in range(args.runs):
                empty.append(first_paint(None))
                for name, root in trees.items():
                    paint[name].append(first_paint(db, root=root))
                    entry[name].append(first_paint(own[name], root=root, entry=True))
        load = os.getloadavg()[0]
        if args.paint_only:
            for name, root in trees.items():
                label = "this" if name == "this" else f"`{root.name}`"
                cells = _first_paint_cells(empty, paint[name], entry[name])
                keys_cells = "| - " * 5
                print(f"| {db.stem} | {label} {cells}{keys_cells}| {load:.2f} |", flush=True)
            continue
        keys: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
        floor: list[dict[str, list[list[float]]]] = []
        for _ in range(args.rounds):
            for name, root in trees.items():
                keys[name].append(keys_in_child(root, db, args.presses, PILOT_PRESSES))
            floor.append(floor_in_child(args.presses))
        baseline = asyncio.run(empty_key_latency(PILOT_PRESSES))
        load = max(load, os.getloadavg()[0])
        floor_cells = " / ".join(
            _cell([t for run in floor for t in run[k][mode]]) for mode in (0, 1) for k in FLOOR_KEYS
        )
        floors.append(f"- between the {db.stem} rounds: {floor_cells}")
        for name, root in trees.items():
            runs = keys[name]
            merged = {
                mode: {k: [t for run in runs for t in run[mode][k]] for k in KEYS}
                for mode in ("frame", "frame cpu", "fresh", "pilot")
            }
            label = "this" if name == "this" else f"`{root.name}`"
            first = "| - | - | - | - | - | - "
            if empty:
                first = _first_paint_cells(empty, paint[name], entry[name])
            print(
                f"| {runs[0]['rows']:,} | {label} {first}"
                f"| {' / '.join(_cell(merged['frame'][k]) for k in KEYS)} "
                f"| {' / '.join(_cell(merged['frame cpu'][k]) for k in KEYS)} "
                f"| {' / '.join(_cell(merged['fresh'][k]) for k in KEYS)} "
                f"| {' / '.join(_cell(merged['pilot'][k]) for k in KEYS)} "
                f"| {_cell(baseline)} | {load:.2f} |",
                flush=True,
            )
    print(
        f"\nFirst paint: medians of {args.runs} runs of fresh processes side by side (the "
        "ratio is the median of the runs' ratios to the empty app, the worst in brackets). "
        f"Keys: median (95th percentile) of {args.rounds} x {args.presses} presses "
        f"({args.rounds} x {PILOT_PRESSES} through the pilot); a frame at 60 Hz is "
        f"{FRAME_MS:.1f} ms. Key to frame: the action, the status line and Textual's "
        "compositor update; j and k scroll the list a row each, G draws the last rows for "
        "the first time; CPU: the time the app's thread ran meanwhile (what other programs "
        "on the machine do not add). Load average: 1 minute, on 2 cores, the higher of before and "
        "after the keys."
    )
    print(
        "\nTextual's floor (benchmarks/textual_floor.py: a minimal Line-API list, one plain "
        "Strip per row, in the same three bordered panes at 160x48, run in its own process "
        "between the rounds above): j (scrolls) / PgDn / G key to frame, ms, then the same "
        "in CPU ms, median (95th percentile):"
    )
    print("\n".join(floors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

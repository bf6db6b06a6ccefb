"""What Textual itself costs per key, measured the way bench_app measures the reader.

A minimal Line-API list (one ``Strip`` per row, nothing cached, no styles) with 100,000
rows, in the reader's layout at 160x48: the list, an article pane and a quotes pane side
by side, each with a round border, and a status line. Keys scroll the list as the
reader's do (j a row at the screen's edge, PgDn a page, G to the end from the top).
Whatever this costs from the key event to the composed frame is the floor for any
Textual list of that size on this machine; bench_app's "key to frame" compares with it.

    python benchmarks/textual_floor.py [--presses N] [--json]

bench_app.py runs it in a child process beside each round of the reader's keys.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from typing import Any, ClassVar

ROWS = 100_000
SIZE = (160, 48)
KEYS = ("j", "pagedown", "G")


def build_app() -> Any:
    from rich.segment import Segment
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Container
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip
    from textual.widgets import Static

    class Rows(ScrollView, can_focus=True):
        BINDINGS: ClassVar = [
            Binding("j", "down"),
            Binding("pagedown", "page"),
            Binding("G", "end"),
        ]

        def on_mount(self) -> None:
            self.virtual_size = Size(200, ROWS)

        def render_line(self, y: int) -> Strip:
            row = int(self.scroll_y) + y
            return Strip([Segment(f"{row:>8}  the title of row {row}, with a source and a date")])

        def action_down(self) -> None:
            self.scroll_to(y=self.scroll_y + 1, animate=False)

        def action_page(self) -> None:
            self.scroll_to(y=self.scroll_y + self.size.height, animate=False)

        def action_end(self) -> None:
            self.scroll_to(y=ROWS, animate=False)

    class Floor(App[None]):
        CSS = """
        #panes { layout: horizontal; height: 1fr; }
        Rows { width: 1fr; border: round $primary; }
        #article { width: 80; border: round $primary; }
        #quotes { width: 27; border: round $primary; }
        #status { height: 1; dock: bottom; }
        """

        def compose(self) -> ComposeResult:
            with Container(id="panes"):
                yield Rows()
                yield Static("article text " * 300, id="article")
                yield Static("a quote " * 150, id="quotes")
            yield Static("status", id="status")

    return Floor()


async def measure(presses: int) -> dict[str, tuple[list[float], list[float]]]:
    import textual.screen
    from textual import events

    textual.screen.UPDATE_PERIOD = 0.0005  # as bench_app: the work, not the 60 Hz wait
    app = build_app()
    frames: list[tuple[float, float]] = []
    shown = asyncio.Event()
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append((time.perf_counter(), time.thread_time()))
            shown.set()

    app._display = spy  # type: ignore[method-assign]
    results: dict[str, tuple[list[float], list[float]]] = {}
    async with app.run_test(size=SIZE) as pilot:
        rows = app.query_one("Rows")
        rows.focus()
        await pilot.pause()
        for key in KEYS:
            wall: list[float] = []
            cpu: list[float] = []
            for _ in range(presses):
                if key == "G" or rows.scroll_y > ROWS - 200:
                    rows.scroll_to(y=0, animate=False)
                await pilot.pause()
                await pilot.pause()
                shown.clear()
                first = len(frames)
                event = events.Key(key, None if key == "pagedown" else key)
                event.set_sender(app)
                t0, c0 = time.perf_counter(), time.thread_time()
                app._driver.send_message(event)
                await asyncio.wait_for(shown.wait(), timeout=10)
                t1, c1 = frames[first]
                wall.append((t1 - t0) * 1000)
                cpu.append((c1 - c0) * 1000)
            results[key] = (wall, cpu)
    return results


def _cell(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"{statistics.median(ordered):.1f} ({p95:.1f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40, help="presses per key (40)")
    parser.add_argument("--json", action="store_true", help="print the raw times as JSON")
    args = parser.parse_args(argv)
    results = asyncio.run(measure(args.presses))
    if args.json:
        print(json.dumps(results))
        return 0
    load = os.getloadavg()[0]
    print("| minimal Textual list, 160x48 | j (scrolls) | PgDn | G | load average |")
    print("|---|---|---|---|---:|")
    print(
        "| key to frame, ms: median (p95) | "
        + " | ".join(_cell(results[k][0]) for k in KEYS)
        + f" | {load:.2f} |"
    )
    print("| same, CPU ms | " + " | ".join(_cell(results[k][1]) for k in KEYS) + " | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

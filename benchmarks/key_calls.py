"""Python function calls per key in the reader, side by side with another checkout.

Wall and CPU times on a shared machine drift with its load; the number of Python calls a
key causes does not. For j, k, PgDn and G in the "All" view of a generated library (see
``bench_app.py``), each tree runs in a fresh process: the reader waits for its rows,
the list takes the focus, then 40 presses of each key through Textual's pilot run under
cProfile. Prints a Markdown table of calls per key (pilot included: the same for both).

    python benchmarks/key_calls.py --against /tmp/main 10000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KEYS = ("j", "k", "pagedown", "G")
PRESSES = 40

CHILD = """
import asyncio, cProfile, json, pstats, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from tui.app.app import NewsdeskApp
from tui.config.model import ViewConfig, default_config

async def main():
    config = type(default_config())(views=(ViewConfig(name="All", query=""),))
    app = NewsdeskApp(config, library_path=Path({db!r}))
    calls = {{}}
    async with app.run_test(size=(160, 48)) as pilot:
        reader = getattr(app, "reader", app)  # older trees: the app was the screen
        while not reader.rows_loaded:
            await asyncio.sleep(0.01)
        reader.article_list.focus()
        await pilot.pause()
        for key in {keys!r}:
            await asyncio.sleep(0.2)  # the article under the cursor loads after a rest
            await app.workers.wait_for_complete()
            profile = cProfile.Profile()
            profile.enable()
            for _ in range({presses}):
                await pilot.press(key)
            profile.disable()
            calls[key] = pstats.Stats(profile).total_calls // {presses}
    print(json.dumps(calls))

asyncio.run(main())
"""


def calls_in_child(root: Path, db: Path) -> dict[str, int]:
    code = CHILD.format(root=str(root), db=str(db), keys=KEYS, presses=PRESSES)
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, nargs="?", default=10000)
    parser.add_argument("--against", type=Path, required=True, metavar="TREE")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from bench_app import build_library

    db = build_library(args.articles)
    trees = {"against": args.against.resolve(), "this": ROOT}
    results = {name: calls_in_child(tree, db) for name, tree in trees.items()}
    print("| key | " + " | ".join(f"`{t.name}`" for t in trees.values()) + " | ratio |")
    print("|---|" + "---:|" * (len(trees) + 1))
    for key in KEYS:
        before, now = results["against"][key], results["this"][key]
        print(f"| {key} | {before:,} | {now:,} | {now / before:.3f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What reading the settings costs at start-up, with a config file and without, in one run.

``newsdesk`` reads the settings before the first frame (``tui.commands._app.load_settings``:
the config file, checked against every binding, and the themes). Each sample is a fresh
process that has already imported Textual (as the app has by then) and times that call
alone, in CPU time (user+sys, which other programs on a busy machine disturb far less)
and wall time: with a config file checked (an empty cache folder, as after an edit), with
the same file unchanged since the last start (``tui.config.config_cache``), and without
one. Runs alternate between this tree and ``--against TREE`` (another checkout,
say ``git archive 927e5e5 | tar -x -C /tmp/old``) so both see the same load.

    python benchmarks/bench_config.py --against /tmp/old [--runs 15]

Prints a Markdown table: medians, and the ratio of this tree to the other.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})  # before the editable install and the working directory
import textual.app, textual.widgets  # the app has imported these before it reads settings
import tui
from tui.commands._app import load_settings
cpu, wall = time.process_time(), time.perf_counter()
config, notices, themes = load_settings(None)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
assert not notices, notices
print(json.dumps([cpu * 1000, wall * 1000, tui.__file__]))
"""


def sample(tree: Path, config: Path, cache: Path) -> tuple[float, float]:
    env = {**os.environ, "NEWSDESK_CONFIG": str(config), "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(tree))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    cpu, wall, measured = json.loads(done.stdout.splitlines()[-1])
    if not Path(measured).is_relative_to(tree):
        raise SystemExit(f"measured {measured}, not {tree}")
    return cpu, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="another checkout")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    from tui.config.template import DEFAULT_CONFIG_TEXT

    trees = {"this": ROOT, "against": args.against.resolve()}
    with tempfile.TemporaryDirectory() as folder:
        with_file = Path(folder) / "config.yaml"
        with_file.write_text(DEFAULT_CONFIG_TEXT, encoding="utf-8")
        fresh = Path(folder) / "fresh-cache"
        cases = {
            # An empty cache folder at every start: the file is checked (pydantic & co.).
            "config file (the `config init` template), checked": (with_file, fresh),
            # The cache folder kept (and filled by a first start): the file is unchanged.
            "the same file, unchanged since the last start": (with_file, None),
            "no config file": (Path(folder) / "none.yaml", fresh),
        }
        print("| settings read | this: CPU ms (wall) | against: CPU ms (wall) | CPU ratio |")
        print("|---|---|---|---|")
        for label, (config, cache) in cases.items():
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    kept = Path(folder) / f"cache-{name}"
                    if cache is not None:
                        shutil.rmtree(cache, ignore_errors=True)
                    elif not kept.exists():
                        sample(tree, config, kept)  # the first start fills the cache
                    times[name].append(sample(tree, config, cache or kept))
            cells = []
            for name in trees:
                cpu = statistics.median(t[0] for t in times[name])
                wall = statistics.median(t[1] for t in times[name])
                cells.append(f"{cpu:.1f} ({wall:.1f})")
            ratio = statistics.median(t[0] for t in times["this"]) / max(
                statistics.median(t[0] for t in times["against"]), 0.001
            )
            print(f"| {label} | {cells[0]} | {cells[1]} | {ratio:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Start-up of short batch commands: ``newsdesk --help``, ``search``, ``quotes``.

    python benchmarks/bench_cli_start.py                  # this checkout against main
    python benchmarks/bench_cli_start.py --before 02738b2 --runs 30

A script runs ``newsdesk search`` over and over; most of such a process is Python
starting and importing. Each command runs in a fresh process with this checkout's
``tui`` and with ``--before REF``'s (``git archive``), alternately (so both see the same
load), after a warm-up that writes their bytecode caches into a private folder, as an
installed package has them. Each side searches its own copy of a library of the seed
dumps and the Wikinews corpus (or generated articles without ``../shared``), built by
that side's own code. Printed: the median wall and CPU (user+sys) per command, the
ratio, the import time (``-X importtime``, the sum of the top-level imports, the
smallest over the runs) and whether textual or rich was imported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from refs import checkout_tui  # a script beside this one

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED") or ROOT.parent / "shared")

_PROBE = (
    "import sys, runpy; sys.argv = ['newsdesk', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('tui', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "ui = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
    "print('UI', ','.join(ui) or '-', file=sys.stderr)\n"
)


def _env(root: Path, scratch: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(scratch / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NEWSDESK_CONFIG"] = str(scratch / "config.yaml")  # none: the defaults
    env["NEWSDESK_DB"] = str(scratch / "default.db")
    return env


def _inputs(scratch: Path) -> list[str]:
    if (SHARED / "seeds").is_dir():
        return [str(SHARED / "seeds"), str(SHARED / "corpora" / "wikinews_2019.csv")]
    dump = scratch / "generated.txt"
    dump.write_text(
        "\n".join(
            f"Harbour report {i}\n\nThe harbour board met on Monday about berth {i}. "
            f'"We will reopen it in spring," said Ana Pope, the harbour master.\n'
            for i in range(200)
        ),
        encoding="utf-8",
    )
    return [str(dump)]


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one process (CPU from its rusage: microseconds, where
    ``os.times`` counts 10 ms clock ticks)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = 0  # reaped above
    return wall, usage.ru_utime + usage.ru_stime


def _imports(args: list[str], env: dict[str, str], runs: int) -> tuple[float, str]:
    """(ms of top-level imports, smallest over ``runs``; textual/rich imported or '-')."""
    best, ui = float("inf"), "?"
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", _PROBE, *args],
            env=env,
            capture_output=True,
            text=True,
        ).stderr
        total = 0
        for line in err.splitlines():
            if line.startswith("UI "):
                ui = line.split()[1]
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            _self, cumulative, name = line[len("import time:") :].split("|")
            if not name.startswith("  "):  # top level: its cumulative covers its children
                total += int(cumulative)
        best = min(best, total / 1000)
    return best, ui


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", metavar="REF")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command and side")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        scratch = Path(tmp)
        sides = {
            "after": ROOT,
            f"before ({args.before})": checkout_tui(args.before, scratch / "old"),
        }
        inputs = _inputs(scratch)
        quotes_input = (
            inputs[0] if not Path(inputs[0]).is_dir() else str(sorted(Path(inputs[0]).iterdir())[0])
        )
        envs, dbs = {}, {}
        for n, (name, root) in enumerate(sides.items()):
            side = scratch / f"side{n}"
            side.mkdir()
            envs[name] = _env(root, side)
            dbs[name] = str(side / "lib.db")
            subprocess.run(
                [sys.executable, "-m", "tui", "import", *inputs, "--db", dbs[name]],
                env=envs[name],
                check=True,
                capture_output=True,
            )
        commands = {
            "newsdesk --help": lambda name: ["--help"],
            "newsdesk search huawei": lambda name: ["search", "huawei", "--db", dbs[name]],
            "newsdesk quotes FILE": lambda name: ["quotes", quotes_input],
        }
        names = list(sides)
        print(f"{args.runs} runs each, alternating; CPU = user+sys of the process")
        print(
            "| command | "
            + " | ".join(f"{n} wall \\| CPU ms" for n in names)
            + " | CPU before/after | imports ms (before \\| after) | textual/rich |"
        )
        print("|---|" + "---|" * (len(names) + 3))
        for label, argv_of in commands.items():
            times: dict[str, list[tuple[float, float]]] = {n: [] for n in names}
            for name in names:  # warm-up: bytecode caches written, index opened once
                _run([sys.executable, "-m", "tui", *argv_of(name)], envs[name])
            for _ in range(args.runs):
                for name in names:
                    times[name].append(
                        _run([sys.executable, "-m", "tui", *argv_of(name)], envs[name])
                    )
            cells, cpus = [], {}
            for name in names:
                wall = statistics.median(t[0] for t in times[name]) * 1000
                cpus[name] = statistics.median(t[1] for t in times[name]) * 1000
                cells.append(f"{wall:.0f} \\| {cpus[name]:.0f}")
            imports = {n: _imports(argv_of(n), envs[n], 5) for n in names}
            ratio = cpus[names[1]] / cpus[names[0]]
            print(
                f"| {label} | "
                + " | ".join(cells)
                + f" | {ratio:.2f}x | {imports[names[1]][0]:.0f} \\| {imports[names[0]][0]:.0f}"
                + f" | {imports[names[1]][1]} \\| {imports[names[0]][1]} |"
            )


if __name__ == "__main__":
    main()

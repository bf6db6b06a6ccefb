"""Run every ``benchmarks/bench_*.py`` in turn: add a file and it is picked up.

python benchmarks/run.py            # all of them
python benchmarks/run.py parse      # only those whose name contains "parse"
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    filters = sys.argv[1:] if argv is None else argv
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        if filters and not any(f in script.stem for f in filters):
            continue
        print(f"## {script.stem}", flush=True)
        code = subprocess.run([sys.executable, str(script)], check=False).returncode
        status = status or code
        print(flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())

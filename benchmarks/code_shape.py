"""The shape of ``tui/`` at several commits: lines per module and the longest functions.

The evidence issue 19 asks for (module sizes before and after, the longest functions),
read from git so any commits can be compared without checking them out:

    python benchmarks/code_shape.py HEAD 927e5e5 feb29cd [--top 10] [--changed]

Prints Markdown: a table of every module's lines at each commit (``--changed``: only
those that differ), the totals, and the ``--top`` longest functions at the first commit.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout


def modules(commit: str) -> dict[str, str]:
    """Source of every ``tui/**.py`` at ``commit``, by path."""
    paths = _git("ls-tree", "-r", "--name-only", commit, "tui").split()
    return {p: _git("show", f"{commit}:{p}") for p in paths if p.endswith(".py")}


def longest_functions(sources: dict[str, str], top: int) -> list[tuple[int, str]]:
    """(lines, ``path:line name``) of the ``top`` longest functions and methods."""
    found = []
    for path, text in sources.items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((length, f"{path}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commits", nargs="+", help="the first is the one described in full")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--changed", action="store_true", help="only modules that differ")
    args = parser.parse_args(argv)
    trees = {commit: modules(commit) for commit in args.commits}
    lines = {c: {p: len(t.splitlines()) for p, t in tree.items()} for c, tree in trees.items()}
    print("| module | " + " | ".join(args.commits) + " |")
    print("|---" * (len(args.commits) + 1) + "|")
    for path in sorted(set().union(*lines.values())):
        counts = [lines[c].get(path) for c in args.commits]
        if args.changed and len(set(counts)) == 1:
            continue
        print(f"| {path} | " + " | ".join("–" if n is None else str(n) for n in counts) + " |")
    totals = " | ".join(f"**{sum(lines[c].values())}**" for c in args.commits)
    print(f"| **total** | {totals} |")
    print(f"\nThe {args.top} longest functions at {args.commits[0]}:\n")
    for length, where in longest_functions(trees[args.commits[0]], args.top):
        print(f"- {length} lines: `{where}`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A git revision's ``tui`` package extracted beside this tree, for the benchmarks that
time the code before and after side by side in one run (a script beside the others)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def checkout_tui(ref: str, into: Path) -> Path:
    """The ``tui`` package of git commit ``ref``, extracted under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "tui"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def import_renamed_tui(ref: str, into: Path, name: str = "newsdesk_base") -> str:
    """``ref``'s ``tui`` extracted under ``into`` as package ``name`` (its own imports
    rewritten), importable in this process beside this checkout's ``tui``: both trees
    then run in one process, alternating, under the same load. Returns ``name``."""
    package = checkout_tui(ref, into) / name
    (into / "tui").rename(package)
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\b(from|import) tui\b", rf"\1 {name}", source), encoding="utf-8")
    if str(into) not in sys.path:
        sys.path.insert(0, str(into))
    return name

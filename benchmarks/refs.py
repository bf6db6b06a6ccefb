"""A git revision's ``tui`` package extracted beside this tree, for the benchmarks that
time the code before and after side by side in one run (a script beside the others)."""

from __future__ import annotations

import io
import subprocess
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

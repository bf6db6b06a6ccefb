"""Native code's writes to descriptor 2 while the reader draws there (a tantivy panic
message) are set aside and printed when it ends, not over the screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import os, sys
from tui.commands._native_stderr import native_stderr_aside

with native_stderr_aside():
    sys.__stderr__.write("SCREEN-1\\n"); sys.__stderr__.flush()
    os.write(2, b"thread panicked \\x1b]0;PWNED\\x07 at lib.rs\\n")  # as native code does
    sys.__stderr__.write("SCREEN-2\\n"); sys.__stderr__.flush()
sys.__stderr__.write("AFTER\\n"); sys.__stderr__.flush()
"""


def _run_on_a_terminal(code: str) -> str:
    """``code`` run with descriptor 2 on a pseudo-terminal; all that reached it."""
    pty = pytest.importorskip("pty")
    main, side = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", code],
            stderr=side,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        os.close(side)
        seen = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed its side
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=60) == 0
    finally:
        os.close(main)
    return seen.decode("utf-8", "replace").replace("\r\n", "\n")


def test_native_writes_wait_until_the_reader_is_done() -> None:
    shown = _run_on_a_terminal(CHILD)
    assert shown.index("SCREEN-1") < shown.index("SCREEN-2") < shown.index("panicked")
    assert shown.index("panicked") < shown.index("AFTER")
    assert "\x1b" not in shown and "\x07" not in shown  # and made safe to show
    assert "written to stderr while the reader ran" in shown


def test_nothing_changes_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    log = tmp_path / "stderr.txt"
    with log.open("wb") as file:
        subprocess.run(
            [sys.executable, "-c", CHILD],
            stderr=file,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=True,
        )
    shown = log.read_text(encoding="utf-8")
    assert shown.index("SCREEN-1") < shown.index("panicked") < shown.index("SCREEN-2")


PYTHON_TRACEBACK = """
import sys
from tui.commands._native_stderr import native_stderr_aside

with native_stderr_aside():
    for n in range(40):  # a Python traceback printed as the reader fails: long
        print(f"frame {n}", file=sys.stderr)
    print("RuntimeError: the last line", file=sys.stderr)
"""


def test_python_writes_reach_the_terminal_whole() -> None:
    """A traceback Textual prints when the reader fails goes through ``sys.stderr``:
    it is not set aside and cut to the first lines (its last line says what failed)."""
    shown = _run_on_a_terminal(PYTHON_TRACEBACK)
    assert "frame 39" in shown and "RuntimeError: the last line" in shown
    assert "written to stderr while the reader ran" not in shown

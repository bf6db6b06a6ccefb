"""A ``newsdesk`` command in a child process, as a person runs it in a terminal: Ctrl+C
(SIGINT) reaches it, and its stderr is read line by line as it is written.

Ctrl+C as a terminal sends it, whatever this test run inherited: a run started in the
background (`make test &`, a CI step) has SIGINT ignored, which a child keeps, and then
the command rightly ignores Ctrl+C (as under nohup) and the test hung.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass

RESTORE_CTRL_C = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from tui.cli import main; sys.exit(main(sys.argv[1:]))"
)


@dataclass
class Command:
    """The running command, the lines of its stderr as they come, and their reader."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str]
    reader: threading.Thread

    def rest(self, patience: float) -> list[str]:
        """The stderr lines not read yet, to its end (the command has ended)."""
        self.reader.join(patience)
        return [self.lines.get_nowait().rstrip("\n") for _ in range(self.lines.qsize())]


def start_command(args: Sequence[str]) -> Command:
    """``newsdesk ARGS...`` started with Ctrl+C restored; its stdout is left out."""
    process = subprocess.Popen(
        [sys.executable, "-c", RESTORE_CTRL_C, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stderr is not None
    stderr = process.stderr
    reader = threading.Thread(target=lambda: [lines.put(line) for line in stderr], daemon=True)
    reader.start()
    return Command(process, lines, reader)

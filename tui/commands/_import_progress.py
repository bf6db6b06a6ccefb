"""The import's progress display on stderr (rich): files, articles, MB/s and ETA.

Silent when stderr is not a terminal, so pipes and logs get only the summary line.
The importer calls it after each file (``progress(done, total, path)``) and, for each
file it parsed, ``count(nbytes, narticles)``; MB/s and the ETA come from the sizes of
the files done against the total size of the inputs.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from tui.terminal_safe import raw_stream


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size if path != "-" else 0
    except OSError:
        return 0


class ImportProgress:
    """A rich progress bar for ``newsdesk import`` (a no-op off a terminal)."""

    def __init__(self, paths: list[str], label: str = "importing", stream: TextIO | None = None):
        self.stream = raw_stream(stream or sys.stderr)
        self.enabled = self.stream.isatty()
        self.articles = 0
        self._progress: Any = None
        self._task: Any = None
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        from tui.ingest.files import expand_paths

        self._sizes = {p: _size(p) for p in expand_paths(paths)}
        console = Console(file=self.stream, highlight=False, markup=False)
        self._progress = Progress(
            TextColumn(label),
            BarColumn(),
            TextColumn("{task.fields[files]} files"),
            TextColumn("{task.fields[articles]} articles"),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task(
            label, total=sum(self._sizes.values()) or 1, files="0", articles=0
        )
        self._progress.start()

    def count(self, nbytes: int, narticles: int) -> None:
        """One file parsed: ``narticles`` more articles."""
        self.articles += narticles

    def __call__(self, done: int, total: int, name: str) -> None:
        if self._progress is None:
            return
        self._progress.update(
            self._task,
            advance=self._sizes.get(name, 0),
            files=f"{done}/{total}",
            articles=self.articles,
        )

    def finish(self) -> None:
        """Take the display off the screen so the summary line starts clean."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

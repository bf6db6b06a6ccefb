"""A one-line progress bar on stderr for batch commands (only when stderr is a terminal)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from tui.terminal_safe import raw_stream, terminal_safe


class ProgressLine:
    """``importing [#####-----] 12/40 name``, redrawn in place at most ~20 times a second.

    Silent when ``stream`` is not a terminal, so pipes and logs get only the summary.
    """

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        # The bar's own cursor controls go to the real stream, past the CLI's
        # terminal-safe stderr (the file name in it is cleaned below).
        self.stream = raw_stream(stream or sys.stderr)
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        self._last = now
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except OSError:
            columns = 80
        width = 24
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        line = f"{self.label} [{bar}] {done}/{total} "
        room = max(0, columns - len(line) - 1)
        shown = os.path.basename(name)
        shown = shown if len(shown) <= room else "…" + shown[-(room - 1) :] if room > 1 else ""
        # The name comes from the file system: keep only printable characters.
        shown = "".join(ch if ch.isprintable() else "?" for ch in terminal_safe(shown))
        self.stream.write("\r\x1b[K" + line + shown)
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        """Clear the bar so the summary line starts clean."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def index_progress(
    stream: TextIO | None = None, unit: str = "articles"
) -> Callable[[int, int | None], None]:
    """A progress bar while the search index is built or caught up (``update_index``'s
    ``progress``: a library from before this index, or one whose index was lost), or
    while ``newsdesk search --in`` indexes files (``unit="files"``)."""
    line = ProgressLine("indexing", stream)

    def show(done: int, total: int | None) -> None:
        line(done, total or done, unit)
        if total is not None and done >= total:
            line.finish()

    return show


def stories_progress(stream: TextIO | None = None) -> Callable[[int, int], None]:
    """A progress bar while the library's articles are grouped into stories
    (``update_stories``/``regroup``'s ``progress``): a first grouping of a big library,
    or ``--regroup``, takes minutes."""
    line = ProgressLine("grouping stories", stream)

    def show(done: int, total: int) -> None:
        line(done, total, "articles")
        if done >= total:
            line.finish()

    return show


def stories_waiting(stream: TextIO | None = None) -> Callable[[], None]:
    """``update_stories``/``regroup``'s ``waiting``: one line on stderr when another
    newsdesk (a second import) is grouping the library's stories and this one waits."""

    def say() -> None:
        out = stream if stream is not None else sys.stderr
        out.write("newsdesk: another newsdesk is grouping this library's stories; waiting for it\n")
        out.flush()

    return say

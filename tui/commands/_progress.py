"""The one progress display of the batch commands: a rich progress bar on stderr.

Silent when stderr is not a terminal, so pipes and logs get only the summary line. Every
long step uses it: importing or re-parsing files (with MB/s and the time left when the
sizes of the inputs are known), building the search index, grouping stories.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from tui.terminal_safe import raw_stream, terminal_safe
from tui.text import count_of

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

#: Redraws a second at most (a redraw per file would cost more than a small file's import).
_RATE = 20
#: Cells of the bar, and at most of rich's speed (`1023.9 kB/s`) and time left (`0:00:01`).
_BAR_WIDTH = 24
_BAR_MIN = 8
#: Cells a narrow terminal keeps for the file name before it cuts the bar no more.
_NAME_ROOM = 20
_SPEED_WIDTH = 11
_TIME_WIDTH = 7


def _cut(name: str, room: int) -> str:
    """``name`` in at most ``room`` cells, its end kept (``…ng_name.rss``): a file's
    name tells itself apart from its neighbours by its end."""
    from rich.cells import cell_len

    if cell_len(name) <= room:
        return name
    if room <= 1:
        return ""
    kept = name
    while kept and cell_len(kept) > room - 1:
        kept = kept[1:]
    return "…" + kept


class Progress:
    """``importing ━━━━━━━━╺━━━━━━━ 12/40 files  a.txt`` (a no-op off a terminal).

    Called as ``progress(done, total, name)`` after each item, the way the importer,
    the index and story grouping report; :meth:`count` adds articles to the line;
    :meth:`finish` takes the bar off the screen (the next call draws it again, so a
    message can be printed between files). With ``sizes`` (bytes of each input) the bar
    advances by bytes and shows MB/s and the time left.
    """

    def __init__(
        self,
        label: str,
        stream: TextIO | None = None,
        *,
        unit: str = "",
        sizes: dict[str, int] | None = None,
    ) -> None:
        # The bar's own cursor controls go to the real stream, past the CLI's
        # terminal-safe stderr (the file name in it is cleaned below).
        self.stream = raw_stream(stream or sys.stderr)
        self.enabled = self.stream.isatty()
        self.label, self.unit, self.sizes = label, unit, sizes
        self.articles = 0
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._last = 0.0
        self._bytes = 0

    def count(self, nbytes: int, narticles: int) -> None:
        """One file parsed: ``narticles`` more articles."""
        self.articles += narticles

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        self._bytes += (self.sizes or {}).get(name, 0)
        now = time.monotonic()
        if done < total and now - self._last < 1 / _RATE:
            return
        self._last = now
        bar, task = self._shown()
        shown = os.path.basename(name) if self.sizes is not None or not self.unit else ""
        count = f"{done}/{total} {self.unit}".rstrip()
        articles = count_of(self.articles, "article") if self.sizes is not None else ""
        # The name comes from the file system: keep only printable characters.
        shown = "".join(ch if ch.isprintable() else "?" for ch in terminal_safe(shown))
        shown = _cut(shown, self._room(bar, count, articles))
        if self.sizes is None:
            bar.update(task, completed=done, total=max(total, 1))
        else:
            bar.update(task, completed=self._bytes)
        bar.update(task, count=count, articles=articles, name=shown)
        bar.refresh()

    def _room(self, bar: RichProgress, count: str, articles: str) -> int:
        """Cells left for the file name once the other columns are drawn whole: a
        narrow terminal narrows the bar, then cuts the name, rather than wrap the line
        (`314.7` on one line, `kB/s` under it)."""
        from rich.progress import BarColumn

        fixed = len(self.label) + len(count) + 2  # and a space after each
        if self.sizes is not None:
            fixed += len(articles) + _SPEED_WIDTH + _TIME_WIDTH + 3
        spare = bar.console.width - fixed - 1  # the bar's space
        width = max(_BAR_MIN, min(_BAR_WIDTH, spare - _NAME_ROOM))
        for column in bar.columns:
            if isinstance(column, BarColumn):
                column.bar_width = width
        return spare - width

    def finish(self) -> None:
        """Take the bar off the screen so the summary line starts clean."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _shown(self) -> tuple[RichProgress, TaskID]:
        if self._bar is not None and self._task is not None:
            return self._bar, self._task
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeRemainingColumn, TransferSpeedColumn
        from rich.progress import Progress as RichProgress
        from rich.table import Column

        sized = self.sizes is not None

        def whole() -> Column:
            return Column(no_wrap=True)  # the name is cut to fit instead (_room)

        columns = [
            TextColumn(self.label, markup=False, table_column=whole()),
            BarColumn(bar_width=_BAR_WIDTH),
            TextColumn("{task.fields[count]}", markup=False, table_column=whole()),
            *(
                (
                    TextColumn("{task.fields[articles]}", table_column=whole()),
                    TransferSpeedColumn(table_column=whole()),
                    TimeRemainingColumn(table_column=whole()),
                )
                if sized
                else ()
            ),
            # A long file name is cut to the terminal's width, never wrapped.
            TextColumn("{task.fields[name]}", markup=False, table_column=Column(no_wrap=True)),
        ]
        console = Console(file=self.stream, highlight=False, markup=False)
        self._bar = RichProgress(*columns, console=console, transient=True, auto_refresh=False)
        total = sum((self.sizes or {}).values()) or 1
        self._task = self._bar.add_task(self.label, total=total, count="", articles="", name="")
        self._bar.start()
        return self._bar, self._task


def import_progress(paths: Iterable[str], label: str = "importing") -> Progress:
    """The bar of ``newsdesk import``: by bytes over every input file, with MB/s."""
    from tui.ingest.files import expand_paths

    sizes = {path: _size(path) for path in expand_paths(list(paths))}
    return Progress(label, unit="files", sizes=sizes)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size if path != "-" else 0
    except OSError:
        return 0


def index_progress(
    stream: TextIO | None = None, unit: str = "articles"
) -> Callable[[int, int | None], None]:
    """A progress bar while the search index is built or caught up (``update_index``'s
    ``progress``: a library from before this index, or one whose index was lost), or
    while ``newsdesk search --in`` indexes files (``unit="files"``)."""
    return _until_done(Progress("indexing", stream, unit=unit))


def stories_progress(
    stream: TextIO | None = None, label: str = "grouping stories"
) -> Callable[[int, int], None]:
    """A progress bar while the library's articles are grouped into stories
    (``update_stories``/``regroup``'s ``progress``): a first grouping of a big library,
    or ``--regroup``, takes minutes. ``label`` names the step (:func:`features_progress`)."""
    return _until_done(Progress(label, stream, unit="articles"))


def features_progress(stream: TextIO | None = None) -> Callable[[int, int], None]:
    """The bar of the step before a grouping when articles have no story features kept
    (a library from before them, or a ``FEATURES_VERSION`` change): its own label, not
    a first run of the grouping's bar."""
    return _until_done(Progress("reading articles for stories", stream, unit="articles"))


def _until_done(line: Progress) -> Callable[[int, int | None], None]:
    """``progress(done, total)`` for a step that reports no names: off when it is done."""

    def show(done: int, total: int | None) -> None:
        line(done, total or done, "")
        if total is not None and done >= total:
            line.finish()

    return show


def stories_waiting(command: str = "newsdesk", stream: TextIO | None = None) -> Callable[[], None]:
    """``update_stories``/``regroup``'s ``waiting``: one line on stderr, prefixed by the
    ``command`` (``newsdesk import``), when another newsdesk (a second import) is
    grouping the library's stories and this one waits."""

    def say() -> None:
        out = stream if stream is not None else sys.stderr
        out.write(
            f"{command}: another newsdesk is grouping this library's stories; waiting for it\n"
        )
        out.flush()

    return say


def import_waiting(
    library: object, command: str = "newsdesk import", stream: TextIO | None = None
) -> Callable[[], None]:
    """``one_import``'s ``waiting``: one line on stderr when another import of the
    library runs and this one queues behind it (:mod:`tui.store.import_lock`)."""

    def say() -> None:
        out = stream if stream is not None else sys.stderr
        where = terminal_safe(str(library))
        out.write(f"{command}: another import of {where} is running; waiting for it\n")
        out.flush()

    return say

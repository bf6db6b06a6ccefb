"""Watched folders: import files as a scraper (or a person) writes them into a folder.

``watchfiles`` (Rust ``notify``: inotify on Linux, FSEvents, kqueue...) reports changes;
where the OS cannot (inotify limits, network file systems), it polls instead. A file is
imported once it is *complete*: its size and modification time have stayed the same
across one check :data:`SETTLE_SECONDS` later (a writer still appending moves them).
Hidden files and the usual temporary names (``.part``, ``.tmp``, ``~``, ``.swp``,
``#name#``, ``.crdownload``) are ignored, so a writer that writes ``.x.tmp`` and renames
it is seen once, at the rename. Imports go through :meth:`Library.import_paths` (the
same readers, an unchanged file skipped), one file at a time in arrival order, and each
file's new articles are indexed for search as they are stored and placed into the
library's stories at once, as ``newsdesk import`` does (:func:`tui.search.follow.indexing`,
:func:`tui.store.stories.update_stories`): left to the next look, a watched folder's
articles piled up ungrouped and unindexed, and past a few thousand the reader stops
grouping them itself. Every file read says so in a line (one whose articles are all
in the library already too); what the folder walk passes over (links to nothing, links
to folders, named pipes) is said, not left out in silence; paths are shown as the
folders were typed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.errors import NewsdeskError
from tui.terminal_safe import terminal_safe

if TYPE_CHECKING:
    from tui.store.library import Library
    from tui.store.rows import ImportReport

#: A file's size and mtime must hold this long before it is taken as written.
SETTLE_SECONDS = 0.3
#: How long watchfiles gathers changes before reporting them (ms).
DEBOUNCE_MS = 300
_TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".swp", ".swx", "~")


def ignored(path: str) -> bool:
    """Hidden files and temporary names: never imported."""
    name = os.path.basename(path)
    return (
        not name
        or name.startswith((".", "~$"))
        or (name.startswith("#") and name.endswith("#"))
        or name.lower().endswith(_TEMP_SUFFIXES)
    )


def _hidden_below(path: str, roots: Sequence[str]) -> bool:
    """Whether a folder between a watched root and ``path`` is hidden (``.git/``)."""
    for root in roots:
        if path.startswith(root.rstrip(os.sep) + os.sep):
            rel = os.path.relpath(path, root)
            return any(part.startswith(".") for part in Path(rel).parts[:-1])
    return False


@dataclass(frozen=True, slots=True)
class Imported:
    """One file imported (``report``) or refused (``error``, one line); ``note``: what
    went wrong after the import (its articles are stored, their stories not placed).
    ``path`` is as the user typed its folder (``in/page.html``)."""

    path: str
    report: ImportReport | None = None
    error: str | None = None
    note: str | None = None

    def line(self) -> str:
        if self.error is not None:
            return f"{self.path}: {self.error}"
        assert self.report is not None
        r = self.report
        text = f"{self.path}: {r.added} new, {r.updated} updated, {r.unchanged} unchanged"
        if r.duplicates:  # the same text as articles stored from another file
            text += f", {r.duplicates} already in the library"
        return text if self.note is None else f"{text} ({self.note})"


def passed_over(path: str) -> str | None:
    """Why the watch passes over ``path``, an entry that is not a regular file (as the
    folder walk of ``newsdesk import`` counts them: :mod:`tui.ingest.files`), or None
    for a regular file or a folder (a folder's files are watched)."""
    if os.path.islink(path) and not os.path.exists(path):
        return "a link to nothing; skipped"
    if os.path.islink(path) and os.path.isdir(path):
        return "a link to a folder (not followed); skipped"
    if os.path.isdir(path) or os.path.isfile(path) or not os.path.lexists(path):
        return None
    return "a named pipe or device; skipped"


class _Shown:
    """Paths as the user typed the folders: ``in/a.txt`` for ``newsdesk watch in/``,
    not the resolved ``/home/me/news/in/a.txt`` the watcher reports."""

    def __init__(self, folders: Sequence[str], roots: Sequence[str]) -> None:
        self.pairs = sorted(zip(roots, folders, strict=True), key=lambda rf: -len(rf[0]))

    def __call__(self, path: str) -> str:
        for root, typed in self.pairs:
            if path == root:
                return typed
            if path.startswith(root.rstrip(os.sep) + os.sep):
                return os.path.join(typed, os.path.relpath(path, root))
        return path


class _Pending:
    """Files seen changing, waiting for their size to settle."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[tuple[int, int], float]] = {}

    def note(self, path: str, now: float) -> None:
        try:
            st = os.stat(path)
        except OSError:
            self.seen.pop(path, None)  # gone again (a temp file renamed away)
            return
        self.seen[path] = ((st.st_size, st.st_mtime_ns), now)

    def ready(self, now: float) -> list[str]:
        """Files unchanged for :data:`SETTLE_SECONDS`, in the order they were seen."""
        done = []
        for path, (signature, since) in list(self.seen.items()):
            try:
                st = os.stat(path)
            except OSError:
                del self.seen[path]
                continue
            current = (st.st_size, st.st_mtime_ns)
            if current != signature:
                self.seen[path] = (current, now)
            elif now - since >= SETTLE_SECONDS and os.path.isfile(path):
                done.append(path)
                del self.seen[path]
        return done


def _changes(
    folders: Sequence[str], stop: threading.Event, poll: bool
) -> Iterator[set[tuple[Any, str]]]:
    """watchfiles' change sets, an empty set at least every ~``SETTLE_SECONDS`` (to
    check pending files); polling when asked, or when native watching cannot start."""
    import watchfiles

    kwargs: dict[str, Any] = {
        "stop_event": stop,
        "debounce": DEBOUNCE_MS,
        "step": 50,
        "rust_timeout": int(SETTLE_SECONDS * 1000),
        "yield_on_timeout": True,
        "raise_interrupt": False,
    }
    try:
        yield from watchfiles.watch(*folders, force_polling=poll, poll_delay_ms=250, **kwargs)
    except (OSError, RuntimeError) as exc:
        if poll:
            raise _polling_failed(folders, exc) from None
        try:
            yield from watchfiles.watch(*folders, force_polling=True, poll_delay_ms=250, **kwargs)
        except (OSError, RuntimeError) as again:
            raise _polling_failed(folders, again) from None


def _polling_failed(folders: Sequence[str], exc: BaseException) -> NewsdeskError:
    """One line for the poller's failure (its walk follows links: a link to a folder
    above it is a loop it cannot leave, ``File system loop found``)."""
    where = ", ".join(terminal_safe(folder) for folder in folders)
    return NewsdeskError(
        f"cannot watch {where} by polling ({terminal_safe(str(exc))}); a link to a folder "
        "above it makes a loop: remove the link, or watch without --poll"
    )


def follow(
    library: Library,
    folders: Iterable[str],
    on_import: Callable[[Imported], None],
    *,
    stop: threading.Event | None = None,
    poll: bool | None = None,
    on_ready: Callable[[], None] | None = None,
    waiting: Callable[[], None] | None = None,
    stories_waiting: Callable[[], None] | None = None,
    on_skipped: Callable[[str], None] | None = None,
    index_progress: Callable[[int, int | None], None] | None = None,
) -> None:
    """Import new and changed files under ``folders`` until ``stop`` is set, placing
    each file's new articles into stories.

    Files already there are imported first (unchanged ones are skipped by the import).
    ``on_import`` is called after each file; ``on_ready`` once watching has begun (so a
    test, or a person, knows a file written from then on is seen).
    ``poll`` None: ``NEWSDESK_WATCH_POLL=1`` in the environment forces polling.
    Each file's import queues behind a ``newsdesk import`` of the library
    (:mod:`tui.store.import_lock`: its grouping of stories may hold the write lock
    long); ``waiting()`` is called when one does, ``stories_waiting()`` when another
    process groups the library's stories and this one waits to place its articles.
    ``on_skipped(line)`` hears what is passed over (``in: skipped 1 link to nothing``,
    ``in/pipe: a named pipe or device; skipped``); ``index_progress`` that of a first
    catch-up of the search index (a library from before it), which each file's
    articles then join as they are stored.
    """
    from tui.ingest.files import expand_paths
    from tui.search.follow import indexing
    from tui.store.import_lock import one_import
    from tui.store.stories import update_stories

    folders = list(folders)
    roots = [str(Path(f).expanduser().resolve()) for f in folders]
    shown = _Shown(folders, roots)
    said_skipped: set[str] = set()

    def skipped(line: str) -> None:
        if on_skipped is not None:
            on_skipped(line)

    stop = stop or threading.Event()
    if poll is None:
        poll = os.environ.get("NEWSDESK_WATCH_POLL", "") not in ("", "0")

    def take(path: str) -> None:
        note = None
        try:
            with one_import(Path(library.path), waiting):
                with indexing(library, index_progress):  # searchable at once, as on import
                    report = library.import_paths([path], jobs=1)
                if report.added or report.updated:
                    try:
                        update_stories(library, waiting=stories_waiting)
                    except Exception as exc:  # stored all the same: the next look places them
                        note = f"stories not grouped: {' '.join(str(exc).split())}"
        except Exception as exc:  # the library busy or read-only: say so, keep watching
            on_import(Imported(shown(path), error=" ".join(str(exc).split())))
            return
        errors = [e.reason for e in report.errors]
        if errors and not report.added and not report.updated:
            on_import(Imported(shown(path), error=errors[0]))
        elif report.files <= report.unchanged_files:
            return  # not read: unchanged since it was imported (a restarted watch)
        elif report.empty:  # "PATH: empty file, nothing imported": its reason
            on_import(Imported(shown(path), error=report.empty[0].rsplit(": ", 1)[-1]))
        else:  # read: said, even when its articles were all in the library already
            on_import(Imported(shown(path), report, note=note))

    pending = _Pending()
    started = False
    for changes in _changes(roots, stop, poll):
        if not started:
            # The files already there are read once the watcher runs, not before: a file
            # written between a scan and the watcher's start would be seen by neither.
            started = True
            for root in roots:
                there = expand_paths([root])
                if summary := there.skipped_summary():
                    skipped(f"{shown(root)}: {summary}")
                said_skipped.update(there.passed_over)  # said in that line
                for path in there:
                    if not ignored(path) and not _hidden_below(path, roots):
                        take(path)
            if on_ready is not None:
                on_ready()
        now = time.monotonic()
        for _change, path in changes:
            if ignored(path) or _hidden_below(path, roots):
                continue
            if os.path.isfile(path):
                pending.note(path, now)
                said_skipped.discard(path)
            elif (why := passed_over(path)) is None:
                said_skipped.discard(path)  # gone: said again if it comes back
            elif path not in said_skipped:  # once: a poller reports a link to nothing
                said_skipped.add(path)  # at every look
                skipped(f"{shown(path)}: {why}")
        for path in pending.ready(now):
            take(path)
        if stop.is_set():
            break

"""Parse inputs in worker processes, hand the results back in order, a few at a time.

Parsing (decode, reader, entities, quotes) is pure CPU work on one input at a time: it
scales with cores if each input is parsed in its own process
(:class:`concurrent.futures.ProcessPoolExecutor`). Storing stays in the calling
process, one writer, in input order, so the library sees exactly what a one-process
import would write.

Memory stays flat however many inputs there are: at most ``2 * jobs`` inputs are
parsed ahead of the writer, and each result is dropped once stored. An input that is
already in the library with the same content (its hash, computed in the worker) is
not parsed at all. Standard input is read here, in the calling process: worker
processes have none.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.context
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from tui.store.codec import PreparedArticle

#: Inputs bigger than this take a while to parse (~50 ms at 5 MB/s): the caller is
#: told before one is parsed in its own process.
SLOW_BYTES = 256 * 1024
#: Fewer bytes than this in all are parsed here: starting workers would cost more.
POOL_MIN_BYTES = 1 << 20
#: How long to wait for a worker's result before telling the caller it may be a while.
GRACE_SECONDS = 0.05


@dataclass(slots=True)
class Outcome:
    """An input that was not parsed: unreadable (``error``) or unchanged since stored."""

    path: str
    content_hash: str = ""
    error: str | None = None


@dataclass(slots=True)
class Parsed(Outcome):
    """An input parsed: ``text`` is what the spans of ``articles`` index; the articles
    come ready to store, and ``text_blob`` is ``text`` as stored (compressed)."""

    source: str = ""
    text: str = ""
    text_origin: str = "file"
    text_blob: bytes = b""
    articles: list[PreparedArticle] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    nbytes: int = 0


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_one(path: str, known_hash: str | None, mapping: dict[str, str] | None) -> Outcome:
    """Read and parse one input; an :class:`Outcome` (never raises for bad input)."""
    from tui.errors import InputError
    from tui.extract.pipeline import parse_text
    from tui.ingest.files import load_document
    from tui.store.codec import encode_text

    try:
        document = load_document(path)
    except InputError as exc:
        return Outcome(path, error=exc.reason)
    if known_hash is not None and document.content_hash == known_hash:
        return Outcome(path, document.content_hash)
    try:
        parsed = parse_text(document.text, document.source, mapping=mapping)
    except InputError as exc:
        return Outcome(path, document.content_hash, error=exc.reason)
    return Parsed(
        path,
        document.content_hash,
        source=document.source,
        text=parsed.text,
        text_origin=parsed.text_origin,
        text_blob=encode_text(parsed.text),
        articles=[PreparedArticle.of(a) for a in parsed.articles],
        problems=parsed.problems,
        nbytes=len(document.text),
    )


def _context() -> multiprocessing.context.BaseContext:
    """Fork when this process runs one thread: the workers start with the parser
    already imported (no second start-up of ~0.5 s each). With other threads running
    (a lock one of them holds would stay held in the child forever) a fork server."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        import tui.extract.pipeline  # noqa: F401 - imported once, before the fork

        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _die_with_parent(parent: int) -> None:
    """A worker ends with the import that started it (Linux: the parent-death signal).
    Forked workers share what the import held open, the search index's writer lock
    among them: a killed import's workers left waiting would hold it forever, and the
    next command could not repair the index."""
    with contextlib.suppress(Exception):  # not Linux: no such signal
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the import ended before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _done(outcome: Outcome) -> Future[Outcome]:
    future: Future[Outcome] = Future()
    future.set_result(outcome)
    return future


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def parse_inputs(
    inputs: Sequence[str],
    stored_hash: Callable[[str], str | None],
    jobs: int | None = None,
    mapping: dict[str, str] | None = None,
    *,
    before_wait: Callable[[], None] = lambda: None,
) -> Iterator[Outcome]:
    """The outcome of each of ``inputs``, in order, parsed by ``jobs`` processes.

    ``stored_hash(path)`` is the content hash the library holds for ``path`` (parsed by
    the current parser), or None: an input with that hash is not parsed again.
    ``before_wait()`` is called before the caller would wait a while for the next
    outcome (a worker still busy, or a big input parsed here), so the caller can let go
    of what it holds (the library's write lock) meanwhile.
    """
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(inputs) <= 1 or sum(map(_size, inputs)) < POOL_MIN_BYTES:
        for path in inputs:
            if path == "-" or _size(path) > SLOW_BYTES:
                before_wait()
            yield parse_one(path, stored_hash(path), mapping)
        return
    pool = ProcessPoolExecutor(
        jobs, _context(), initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    pending: deque[Future[Outcome]] = deque()
    queue = iter(inputs)

    def submit_next() -> None:
        path = next(queue, None)
        if path is None:
            return
        if path == "-":
            pending.append(_done(parse_one(path, None, mapping)))
        else:
            pending.append(pool.submit(parse_one, path, stored_hash(path), mapping))

    try:
        for _ in range(2 * jobs):
            submit_next()
        while pending:
            future = pending.popleft()
            if not future.done() and not wait([future], timeout=GRACE_SECONDS).done:
                before_wait()
            outcome = future.result()
            submit_next()
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

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
import itertools
import multiprocessing
import multiprocessing.context
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from tui.store.codec import PreparedArticle

if TYPE_CHECKING:
    from tui.ingest.files import Document

T = TypeVar("T")

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
    #: A list; for a big dump split across workers an iterator, read once, that yields
    #: each part's articles as it is parsed (see :mod:`tui.store.split`).
    articles: Iterable[PreparedArticle] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    nbytes: int = 0
    #: How many articles: all of them, or for an iterator those read so far.
    narticles: int = 0


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


#: ``prepare(article, text, offset, reported=...)``: more of each article made where it
#: is parsed (see ``Library.on_prepare``), carried in ``PreparedArticle.extra``.
Prepare = Callable[..., Any] | None


def parse_one(
    path: str,
    known_hash: str | None,
    mapping: dict[str, str] | None,
    prepare: Prepare = None,
) -> Outcome:
    """Read and parse one input; an :class:`Outcome` (never raises for bad input)."""
    from tui.errors import InputError
    from tui.extract.pipeline import find_article_reported, parse_text
    from tui.extract.windows import fits
    from tui.store.codec import encode_text
    from tui.store.reported import Encoder

    document = _load(path, known_hash)
    if isinstance(document, Outcome):
        return document
    try:
        parsed = parse_text(document.text, document.source, mapping=mapping)
    except InputError as exc:
        return Outcome(path, document.content_hash, error=exc.reason)
    text, articles = parsed.text, parsed.articles
    parsed_origin, problems = parsed.text_origin, parsed.problems
    del parsed
    prepared: list[PreparedArticle] = []
    articles.reverse()
    while articles:  # each article's model objects let go once it is prepared
        article = articles.pop()
        # Its reported speech, kept by the library (tui.store.reported): found here, as
        # the rest of the parse (one pass with the quotations saves nothing measurable).
        found = Encoder(keep=prepare is not None and fits(article.paragraphs))
        find_article_reported(article, text, found)
        blob = found.blob()
        reported: Any = blob if found.kept is None else tuple(found.kept)
        extra = prepare(article, text, reported=reported) if prepare else None
        prepared.append(PreparedArticle.of(article, extra, reported=blob))
        del article, found, reported, blob
    return Parsed(
        path,
        document.content_hash,
        source=document.source,
        text=text,
        text_origin=parsed_origin,
        text_blob=encode_text(text),
        articles=prepared,
        problems=problems,
        nbytes=len(document.text),
        narticles=len(prepared),
    )


def _load(path: str, known_hash: str | None) -> Document | Outcome:
    """The decoded input, or the :class:`Outcome` that says it is unreadable or
    unchanged (its content hash is ``known_hash``)."""
    from tui.errors import InputError
    from tui.ingest.files import load_document

    try:
        document = load_document(path)
    except InputError as exc:
        return Outcome(path, error=exc.reason)
    if known_hash is not None and document.content_hash == known_hash:
        return Outcome(path, document.content_hash)
    return document


def _result(future: Future[T], before_wait: Callable[[], None]) -> T:
    """``future``'s result; ``before_wait()`` first if it is not there within a moment."""
    if not future.done() and not wait([future], timeout=GRACE_SECONDS).done:
        before_wait()
    return future.result()


def _parse_split(
    pool: ProcessPoolExecutor | None,
    path: str,
    known_hash: str | None,
    mapping: dict[str, str] | None,
    prepare: Prepare,
    before_wait: Callable[[], None],
    ahead: int,
) -> Outcome:
    """A big input: a text dump is read here, planned, and its parts parsed by the
    workers as the caller reads ``articles`` (:mod:`tui.store.split`); another format
    is parsed whole by one worker."""
    from tui.ingest.formats import DUMP, sniff
    from tui.store.codec import encode_text

    before_wait()
    document = _load(path, known_hash)
    if isinstance(document, Outcome):
        return document
    if sniff(document.text, document.source, mapping) != DUMP:
        del document
        if pool is None:
            return parse_one(path, known_hash, mapping, prepare)
        return _result(pool.submit(parse_one, path, known_hash, mapping, prepare), before_wait)
    parsed = Parsed(
        path,
        document.content_hash,
        source=document.source,
        text=document.text,
        text_blob=encode_text(document.text),
        nbytes=len(document.text),
    )
    del document
    parsed.text = _without_final_breaks(parsed.text)
    parsed.articles = _split_articles(pool, parsed, prepare, before_wait, ahead)
    return parsed


def _without_final_breaks(text: str) -> str:
    """``text`` without the blanks and line breaks it ends with, for the parse (its stored form
    keeps them: ``text_blob`` is made first). No article span reaches into them, so
    every span means the same; and a file that is one line of megabytes is then read
    as one unit that *is* the text (a slice of a whole ``str`` is that ``str``), where
    the line without its break was a second full copy of the file, held by the
    article's paragraph through its analysis, storing and indexing."""
    return text.rstrip(_FINAL_BLANKS) if text[-1:] in _FINAL_BLANKS else text


#: What a unit of the reader never ends with (it ends at its last visible character).
_FINAL_BLANKS = " \t\n"


def _split_articles(
    pool: ProcessPoolExecutor | None,
    parsed: Parsed,
    prepare: Prepare,
    before_wait: Callable[[], None],
    ahead: int,
) -> Iterator[PreparedArticle]:
    """The articles of ``parsed``'s parts, in order, at most ``ahead`` parts in flight;
    without a pool, or when the plan is one part (a file that is one article: a 20 MB
    line), read here a part at a time from the file's text itself (no copy is sent or
    made; still never the whole file's articles at once)."""
    from tui.store.split import plan_parts, read_part

    parts = plan_parts(parsed.text)
    first = next(parts, None)
    second = next(parts, None) if pool is not None and first is not None else None
    if pool is None or second is None:  # here, a part at a time (one part: no gain apart)
        for part in itertools.chain((first,) if first is not None else (), parts):
            for article in read_part(part, parsed.source, prepare):
                parsed.narticles += 1
                yield article
        return
    futures: deque[Future[list[PreparedArticle]]] = deque()

    def take() -> Iterator[PreparedArticle]:
        for article in _result(futures.popleft(), before_wait):
            parsed.narticles += 1
            yield article

    try:
        assert first is not None
        for part in itertools.chain((first, second), parts):
            futures.append(pool.submit(read_part, part.alone(), parsed.source, prepare))
            if len(futures) >= ahead:
                yield from take()
        while futures:
            yield from take()
    finally:
        for future in futures:
            future.cancel()


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
    next command could not repair the index. A worker also lets go of the index's locks
    at once (:func:`_let_go_of_library_locks`).

    Ctrl+C reaches the whole process group: the import's process ends the command (exit
    130, no traceback); a worker ends at once and as quietly (each printed a
    KeyboardInterrupt traceback)."""
    signal.signal(signal.SIGINT, _end_quietly)
    _let_go_of_library_locks()
    with contextlib.suppress(Exception):  # not Linux: no such signal
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the import ended before the line above
        os._exit(1)


def _end_quietly(_signum: int, _frame: object) -> None:
    """A worker's SIGINT handler: end now, with the shell's code for Ctrl+C."""
    os._exit(130)


def _let_go_of_library_locks() -> None:
    """Point a forked worker's copies of the search index's lock files (tantivy's
    ``.tantivy-*.lock``) and of the import lock (:mod:`tui.store.import_lock`) at
    /dev/null. An flock belongs to the open file, which a fork
    shares: tantivy's own threads in the parent (a reader reloading on a commit, a
    writer collecting unused files) hold the meta lock for moments, and a worker forked
    in one of them held it for its life, so the parent's next reload or commit, which
    waits for that lock, waited for ever. (The file stays open in the child under its
    number, now /dev/null: an object that closes it later closes nothing of ours.)"""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:  # not Linux: workers are not forked there (macOS spawns)
        return
    devnull = -1
    for fd in fds:
        try:
            name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the listing's own descriptor, closed by now
            continue
        if (name.startswith(".tantivy-") and name.endswith(".lock")) or name.endswith(
            ".import-lock"
        ):
            if devnull < 0:
                devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, int(fd))
    if devnull >= 0:
        os.close(devnull)


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
    prepare: Prepare = None,
) -> Iterator[Outcome]:
    """The outcome of each of ``inputs``, in order, parsed by ``jobs`` processes.

    ``stored_hash(path)`` is the content hash the library holds for ``path`` (parsed by
    the current parser), or None: an input with that hash is not parsed again.
    ``before_wait()`` is called before the caller would wait a while for the next
    outcome (a worker still busy, or a big input parsed here), so the caller can let go
    of what it holds (the library's write lock) meanwhile.
    """
    from tui.store.split import SPLIT_BYTES

    jobs = jobs or default_jobs()
    sizes = {path: _size(path) for path in inputs if path != "-"}
    big = {path for path, size in sizes.items() if size >= SPLIT_BYTES}
    if jobs <= 1 or (not big and (len(inputs) <= 1 or sum(sizes.values()) < POOL_MIN_BYTES)):
        for path in inputs:
            if path in big:  # parsed here a part at a time (see tui.store.split)
                yield _parse_split(None, path, stored_hash(path), mapping, prepare, before_wait, 1)
                continue
            if path == "-" or sizes[path] > SLOW_BYTES:
                before_wait()
            yield parse_one(path, stored_hash(path), mapping, prepare)
        return
    pool = ProcessPoolExecutor(
        jobs, _context(), initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    #: Futures of outcomes in input order; a path: a big file, split when its turn comes.
    pending: deque[Future[Outcome] | str] = deque()
    queue = iter(inputs)

    def submit_next() -> None:
        path = next(queue, None)
        if path is None:
            return
        if path == "-":
            pending.append(_done(parse_one(path, None, mapping, prepare)))
        elif path in big:
            pending.append(path)
        else:
            pending.append(pool.submit(parse_one, path, stored_hash(path), mapping, prepare))

    try:
        for _ in range(2 * jobs):
            submit_next()
        while pending:
            item = pending.popleft()
            if isinstance(item, str):
                outcome = _parse_split(
                    pool, item, stored_hash(item), mapping, prepare, before_wait, 2 * jobs
                )
            else:
                outcome = _result(item, before_wait)
            submit_next()
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

"""The tantivy index: its schema, its tokenizer, and opening it safely.

One tantivy document per article (``kind`` 0), carrying the speaker aliases it teaches
(``alias``: see :mod:`tui.search.aliases`); a megabyte article is indexed in parts, its
last document ``kind`` 0 and the ones before ``kind`` 1, all marked ``split``
(:mod:`tui.search.streamed`); and one that records what the index holds
(``kind`` 2: the layout version and the library's change counter at the last commit,
written in the same commit as the articles it describes).

Words are cut and normalised by tantivy itself (Rust: far faster than Python at import):
runs of letters and digits, lower-cased and folded to ASCII (``Café`` = ``cafe``); each
CJK ideograph or kana is made a word of its own first (those scripts do not put spaces
between words, so 任正非 is the phrase of its three characters: :func:`prepare`).
Queries go through the same steps, so what is typed and what was indexed agree.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import tantivy

T = TypeVar("T")

#: Bump when the schema or the analyzer changes: an older index is rebuilt.
INDEX_VERSION = 9

#: Full-text fields. ``all`` is the article's title, body and quotes together: free words
#: match there (one posting list per word, not one per field: a third of the work), and
#: ``title`` adds its own BM25 on top, so a title match counts more.
TEXT_FIELDS = ("all", "title", "quotes", "speakers", "source")
#: Text fields indexed without word positions (a tenth of the index: reported speech
#: makes ``quotes`` big). A phrase in them is found through ``all``, where every
#: quote's words are, and checked against the stored quotes.
UNPOSITIONED = frozenset({"quotes"})
#: What a field of the query language searches.
FIELDS_FOR = {
    None: ("all",),
    "title": ("title",),
    "quote": ("quotes",),
    "speaker": ("speakers",),
    "source": ("source",),
}
#: BM25 added per field (with its weight) for a match of a free word: `all` holds each
#: word once, so a title word counts 4 times a body word, a quoted one 1.5 times.
SCORED_FOR: dict[str | None, tuple[tuple[str, float], ...]] = {
    None: (("all", 1.0), ("title", 3.0), ("quotes", 0.5))
}

ARTICLE, PART, META = 0, 1, 2
#: ``split`` of every document of an article indexed in parts (a megabyte article:
#: :mod:`tui.search.streamed`), which queries match part by part and then as a whole.
SPLIT = 1

ANALYZER = "newsdesk"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_CJK_RE = re.compile(f"[{_CJK}]")
#: A run of CJK characters: spaced out at once (one replacement per run, not per
#: character: a name such as 任正非 is one), as each character alone would be.
_CJK_RUN_RE = re.compile(f"[{_CJK}]+")


def _spaced(match: re.Match[str]) -> str:
    return f" {'  '.join(match.group())} "


def _space_cjk(text: str) -> str:
    return _CJK_RUN_RE.sub(_spaced, text)


_PIECE = 1 << 18

#: Memory the writer may use before it flushes a segment (one thread: a shared machine).
WRITER_HEAP = 48_000_000
#: How long a writer waits for another process's writer before giving up: as long as
#: it takes (a second import queues behind the first, however long that runs; the lock
#: is freed when its holder ends, even by a kill). Queries never wait (0).
WRITER_WAIT_S = math.inf


#: Terms this long (in bytes) or longer are dropped by the analyzer.
LONG_TERM = 200


def analyzer() -> tantivy.TextAnalyzer:
    """Runs of letters and digits, lower-cased and folded to ASCII. (tantivy's regex
    tokenizer would also split CJK, but costs four times as much: :func:`prepare`.)"""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.remove_long(LONG_TERM))
        .build()
    )


_ANALYZER = analyzer()


def prepare(text: str) -> str:
    """``text`` with a space either side of each CJK ideograph or kana, so that each is a
    token of its own (those scripts do not separate words with spaces)."""
    if text.isascii() or not _CJK_RE.search(text):
        return text
    if len(text) <= _PIECE:
        return _space_cjk(text)
    # A text of megabytes a piece at a time: the substitution's pieces stay few (each
    # ideograph is one character, so a cut anywhere is a cut between two).
    return "".join(_space_cjk(text[i : i + _PIECE]) for i in range(0, len(text), _PIECE))


def prepare_joined(texts: Iterable[str], sep: str = "\n", spaced: list[bool] | None = None) -> str:
    """``prepare(sep.join(texts))``, without holding the joined text as well: each text
    prepared a piece at a time and the pieces joined once (an article of megabytes
    would otherwise hold its text joined, its pieces prepared and the result at once).
    ``spaced`` (a list) is given whether each text had CJK to space: a caller with
    substrings of these texts to prepare need not scan them again."""
    pieces: list[str] = []
    for n, text in enumerate(texts):
        if n:
            pieces.append(sep)
        if text.isascii() or not _CJK_RE.search(text):
            pieces.append(text)
            if spaced is not None:
                spaced.append(False)
            continue
        if spaced is not None:
            spaced.append(True)
        for i in range(0, len(text), _PIECE):
            pieces.append(_space_cjk(text[i : i + _PIECE]))
    return "".join(pieces)


def terms(text: str) -> list[str]:
    """``text`` as the index's terms (the same cut and folding as at index time)."""
    return list(_ANALYZER.analyze(prepare(text)))


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS:
        option = "freq" if name in UNPOSITIONED else "position"
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option=option)
    builder.add_integer_field("kind", indexed=True, fast=True)
    builder.add_integer_field("key", indexed=True, fast=True)
    builder.add_integer_field("seq", indexed=True, fast=True, stored=True)
    builder.add_integer_field("flags", indexed=True)  # brief 1, truncated 2, has quote 4
    builder.add_integer_field("date", indexed=True, fast=True)  # yyyymmdd, 0: none
    builder.add_integer_field("split", indexed=True)  # SPLIT: an article in parts
    # "alias key" + ALIAS_SEP + "full name", one term each (read from the dictionary).
    builder.add_text_field("alias", tokenizer_name="raw", index_option="basic")
    # Stored only (bytes fields are not indexed): what a result shows.
    for name in STORED:
        builder.add_bytes_field(name, stored=True)
    return builder.build()


#: Stored: the article's source and title (UTF-8); its units for contexts (a layout of
#: integers, and the texts joined); the index's own record (JSON, in ``text``).
STORED = ("src", "heading", "layout", "text")

#: Between an alias and the full name it stands for, in an ``alias`` term.
ALIAS_SEP = "\x1f"


SCHEMA = schema()

FLAG_BRIEF, FLAG_TRUNCATED, FLAG_QUOTE = 1, 2, 4


def key_of(article_id: str) -> int:
    """The signed 64-bit key of an article id (16 hex digits), and back: :func:`id_of`."""
    return int(article_id, 16) - (1 << 63)


def id_of(key: int) -> str:
    return f"{key + (1 << 63):016x}"


def open_index(path: Path | None) -> tantivy.Index:
    """The index at ``path`` (None: in memory), created if missing. Raises ``ValueError``
    or ``OSError`` for an index tantivy cannot read."""
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
    else:
        index = tantivy.Index(SCHEMA)
    index.register_tokenizer(ANALYZER, analyzer())
    return index


def remove_index(path: Path) -> None:
    """Delete an index folder (derived data: the library rebuilds it)."""
    shutil.rmtree(path, ignore_errors=True)


def _is_gone(exc: Exception) -> bool:
    """A file the index's metadata named was deleted while it was being opened: another
    process's writer merged segments meanwhile (tantivy collects unused files knowing
    only its own process's readers). Opening again reads the new metadata."""
    return "FileDoesNotExist" in str(exc) or isinstance(exc, FileNotFoundError)


#: How many times opening or reloading an index is tried when another process's writer
#: deleted a file under it (each retry reads the newer metadata; one nearly always does).
READ_ATTEMPTS = 8


def reading(read: Callable[[], T]) -> T:
    """``read()`` (an open or a reload), tried again while another writer's merges delete
    the files it was opening (:func:`_is_gone`)."""
    for attempt in range(READ_ATTEMPTS):
        try:
            return read()
        except (ValueError, OSError) as exc:
            if not _is_gone(exc) or attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.01 * (attempt + 1))  # the writer's merge: milliseconds
    raise AssertionError("unreachable")


def writer_busy(path: Path) -> bool:
    """Whether a writer (another process's, or another index object's) holds the index
    in ``path``: tantivy's writer lock is an flock on this file."""
    try:
        import fcntl
    except ImportError:  # not POSIX: assume busy, never delete what may be in use
        return True
    try:
        fd = os.open(path / ".tantivy-writer.lock", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also frees the lock if taken here
    return False


#: What tantivy's errors about the index's own files say (a file corrupt, cut short or
#: gone), as opposed to a lock or a query it refuses.
_DAMAGE = ("IO error", "IoError", "corrupt", "Corrupt", "FileDoesNotExist", "Failed to open")


def is_damage(exc: Exception) -> bool:
    """Whether ``exc`` says that the index's files are damaged (derived data: rebuilt)."""
    text = str(exc)
    return not is_lock_busy(exc) and any(word in text for word in _DAMAGE)


def is_panic(exc: BaseException) -> bool:
    """Whether ``exc`` is tantivy (Rust) panicking, as pyo3 raises it: a
    ``PanicException``, a ``BaseException`` (not an ``Exception``). Garbage where the
    index expects its own data (its files overwritten while open) makes tantivy assert,
    not return an error."""
    return type(exc).__name__ == "PanicException"


def panic_damage(exc: BaseException) -> ValueError:
    """A tantivy panic as the damage it says (see :func:`is_damage`): the index is
    rebuilt as for a file tantivy reports corrupt."""
    return ValueError(f"corrupt search index (tantivy panicked: {exc})")


def is_lock_busy(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("busy" in text or "already" in text or "acquire" in text)


def open_writer(index: tantivy.Index, wait: float | None = None) -> tantivy.IndexWriter:
    """tantivy's one writer. Another process holding it (a second import) is waited for
    up to ``wait`` seconds (default :data:`WRITER_WAIT_S`), not an error: tantivy's lock
    is a file lock, freed when its holder ends, even by a kill."""
    deadline = time.monotonic() + (WRITER_WAIT_S if wait is None else wait)
    delay = 0.05
    while True:
        try:
            return index.writer(WRITER_HEAP, 1)
        except ValueError as exc:
            if not is_lock_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)  # another process's writer: its commit is seconds away
            delay = min(delay * 2, 1.0)


def close_writer(index: tantivy.Index, writer: tantivy.IndexWriter, *, commit: bool) -> None:
    """Commit (or roll back) and free the lock; readers of ``index`` see the commit."""
    try:
        if commit:
            writer.commit()
        else:
            writer.rollback()
    finally:
        with contextlib.suppress(Exception):
            writer.wait_merging_threads()  # finishes merges and frees the lock
    index.reload()


@contextlib.contextmanager
def writing(index: tantivy.Index, *, wait: float | None = None) -> Iterator[tantivy.IndexWriter]:
    """The writer (see :func:`open_writer`), committed at the end, rolled back on error."""
    writer = open_writer(index, wait)
    try:
        yield writer
    except BaseException:
        with contextlib.suppress(Exception):
            close_writer(index, writer, commit=False)
        raise
    close_writer(index, writer, commit=True)

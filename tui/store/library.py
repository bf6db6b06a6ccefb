"""The library: one SQLite file holding articles, triage state, annotations and undo log.

Safety first: the file is checked (SQLite header, application id, schema version) before
anything is written, so a corrupt or foreign file is refused untouched. The connection
is in autocommit mode and every change is one ``BEGIN IMMEDIATE`` transaction (taking
the write lock up front, so two processes queue on the busy timeout instead of failing
on a lock upgrade). WAL lets readers carry on while another process writes, and
``synchronous=FULL`` makes a returned write survive a crash. See ``tui.store`` for the
public API in one place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from tui.gc_pause import gc_paused
from tui.model import Annotation, Article, QuoteKind, Span
from tui.paths import library_path
from tui.store import anchoring, open_files, schema, undo
from tui.store.codec import PreparedArticle, decode_article, decode_text
from tui.store.errors import (
    BusyError,
    LibraryError,
    ReadOnlyError,
    database_problem,
    is_disk_full,
)
from tui.store.rows import (
    FLAG_BITS,
    FLAGS,
    PARSED_BITS,
    TAG_SEP,
    Changes,
    ImportReport,
    ListRow,
    TriageState,
)
from tui.store.tags import tag_name
from tui.terminal_safe import is_terminal_safe, terminal_safe
from tui.text import chunks

if TYPE_CHECKING:
    from tui.ingest.edits import SegmentEdit

#: How long a write waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 15_000
#: Opening a library another process holds (``newsdesk compact`` rewriting it, an
#: upgrade) tries again this often until :data:`BUSY_TIMEOUT_MS`: Python sees Ctrl+C only
#: between SQLite calls, and one call waiting the whole timeout kept it for 15 s.
OPEN_RETRY_MS = 100
#: A long import storing one big document lets go of the write lock this long between
#: its transactions, so a session waiting to write gets in (see ``Library.breathe``).
WRITER_GAP = 0.1

_SQLITE_HEADER = b"SQLite format 3\x00"
_CHUNK = 500  # ids per IN (...) query; well under SQLite's variable limit


ANNOTATION_COLUMNS = (
    "id",
    "article_id",
    "kind",
    "start",
    "end",
    "anchor_text",
    "before",
    "after",
    "label",
    "note",
    "created",
    "orphaned",
    "article_title",
)

ProgressCallback = Callable[[int, int, str], None]


def _id_list(ids: str | Iterable[str]) -> list[str]:
    if isinstance(ids, str):
        return [ids]
    return list(dict.fromkeys(ids))


def _articles(count: int) -> str:
    """``1 article``, ``7 articles``: how undo labels count what a step changed."""
    return f"{count} article{'s' if count != 1 else ''}"


def _tags_label(steps: Sequence[tuple[str, Sequence[str], int]]) -> str:
    """The undo label of one tag step, as the status line says it (``undo: tag #energy,
    #norway on 7 articles; untag #old on 2 articles``), counted as the flags' labels
    are (``undo: starred 7 articles``); one count at the end when every verb changed as
    many articles. ``steps``: (verb, tags, articles changed); its first word stays
    ``tag`` or ``untag``, which the reader reads to know a triage step was undone."""
    steps = [(verb, tags, n) for verb, tags, n in steps if tags]
    said = [(f"{verb} {', '.join('#' + tag for tag in tags)}", n) for verb, tags, n in steps]
    if len({n for _, n in said}) == 1:
        return "; ".join(words for words, _ in said) + f" on {_articles(said[0][1])}"
    return "; ".join(f"{words} on {_articles(n)}" for words, n in said)


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` is SQLite refusing a lock another connection holds."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in (
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    )


def _writable(path: Path) -> bool:
    """Whether the library at ``path`` (and its -wal/-shm beside it) can be written."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return os.access(_nearest_existing(path.parent), os.W_OK)


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite, before SQLite gets a chance to touch it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise LibraryError(
            f"{path}: cannot read the library ({exc.strerror}); check its permissions"
        ) from None
    if head and head != _SQLITE_HEADER:
        raise LibraryError(
            f"{path}: not a Newsdesk library (not an SQLite database); "
            "move it aside or choose another with --db"
        )


def _annotation(row: tuple[Any, ...] | sqlite3.Row) -> Annotation:
    (aid, article_id, kind, start, end, anchor_text, _b, _a, label, note, created, orphaned, _t) = (
        row
    )
    span = Span(start, end) if start is not None and end is not None else None
    return Annotation(
        id=aid,
        article_id=article_id,
        kind=kind,
        span=span,
        anchor_text=anchor_text,
        label=label,
        note=note,
        created=created,
        orphaned=bool(orphaned),
    )


def copy_state_to_articles(conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Copy flags, tags and counts from ``state`` onto the ``articles`` list columns."""
    for chunk in chunks(list(article_ids), _CHUNK):
        marks = ",".join("?" * len(chunk))
        conn.execute(
            f"UPDATE articles SET flags = (articles.flags & {PARSED_BITS}) | s.read"
            " | (s.starred << 1)"
            " | (s.archived << 2) | (s.marked << 3), tags = coalesce(s.tags, ''),"
            " n_notes = s.n_notes,"
            " n_highlights = s.n_highlights FROM state AS s"
            f" WHERE s.article_id = articles.id AND articles.id IN ({marks})",
            chunk,
        )


#: A text at least this long (a file of megabytes) is not kept after its import (see
#: :meth:`Library.remember_text`).
_REMEMBERED_CHARS = 1 << 20


class Library:
    """An open library. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, readonly: bool, notice: str | None
    ) -> None:
        self.connection = connection
        self.path = path
        self.readonly = readonly
        self.notice = notice
        #: This connection counted among the library's open here (see open_files).
        self._open_key = open_files.opened(path)
        self._text_cache: tuple[tuple[str, str], str] | None = None  # ((key, hash), text)
        self._batch_seconds: float | None = None  # inside batch(): its time budget
        self._batch_started = 0.0  # monotonic start of the batch's open transaction
        #: This open library's own undo history (see :mod:`tui.store.undo`).
        self.session = undo.Session(undo.new_session(), time.time())
        #: The articles the last undo or redo changed (state or annotations): what a
        #: reader shows of them is read again.
        self.step_articles: frozenset[str] = frozenset()
        #: Told of every document an import stores: ``(articles, text, removed ids)``,
        #: after its write (the search index indexes them while they are in memory).
        #: An article comes as a :class:`PreparedArticle` when it was parsed by an
        #: import: its ``extra`` is what ``on_prepare`` made of it there.
        self.on_stored: list[Callable[[list[Article | PreparedArticle], str, list[str]], None]]
        self.on_stored = []
        #: Called as ``on_prepare(article, text, offset, reported=...)`` where an import
        #: parses an article (a worker process: a picklable module-level function), with
        #: the article's reported speech as the worker found it (:mod:`tui.store.
        #: reported`: its quotes; a megabyte article's, its stored form); what it
        #: returns travels in ``PreparedArticle.extra`` to the ``on_stored`` listeners.
        #: None: nothing.
        self.on_prepare: Callable[..., Any] | None = None

    # -- opening and closing ----------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        readonly: bool = False,
        on_wait: Callable[[str], None] | None = None,
    ) -> Library:
        """Open (creating it if needed) the library at ``path`` (None: the default).

        When another process holds it (``newsdesk compact``), opening waits up to
        :data:`BUSY_TIMEOUT_MS` for it, and ``on_wait`` is told so at once, in one line
        (a command prints it: a silent wait looks like a hang)."""
        path = library_path(path) if path is not None else library_path()
        path = Path(path).expanduser()
        notice = None
        if not readonly and not _writable(path):
            readonly = True
            notice = f"{path} is read-only: browsing only, changes cannot be saved"
        if path.is_dir():
            raise LibraryError(f"{path}: is a directory; give a library file with --db")
        if not open_files.is_open_here(path):  # (its check would drop our locks)
            _check_header(path)
        if readonly and not path.exists():
            raise LibraryError(
                f"{path}: no library there and it cannot be created here (read-only); "
                "choose another with --db"
            )
        if not readonly:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(
                    f"{path.parent}: cannot create the library's folder ({exc.strerror}); "
                    "choose another place with --db or NEWSDESK_DB"
                ) from None
        conn = cls._connect(path, readonly)
        try:
            try:
                cls._prepare_waiting(conn, path, readonly, on_wait)
            except sqlite3.OperationalError:
                if not readonly or notice is None:
                    raise
                # Read-only media where SQLite cannot create the WAL index beside the
                # file: nobody can write there, so reading it as immutable is safe.
                conn.close()
                conn = cls._connect(path, readonly, immutable=True)
                cls._prepare(conn, path, readonly)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_disk_full(exc, path) and not readonly:
                return cls._open_on_full_disk(path)
            if _is_busy(exc):
                # Locked past the busy timeout (`newsdesk compact` rewriting it): not damage.
                raise BusyError(
                    f"{path}: the library is busy ({exc}); another newsdesk may be "
                    "compacting or upgrading it; try again in a moment"
                ) from None
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
                raise LibraryError(
                    f"{path}: not a usable library ({exc}); "
                    "move it aside or choose another with --db"
                ) from None
            raise LibraryError(database_problem(path, exc)) from None
        except BaseException:
            conn.close()
            raise
        library = cls(conn, path, readonly, notice)
        if not readonly:
            library._drop_regroup_copies()
        return library

    def _drop_regroup_copies(self) -> None:
        """What a regroup killed half-way left (:data:`schema.REGROUP_COPIES`) goes,
        unless a regroup is running (:func:`tui.store.stories.drop_leftovers`). One
        look-up when there is none. Housekeeping: a library busy past the timeout opens
        all the same, and the next grouping drops them."""
        marks = ",".join("?" * len(schema.REGROUP_COPIES))
        found = self.connection.execute(
            f"SELECT 1 FROM sqlite_master WHERE name IN ({marks})", schema.REGROUP_COPIES
        ).fetchone()
        if found is None:
            return
        from tui.store.stories import drop_leftovers

        with contextlib.suppress(LibraryError, sqlite3.Error, OSError):
            drop_leftovers(self)

    @classmethod
    def _open_on_full_disk(cls, path: Path) -> Library:
        """Nothing can be written, but everything can still be read: open read-only
        (as immutable when not even SQLite's shared-memory file fits on the disk)."""
        notice = f"{path}: disk full; the library is intact, browsing only until there is space"
        conn = cls._connect(path, True)
        try:
            cls._prepare(conn, path, True)
        except sqlite3.OperationalError:
            conn.close()
            conn = cls._connect(path, True, immutable=True)
            cls._prepare(conn, path, True)
        return cls(conn, path, True, notice)

    @staticmethod
    def _connect(path: Path, readonly: bool, *, immutable: bool = False) -> sqlite3.Connection:
        try:
            if readonly:
                mode = "immutable=1" if immutable else "mode=ro"
                uri = f"file:{urllib.parse.quote(str(path.resolve()))}?{mode}"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                conn = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(
                f"{path}: cannot open the library ({exc}); check the path and its permissions"
            ) from None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    @classmethod
    def _prepare_waiting(
        cls,
        conn: sqlite3.Connection,
        path: Path,
        readonly: bool,
        on_wait: Callable[[str], None] | None,
    ) -> None:
        """:meth:`_prepare`, tried again every :data:`OPEN_RETRY_MS` while another
        process holds the library, for up to :data:`BUSY_TIMEOUT_MS` (then the busy error
        is raised); ``on_wait`` is told once, at the first refusal."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        told = False
        conn.execute(f"PRAGMA busy_timeout = {min(OPEN_RETRY_MS, BUSY_TIMEOUT_MS)}")
        while True:
            try:
                cls._prepare(conn, path, readonly)
                break
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if on_wait is not None and not told:
                    told = True
                    seconds = round(BUSY_TIMEOUT_MS / 1000)
                    on_wait(
                        f"{path}: another newsdesk holds the library (compacting or "
                        f"upgrading it); waiting for it, up to {seconds} s (Ctrl+C stops)"
                    )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @staticmethod
    def _prepare(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        """Check the file is ours and current; migrate it; switch on WAL."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        newest = schema.current_version()
        if app_id not in (0, schema.APPLICATION_ID) or (app_id == 0 and tables and not version):
            raise LibraryError(
                f"{path}: an SQLite database, but not a Newsdesk library; choose another with --db"
            )
        if version > newest:
            raise LibraryError(
                f"{path}: made by a newer Newsdesk (library version {version}, this program "
                f"reads up to {newest}); upgrade newsdesk or choose another library with --db"
            )
        if version < newest:
            if not tables and not readonly:
                conn.execute(f"PRAGMA page_size = {schema.PAGE_SIZE}")  # a new library
            if readonly:
                raise LibraryError(
                    f"{path}: an older library (version {version}) that needs upgrading, "
                    "but it is read-only; open it once where it is writable"
                )
            schema.migrate(conn, version)
        if not readonly:
            schema.ensure_derived_indexes(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")

    def close(self, *, optimize: bool = True) -> None:
        """Close; ``optimize`` lets SQLite refresh its statistics (a write) first."""
        with contextlib.suppress(sqlite3.Error):
            if optimize and not self.readonly:
                # Hand this session's undo steps on (a restart can still undo them);
                # without waiting long for a busy library: a gone process counts as over.
                self.connection.execute("PRAGMA busy_timeout = 1000")
                undo.end(self.connection, self.session)
                self.connection.execute("PRAGMA optimize")
        self.connection.close()
        open_files.closed(self._open_key)
        self._open_key = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        # After an error (a damaged page, a full disk) nothing more is written.
        self.close(optimize=exc_type is None)

    # -- transactions -----------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error).

        Inside :meth:`batch` it joins the batch's transaction (beginning it if none is
        open); the batch commits.
        """
        conn = self.connection
        if self._batch_seconds is not None:
            if not conn.in_transaction:
                self._begin(conn)
                self._batch_started = time.monotonic()
            yield conn
            return
        if self.readonly:
            raise ReadOnlyError(f"{self.path} is open read-only; the change was not saved")
        self._begin(conn)
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            # SQLite may have rolled back already (a full disk does): rolling back
            # again would raise a second error on top of the one that matters.
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise

    def _begin(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise BusyError(
                f"{self.path}: the library is busy ({exc}); another newsdesk may be "
                "importing, try again in a moment"
            ) from None

    @contextlib.contextmanager
    def batch(self, seconds: float) -> Iterator[None]:
        """Many writes (an import) in few transactions of at most about ``seconds``.

        Every :meth:`write` inside joins the open transaction, or begins one.
        :meth:`breathe` commits it once it has run ``seconds``; :meth:`release`
        commits it at once (before waiting for slow work, so the write lock is not held
        while nothing is written). Few commits keep a big import fast (each is a disk
        sync); short ones let another session's write (a star, a note) in within about
        ``seconds``. An error rolls back the transaction in progress; what was
        committed before stays.
        """
        if self.readonly:
            raise ReadOnlyError(f"{self.path} is open read-only; the change was not saved")
        conn = self.connection
        self._batch_seconds = seconds
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            self._batch_seconds = None
        self.release()

    def release(self) -> None:
        """Inside :meth:`batch`: commit the open transaction now, if there is one."""
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")

    def resume(self) -> bool:
        """Inside :meth:`batch`: begin a transaction if none is open (a wait for slow
        work released it in the middle of a document); whether it began one."""
        if self._batch_seconds is None or self.connection.in_transaction:
            return False
        self._begin(self.connection)
        self._batch_started = time.monotonic()
        return True

    def breathe(self, *, reopen: bool = False) -> bool:
        """Inside :meth:`batch`: commit if the transaction has run its time; whether it
        did. ``reopen`` (in the middle of storing one document) begins the next one at
        once, after a pause of :data:`WRITER_GAP` seconds in which a waiting session
        (whose busy handler polls every 100 ms at most) can take the lock."""
        seconds = self._batch_seconds
        if (
            seconds is None
            or not self.connection.in_transaction
            or time.monotonic() - self._batch_started < seconds
        ):
            return False
        self.release()
        if reopen:
            self.let_writers_in()
            self._begin(self.connection)
            self._batch_started = time.monotonic()
        return True

    def let_writers_in(self) -> None:
        """The pause between two transactions of a batch (:meth:`breathe`), the write
        lock free: a session waiting to write (a star, a note) takes it now."""
        time.sleep(WRITER_GAP)

    def stored(
        self, articles: list[Article | PreparedArticle], text: str, removed: list[str]
    ) -> None:
        """An import stored ``articles`` of a document (``text``) and removed ``removed``."""
        for listener in self.on_stored:
            listener(articles, text, removed)

    def next_seq(self, conn: sqlite3.Connection) -> int:
        """The next change number (inside the caller's write transaction on ``conn``)."""
        return int(
            conn.execute(
                "UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value"
            ).fetchone()[0]
        )

    # -- import -----------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[str],
        *,
        progress: ProgressCallback | None = None,
        jobs: int | None = None,
        mapping: dict[str, str] | None = None,
    ) -> ImportReport:
        """Parse ``paths`` into the library (see :mod:`tui.store.importer`): ``jobs``
        worker processes (None: one per core), ``mapping`` of fields to CSV/JSON columns."""
        from tui.store.importer import import_paths

        return import_paths(self, paths, progress=progress, jobs=jobs, mapping=mapping)

    def reparse_stale(self, *, progress: ProgressCallback | None = None) -> ImportReport:
        """Re-parse documents stored by an older ``PARSER_VERSION``, from their stored text."""
        from tui.store.importer import reparse_stale

        return reparse_stale(self, progress=progress)

    # -- reading ----------------------------------------------------------------------

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    _LIST_SQL = (
        "SELECT id, title, source, date, kind, flags, tags, n_notes, n_highlights, n_quotes"
        " FROM articles"
    )
    _ORDERS: ClassVar[dict[str, str]] = {
        "imported": " ORDER BY rowid",
        "date": " ORDER BY date IS NULL, date DESC, rowid",
    }

    def list_rows(self, *, order: str = "imported") -> list[ListRow]:
        """Every article's list row: one scan of a narrow table, no body read, no join."""
        try:
            sql = self._LIST_SQL + self._ORDERS[order]
        except KeyError:
            raise ValueError(
                f"unknown order {order!r}; use one of {sorted(self._ORDERS)}"
            ) from None
        # 100,000 new tuples would trigger several cyclic-GC passes that find nothing.
        with gc_paused():
            return list(map(ListRow._make, self.connection.execute(sql)))

    def list_row(self, article_id: str) -> ListRow | None:
        row = self.connection.execute(self._LIST_SQL + " WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else ListRow._make(row)

    def list_rows_for(self, article_ids: Iterable[str]) -> dict[str, ListRow]:
        """The list rows of these articles by id (unknown ids left out), one read per
        chunk of ids instead of one per article (the search pane's page of hits)."""
        found: dict[str, ListRow] = {}
        for chunk in chunks(_id_list(article_ids), _CHUNK):
            marks = ",".join("?" * len(chunk))
            sql = self._LIST_SQL + f" WHERE id IN ({marks})"
            for row in self.connection.execute(sql, chunk):
                found[row[0]] = ListRow._make(row)
        return found

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.connection.execute("SELECT id FROM articles ORDER BY rowid")]

    def get_article(self, article_id: str, *, reported: bool = False) -> Article | None:
        """The stored article; ``reported``: with its reported speech, found now (parsing
        leaves it to the places that show quotes: see :func:`shown`)."""
        row = self.connection.execute(
            "SELECT b.body FROM articles AS a JOIN article_bodies AS b ON b.rowid = a.rowid"
            " WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        article = decode_article(row[0])
        return self.shown(article) if reported else article

    def shown(self, article: Article) -> Article:
        """``article`` with its reported speech (kind ``indirect``): as kept when it was
        parsed (:mod:`tui.store.reported`), else found now from the document's text."""
        return self._with_reported([article])[0]

    def kept_reported(self, articles: Iterable[Article]) -> dict[str, bytes]:
        """The reported speech kept for those of ``articles`` that have it, current (this
        extractor's, found where the article now starts), in its stored form."""
        from tui.store import reported as reported_store  # loads the parser's version

        wanted = {a.id: a.span.start for a in articles}
        kept = reported_store.read(self.connection, list(wanted))
        return {i: blob for i, (start, blob) in kept.items() if wanted.get(i) == start}

    def keep_reported(self, found: dict[str, tuple[int, bytes]], *, wait: bool = True) -> None:
        """Keep reported speech found on demand (``{id: (start, stored form)}``: see
        :func:`tui.store.reported.keep_many`), so it is not found again. Not kept when
        the library is read-only, nor (``wait`` False: the reader, which must not stall)
        when another process holds the write lock or a transaction is open here."""
        from tui.store import reported as reported_store

        if not found or self.readonly:
            return
        conn = self.connection
        if not wait:
            if conn.in_transaction or self._batch_seconds is not None:
                return
            conn.execute("PRAGMA busy_timeout = 0")
        try:
            with contextlib.suppress(BusyError, sqlite3.OperationalError), self.write() as c:
                reported_store.keep_many(c, found)
        finally:
            if not wait:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _with_reported(self, articles: list[Article]) -> list[Article]:
        from tui.model import with_quotes_added
        from tui.store import reported as reported_store

        kept = self.kept_reported(articles)
        out = []
        found: dict[str, tuple[int, bytes]] = {}
        for article in articles:
            text = self.article_text(article.id)
            blob = kept.get(article.id)
            if text is None or any(q.kind is QuoteKind.INDIRECT for q in article.quotes):
                out.append(article)  # (an older parser stored it with the article)
            elif blob is not None:  # no parser loaded: a few ms less for the reader
                out.append(with_quotes_added(article, reported_store.decode(blob, text)))
            else:  # an older library's, or another extractor's: found now, and kept
                from tui.extract.pipeline import with_reported, without_reported

                shown = with_reported(article, text)
                _stored, reported = without_reported(shown)
                found[article.id] = (article.span.start, reported_store.encode(reported))
                out.append(shown)
        self.keep_reported(found, wait=False)
        return out

    def get_articles(self, ids: Iterable[str], *, reported: bool = False) -> list[Article]:
        wanted = _id_list(ids)
        found: dict[str, Article] = {}
        for chunk in chunks(wanted, _CHUNK):
            marks = ",".join("?" * len(chunk))
            for article_id, body in self.connection.execute(
                "SELECT a.id, b.body FROM articles AS a JOIN article_bodies AS b"
                f" ON b.rowid = a.rowid WHERE a.id IN ({marks})",
                chunk,
            ):
                found[article_id] = decode_article(body)
        if reported:
            return self._with_reported([found[i] for i in wanted if i in found])
        return [found[i] for i in wanted if i in found]

    def remember_text(self, key: str, content_hash: str, text: str) -> None:
        """The text of document ``key`` was just stored (an import): the next
        :meth:`document_text` of it needs no read and decode. Not a text of megabytes
        (a big file is parsed from its text without its final blanks, and a 20 MB line
        kept here was 40 MB held through the search index's commit of it)."""
        if len(text) >= _REMEMBERED_CHARS:
            self._text_cache = None
            return
        self._text_cache = ((key, content_hash), text)

    def document_text(self, key: str) -> str | None:
        """The decoded text of the stored document ``key`` (None if there is none)."""
        # Cached by content hash: another process may have re-imported the file since.
        row = self.connection.execute(
            "SELECT content_hash FROM documents WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        if self._text_cache is not None and self._text_cache[0] == (key, row[0]):
            return self._text_cache[1]
        found = self.connection.execute(
            "SELECT content_hash, text FROM documents WHERE key = ?", (key,)
        ).fetchone()
        text = decode_text(found[1])
        self._text_cache = ((key, found[0]), text)
        return text

    def source_text(self, source: str) -> str | None:
        """The decoded text of the document ``source`` (an article's ``source``), if stored."""
        row = self.connection.execute(
            "SELECT key FROM documents WHERE source = ? OR key = ? LIMIT 1", (source, source)
        ).fetchone()
        return None if row is None else self.document_text(row[0])

    def article_text(self, article_id: str) -> str | None:
        """The decoded text of the document ``article_id`` came from (what spans index)."""
        row = self.connection.execute(
            "SELECT doc FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else self.document_text(row[0])

    def state(self, article_id: str) -> TriageState:
        row = self.connection.execute(
            "SELECT read, starred, archived, marked, read_at, starred_at, archived_at,"
            " marked_at, tags FROM state WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return TriageState()
        read, starred, archived, marked, read_at, starred_at, archived_at, marked_at, tags = row
        return TriageState(
            bool(read),
            bool(starred),
            bool(archived),
            bool(marked),
            read_at,
            starred_at,
            archived_at,
            marked_at,
            tags=tuple(tags.split(TAG_SEP)) if tags else (),
        )

    def ids_with(self, field: str, value: str) -> set[str] | None:
        """Ids of articles with a state, for search filters (None = every article)."""
        conn = self.connection
        if field == "is" and value == "unread":
            return {r[0] for r in conn.execute("SELECT id FROM articles WHERE flags & 1 = 0")}
        if field == "is" and value in FLAGS:
            return {r[0] for r in conn.execute(f"SELECT article_id FROM state WHERE {value} = 1")}
        if field == "has" and value in ("note", "highlight"):
            column = "n_notes" if value == "note" else "n_highlights"
            return {r[0] for r in conn.execute(f"SELECT article_id FROM state WHERE {column} > 0")}
        if field == "has" and value == "orphan":  # a highlight or note that lost its text
            sql = "SELECT DISTINCT article_id FROM annotations WHERE orphaned = 1"
            return {r[0] for r in conn.execute(sql)}
        if field in ("story", "outlets") or (field, value) == ("is", "grouped"):
            from tui.store.stories import ids_with

            return ids_with(self, field, value)
        if field == "tag":
            wanted = value.casefold()
            return {
                article_id
                for article_id, label in conn.execute(
                    "SELECT article_id, label FROM annotations WHERE kind = 'tag'"
                )
                if label.casefold() == wanted
            }
        if field == "feed":
            from tui.store.feeds import article_ids_of_feeds, feed_urls_named

            return article_ids_of_feeds(conn, feed_urls_named(conn, value))
        return set()

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use, with how many articles carry it, most used first."""
        return [
            (label, n)
            for label, n in self.connection.execute(
                "SELECT label, count(*) AS n FROM annotations WHERE kind = 'tag'"
                " GROUP BY label ORDER BY n DESC, label"
            )
        ]

    # -- changes, for the search index ------------------------------------------------

    def change_seq(self) -> int:
        return int(
            self.connection.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0]
        )

    def changes_since(self, seq: int) -> Changes:
        conn = self.connection
        conn.execute("BEGIN")  # one snapshot for the three reads
        try:
            now = self.change_seq()
            updated = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM articles WHERE seq > ? ORDER BY seq, rowid", (seq,)
                )
            ]
            removed = [
                r[0]
                for r in conn.execute(
                    "SELECT article_id FROM removed_articles WHERE seq > ? ORDER BY seq", (seq,)
                )
            ]
        finally:
            conn.execute("COMMIT")
        return Changes(now, updated, removed)

    # -- triage -----------------------------------------------------------------------

    def _flag_images(
        self, conn: sqlite3.Connection, ids: list[str], flag: str
    ) -> dict[str, tuple[int, float | None]]:
        found: dict[str, tuple[int, float | None]] = {}
        for chunk in chunks(ids, _CHUNK):
            marks = ",".join("?" * len(chunk))
            for article_id, value, at in conn.execute(
                f"SELECT article_id, {flag}, {flag}_at FROM state WHERE article_id IN ({marks})",
                chunk,
            ):
                found[article_id] = (value, at)
        return found

    def set_flag(self, ids: str | Iterable[str], flag: str, value: bool = True) -> int:
        """Set ``flag`` (read | starred | archived | marked) on ``ids``: one undo step.

        Returns how many articles actually changed.
        """
        if flag not in FLAGS:
            raise ValueError(f"unknown flag {flag!r}; use one of {', '.join(FLAGS)}")
        wanted = _id_list(ids)
        with self.write() as conn:
            now = time.time()
            current = self._flag_images(conn, wanted, flag)
            changes: list[undo.Change] = []
            rows: list[tuple[str, int, float]] = []
            for article_id in wanted:
                old_value, old_at = current.get(article_id, (0, None))
                if bool(old_value) == value:
                    continue
                rows.append((article_id, int(value), now))
                changes.append(
                    {
                        "t": "state",
                        "k": article_id,
                        "b": {flag: old_value, f"{flag}_at": old_at},
                        "a": {flag: int(value), f"{flag}_at": now},
                    }
                )
            conn.executemany(
                f"INSERT INTO state(article_id, {flag}, {flag}_at) VALUES (?, ?, ?)"
                f" ON CONFLICT(article_id) DO UPDATE SET {flag} = excluded.{flag},"
                f" {flag}_at = excluded.{flag}_at",
                rows,
            )
            bit = FLAG_BITS[flag]
            conn.executemany(
                f"UPDATE articles SET flags = (flags & ~{bit}) | ? WHERE id = ?",
                [(bit if v else 0, i) for i, v, _at in rows],
            )
            verb = flag if value else f"un{flag}"
            label = f"{verb} {_articles(len(rows))}"
            undo.record(conn, label, changes, session=self.session)
        return len(rows)

    def mark_read(self, ids: str | Iterable[str], value: bool = True) -> int:
        return self.set_flag(ids, "read", value)

    def star(self, ids: str | Iterable[str], value: bool = True) -> int:
        return self.set_flag(ids, "starred", value)

    def archive(self, ids: str | Iterable[str], value: bool = True) -> int:
        return self.set_flag(ids, "archived", value)

    def mark(self, ids: str | Iterable[str], value: bool = True) -> int:
        return self.set_flag(ids, "marked", value)

    # -- annotations ------------------------------------------------------------------

    def _annotation_row(self, conn: sqlite3.Connection, annotation_id: int) -> dict[str, Any]:
        row = conn.execute(
            f"SELECT {', '.join(ANNOTATION_COLUMNS)} FROM annotations WHERE id = ?",
            (annotation_id,),
        ).fetchone()
        if row is None:
            raise LibraryError(f"annotation {annotation_id} does not exist (deleted meanwhile?)")
        return dict(zip(ANNOTATION_COLUMNS, row, strict=True))

    def insert_annotation(self, conn: sqlite3.Connection, values: dict[str, Any]) -> dict[str, Any]:
        """Insert an annotation row (inside the caller's write transaction); the row."""
        columns = [c for c in ANNOTATION_COLUMNS if c != "id" and c in values]
        marks = ", ".join("?" * len(columns))
        annotation_id = conn.execute(
            f"INSERT INTO annotations({', '.join(columns)}) VALUES ({marks}) RETURNING id",
            [values[c] for c in columns],
        ).fetchone()[0]
        return self._annotation_row(conn, annotation_id)

    def _article_info(self, conn: sqlite3.Connection, article_id: str) -> tuple[str, str]:
        row = conn.execute("SELECT doc, title FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise LibraryError(f"article {article_id} is not in the library (re-imported?)")
        return row[0], row[1]

    def refresh_summary(self, conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
        """Recompute tags and note/highlight counts of ``article_ids`` from their
        annotations, and copy them (with the flags) onto the articles' list rows."""
        ids = list(set(article_ids))
        for article_id in ids:
            tags: list[str] = []
            n_notes = n_highlights = 0
            for kind, label, note, orphaned in conn.execute(
                "SELECT kind, label, note, orphaned FROM annotations WHERE article_id = ?",
                (article_id,),
            ):
                if kind == "tag":
                    tags.append(label)
                elif kind == "note" or note:
                    n_notes += 1
                if kind == "highlight" and not orphaned:
                    n_highlights += 1
            values = (TAG_SEP.join(sorted(tags)) or None, n_notes, n_highlights, article_id)
            updated = conn.execute(
                "UPDATE state SET tags = ?, n_notes = ?, n_highlights = ? WHERE article_id = ?",
                values,
            ).rowcount
            if not updated and (tags or n_notes or n_highlights):
                conn.execute(
                    "INSERT INTO state(tags, n_notes, n_highlights, article_id)"
                    " VALUES (?, ?, ?, ?)",
                    values,
                )
        copy_state_to_articles(conn, ids)

    def add_highlight(
        self,
        article_id: str,
        span: Span,
        *,
        label: str | None = None,
        note: str | None = None,
    ) -> Annotation:
        """Highlight ``span`` (offsets into the article's source text): one undo step."""
        with self.write() as conn:
            doc, title = self._article_info(conn, article_id)
            text = self.document_text(doc) or ""
            if span.end > len(text) or not len(span):
                raise LibraryError(
                    f"highlight {span.start}-{span.end} is outside article {article_id}"
                )
            anchor_text, before, after = anchoring.capture(text, span)
            row = self.insert_annotation(
                conn,
                {
                    "article_id": article_id,
                    "kind": "highlight",
                    "start": span.start,
                    "end": span.end,
                    "anchor_text": anchor_text,
                    "before": before,
                    "after": after,
                    "label": label or None,
                    "note": note or None,
                    "created": time.time(),
                    "article_title": title,
                },
            )
            self.refresh_summary(conn, [article_id])
            undo.record(
                conn,
                "highlight",
                [{"t": "annotations", "k": row["id"], "b": None, "a": row}],
                session=self.session,
            )
        return _annotation(tuple(row.values()))

    def add_note(self, article_id: str, text: str) -> Annotation:
        """A note on the article as a whole: one undo step."""
        with self.write() as conn:
            _doc, title = self._article_info(conn, article_id)
            row = self.insert_annotation(
                conn,
                {
                    "article_id": article_id,
                    "kind": "note",
                    "note": text,
                    "created": time.time(),
                    "article_title": title,
                },
            )
            self.refresh_summary(conn, [article_id])
            undo.record(
                conn,
                "note",
                [{"t": "annotations", "k": row["id"], "b": None, "a": row}],
                session=self.session,
            )
        return _annotation(tuple(row.values()))

    def _update_annotation(self, annotation_id: int, column: str, value: str | None) -> Annotation:
        with self.write() as conn:
            before = self._annotation_row(conn, annotation_id)
            conn.execute(
                f"UPDATE annotations SET {column} = ? WHERE id = ?", (value, annotation_id)
            )
            after = self._annotation_row(conn, annotation_id)
            self.refresh_summary(conn, [before["article_id"]])
            if before != after:
                change = {"t": "annotations", "k": annotation_id, "b": before, "a": after}
                undo.record(conn, f"edit {column}", [change], session=self.session)
        return _annotation(tuple(after.values()))

    def set_note(self, annotation_id: int, note: str | None) -> Annotation:
        """Set (or with None, clear) the note of a highlight or an article note."""
        return self._update_annotation(annotation_id, "note", note or None)

    def set_label(self, annotation_id: int, label: str | None) -> Annotation:
        return self._update_annotation(annotation_id, "label", label or None)

    def delete_annotation(self, annotation_id: int) -> None:
        with self.write() as conn:
            before = self._annotation_row(conn, annotation_id)
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            self.refresh_summary(conn, [before["article_id"]])
            undo.record(
                conn,
                f"delete {before['kind']}",
                [{"t": "annotations", "k": annotation_id, "b": before, "a": None}],
                session=self.session,
            )

    def annotations(self, article_id: str) -> list[Annotation]:
        """The article's highlights (by position), notes and tags."""
        return [
            _annotation(row)
            for row in self.connection.execute(
                f"SELECT {', '.join(ANNOTATION_COLUMNS)} FROM annotations WHERE article_id = ?"
                " ORDER BY start IS NULL, start, id",
                (article_id,),
            )
        ]

    def annotation(self, annotation_id: int) -> Annotation | None:
        row = self.connection.execute(
            f"SELECT {', '.join(ANNOTATION_COLUMNS)} FROM annotations WHERE id = ?",
            (annotation_id,),
        ).fetchone()
        return None if row is None else _annotation(row)

    def orphans(self) -> list[tuple[Annotation, str]]:
        """Annotations that could not be re-anchored, with the title of their article."""
        return [
            (_annotation(row), row[-1])
            for row in self.connection.execute(
                f"SELECT {', '.join(ANNOTATION_COLUMNS)} FROM annotations WHERE orphaned = 1"
                " ORDER BY id"
            )
        ]

    @staticmethod
    def _clean_tag(tag: str) -> str:
        cleaned = tag_name(tag)
        if not cleaned:
            raise LibraryError("a tag needs at least one visible character")
        if not is_terminal_safe(cleaned):
            # A tag is shown everywhere (list, export, search): no escape rides along.
            raise LibraryError(
                f"a tag cannot hold control characters ({terminal_safe(cleaned)}); "
                "type it without them"
            )
        return cleaned

    def add_tag(self, ids: str | Iterable[str], tag: str) -> int:
        """Tag ``ids`` with ``tag`` (spaces become ``-``): one undo step; how many changed."""
        return self.edit_tags(ids, add=(tag,))[0]

    def remove_tag(self, ids: str | Iterable[str], tag: str) -> int:
        return self.edit_tags(ids, remove=(tag,))[0]

    def edit_tags(
        self, ids: str | Iterable[str], *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> list[int]:
        """Add the tags ``add`` to ``ids`` and take ``remove`` off them, as ONE undo step
        (``t`` typing ``energy, norway`` is one action, undone by one ``u``); how many
        articles each tag changed, in the order given (``add`` then ``remove``)."""
        adding = [self._clean_tag(tag) for tag in add]
        removing = [self._clean_tag(tag) for tag in remove]
        wanted = _id_list(ids)
        counts: list[int] = []
        with self.write() as conn:
            changes: list[undo.Change] = []
            titles = dict(self._titles(conn, wanted)) if adding else {}
            tagged_ids: set[str] = set()
            untagged_ids: set[str] = set()
            for tag in adding:
                added = self._tag_changes(conn, wanted, tag, titles)
                counts.append(len(added))
                changes += added
                tagged_ids.update(c["a"]["article_id"] for c in added)
            for tag in removing:
                removed = self._untag_changes(conn, wanted, tag)
                counts.append(len(removed))
                changes += removed
                untagged_ids.update(c["b"]["article_id"] for c in removed)
            self.refresh_summary(conn, tagged_ids | untagged_ids)
            # The label says what changed ("old" not there to take off is not said).
            tagged = [tag for tag, n in zip(adding, counts, strict=False) if n]
            untagged = [tag for tag, n in zip(removing, counts[len(adding) :], strict=True) if n]
            label = _tags_label(
                [("tag", tagged, len(tagged_ids)), ("untag", untagged, len(untagged_ids))]
            )
            undo.record(conn, label, changes, session=self.session)
        return counts

    def _tag_changes(
        self, conn: sqlite3.Connection, wanted: list[str], tag: str, titles: dict[str, str]
    ) -> list[undo.Change]:
        """Tag rows for the ``wanted`` articles that lack ``tag``, as undo changes."""
        changes: list[undo.Change] = []
        for article_id in wanted:
            if conn.execute(
                "SELECT 1 FROM annotations WHERE kind = 'tag' AND article_id = ? AND label = ?",
                (article_id, tag),
            ).fetchone():
                continue
            row = self.insert_annotation(
                conn,
                {
                    "article_id": article_id,
                    "kind": "tag",
                    "label": tag,
                    "created": time.time(),
                    "article_title": titles.get(article_id, ""),
                },
            )
            changes.append({"t": "annotations", "k": row["id"], "b": None, "a": row})
        return changes

    def _untag_changes(
        self, conn: sqlite3.Connection, wanted: list[str], tag: str
    ) -> list[undo.Change]:
        """``tag`` deleted from the ``wanted`` articles, as undo changes."""
        changes: list[undo.Change] = []
        for chunk in chunks(wanted, _CHUNK):
            marks = ",".join("?" * len(chunk))
            for (annotation_id,) in conn.execute(
                f"SELECT id FROM annotations WHERE kind = 'tag' AND label = ?"
                f" AND article_id IN ({marks})",
                [tag, *chunk],
            ).fetchall():
                before = self._annotation_row(conn, annotation_id)
                conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
                changes.append({"t": "annotations", "k": annotation_id, "b": before, "a": None})
        return changes

    def _titles(self, conn: sqlite3.Connection, ids: list[str]) -> Iterator[tuple[str, str]]:
        for chunk in chunks(ids, _CHUNK):
            marks = ",".join("?" * len(chunk))
            yield from conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", chunk)

    # -- joins and splits (tui.store.segment_edits) -------------------------------------

    def segment_edits(self, document_key: str, text: str) -> list[SegmentEdit]:
        """The user's joins and splits of a document, re-anchored in its ``text``."""
        from tui.store import segment_edits  # with the parser's title rules: when needed

        return segment_edits.edits_for(self.connection, document_key, text)

    def join_next(self, article_id: str) -> str | None:
        """Join the article with the next one of its file (one undo step, kept across
        re-parses); the joined article's id."""
        from tui.store import segment_edits

        key, offset = segment_edits.add_edit(self, article_id, "join", None)
        return segment_edits.article_in(self, key, offset)

    def split_at(self, article_id: str, offset: int) -> str | None:
        """Split the article where its paragraph starting at ``offset`` begins (one undo
        step, kept across re-parses); the id of the new article starting there."""
        from tui.store import segment_edits

        key, offset = segment_edits.add_edit(self, article_id, "split", offset)
        return segment_edits.article_in(self, key, offset)

    # -- undo -------------------------------------------------------------------------

    def _after_undo(self, conn: sqlite3.Connection, changes: list[undo.Change]) -> None:
        # A join or split undone: its document is parsed again (after the transaction).
        from tui.store import segment_edits

        segment_edits.mark_stale(conn, segment_edits.documents_touched(changes))
        touched = {
            image["article_id"]
            for change in changes
            if change["t"] == "annotations"
            for image in (change["b"], change["a"])
            if image is not None
        }
        self.refresh_summary(conn, touched)
        states = {c["k"] for c in changes if c["t"] == "state"}
        copy_state_to_articles(conn, states)
        self.step_articles = frozenset(touched | states)

    def undo(self) -> str | None:
        """Undo the latest step; its label, or None when there is nothing to undo."""
        with self.write() as conn:
            done = undo.undo(conn, self.session)
            if done is not None:
                self._after_undo(conn, done[1])
        self.reparse_stale()
        return None if done is None else done[0]

    def redo(self) -> str | None:
        """Redo the step undone last; its label, or None when there is nothing to redo."""
        with self.write() as conn:
            done = undo.redo(conn, self.session)
            if done is not None:
                self._after_undo(conn, done[1])
        self.reparse_stale()
        return None if done is None else done[0]

    def can_undo(self) -> bool:
        return undo.can_undo(self.connection, self.session)

    def can_redo(self) -> bool:
        return undo.can_redo(self.connection, self.session)


__all__ = ["Library", "LibraryError", "ListRow", "ReadOnlyError", "TriageState"]

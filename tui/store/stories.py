"""The library's stories: the grouping of :mod:`tui.extract.stories`, kept in SQLite.

Derived data, like the search index: tables of its own in the library file, brought up
to date from ``lib.changes_since()`` (each new or re-parsed article is placed once into
an existing story or a new one, nothing else is regrouped), rebuilt from scratch by
:func:`regroup` (``newsdesk stories --regroup``). Losing them loses no annotation: the
triage state lives on the articles.

Story ids are the user's handle on a story (``story:12``, the app's expanded rows), so
they are kept: a re-parsed article placed back into its story keeps the id, and a
regroup from scratch gives each new group the id of the old story it shares most
articles with (ids are never reused for something else).

Tables (created on first use, ``IF NOT EXISTS``):

- ``story_members(article_id, story, day, vector, quotes)``: the placement and the
  signature each placed article is scored by (vector as JSON, quote shingles packed).
  Placing reads the members of the window's days (index on ``day``) and builds the
  candidate postings and the window's term counts from their signatures in memory.
- ``story_df(term, df)``: document frequencies; ``story_meta``: ``seq`` synced up to,
  ``n_docs``, ``next_story``.
- ``story_features_v<N>``: each article's features, kept from its import
  (:mod:`tui.store.story_features`): placing and regrouping read them, not the article.

One process groups a library at a time (:func:`grouping`, a file lock beside it): a
second import waits for the first's grouping, then places what it added.

An article's day is its own date, else the day it was added to the library (undated
dumps imported together are compared; a dump from a year ago and one from today are
not).

Public API::

    update_stories(lib, *, workers=1, wait=True) -> int   # place what changed
    regroup(lib, *, workers=None) -> int  # from scratch (workers parts at once)
    ungrouped(lib) -> int               # articles update_stories would place now
    story_ids(lib) -> dict[str, int]    # article id -> story id
    story_members(lib) -> dict[int, list[str]]
    stories(lib, *, min_size=2) -> list[StoryRow]
    ids_with(lib, field, value) -> set[str]   # story:12, is:grouped, outlets:>2
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from tui.extract.stories import WINDOW_DAYS, WINDOW_MEMBERS, Member, StoryFeatures, StoryIndex
from tui.store import schema, story_features, story_pipeline, story_regroup
from tui.store.errors import LibraryError
from tui.store.story_features import day_of, features_of
from tui.store.story_regroup import member_row, unpack_quotes
from tui.text import chunks

if TYPE_CHECKING:
    from tui.model import Article
    from tui.store.library import Library

T = TypeVar("T")
R = TypeVar("R")

#: The columns of the members and document-frequency tables: the library's, and the
#: regroup's copies swapped in for them (:func:`_swap`).
_MEMBERS_COLUMNS = (
    "(article_id TEXT PRIMARY KEY, story INTEGER NOT NULL, day INTEGER,"
    " vector TEXT NOT NULL, quotes BLOB NOT NULL) WITHOUT ROWID"
)
_DF_COLUMNS = "(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
_MEMBERS_INDEXES = (
    "CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story, day)",
    "CREATE INDEX IF NOT EXISTS story_members_day ON story_members(day)",
)
_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS story_members{_MEMBERS_COLUMNS}",
    *_MEMBERS_INDEXES,
    f"CREATE TABLE IF NOT EXISTS story_df{_DF_COLUMNS}",
    "CREATE TABLE IF NOT EXISTS story_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID",
)

_INSERT_MEMBER = (
    "INSERT INTO story_members(article_id, story, day, vector, quotes) VALUES (?, ?, ?, ?, ?)"
)
_CHUNK = 500


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the story tables if this library has none yet (and drop the candidate
    postings table older versions kept: candidates now come from the window's members,
    read a day at a time)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_postings'").fetchone():
        conn.execute("DROP TABLE story_postings")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_meta'").fetchone():
        # A library from before placing read whole days: the index that makes it quick.
        conn.execute(_MEMBERS_INDEXES[1])
        return
    for statement in _SCHEMA:  # not executescript: it would end the transaction
        conn.execute(statement)


def _meta(conn: sqlite3.Connection, key: str, default: int = 0) -> int:
    row = conn.execute("SELECT value FROM story_meta WHERE key = ?", (key,)).fetchone()
    return default if row is None else int(row[0])


def _set_meta(conn: sqlite3.Connection, key: str, value: int) -> None:
    conn.execute(
        "INSERT INTO story_meta(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


#: The regroup's copies of the members and document-frequency tables, filled in short
#: transactions and swapped in for the library's in one (:func:`_swap`).
_NEXT_MEMBERS, _NEXT_DF = schema.REGROUP_COPIES


def _drop_next_tables(conn: sqlite3.Connection) -> bool:
    """Drop a regroup's copies (call with the grouping lock held, in a write): whether
    there were any."""
    found = False
    for table in (_NEXT_MEMBERS, _NEXT_DF):
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            conn.execute(f"DROP TABLE {table}")
            found = True
    return found


def drop_leftovers(lib: Library) -> bool:
    """Drop what a regroup killed half-way (``kill -9``, a power cut: no ``except`` ran)
    left behind, its copies of the story tables, as big as the library's own: whether
    it did. Only when no grouping runs (the grouping lock taken without waiting): a
    regroup running in another process is filling them. :meth:`Library.open` calls
    this when it finds them."""
    if lib.readonly:
        return False
    with grouping(lib, wait=False) as held:
        if not held:
            return False
        with lib.write() as conn:
            return _drop_next_tables(conn)


class LibraryStoryIndex(StoryIndex):
    """:class:`StoryIndex` over the library's tables. Use inside one write transaction
    (``conn``).

    Placing an article needs only the articles of its window: the members of those
    days are read from ``story_members`` once (a day at a time, as the batch's dates
    reach them) into the in-memory index, whose postings then find the candidates;
    days behind the batch are forgotten again. New placements are written in one go
    by :meth:`flush`.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn
        self.n_docs = _meta(conn, "n_docs")
        self._next_story = _meta(conn, "next_story", 1)
        self._df_loaded: set[str] = set()
        self._df_dirty: Counter[str] = Counter()
        self._days_loaded: set[int] = set()
        self._new_rows: dict[str, tuple[Any, ...]] = {}
        self._absent: set[str] = set()  # known not to be in story_members
        self._stored_spans: dict[int, tuple[int, int] | None] = {}
        # A day's last imported members, the oldest of them first (the story tables
        # alone, without the articles': by id).
        has_articles = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'")
        order, join = (
            ("a.rowid", " LEFT JOIN articles AS a ON a.id = m.article_id")
            if has_articles.fetchone()
            else ("m.article_id", "")
        )
        self._latest = (
            f"SELECT * FROM (SELECT m.article_id, m.story, m.vector, m.quotes, {order} AS r"
            f" FROM story_members AS m{join} WHERE m.day = ? ORDER BY r DESC LIMIT ?) ORDER BY r"
        )

    # -- document frequencies: read for a batch, counted in memory, written once ------

    def load_df(self, terms: Iterable[str]) -> None:
        wanted = [t for t in set(terms) if t not in self._df_loaded]
        for chunk in chunks(wanted, _CHUNK):
            marks = ",".join("?" * len(chunk))
            for term, df in self.conn.execute(
                f"SELECT term, df FROM story_df WHERE term IN ({marks})", chunk
            ):
                self.df[term] = df
        self._df_loaded.update(wanted)
        self._idf_cache_docs = -1  # frequencies changed: IDFs worked out again

    def observe(self, features: StoryFeatures) -> None:
        super().observe(features)
        self._df_dirty.update(term for term, _ in features.counts)

    def flush(self, *, counts: bool = True) -> None:
        """Write the new placements and the next story id; with ``counts``, the
        document frequencies and the number of documents too.

        A grouping that commits as it goes (:func:`_update`) writes the counts last,
        with the ``seq`` it has synced up to: if it is cut off, the next one places the
        same articles again (taking out those placed) and counts them once. The next
        story id goes with the placements: a story id committed is never given again.
        """
        self.conn.executemany(_INSERT_MEMBER, self._new_rows.values())
        self._new_rows.clear()
        _set_meta(self.conn, "next_story", self._next_story)
        if not counts:
            return
        self.conn.executemany(
            "INSERT INTO story_df(term, df) VALUES (?, ?)"
            " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            self._df_dirty.items(),
        )
        self._df_dirty.clear()
        _set_meta(self.conn, "n_docs", self.n_docs)

    # -- the window, read a day at a time ---------------------------------------------

    #: Members held in memory as candidates at most (the last imported), as a regroup
    #: holds (:data:`tui.extract.stories.WINDOW_MEMBERS`): an import into a library
    #: that already holds a day of 50,000 undated articles read all of them, and each
    #: is kilobytes.
    window_members = WINDOW_MEMBERS

    def _load_days(self, day: int | None) -> None:
        if day is None:
            return
        keep = self.window_members
        for d in range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1):
            if d in self._days_loaded:
                continue
            self._days_loaded.add(d)
            self._day_terms.setdefault(d, Counter())
            latest = self.conn.execute(self._latest, (d, keep))
            for key, story, vector, quotes, _order in latest:
                if key not in self.members:
                    member = Member(story, d, dict(json.loads(vector)), unpack_quotes(quotes))
                    super()._store(key, member)
            self.evict_excess(keep)
            self._window_day = None

    def place(
        self, key: str, features: StoryFeatures, *, observed: bool = False, reuse: int | None = None
    ) -> int:
        day = features.day
        if day is not None and self._days_loaded and min(self._days_loaded) < day - 4 * WINDOW_DAYS:
            # A batch spanning months (an archive): keep only the days near this one.
            self.evict_before(day - WINDOW_DAYS)
            self._days_loaded = {d for d in self._days_loaded if d >= day - WINDOW_DAYS}
        self._load_days(day)
        story = super().place(key, features, observed=observed, reuse=reuse)
        self.evict_excess(self.window_members)  # stored already, or in ``_new_rows``
        return story

    # -- storage hooks ----------------------------------------------------------------

    def members_near(self, story: int, day: int | None) -> int:
        if day is not None:
            return super().members_near(story, day)  # the window is in memory
        stored = self.conn.execute(
            "SELECT COUNT(*) FROM story_members WHERE story = ?", (story,)
        ).fetchone()[0]
        return int(stored) + sum(1 for row in self._new_rows.values() if row[1] == story)

    def _store(self, key: str, member: Member) -> None:
        super()._store(key, member)
        self._new_rows[key] = member_row(key, member)

    def span(self, story: int) -> tuple[int, int] | None:
        """Its articles in the library (read once per story) and those placed since."""
        if story not in self._stored_spans:
            first, last = self.conn.execute(
                "SELECT MIN(day), MAX(day) FROM story_members WHERE story = ?", (story,)
            ).fetchone()
            self._stored_spans[story] = (first, last) if first is not None else None
        stored, placed = self._stored_spans[story], super().span(story)
        if stored is None or placed is None:
            return stored or placed
        return min(stored[0], placed[0]), max(stored[1], placed[1])

    def merge(self, story: int, other: int) -> None:
        """Fold ``other`` into ``story`` in the library too (its articles outside the
        window included)."""
        super().merge(story, other)
        self.conn.execute("UPDATE story_members SET story = ? WHERE story = ?", (story, other))
        for key, row in self._new_rows.items():
            if row[1] == other:
                self._new_rows[key] = (row[0], story, *row[2:])

    def take_out(
        self, keys: list[str], placed: Iterable[str], between: Callable[[], object] | None = None
    ) -> None:
        """Take ``keys`` out before they are placed again; ``placed``: those of them
        the library has placed (the rest need no look-up). ``between()`` is called
        after each (the grouping's chance to commit)."""
        for key in placed:
            self.remove(key)
            if between is not None:
                between()
        self._absent.update(keys)

    def remove(self, key: str) -> None:
        if key in self._new_rows:  # placed in this batch (placed again)
            del self._new_rows[key]
            super().remove(key)
            return
        if key in self._absent:
            return
        row = self.conn.execute(
            "SELECT day FROM story_members WHERE article_id = ?", (key,)
        ).fetchone()
        if row is None:
            return  # never placed: a new article
        self._load_days(row[0])  # so that its day's counts lose it too
        super().remove(key)
        self.conn.execute("DELETE FROM story_members WHERE article_id = ?", (key,))


def _stories_of(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    """Story ids of these articles (those placed)."""
    return story_features.lookup(
        conn, "SELECT article_id, story FROM story_members WHERE article_id IN", ids
    )


#: ``progress(done, total)``: articles grouped so far of those to group.
Progress = Callable[[int, int], None]


@contextlib.contextmanager
def grouping(
    lib: Library, *, wait: bool = True, waiting: Callable[[], None] | None = None
) -> Iterator[bool]:
    """Hold the library's grouping lock (a file beside it): one process at a time
    groups a library's stories, so a second import waits for the first's grouping and
    then places only what it added (two at once used to tear down each other's staging
    tables). Yields whether it is held: with ``wait`` False a busy lock is not waited
    for (the app: the other process's grouping will show). ``waiting()`` is called
    once if the lock is busy and will be waited for."""
    from filelock import FileLock, Timeout

    lock = FileLock(f"{lib.path}.stories.lock", thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            yield False
            return
        if waiting is not None:
            waiting()
        lock.acquire()
    try:
        yield True
    finally:
        lock.release()


def update_stories(
    lib: Library,
    *,
    workers: int = 1,
    progress: Progress | None = None,
    wait: bool = True,
    waiting: Callable[[], None] | None = None,
    features_progress: Progress | None = None,
) -> int:
    """Place every article added or re-parsed since the last call (and drop removed
    ones); the rest of the library is left as it is. How many articles were placed.

    The first call on a library groups it all (:func:`regroup`, with ``workers``
    processes: the command line passes 2; the app keeps 1, no processes forked from
    its threads). ``progress`` hears how far a regroup or a long batch has got;
    ``features_progress`` how far a regroup's first step has (:func:`regroup`).
    Another process grouping the library is waited for (``waiting()`` hears it), or
    with ``wait`` False left to it (0 placed here)."""
    if lib.readonly:
        return 0
    with grouping(lib, wait=wait, waiting=waiting) as held:
        if not held:
            return 0
        return _update(lib, workers, progress, features_progress)


def _update(
    lib: Library, workers: int, progress: Progress | None, features_progress: Progress | None
) -> int:
    conn = lib.connection
    with lib.write():
        ensure_tables(conn)
        story_features.ensure(conn)
        _drop_next_tables(conn)  # a regroup killed since the library was opened
        synced = _meta(conn, "seq", 0)
    if synced == 0 and lib.count() > 0:
        # A first grouping: the batch way is faster.
        return _regroup(lib, workers, progress, features_progress)
    changes = lib.changes_since(synced)
    if not changes.updated and not changes.removed:
        return 0
    # Placing 20,000 articles takes longer than a reader's write waits for the lock
    # (the busy timeout): committed every COMMIT_SECONDS, as an import is.
    breathe = _breather(lib)
    with lib.batch(COMMIT_SECONDS), lib.write():
        index = LibraryStoryIndex(conn)
        before = _stories_of(conn, changes.updated)
        for article_id in changes.removed:
            index.remove(article_id)
            breathe()
        if changes.removed:
            story_features.forget_gone(conn)
        index.take_out(changes.updated, before, between=breathe)
        updated = changes.updated
        if len(updated) > PLACE_BATCH:  # a big import: in day order, a batch at a time
            updated = _in_day_order(conn, updated)
        placed = 0
        for i in range(0, len(updated), PLACE_BATCH):
            made: list[tuple[str, bytes]] = []
            features = []
            for item in features_of(lib, updated[i : i + PLACE_BATCH], made):
                features.append(item)
                breathe()
            story_features.keep_many(conn, made)  # worked out once, kept for next time
            index.load_df(term for _, f in features for term, _ in f.counts)
            for _, f in features:
                index.observe(f)
            features.sort(key=lambda kf: (kf[1].day is None, kf[1].day or 0))
            for article_id, f in features:
                index.place(article_id, f, observed=True, reuse=before.get(article_id))
                placed += 1
                if progress is not None and (placed % 500 == 0 or placed == len(updated)):
                    progress(placed, len(updated))
                breathe()
            index.flush(counts=False)  # this batch's placements written; its features let go
        # The counts with the seq they are counted up to, in one transaction.
        index.flush()
        _set_meta(conn, "seq", changes.seq)
    return placed


#: A grouping commits at least this often, so a reader's write (a star, a note) waits
#: about this long at most for the write lock (an import: half a second). Each commit
#: lets go of the lock for ``WRITER_GAP`` (0.1 s): a second costs a tenth more time.
COMMIT_SECONDS = 1.0


def _breather(lib: Library) -> Callable[[], None]:
    """Inside ``lib.batch()``: commit the grouping's transaction when it has run its
    time and begin the next at once (its statements run on the connection directly,
    so one is always open)."""

    def breathe() -> None:
        lib.breathe(reopen=True)

    return breathe


#: Articles whose features are held at once while placing what an import added (each
#: is a few KB: 100,000 at once would be most of a gigabyte).
PLACE_BATCH = 5_000


def _in_day_order(conn: sqlite3.Connection, ids: list[str]) -> list[str]:
    """``ids`` ordered as placement takes them: by day (an article's date, else the day
    it was added), undated last."""
    from tui.extract.stories import day_number

    days: dict[str, int | None] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for article_id, date, added in conn.execute(
            f"SELECT id, date, added FROM articles WHERE id IN ({marks})", chunk
        ):
            day = day_number(date) if date else None
            days[article_id] = day if day is not None else day_of(added)
    return sorted(ids, key=lambda a: (days.get(a) is None, days.get(a) or 0))


def ungrouped(lib: Library) -> int:
    """How many articles :func:`update_stories` would place now (all of them for a
    library never grouped): the reader leaves a big backlog to ``newsdesk stories``,
    which shows its progress and uses two processes."""
    conn = lib.connection
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_meta'").fetchone() is None:
        return lib.count()
    synced = _meta(conn, "seq", 0)
    if synced == 0:
        return lib.count()
    (count,) = conn.execute("SELECT COUNT(*) FROM articles WHERE seq > ?", (synced,)).fetchone()
    return int(count)


def _missing_chunk(args: tuple[str, list[str]]) -> list[tuple[str, bytes]]:
    """A worker's share of the features a regroup finds missing (an older library, an
    article stored without them): read the articles, pack their features."""
    from tui.store.library import Library

    path, ids = args
    made: list[tuple[str, bytes]] = []
    with Library.open(path, readonly=True) as lib:
        for _ in features_of(lib, ids, made):
            pass
    return made


def _missing(conn: sqlite3.Connection) -> list[str]:
    table = story_features.TABLE
    return [
        article_id
        for (article_id,) in conn.execute(
            f"SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM {table})"
        )
    ]


def _make_missing(lib: Library, workers: int, progress: Progress | None = None) -> None:
    """Work out and keep the features of every article that has none (``workers``
    processes reading the articles): once, the first regroup of an older library (or
    after a ``FEATURES_VERSION`` change: minutes at 100,000 articles, so ``progress``
    hears it a share at a time)."""
    ids = _missing(lib.connection)
    if not ids:
        return
    done = 0
    path = str(lib.path)
    shares = [(path, ids[i : i + _SHARE]) for i in range(0, len(ids), _SHARE)]
    pool = _pool(workers) if workers > 1 and len(ids) > _SHARE else None
    mapper: Any = (lambda f, xs: _bounded_map(pool, f, xs, ahead=workers + 1)) if pool else map
    try:
        for made in mapper(_missing_chunk, shares):
            with lib.write() as conn:
                story_features.keep_many(conn, made)
            done += len(made)
            if progress is not None:
                progress(done, len(ids))
    finally:
        if pool is not None:
            pool.shutdown()


def _pool(workers: int) -> ProcessPoolExecutor:
    import os

    from tui.store.parallel import _context, _die_with_parent

    return ProcessPoolExecutor(
        workers, _context(), initializer=_die_with_parent, initargs=(os.getpid(),)
    )


#: Articles a regroup reads for its document frequencies (an even sample: IDF from
#: 20,000 articles is as good as from all of them).
DF_SAMPLE = 20_000
#: Articles per share handed to a worker.
_SHARE = 2_000


def _days(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every article with its day (its date, else the day it was added), oldest first;
    within a day the dated ones by id, then the undated ones in the order they were
    imported (a regroup keeps at most :data:`tui.extract.stories.WINDOW_MEMBERS` of a
    day's articles as candidates, the last placed: an undated dump's are placed in
    its own order, not the ids')."""
    from tui.extract.stories import day_number

    rows = [
        (article_id, day_number(date) if date else None, added, rowid)
        for article_id, date, added, rowid in conn.execute(
            "SELECT id, date, added, rowid FROM articles"
        )
    ]
    keyed = [
        ((d, 0, a, 0) if d is not None else (day_of(added), 1, "", rowid), a)
        for a, d, added, rowid in rows
    ]
    keyed.sort(key=lambda ka: ka[0])
    return [(a, key[0]) for key, a in keyed]


def _sample_df(lib: Library, order: list[tuple[str, int]]) -> tuple[Counter[str], int]:
    """Document frequencies for the articles of ``order`` (id, day) from an even sample
    of :data:`DF_SAMPLE` of them, scaled to all."""
    step = max(1, len(order) // DF_SAMPLE)
    df: Counter[str] = Counter()
    sampled = 0
    with story_regroup.read_cache(lib.connection):  # read in date order, not as kept
        for _, f in story_features.kept_features(lib, order[::step]):
            sampled += 1
            df.update(term for term, _ in f.counts)
    scale = len(order) / max(sampled, 1)
    if scale != 1:
        for term, n in df.items():
            df[term] = max(1, round(n * scale))
    return df, len(order)


def regroup(
    lib: Library,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    waiting: Callable[[], None] | None = None,
    features_progress: Progress | None = None,
) -> int:
    """Group the whole library from scratch (after a parser upgrade, or to start over),
    keeping story ids: each new story takes the id of the old story it shares most
    articles with. How many articles were placed.

    ``workers`` processes (None: 2) place the library cut by date, a part each
    (:mod:`tui.store.story_regroup`), reading the features kept at import
    (:mod:`tui.store.story_features`; those missing are worked out first, by as many
    processes). Memory stays bounded: document frequencies come from an even sample of
    :data:`DF_SAMPLE` articles, each part holds only the articles of its current
    window, and placements go to scratch files, copied into the library at the end
    in short transactions and swapped in by one (:func:`_swap`: the reader's writes
    get in meanwhile). ``progress(done, total)`` a share at a time; the features worked
    out first are heard by ``features_progress`` (None: by ``progress``, which then runs
    twice), so a display can name the two steps.
    """
    with grouping(lib, waiting=waiting):
        return _regroup(lib, max(1, workers or 2), progress, features_progress)


def _regroup(
    lib: Library,
    workers: int,
    progress: Progress | None,
    features_progress: Progress | None = None,
) -> int:
    conn = lib.connection
    with lib.write():
        ensure_tables(conn)
        story_features.ensure(conn)
        story_features.forget_gone(conn)
    _make_missing(lib, workers, features_progress or progress)
    old = story_ids(lib)
    seq = lib.change_seq()
    order = _days(conn)
    df, n_docs = _sample_df(lib, order)
    cuts = story_regroup.split(order, workers)
    with tempfile.TemporaryDirectory(prefix=".newsdesk-regroup-", dir=Path(lib.path).parent) as tmp:
        parts = [
            story_regroup.Part(
                str(lib.path), f"{tmp}/part{k}.db", order[start:end], keep_from, df, n_docs
            )
            for k, (start, end, keep_from) in enumerate(cuts)
        ]
        del order
        placements = _place_parts(parts, n_docs, progress, workers)
        numbering, story_of = story_regroup.join(parts, placements)
        del placements
        new_ids = _keep_ids(story_of, old, _meta(conn, "next_story", 1))
        _swap(lib, parts, {key: new_ids[n] for key, n in numbering.items()}, df, n_docs, seq)
    return len(story_of)


def _place_parts(
    parts: list[story_regroup.Part], total: int, progress: Progress | None, workers: int = 1
) -> list[story_regroup.Placed]:
    """Each part placed, in a process of its own when there are several (this one
    waits, passing on how far they have got); one long part (an undated dump: one
    day) on two cores when ``workers`` allow (:mod:`tui.store.story_pipeline`: the
    same stories), placed again here if its second process is lost."""
    if len(parts) == 1:
        tell = (lambda done: progress(done, total)) if progress is not None else None
        part = parts[0]
        placed = None
        if workers > 1 and len(part.days) >= story_pipeline.MIN_ARTICLES:
            with contextlib.suppress(story_pipeline.ScorerLost):
                placed = [story_pipeline.place_part(part, tell)]
        if placed is None:
            placed = [story_regroup.place_part(part, tell)]
    else:
        placed = story_regroup.place_in_processes(
            parts, (lambda done: progress(done, total)) if progress is not None else None
        )
    if progress is not None:
        progress(total, total)
    return placed


#: Rows copied from a part's scratch file into the library per statement: a regroup
#: copies them into tables of its own as it goes, committing every
#: :data:`COMMIT_SECONDS`, then puts those tables in place of the library's in one
#: short transaction (one ``INSERT ... SELECT`` of 100,000 placements held the write
#: lock longer than a reader's write waits for it).
COPY_ROWS = 2_000


def _swap(
    lib: Library,
    parts: list[story_regroup.Part],
    ids: dict[tuple[int, int], int],
    df: Counter[str],
    n_docs: int,
    seq: int,
) -> None:
    """Put the parts' placements in place of the library's: ``ids`` maps (part, the
    part's story number) to the story id it keeps. Copied into new tables in short
    transactions (:data:`COPY_ROWS`), then swapped in by one: readers see the old
    stories or the new ones, never a mixture; a regroup cut off leaves the old ones."""
    conn = lib.connection
    for k, part in enumerate(parts):
        conn.execute(f"ATTACH DATABASE ? AS regroup_part{k}", (part.scratch,))
    breathe = _breather(lib)
    try:
        with lib.batch(COMMIT_SECONDS), lib.write():
            _drop_next_tables(conn)  # a regroup's cut off before
            conn.execute(f"CREATE TABLE {_NEXT_MEMBERS}{_MEMBERS_COLUMNS}")
            conn.execute(f"CREATE TABLE {_NEXT_DF}{_DF_COLUMNS}")
            conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS story_regroup_ids(part INTEGER,"
                " local INTEGER, id INTEGER, PRIMARY KEY(part, local))"
            )
            conn.execute("DELETE FROM temp.story_regroup_ids")
            conn.executemany(
                "INSERT INTO temp.story_regroup_ids VALUES (?, ?, ?)",
                ((k, local, story) for (k, local), story in ids.items()),
            )
            for k in range(len(parts)):
                _copy_part(conn, k, breathe)
            terms = sorted(df.items())
            for i in range(0, len(terms), COPY_ROWS * 5):
                conn.executemany(
                    f"INSERT INTO {_NEXT_DF}(term, df) VALUES (?, ?)", terms[i : i + COPY_ROWS * 5]
                )
                breathe()
            lib.release()  # the swap in a transaction of its own, begun now
            lib.resume()
            conn.execute("DROP TABLE story_members")
            conn.execute(f"ALTER TABLE {_NEXT_MEMBERS} RENAME TO story_members")
            conn.execute("DROP TABLE story_df")
            conn.execute(f"ALTER TABLE {_NEXT_DF} RENAME TO story_df")
            for index in _MEMBERS_INDEXES:  # dropped with the old table
                conn.execute(index)
            _set_meta(conn, "n_docs", n_docs)
            _set_meta(conn, "next_story", max(ids.values(), default=0) + 1)
            _set_meta(conn, "seq", seq)
    except BaseException:
        # Cut off (Ctrl-C, a full disk): the old stories stay; what was copied goes.
        with contextlib.suppress(sqlite3.Error, LibraryError), lib.write():
            _drop_next_tables(conn)
        raise
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("DROP TABLE IF EXISTS temp.story_regroup_ids")
        for k in range(len(parts)):
            with contextlib.suppress(sqlite3.Error):
                conn.execute(f"DETACH DATABASE regroup_part{k}")


def _copy_part(conn: sqlite3.Connection, k: int, breathe: Callable[[], None]) -> None:
    """Copy part ``k``'s placements (attached as ``regroup_part{k}``) into the new
    members table with their kept story ids, :data:`COPY_ROWS` at a time by id."""
    members = f"regroup_part{k}.members"
    after = ""
    while True:
        bound = conn.execute(
            f"SELECT article_id FROM {members} WHERE article_id > ? ORDER BY article_id"
            " LIMIT 1 OFFSET ?",
            (after, COPY_ROWS - 1),
        ).fetchone()
        upto = "" if bound is None else " AND m.article_id <= ?"
        conn.execute(
            f"INSERT INTO {_NEXT_MEMBERS} SELECT m.article_id, s.id, m.day, m.vector,"
            f" m.quotes FROM {members} AS m JOIN temp.story_regroup_ids AS s"
            f" ON s.part = ? AND s.local = m.story WHERE m.article_id > ?{upto}",
            (k, after) if bound is None else (k, after, bound[0]),
        )
        breathe()
        if bound is None:
            return
        after = bound[0]


def _bounded_map(
    pool: ProcessPoolExecutor, function: Callable[[T], R], items: Iterable[T], *, ahead: int
) -> Iterator[R]:
    """``pool.map`` with at most ``ahead`` shares in flight: ``Executor.map`` submits
    them all, and the workers' results would pile up while the writer catches up."""
    futures: deque[Future[R]] = deque()
    for item in items:
        futures.append(pool.submit(function, item))
        if len(futures) > ahead:
            yield futures.popleft().result()
    while futures:
        yield futures.popleft().result()


def _keep_ids(new: dict[str, int], old: dict[str, int], next_id: int) -> dict[int, int]:
    """New story number -> the id it keeps: the old story sharing most articles with
    it (each old id used once, biggest overlaps first), else a fresh id."""
    overlap: Counter[tuple[int, int]] = Counter()
    for key, story in new.items():
        if key in old:
            overlap[(story, old[key])] += 1
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for (story, old_id), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if story not in mapping and old_id not in used:
            mapping[story] = old_id
            used.add(old_id)
    fresh = max([next_id - 1, *old.values(), 0]) + 1
    for story in sorted(set(new.values())):
        if story not in mapping:
            mapping[story] = fresh
            fresh += 1
    return mapping


def story_ids(lib: Library) -> dict[str, int]:
    """Article id -> story id, for every placed article."""
    conn = lib.connection
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_members'").fetchone():
        return {}
    return dict(conn.execute("SELECT article_id, story FROM story_members"))


def story_members(lib: Library) -> dict[int, list[str]]:
    """Story id -> its article ids."""
    out: dict[int, list[str]] = defaultdict(list)
    for article_id, story in story_ids(lib).items():
        out[story].append(article_id)
    return dict(out)


def outlet_of(source: str, outlet: str | None = None) -> str:
    """The outlet an article came from: the one its input names (``outlet``: a CSV or
    feed column, the URL's host), as the list shows it, else the name of the file it
    was read from. Two articles of one file (a main story and its briefs) are one
    outlet."""
    return outlet or PurePath(source).name or source


def article_outlet(article: Article) -> str:
    """:func:`outlet_of` an article (``wikinews.org`` for a Wikinews CSV's rows)."""
    return outlet_of(article.source, article.outlet)


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as lists show it: its id, a title (its earliest article's, the longest
    on that day), its article ids (oldest first), outlets and newest date."""

    id: int
    title: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    newest: str | None


def stories(
    lib: Library, *, min_size: int = 2, workers: int = 1, wait: bool = True
) -> list[StoryRow]:
    """Every story of at least ``min_size`` articles, newest first (after bringing the
    grouping up to date; with ``wait`` False, as they are while another process groups
    them)."""
    update_stories(lib, workers=workers, wait=wait)
    groups = {s: ids for s, ids in story_members(lib).items() if len(ids) >= min_size}
    if not groups:
        return []
    rows = lib.list_rows_for([i for ids in groups.values() for i in ids])
    days = dict(lib.connection.execute("SELECT article_id, day FROM story_members"))
    out = []
    for story, ids in groups.items():
        present = [i for i in ids if i in rows]
        if not present:
            continue
        present.sort(key=lambda i: (days.get(i) or 0, -len(rows[i].title), i))
        first = rows[present[0]]
        dates = [date for i in present if (date := rows[i].date)]
        outlets = tuple(dict.fromkeys(outlet_of(rows[i].source) for i in present))
        out.append(
            StoryRow(story, first.title, tuple(present), outlets, max(dates) if dates else None)
        )
    out.sort(
        key=lambda r: (r.newest or "", max(days.get(i) or 0 for i in r.article_ids), r.id),
        reverse=True,
    )
    return out


def ids_with(lib: Library, field: str, value: str) -> set[str]:
    """Article ids for the query filters ``story:12``, ``is:grouped`` (in a story of two
    or more) and ``outlets:>2`` / ``outlets:2`` / ``outlets:<3`` (the story's outlets)."""
    members = story_members(lib)
    if field == "story":
        return set(members.get(int(value), ()))
    if field == "is":
        return {i for ids in members.values() if len(ids) > 1 for i in ids}
    op = value.rstrip("0123456789")
    wanted = int(value[len(op) :])
    test = {
        ">": wanted.__lt__,
        ">=": wanted.__le__,
        "<": wanted.__gt__,
        "<=": wanted.__ge__,
        "": wanted.__eq__,
    }[op]
    sources = dict(lib.connection.execute("SELECT id, source FROM articles"))
    out: set[str] = set()
    for ids in members.values():
        if test(len({outlet_of(sources.get(i, "")) for i in ids})):
            out.update(ids)
    return out

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

An article's day is its own date, else the day it was added to the library (undated
dumps imported together are compared; a dump from a year ago and one from today are
not).

Public API::

    update_stories(lib, *, workers=1) -> int   # place what changed; how many placed
    regroup(lib, *, workers=None) -> int  # from scratch; how many articles placed
    ungrouped(lib) -> int               # articles update_stories would place now
    story_ids(lib) -> dict[str, int]    # article id -> story id
    story_members(lib) -> dict[int, list[str]]
    stories(lib, *, min_size=2) -> list[StoryRow]
    ids_with(lib, field, value) -> set[str]   # story:12, is:grouped, outlets:>2
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zlib
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from tui.extract.stories import (
    WINDOW_DAYS,
    Member,
    StoryFeatures,
    StoryIndex,
    article_features,
)
from tui.text import chunks

if TYPE_CHECKING:
    from tui.store.library import Library

T = TypeVar("T")
R = TypeVar("R")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_members(
    article_id TEXT PRIMARY KEY,
    story INTEGER NOT NULL,
    day INTEGER,
    vector TEXT NOT NULL,
    quotes BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story, day);
CREATE INDEX IF NOT EXISTS story_members_day ON story_members(day);
CREATE TABLE IF NOT EXISTS story_df(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
"""

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
        conn.execute("CREATE INDEX IF NOT EXISTS story_members_day ON story_members(day)")
        return
    for statement in _SCHEMA.split(";"):  # not executescript: it would end the transaction
        if statement.strip():
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


def _day_of(timestamp: float) -> int:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).date().toordinal() - 719163


def _pack_quotes(quotes: frozenset[int]) -> bytes:
    return array("I", sorted(quotes)).tobytes()


def _unpack_quotes(blob: bytes) -> frozenset[int]:
    values = array("I")
    values.frombytes(blob)
    return frozenset(values)


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

    def flush(self) -> None:
        """Write the new placements, document frequencies and counters."""
        self.conn.executemany(_INSERT_MEMBER, self._new_rows.values())
        self._new_rows.clear()
        self.conn.executemany(
            "INSERT INTO story_df(term, df) VALUES (?, ?)"
            " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            self._df_dirty.items(),
        )
        self._df_dirty.clear()
        _set_meta(self.conn, "n_docs", self.n_docs)
        _set_meta(self.conn, "next_story", self._next_story)

    # -- the window, read a day at a time ---------------------------------------------

    def _load_days(self, day: int | None) -> None:
        if day is None:
            return
        for d in range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1):
            if d in self._days_loaded:
                continue
            self._days_loaded.add(d)
            self._day_terms.setdefault(d, Counter())
            for key, story, vector, quotes in self.conn.execute(
                "SELECT article_id, story, vector, quotes FROM story_members WHERE day = ?", (d,)
            ):
                if key not in self.members:
                    member = Member(story, d, dict(json.loads(vector)), _unpack_quotes(quotes))
                    super()._store(key, member)
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
        return super().place(key, features, observed=observed, reuse=reuse)

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
        self._new_rows[key] = (
            key,
            member.story,
            member.day,
            _vector_json(member),
            _pack_quotes(member.quotes),
        )

    def merge(self, story: int, other: int) -> None:
        """Fold ``other`` into ``story`` in the library too (its articles outside the
        window included)."""
        super().merge(story, other)
        self.conn.execute("UPDATE story_members SET story = ? WHERE story = ?", (story, other))
        for key, row in self._new_rows.items():
            if row[1] == other:
                self._new_rows[key] = (row[0], story, *row[2:])

    def take_out(self, keys: list[str], placed: Iterable[str]) -> None:
        """Take ``keys`` out before they are placed again; ``placed``: those of them
        the library has placed (the rest need no look-up)."""
        for key in placed:
            self.remove(key)
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
    """Story ids of these articles (those placed), read in chunks."""
    out: dict[str, int] = {}
    for chunk in chunks(ids, _CHUNK):
        marks = ",".join("?" * len(chunk))
        out.update(
            conn.execute(
                f"SELECT article_id, story FROM story_members WHERE article_id IN ({marks})", chunk
            )
        )
    return out


def _added_days(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in chunks(ids, _CHUNK):
        marks = ",".join("?" * len(chunk))
        for article_id, added in conn.execute(
            f"SELECT id, added FROM articles WHERE id IN ({marks})", chunk
        ):
            out[article_id] = _day_of(added)
    return out


# -- features made at import ------------------------------------------------------------
#
# An import's worker processes have each article in memory as they parse it: they work
# out its story features there (:func:`pending_features`), the writer keeps them in
# ``story_pending`` with the article, and the placement after the import reads them
# from there instead of decoding every article again (the whole body, for a few KB of
# features; a 20 MB article decoded is hundreds of MB). Placed, they are deleted.

_PENDING = (
    "CREATE TABLE IF NOT EXISTS story_pending("
    "article_id TEXT PRIMARY KEY, features BLOB NOT NULL) WITHOUT ROWID"
)


def pending_features(article: Any, text: str = "", offset: int = 0) -> bytes:
    """An article's story features, packed (its own day, or none): made where the
    article is parsed; ``text`` and ``offset`` are not needed (a prepare hook's form)."""
    f = article_features(article)
    return zlib.compress(json.dumps([f.day, f.counts, f.quotes]).encode("utf-8"), 1)


def ensure_pending(conn: sqlite3.Connection) -> None:
    """Create the table of features waiting to be placed, if there is none."""
    conn.execute(_PENDING)


def keep_pending(conn: sqlite3.Connection, article_id: str, features: bytes) -> None:
    """Keep the packed features of a stored article until it is placed."""
    conn.execute("INSERT OR REPLACE INTO story_pending VALUES (?, ?)", (article_id, features))


def _pending(conn: sqlite3.Connection, ids: list[str]) -> dict[str, bytes]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_pending'").fetchone():
        return {}
    marks = ",".join("?" * len(ids))
    return dict(
        conn.execute(
            f"SELECT article_id, features FROM story_pending WHERE article_id IN ({marks})", ids
        )
    )


def _drop_pending(conn: sqlite3.Connection) -> None:
    """Placed: every kept feature is now in the story tables."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_pending'").fetchone():
        conn.execute("DELETE FROM story_pending")


def _unpacked(blob: bytes, day: int | None) -> StoryFeatures:
    own, counts, quotes = json.loads(zlib.decompress(blob))
    return StoryFeatures(
        day=own if own is not None else day,
        counts=tuple((term, n) for term, n in counts),
        quotes=tuple(quotes),
    )


def _features_of(lib: Library, ids: list[str]) -> Iterator[tuple[str, StoryFeatures]]:
    for chunk in chunks(ids, _CHUNK):
        fallback = _added_days(lib.connection, chunk)  # the articles still there
        kept = _pending(lib.connection, chunk)
        missing = [a for a in chunk if a in fallback and a not in kept]
        read = {a.id: a for a in lib.get_articles(missing)} if missing else {}
        for article_id in dict.fromkeys(chunk):
            if article_id in kept and article_id in fallback:
                yield article_id, _unpacked(kept[article_id], fallback[article_id])
            elif article_id in read:
                article = read.pop(article_id)
                yield article_id, article_features(article, day=fallback.get(article_id))


#: ``progress(done, total)``: articles grouped so far of those to group.
Progress = Callable[[int, int], None]


def update_stories(lib: Library, *, workers: int = 1, progress: Progress | None = None) -> int:
    """Place every article added or re-parsed since the last call (and drop removed
    ones); the rest of the library is left as it is. How many articles were placed.

    The first call on a library groups it all (:func:`regroup`, with ``workers``
    processes: the command line passes 2; the app keeps 1, no processes forked from
    its threads). ``progress`` hears how far a regroup or a long batch has got."""
    conn = lib.connection
    if lib.readonly:
        return 0
    with lib.write():
        ensure_tables(conn)
        synced = _meta(conn, "seq", 0)
    if synced == 0 and lib.count() > 0:
        # A first grouping: the batch way is faster.
        return regroup(lib, workers=workers, progress=progress)
    changes = lib.changes_since(synced)
    if not changes.updated and not changes.removed:
        return 0
    with lib.write():
        index = LibraryStoryIndex(conn)
        before = _stories_of(conn, changes.updated)
        for article_id in changes.removed:
            index.remove(article_id)
        index.take_out(changes.updated, before)
        updated = changes.updated
        if len(updated) > PLACE_BATCH:  # a big import: in day order, a batch at a time
            updated = _in_day_order(conn, updated)
        placed = 0
        for i in range(0, len(updated), PLACE_BATCH):
            features = list(_features_of(lib, updated[i : i + PLACE_BATCH]))
            index.load_df(term for _, f in features for term, _ in f.counts)
            for _, f in features:
                index.observe(f)
            features.sort(key=lambda kf: (kf[1].day is None, kf[1].day or 0))
            for article_id, f in features:
                index.place(article_id, f, observed=True, reuse=before.get(article_id))
                placed += 1
                if progress is not None and (placed % 500 == 0 or placed == len(updated)):
                    progress(placed, len(updated))
            index.flush()  # this batch's placements written; its features let go
        index.flush()  # removals alone (nothing updated)
        _set_meta(conn, "seq", changes.seq)
        _drop_pending(conn)
    return placed


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
            days[article_id] = day if day is not None else _day_of(added)
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


def _features_chunk(args: tuple[str, list[str]]) -> list[tuple[str, StoryFeatures]]:
    """A worker's share of a regroup: open the library read-only, read the features."""
    from tui.store.library import Library

    path, ids = args
    with Library.open(path, readonly=True) as lib:
        return list(_features_of(lib, ids))


def _df_chunk(args: tuple[str, list[str]]) -> tuple[int, Counter[str]]:
    """A worker's share of the document-frequency sample: (articles, term counts)."""
    counts: Counter[str] = Counter()
    features = _features_chunk(args)
    for _, f in features:
        counts.update(term for term, _ in f.counts)
    return len(features), counts


#: Articles a regroup reads for its document frequencies (an even sample: IDF from
#: 20,000 articles is as good as from all of them, and it halves the work).
DF_SAMPLE = 20_000
#: Articles per share handed to a worker.
_SHARE = 2_000


def _days(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every article with its day (its date, else the day it was added), oldest first."""
    from tui.extract.stories import day_number

    rows = [
        (article_id, day_number(date) if date else None, added)
        for article_id, date, added in conn.execute("SELECT id, date, added FROM articles")
    ]
    out = [(a, d if d is not None else _day_of(added)) for a, d, added in rows]
    out.sort(key=lambda ad: (ad[1], ad[0]))
    return out


def regroup(lib: Library, *, workers: int | None = None, progress: Progress | None = None) -> int:
    """Group the whole library from scratch (after a parser upgrade, or to start over),
    keeping story ids: each new story takes the id of the old story it shares most
    articles with. ``workers`` processes read the articles' features (None: 2).

    Memory stays bounded: document frequencies come from an even sample of
    :data:`DF_SAMPLE` articles (scaled to the library), articles are then read in date
    order, share by share, and the grouping keeps only the articles of the current
    window; placed ones go to staging tables, swapped in at the end in one transaction.
    ``progress(done, total)`` after each share (minutes for a library of 100,000).
    """
    conn = lib.connection
    with lib.write():
        ensure_tables(conn)
    old = story_ids(lib)
    seq = lib.change_seq()
    order = _days(conn)
    ids = [a for a, _ in order]
    path = str(lib.path)
    step = max(1, len(ids) // DF_SAMPLE)
    sample = ids[::step]
    n = max(1, workers or 2)
    shares = [(path, ids[i : i + _SHARE]) for i in range(0, len(ids), _SHARE)]
    sample_shares = [(path, sample[i : i + _SHARE]) for i in range(0, len(sample), _SHARE)]
    pool = ProcessPoolExecutor(n) if n > 1 and len(ids) > _SHARE else None
    mapper: Any = partial(_bounded_map, pool, ahead=n + 1) if pool is not None else map
    index = StoryIndex()
    try:
        sampled = 0
        for count, counts in mapper(_df_chunk, sample_shares):
            sampled += count
            index.df.update(counts)
        scale = len(ids) / max(sampled, 1)
        if scale != 1:
            for term, df in index.df.items():
                index.df[term] = max(1, round(df * scale))
        index.n_docs = len(ids)
        with lib.write():
            conn.execute("DROP TABLE IF EXISTS story_members_new")
            conn.execute("CREATE TABLE story_members_new AS SELECT * FROM story_members WHERE 0")
        for share in mapper(_features_chunk, shares):
            for article_id, f in share:
                index.place(article_id, f, observed=True)
            if progress is not None:
                progress(len(index.placements), len(ids))
            last = share[-1][1].day if share else None
            if last is not None:
                with lib.write():
                    _stage(conn, index.evict_before(last - WINDOW_DAYS))
    finally:
        if pool is not None:
            pool.shutdown()
    with lib.write():
        _stage(conn, list(index.members.items()))
        placements = {key: index.resolve(story) for key, story in index.placements.items()}
        mapping = _keep_ids(placements, old, _meta(conn, "next_story", 1))
        # Articles staged before their story was folded into another carry its old number.
        mapping.update({other: mapping[index.resolve(other)] for other in index.merged})
        conn.execute("CREATE TEMP TABLE story_id_map(new INTEGER PRIMARY KEY, old INTEGER)")
        conn.executemany("INSERT INTO story_id_map VALUES (?, ?)", mapping.items())
        for table in ("story_members", "story_df"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute(
            "INSERT INTO story_members SELECT m.article_id, s.old, m.day, m.vector, m.quotes"
            " FROM story_members_new AS m JOIN story_id_map AS s ON s.new = m.story"
        )
        for table in ("story_members_new", "temp.story_id_map"):
            conn.execute(f"DROP TABLE {table}")
        conn.executemany("INSERT INTO story_df(term, df) VALUES (?, ?)", index.df.items())
        _set_meta(conn, "n_docs", index.n_docs)
        _set_meta(conn, "next_story", max(mapping.values(), default=0) + 1)
        _set_meta(conn, "seq", seq)
        _drop_pending(conn)
    return len(index.placements)


def _bounded_map(
    pool: ProcessPoolExecutor, function: Callable[[T], R], items: Iterable[T], *, ahead: int
) -> Iterator[R]:
    """``pool.map`` with at most ``ahead`` shares in flight: ``Executor.map`` submits
    them all, and the workers' results would pile up while the grouping (slower than
    two readers) catches up."""
    futures: deque[Future[R]] = deque()
    for item in items:
        futures.append(pool.submit(function, item))
        if len(futures) > ahead:
            yield futures.popleft().result()
    while futures:
        yield futures.popleft().result()


def _stage(conn: sqlite3.Connection, members: list[tuple[str, Member]]) -> None:
    """Write placed articles (with their provisional story numbers) to staging."""
    conn.executemany(
        "INSERT INTO story_members_new(article_id, story, day, vector, quotes)"
        " VALUES (?, ?, ?, ?, ?)",
        ((key, m.story, m.day, _vector_json(m), _pack_quotes(m.quotes)) for key, m in members),
    )


def _vector_json(member: Member) -> str:
    return json.dumps([[t, round(w, 5)] for t, w in member.vector.items()])


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


def outlet_of(source: str) -> str:
    """The outlet an article came from: the name of the file it was read from. Two
    articles of one file (a main story and its briefs) are one outlet."""
    return PurePath(source).name or source


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as lists show it: its id, a title (its earliest article's, the longest
    on that day), its article ids (oldest first), outlets and newest date."""

    id: int
    title: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    newest: str | None


def stories(lib: Library, *, min_size: int = 2, workers: int = 1) -> list[StoryRow]:
    """Every story of at least ``min_size`` articles, newest first (after bringing the
    grouping up to date)."""
    update_stories(lib, workers=workers)
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

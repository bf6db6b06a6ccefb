"""Grouping a whole library from scratch on several cores: the library cut by date.

Placing is online (each article against what was placed before it, in date order), so
one grouping is one sequence, one core. But nothing links articles more than
:data:`~tui.extract.stories.WINDOW_DAYS` apart: a grouping of the days from ``D`` on
needs of the days before ``D`` only the stories of the last few. So the library's days
are cut into as many parts as there are processes; each part but the first also places
the :data:`WARM_DAYS` days before it (a warm-up, placed again, not kept), and a story of
a part that took in warm-up articles continues the story the part before put them in.
Where the warm-up grouped differently from the part before (it started without the
days before it), the part's stories follow the part before's: a story is never split
at a cut, and the stories within each part are as the single sequence would make them
up to that small difference at its first days.

Each part runs in its own process (:func:`place_part`), reads the kept features of its
articles (:mod:`tui.store.story_features`) and writes its placements to a scratch SQLite
file of its own; the library's one writer copies them in at the end (ATTACH, then
``INSERT ... SELECT`` a few thousand rows at a time, see ``tui.store.stories._swap``):
nothing of 100,000 articles' signatures is pickled between processes or held in memory
at once.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tui.extract.stories import WINDOW_DAYS, Member, StoryIndex
from tui.text import chunks

#: Days placed before a part's own (not kept): the stories of its first days come out
#: as the part before made them. A story alive at the cut has members in the window
#: before it, placed against the window before them; but each article's signature also
#: depends on the terms of the window's signatures before it (the burst weighting), a
#: chain that reaches further back: two windows' warm-up left a few stories at a cut
#: of a generated library different from one sequence's, three weeks none (a week of
#: a busy library costs a part about a second).
WARM_DAYS = 21
#: A part is worth a process from this many articles (fewer: one sequence is quicker
#: than starting a process and warming it up).
MIN_PART = 10_000
#: Articles read and placed at a time (then the days behind them are written out).
SHARE = 2_000
#: SQLite's page cache for reading a part's features (KiB): they are read in date
#: order, not in the order they are kept in, and with the default 2 MB a page was read
#: again for each of its articles once the library outgrew it (the reads of a library
#: of 20,000 undated articles cost 5 times those of 10,000).
READ_CACHE_KB = 64 * 1024

MEMBERS = (
    "CREATE TABLE IF NOT EXISTS members(article_id TEXT PRIMARY KEY, story INTEGER NOT NULL,"
    " day INTEGER, vector TEXT NOT NULL, quotes BLOB NOT NULL) WITHOUT ROWID"
)


def pack_quotes(quotes: frozenset[int]) -> bytes:
    return array("I", sorted(quotes)).tobytes()


def unpack_quotes(blob: bytes) -> frozenset[int]:
    values = array("I")
    values.frombytes(blob)
    return frozenset(values)


def vector_json(member: Member) -> str:
    return json.dumps([[t, round(w, 5)] for t, w in member.vector.items()])


def member_row(key: str, member: Member) -> tuple[Any, ...]:
    """A placed article as ``story_members`` (and a part's scratch file) keeps it."""
    return (key, member.story, member.day, vector_json(member), pack_quotes(member.quotes))


@dataclass(frozen=True)
class Part:
    """One process's share of a regroup: ``days`` (article id, day) in placing order,
    the warm-up first; articles before ``keep_from`` are the warm-up (placed, not
    written); ``scratch``: the SQLite file its placements go to."""

    library: str
    scratch: str
    days: list[tuple[str, int]]
    keep_from: int | None
    df: dict[str, int]
    n_docs: int


def split(order: list[tuple[str, int]], parts: int) -> list[tuple[int, int, int | None]]:
    """Cut ``order`` (article id, day; by day) into at most ``parts`` runs of whole days
    of about as many articles each: (start, end, first kept day) per part, where start
    includes the part's warm-up. One part when the library is too small or too few
    days long to gain from more."""
    parts = min(parts, len(order) // MIN_PART)
    if parts <= 1 or not order:
        return [(0, len(order), None)]
    cuts: list[int] = []
    for k in range(1, parts):
        at = k * len(order) // parts
        day = order[at][1]
        while at < len(order) and order[at][1] == day:  # a cut between two days
            at += 1
        if at < len(order) and (not cuts or at > cuts[-1]):
            cuts.append(at)
    out: list[tuple[int, int, int | None]] = []
    bounds = [0, *cuts, len(order)]
    for start, end in itertools.pairwise(bounds):
        if start == 0:
            out.append((0, end, None))
            continue
        keep_from = order[start][1]
        warm = start
        while warm > 0 and order[warm - 1][1] >= keep_from - WARM_DAYS:
            warm -= 1
        out.append((warm, end, keep_from))
    return out


Progress = Callable[[int], None]


def scratch_writer(
    part: Part,
) -> tuple[sqlite3.Connection, Callable[[Iterable[tuple[str, Member]]], None]]:
    """The part's scratch file (emptied: a part placed again starts over) and a writer
    of placed members to it (the part's own articles only, not its warm-up)."""
    keep_from = part.keep_from
    out = sqlite3.connect(part.scratch, isolation_level=None)
    out.execute("PRAGMA journal_mode = OFF")
    out.execute("PRAGMA synchronous = OFF")
    out.execute(MEMBERS)
    out.execute("DELETE FROM members")

    def write(members: Iterable[tuple[str, Member]]) -> None:
        rows = [
            member_row(key, m)
            for key, m in members
            if keep_from is None or (m.day is not None and m.day >= keep_from)
        ]
        out.execute("BEGIN")
        out.executemany("INSERT OR REPLACE INTO members VALUES (?, ?, ?, ?, ?)", rows)
        out.execute("COMMIT")

    return out, write


@contextlib.contextmanager
def read_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """SQLite's page cache at :data:`READ_CACHE_KB` while reading features in date
    order, then as it was."""
    (before,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


@dataclass(frozen=True)
class Placed:
    """What a part made: ``stories``, every article's story (warm-up too, the part's
    own numbering); ``at_cut``, each warm-up article's story when the part's own
    articles began. A warm-up story that is part of a bigger story at the end was
    folded into it by one of the part's own articles (it linked both): the part
    before's stories of those articles are one story too."""

    stories: dict[str, int]
    at_cut: dict[str, int]


def place_part(part: Part, progress: Progress | None = None) -> Placed:
    """Place ``part``'s articles in order (its own process, or this one); write the kept
    ones to its scratch file. ``progress`` hears how many kept articles are placed so
    far, a share at a time."""
    from tui.store.library import Library
    from tui.store.story_features import kept_features

    index = StoryIndex()
    index.df.update(part.df)
    index.n_docs = part.n_docs
    keep_from = part.keep_from
    out, write = scratch_writer(part)
    placed = 0
    at_cut: dict[str, int] | None = None if keep_from is not None else {}
    try:
        with Library.open(part.library, readonly=True) as lib:
            lib.connection.execute(f"PRAGMA cache_size = -{READ_CACHE_KB}")  # gone at close
            for share in chunks(part.days, SHARE):
                last = None
                for article_id, features in kept_features(lib, share):
                    own = keep_from is None or (
                        features.day is not None and features.day >= keep_from
                    )
                    if own and at_cut is None:  # the warm-up is over: its stories as they are
                        at_cut = {k: index.resolve(s) for k, s in index.placements.items()}
                    index.place(article_id, features, observed=True)
                    last = features.day
                    placed += own
                if progress is not None:
                    progress(placed)
                if last is not None:
                    write(index.evict_before(last - WINDOW_DAYS))
                write(index.evict_excess())
        write(list(index.members.items()))
        renumber_folded(out, index)
    finally:
        out.close()
    stories = {key: index.resolve(story) for key, story in index.placements.items()}
    return Placed(stories, at_cut if at_cut is not None else dict(stories))


def renumber_folded(out: sqlite3.Connection, index: StoryIndex) -> None:
    """Articles written out before their story was folded into another (a later article
    linked both: :meth:`StoryIndex.merge`) carry its old number: renumbered in one pass."""
    if not index.merged:
        return
    out.execute("CREATE TEMP TABLE IF NOT EXISTS folds(old INTEGER PRIMARY KEY, new INTEGER)")
    out.execute("DELETE FROM folds")
    out.executemany(
        "INSERT INTO folds VALUES (?, ?)", ((old, index.resolve(old)) for old in index.merged)
    )
    out.execute(
        "UPDATE members SET story = (SELECT new FROM folds WHERE old = members.story)"
        " WHERE story IN (SELECT old FROM folds)"
    )


def join(
    parts: list[Part], placements: list[Placed]
) -> tuple[dict[tuple[int, int], int], dict[str, int]]:
    """(part, its story number) -> one numbering over all parts, and each kept article's
    story in it.

    A story of a part that took in warm-up articles continues the story the part
    before put them in: each warm-up story (as it was when the part's own articles
    began) takes the story the part before put most of its articles in (ties: the
    lower number). Where one of the part's own articles folded several warm-up stories
    into one, their stories in the part before are one story too (the single sequence
    would have folded them). Every other story gets a number of its own."""
    numbering: dict[tuple[int, int], int] = {}
    story_of: dict[str, int] = {}  # kept article -> its story in the one numbering
    folded: dict[int, int] = {}  # number -> the number it is one story with (lower)

    def root(number: int) -> int:
        while number in folded:
            number = folded[number]
        return number

    fresh = 1
    for k, (part, placed) in enumerate(zip(parts, placements, strict=True)):
        days = dict(part.days)
        keep_from = part.keep_from
        carried: defaultdict[int, set[int]] = defaultdict(set)  # final story -> numbers
        if keep_from is not None:
            ballots: defaultdict[int, Counter[int]] = defaultdict(Counter)
            for key, warm in placed.at_cut.items():
                if key in story_of:
                    ballots[warm][root(story_of[key])] += 1
            before = {
                warm: min(ballot.items(), key=lambda sv: (-sv[1], sv[0]))[0]
                for warm, ballot in ballots.items()
            }
            for key, warm in placed.at_cut.items():
                if warm in before:
                    carried[placed.stories[key]].add(before[warm])
        for key, local in sorted(placed.stories.items(), key=lambda kv: (days[kv[0]], kv[0])):
            if keep_from is not None and days[key] < keep_from:
                continue
            number = numbering.get((k, local))
            if number is None:
                numbers = sorted({root(n) for n in carried.get(local, ())})
                if numbers:
                    number = numbers[0]
                    for other in numbers[1:]:
                        folded[other] = number
                else:
                    number, fresh = fresh, fresh + 1
                numbering[(k, local)] = number
            story_of[key] = number
    if folded:
        numbering = {part_local: root(n) for part_local, n in numbering.items()}
        story_of = {key: root(n) for key, n in story_of.items()}
    return numbering, story_of


_queue: Any = None


def _worker_init(parent: int, queue: Any) -> None:
    from tui.store.parallel import _die_with_parent

    global _queue
    _queue = queue
    _die_with_parent(parent)


def _run_part(k: int, part: Part) -> Placed:
    def tell(done: int) -> None:
        _queue.put((k, done))

    return place_part(part, tell)


def place_in_processes(parts: list[Part], progress: Progress | None) -> list[Placed]:
    """:func:`place_part` of each part, each in a process of its own, at once;
    ``progress`` hears the kept articles placed by all of them so far."""
    import os
    import queue as queues
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from tui.store.parallel import _context

    context = _context()
    heard = context.Queue()
    done = [0] * len(parts)
    with ProcessPoolExecutor(
        len(parts), context, initializer=_worker_init, initargs=(os.getpid(), heard)
    ) as pool:
        futures = [pool.submit(_run_part, k, part) for k, part in enumerate(parts)]
        running = set(futures)
        while running:
            _, running = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            with_news = False
            while True:
                try:
                    k, count = heard.get_nowait()
                except queues.Empty:
                    break
                done[k], with_news = count, True
            if with_news and progress is not None:
                progress(sum(done))
        return [future.result() for future in futures]

"""A long part of a regroup placed on two cores, with the same stories as one process.

An undated dump is one day (its articles' day is the day it was imported), so a regroup
cannot cut it by date (:mod:`tui.store.story_regroup`): the first grouping after an
import of one was one sequence on one core, a fifth to a third of the import's wall time
while the other core idled. Cutting the day into parts by import order grouped it
differently from one sequence; this keeps the one sequence and splits each placement
instead, along what it depends on:

- an article's **signature** (:meth:`StoryIndex.vector`) depends on the signatures
  placed before it in its window (the burst weighting), never on their stories: worked
  out here, in order, ahead of the placing;
- its **candidates and their scores** (:meth:`StoryIndex.scored`, most of a placement's
  time) depend on the placed signatures alone: worked out by a second process
  (:func:`_score`), which keeps the same window of signatures as the placing (the same
  evictions at the same points) and sends back each article's scored candidates;
- the **decision** (join, fold, start a story) needs the stories: made here, in order,
  from the scores received, by the same :meth:`StoryIndex.place`.

Scores cross the pipe as the floats they are, so every decision is the one a single
process makes. The second process is spawned (a fresh interpreter, not a fork of an
importer holding its heap: the tree's memory stays the importer's plus a window of
signatures) and ends with this one. If it is lost, the part is placed again here, in
one process: a lost helper costs time, never the grouping.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue as queues
from collections import Counter, deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tui.extract.stories import WINDOW_DAYS, Member, StoryFeatures, StoryIndex
from tui.text import chunks

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from tui.store.story_regroup import Part, Placed

#: A part is worth a second process from this many articles (starting one costs a few
#: tenths of a second; placing 4,000 articles a couple of seconds).
MIN_ARTICLES = 4_000
#: Articles sent to the scoring process at a time ...
CHUNK = 250
#: ... and chunks sent ahead of the placing (both processes busy, neither waiting).
AHEAD = 2


class ScorerLost(Exception):
    """The scoring process ended before the part was placed."""


class _Discard(dict[Any, list[Any]]):
    """Postings nobody reads: the placing process asks the scorer for candidates."""

    def setdefault(self, key: Any, default: Any = None) -> list[Any]:
        return []


class _Signatures(StoryIndex):
    """Works out each article's signature in placing order, counting it in the window
    as placing it would (its story plays no part in it)."""

    def next_vector(self, features: StoryFeatures) -> dict[str, float]:
        vector = self.vector(features)
        self._count_day(features.day, vector, 1)
        return vector


class Placer(StoryIndex):
    """The placing side: :meth:`StoryIndex.place` with the signature and scored
    candidates worked out ahead (``ahead``), and no postings of its own."""

    def __init__(self) -> None:
        super().__init__()
        self._postings = _Discard()
        self._quote_postings = _Discard()
        self.ahead: tuple[dict[str, float], list[tuple[str, float]]] = ({}, [])

    def vector(self, features: StoryFeatures) -> dict[str, float]:
        return self.ahead[0]

    def scored(
        self, vector: dict[str, float], quotes: frozenset[int], day: int | None
    ) -> list[tuple[str, float]]:
        return self.ahead[1]

    def _count_day(self, day: int | None, terms: Iterable[str], sign: int) -> None:
        # The window's size decides the thresholds; its terms only the signatures,
        # which are worked out ahead.
        super()._count_day(day, (), sign)


class _Scorer(StoryIndex):
    """The scoring side: the window's signatures and postings, no stories."""

    def keep(self, key: str, day: int | None, vector: dict[str, float], quotes: Any) -> None:
        self._store(key, Member(0, day, vector, quotes))

    def _count_day(self, day: int | None, terms: Iterable[str], sign: int) -> None:
        pass  # the window's counts weigh signatures, which come worked out


def _score(n_docs: int, requests: Any, replies: Any, parent: int) -> None:
    """The scoring process: for each chunk of (id, day, signature, quote hashes), each
    article's scored candidates, then the article kept as a candidate for the next;
    an ``end`` message evicts what the placing evicts at the end of a share."""
    import signal

    from tui.store.parallel import _die_with_parent

    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the import's process stops this one
    # (no second traceback from here).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    index = _Scorer()  # no document frequencies: the signatures come weighted
    index.n_docs = n_docs
    while (message := requests.get()) is not None:
        kind, payload = message
        if kind == "end":
            if payload is not None:
                index.evict_before(payload - WINDOW_DAYS)
            index.evict_excess()
            continue
        out = []
        for key, day, vector, quotes in payload:
            quotes = frozenset(quotes)
            out.append(index.scored(vector, quotes, day))
            index.keep(key, day, vector, quotes)
        replies.put(out)


def start_scorer(part: Part, requests: Any, replies: Any) -> BaseProcess:
    context = multiprocessing.get_context("spawn")
    process = context.Process(
        target=_score,
        args=(part.n_docs, requests, replies, os.getpid()),
        daemon=True,
        name="newsdesk-story-scorer",
    )
    process.start()
    return process


def _receive(replies: Any, scorer: BaseProcess) -> Any:
    while True:
        try:
            return replies.get(timeout=0.5)
        except queues.Empty:
            if not scorer.is_alive():
                raise ScorerLost(f"exit code {scorer.exitcode}") from None


def place_part(part: Part, progress: Callable[[int], None] | None = None) -> Placed:
    """:func:`tui.store.story_regroup.place_part` on two cores (see the module doc):
    the same placements, written to the part's scratch file."""
    from tui.free_memory import release_free_memory
    from tui.store.library import Library
    from tui.store.story_features import kept_features
    from tui.store.story_regroup import (
        READ_CACHE_KB,
        SHARE,
        Placed,
        renumber_folded,
        scratch_writer,
    )

    release_free_memory()  # what the import freed, before the tree adds a process
    context = multiprocessing.get_context("spawn")
    requests, replies = context.Queue(), context.Queue()
    scorer = start_scorer(part, requests, replies)
    signatures = _Signatures()
    signatures.df = part.df if isinstance(part.df, Counter) else Counter(part.df)  # not a copy
    signatures.n_docs = part.n_docs
    index = Placer()  # decides from the scores ...
    index.n_docs = part.n_docs
    index.df = signatures.df  # ... and the pair model's title words (the same, not a copy)
    keep_from = part.keep_from
    out, write = scratch_writer(part)
    placed = 0
    at_cut: dict[str, int] | None = None if keep_from is not None else {}
    # Sent to the scorer and not yet placed, in order: a chunk (id, features,
    # signature per article) or the end of a share (its last day).
    pending: deque[tuple[str, Any]] = deque()

    def place_next() -> int:
        """Place the oldest pending chunk, or evict at the end of a share; 1 if a
        chunk was placed (its scores received)."""
        nonlocal placed, at_cut
        kind, payload = pending.popleft()
        if kind == "end":
            if payload is not None:
                write(index.evict_before(payload - WINDOW_DAYS))
            write(index.evict_excess())
            if progress is not None:
                progress(placed)
            return 0
        for (key, features, vector), scored in zip(payload, _receive(replies, scorer), strict=True):
            own = keep_from is None or (features.day is not None and features.day >= keep_from)
            if own and at_cut is None:  # the warm-up is over: its stories as they are
                at_cut = {k: index.resolve(s) for k, s in index.placements.items()}
            index.ahead = (vector, scored)
            index.place(key, features, observed=True)
            placed += own
        return 1

    finished = False
    try:
        in_flight = 0
        with Library.open(part.library, readonly=True) as lib:
            lib.connection.execute(f"PRAGMA cache_size = -{READ_CACHE_KB}")  # gone at close
            for share in chunks(part.days, SHARE):
                last = None
                for piece in chunks(share, CHUNK):
                    items = [
                        (key, features, signatures.next_vector(features))
                        for key, features in kept_features(lib, piece)
                    ]
                    if items:
                        last = items[-1][1].day
                    requests.put(("chunk", [(k, f.day, v, f.quotes) for k, f, v in items]))
                    pending.append(("chunk", items))
                    in_flight += 1
                    while in_flight > AHEAD:
                        in_flight -= place_next()
                requests.put(("end", last))
                pending.append(("end", last))
                if last is not None:  # days no later article's window reaches
                    signatures.evict_before(last - WINDOW_DAYS)
        requests.put(None)
        while pending:
            place_next()
        write(list(index.members.items()))
        renumber_folded(out, index)
        finished = True
    finally:
        out.close()
        _stop(scorer, requests, replies, finished=finished)
    stories = {key: index.resolve(story) for key, story in index.placements.items()}
    return Placed(stories, at_cut if at_cut is not None else dict(stories))


def _stop(scorer: BaseProcess, requests: Any, replies: Any, *, finished: bool) -> None:
    """End the scoring process (told to end when the part was ``finished``, else killed
    at once) and its queues."""
    if finished:
        scorer.join(timeout=10)
    if scorer.is_alive():
        scorer.kill()
        scorer.join()
    for q in (requests, replies):
        with contextlib.suppress(Exception):
            q.cancel_join_thread()
            q.close()

"""Refresh: fetch every feed at once (bounded), read the entries, store the new ones.

Fetching and parsing happen in :data:`JOBS` daemon threads (network waits release
the GIL; one slow or broken feed holds back no other, nor a Ctrl+C: the calling thread
is never joined to a fetch, so it stops at once while a server hangs); storing happens
in the calling thread, one feed at a time as each finishes, so the library keeps one
writer and whoever called (the CLI, an app worker) sees each feed's status line as
soon as it is known. What is stored is indexed for search as it is stored, as an
import does (:func:`tui.search.follow.indexing`).

Entries go through the same readers as files (:func:`tui.ingest.formats.read_records`:
RSS, Atom, JSON Feed), then become articles like any record
(:func:`tui.ingest.records.assemble` + :func:`tui.extract.pipeline.analyse`). Each entry
is its own document (:func:`tui.store.feeds.entry_key`, by its link), so entries the
feed no longer lists stay in the library, and an entry whose text changed is an
update of the same article (its state and annotations kept). An entry already stored
with the same content is not parsed again. With ``full_text``, a new entry's linked
page is fetched and read by the HTML reader (trafilatura) instead of the summary.
Each feed's new entries are placed into the library's stories as soon as they are
stored, as ``newsdesk import`` places a file's articles.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.errors import InputError
from tui.ingest.records import Record
from tui.store.feeds import Feed, entry_key, record_fetch, stored_feed
from tui.store.import_lock import one_import
from tui.subscribe import fetch as http

if TYPE_CHECKING:
    from tui.model import Article
    from tui.store.library import Library

#: Feeds fetched at once.
JOBS = 8
#: Linked pages fetched per feed and refresh at most (``full_text``): bounds the work.
MAX_PAGES = 50

NEW = "new"
NOT_MODIFIED = "not modified"
ERROR = "error"


@dataclass(slots=True)
class FeedOutcome:
    """How one feed did: ``state`` is :data:`NEW` (fetched and read), :data:`NOT_MODIFIED`
    or :data:`ERROR` (``message`` says why, in one line)."""

    feed: Feed
    state: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    message: str = ""
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        """``BBC News: 3 new``, ``BBC News: not modified``, ``BBC News: HTTP 404 Not Found``."""
        if self.state == ERROR:
            return f"{self.feed.label}: {self.message}"
        if self.state == NOT_MODIFIED:
            return f"{self.feed.label}: not modified"
        parts = [f"{self.new} new"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        return f"{self.feed.label}: {', '.join(parts)}"


@dataclass(slots=True)
class RefreshSummary:
    outcomes: list[FeedOutcome] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.state == ERROR)

    def line(self) -> str:
        """``12 feeds, 37 new`` (``, 2 failed`` when some did)."""
        n = len(self.outcomes)
        text = f"{n} feed{'s' if n != 1 else ''}, {self.new} new"
        return text + (f", {self.failed} failed" if self.failed else "")


@dataclass(slots=True)
class _Entry:
    key: str
    content_hash: str
    text: str
    articles: list[Article]


@dataclass(slots=True)
class _Fetched:
    feed: Feed
    outcome: FeedOutcome
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    entries: list[_Entry] = field(default_factory=list)


def _entry_hash(record: Record) -> str:
    fields = (record.title, record.text, record.date, record.url, record.author, record.outlet)
    return hashlib.blake2b(repr(fields).encode("utf-8"), digest_size=16).hexdigest()


def _entry_id(record: Record) -> str:
    if record.url:
        return record.url
    digest = hashlib.blake2b(f"{record.title}\n{record.text}".encode(), digest_size=8)
    return f"entry-{digest.hexdigest()}"


def _full_text(
    record: Record, fetcher: Callable[..., http.FetchResult], timeout: float, feed_url: str
) -> Record:
    """``record`` with the text of its linked page, when the page has an article.

    The link is the feed's word, not the user's: it may reach only public addresses,
    or the feed's own host (see :mod:`tui.subscribe.fetch`).
    """
    import urllib.parse

    from tui.ingest.decode import decode_bytes
    from tui.ingest.html import read_html

    assert record.url
    page = fetcher(
        record.url,
        timeout=timeout,
        accept="text/html, */*;q=0.5",
        public_only=True,
        trusted_host=urllib.parse.urlsplit(feed_url).hostname,
    )
    if not page.ok:
        return record
    try:
        found = read_html(decode_bytes(page.body, record.url), record.url)
    except InputError:
        return record
    return replace(
        record,
        text=found.text,
        title=record.title or found.title,
        date=record.date or found.date,
        author=record.author or found.author,
    )


def _read_feed(
    feed: Feed,
    known: dict[str, str],
    fetcher: Callable[..., http.FetchResult],
    timeout: float,
    max_bytes: int,
) -> _Fetched:
    """Fetch and parse one feed (in a worker thread: no library access here)."""
    from tui.extract.pipeline import analyse
    from tui.ingest.decode import decode_bytes
    from tui.ingest.formats import read_records, sniff
    from tui.ingest.records import assemble

    got = fetcher(
        feed.url,
        etag=feed.etag,
        last_modified=feed.last_modified,
        timeout=timeout,
        max_bytes=max_bytes,
    )
    if got.error is not None:
        return _Fetched(feed, FeedOutcome(feed, ERROR, message=got.error))
    if got.not_modified:
        return _Fetched(feed, FeedOutcome(feed, NOT_MODIFIED))
    try:
        text = decode_bytes(got.body, feed.url)
        kind = sniff(text, feed.url)
        if kind not in ("feed", "jsonfeed"):
            what = "an HTML page" if kind == "html" else "no RSS, Atom or JSON Feed"
            raise InputError(feed.url, f"not a feed ({what}; is this the feed's address?)")
        records, problems = read_records(text, feed.url, kind)
    except InputError as exc:
        return _Fetched(feed, FeedOutcome(feed, ERROR, message=exc.reason))
    fetched = _Fetched(
        feed,
        FeedOutcome(feed, NEW, problems=problems),
        title=next((r.outlet for r in records if r.outlet), None),
        etag=got.etag,
        last_modified=got.last_modified,
    )
    pages = 0
    used: set[str] = set()
    for record in records:
        digest = _entry_hash(record)
        key = entry_key(feed.url, _entry_id(record))
        if key in used:  # entries sharing one link (a feed linking all to its home page)
            key = f"{key} {digest[:12]}"
        used.add(key)
        if known.get(key) == digest:
            fetched.outcome.unchanged += 1
            continue
        if feed.full_text and record.url and key not in known and pages < MAX_PAGES:
            pages += 1
            record = _full_text(record, fetcher, timeout, feed.url)
        extracted, articles = assemble([record], feed.url)
        analysed = [analyse(article, extracted) for article in articles]
        fetched.entries.append(_Entry(key, digest, extracted, analysed))
    return fetched


def _known_entries(library: Library, feed_url: str) -> dict[str, str]:
    """Entry document key -> content hash, for the entries stored by this parser."""
    from tui.extract.version import PARSER_VERSION

    prefix = entry_key(feed_url, "")
    return dict(
        library.connection.execute(
            "SELECT key, content_hash FROM documents WHERE key >= ? AND key < ?"
            " AND parser_version = ?",
            (prefix, prefix[:-1] + chr(ord("#") + 1), PARSER_VERSION),
        ).fetchall()
    )


def _store(library: Library, fetched: _Fetched) -> FeedOutcome:
    from tui.extract.version import PARSER_VERSION
    from tui.store.importer import store_document
    from tui.store.rows import ImportReport

    outcome = fetched.outcome
    report = ImportReport()
    with library.batch(0.5):
        for entry in fetched.entries:
            store_document(
                library,
                entry.key,
                fetched.feed.url,
                entry.content_hash,
                entry.text,
                entry.articles,
                PARSER_VERSION,
                report,
            )
            library.breathe()
        outcome.new += report.added
        outcome.updated += report.updated
        outcome.unchanged += report.unchanged + report.duplicates
        if fetched.title and not outcome.feed.title:
            outcome.feed = replace(outcome.feed, title=fetched.title)
        with library.write() as conn:
            record_fetch(
                conn,
                fetched.feed,
                status=outcome.line(),
                title=fetched.title,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                keep_validators=outcome.state != NEW,
            )
    return outcome


def refresh(
    library: Library,
    feeds: Sequence[Feed],
    *,
    jobs: int = JOBS,
    timeout: float = http.TIMEOUT,
    max_bytes: int = http.MAX_BYTES,
    on_feed: Callable[[FeedOutcome, int, int], None] | None = None,
    fetcher: Callable[..., http.FetchResult] = http.fetch,
    waiting: Callable[[], None] | None = None,
    stories_waiting: Callable[[], None] | None = None,
) -> RefreshSummary:
    """Fetch ``feeds`` (at most ``jobs`` at once), store what is new; ``on_feed(outcome,
    done, total)`` is called in this thread as each feed is stored. Each feed's storing
    queues behind a ``newsdesk import`` of the library (:mod:`tui.store.import_lock`);
    ``waiting()`` is called when it does (fetching goes on meanwhile). A feed's new
    entries are placed into stories before the next feed is stored
    (``stories_waiting()`` hears that another process groups them and this one waits)."""
    from tui.store.stories import update_stories

    summary = RefreshSummary()
    if not feeds:
        return summary
    # What the library knows is read here: the worker threads never touch it.
    work = []
    for feed in feeds:
        state = stored_feed(library.connection, feed.url)
        if state is not None:
            feed = replace(
                feed, title=state.title, etag=state.etag, last_modified=state.last_modified
            )
        work.append((feed, _known_entries(library, feed.url)))
    from tui.search.follow import indexing

    def read(feed: Feed, known: dict[str, str]) -> _Fetched:
        try:
            return _read_feed(feed, known, fetcher, timeout, max_bytes)
        except Exception as exc:  # a reader bug on hostile input: that feed only
            return _Fetched(feed, FeedOutcome(feed, ERROR, message=f"could not be read ({exc!r})"))

    for done, fetched in enumerate(_as_read(work, read, jobs), start=1):
        with one_import(Path(library.path), waiting):
            with indexing(library):  # searchable at once, as on import
                outcome = _store(library, fetched)
            if outcome.new or outcome.updated:
                update_stories(library, waiting=stories_waiting)
        summary.outcomes.append(outcome)
        if on_feed is not None:
            on_feed(outcome, done, len(feeds))
    return summary


def _as_read(
    work: Sequence[tuple[Feed, dict[str, str]]],
    read: Callable[[Feed, dict[str, str]], _Fetched],
    jobs: int,
) -> Iterator[_Fetched]:
    """Each feed as ``read`` (in one of ``jobs`` daemon threads) finishes with it.

    Daemon threads, never joined: a Ctrl+C while a server hangs ends the caller at
    once (a pool's exit waited for the fetch's timeout, ~20 s, and the interpreter's
    exit for its threads); a feed still fetching is left to its timeout in the
    background, nothing of it stored."""
    todo: queue.SimpleQueue[tuple[Feed, dict[str, str]]] = queue.SimpleQueue()
    for item in work:
        todo.put(item)
    finished: queue.SimpleQueue[_Fetched] = queue.SimpleQueue()

    def worker() -> None:
        while True:
            try:
                feed, known = todo.get_nowait()
            except queue.Empty:
                return
            finished.put(read(feed, known))

    for _ in range(min(max(1, jobs), len(work))):
        threading.Thread(target=worker, name="feed", daemon=True).start()
    for _ in work:
        yield finished.get()

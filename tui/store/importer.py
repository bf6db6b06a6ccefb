"""Files -> the library: parse what changed, keep what the user attached to articles.

A document is keyed by its absolute path. It is skipped when its content hash and the
``PARSER_VERSION`` that parsed it are unchanged. Otherwise it is parsed *outside* any
transaction (parsing is the slow part; the write lock is held only to store), then in
one transaction: its articles are upserted, articles gone from it are removed (and
recorded in ``removed_articles`` for the search index), the triage state and
annotations of a gone article move to the new article that replaced it (same title, or
else same position in the file), and every annotation on the document's articles is
re-anchored (:mod:`tui.store.anchoring`) or marked orphaned: never dropped.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.errors import InputError
from tui.ingest.files import storable_name
from tui.ingest.records import EXTRACTED
from tui.model import Article
from tui.store import anchoring
from tui.store.blobs import blob_value, fill_blob
from tui.store.codec import PreparedArticle, decode_article, encode_text
from tui.store.errors import DiskFullError, is_disk_full
from tui.store.library import copy_state_to_articles
from tui.store.rows import ImportReport

#: Keys of ``PreparedArticle.extra`` made by an import's workers: the story features
#: and what ``Library.on_prepare`` made (the search index's document).
STORY = "story"
INDEX = "index"

#: The listeners of a document's storing hear of its articles this many at a time.
NOTIFY_EVERY = 256

#: A long import commits at least this often, so another session's write (a star, a
#: note) waits at most about this long for the write lock.
BATCH_SECONDS = 0.5

if TYPE_CHECKING:
    from tui.store.library import Library, ProgressCallback


def document_key(path: str, content_hash: str) -> str:
    """The identity of an input across imports: its absolute path.

    Standard input has no path: each distinct content piped in is its own document, so
    a second ``newsdesk import -`` adds to the library instead of replacing the first.
    """
    if path == "-":
        return f"<stdin {content_hash}>"
    return storable_name(str(Path(path).expanduser().resolve()))


def import_paths(
    library: Library,
    paths: Iterable[str],
    *,
    progress: ProgressCallback | None = None,
    jobs: int | None = None,
    mapping: dict[str, str] | None = None,
) -> ImportReport:
    """Import ``paths`` (files, directories, ``-``) into ``library``; see the module doc.

    Parsing runs in ``jobs`` worker processes (default: one per core; see
    :mod:`tui.store.parallel`) while this process stores, one document at a time, in
    write transactions of at most :data:`BATCH_SECONDS` each. If ``progress`` has a
    ``count(nbytes, narticles)`` method it is called for each file read, so a display
    can show MB/s and articles.
    """
    from tui.extract.version import PARSER_VERSION
    from tui.ingest.files import expand_paths

    report = library.reparse_stale()
    inputs = expand_paths(paths)
    report.skipped = inputs.skipped_summary()
    conn = library.connection
    count = getattr(progress, "count", None)

    def stored(path: str) -> str | None:
        """The content hash stored for ``path`` when its parse is current. With
        ``mapping`` (``--map``) every file is read again: the stored parse may have
        read other columns."""
        if path == "-" or mapping:
            return None
        row = conn.execute(
            "SELECT content_hash, parser_version FROM documents WHERE key = ?",
            (document_key(path, ""),),
        ).fetchone()
        return row[0] if row is not None and row[1] == PARSER_VERSION else None

    before = library.count(), time.time()
    try:
        _import_inputs(library, inputs, report, stored, jobs, mapping, progress, count)
    except sqlite3.DatabaseError as exc:
        if not is_disk_full(exc, library.path):
            raise
        raise DiskFullError(_cut_short(library, before, len(inputs))) from None
    return report


def _cut_short(library: Library, before: tuple[int, float], total_files: int) -> str:
    """What the disk filled up under an import, ``before`` (the library's articles, the
    time) it began, leaves: the articles and files committed, read back (a full disk
    still reads)."""
    from tui.store.errors import import_cut_short

    articles, started = before
    conn = library.connection
    (now,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    (files,) = conn.execute(
        "SELECT count(*) FROM documents WHERE imported >= ?", (started,)
    ).fetchone()
    return import_cut_short(library.path, now - articles, files, total_files)


def _import_inputs(
    library: Library,
    inputs: Any,
    report: ImportReport,
    stored: Callable[[str], str | None],
    jobs: int | None,
    mapping: dict[str, str] | None,
    progress: ProgressCallback | None,
    count: Callable[[int, int], None] | None,
) -> None:
    """:func:`import_paths`' work: the inputs parsed and stored, ``report`` filled in."""
    from tui.extract.pipeline import parse_document
    from tui.extract.version import PARSER_VERSION
    from tui.store.parallel import Parsed, parse_inputs

    conn = library.connection
    with library.batch(BATCH_SECONDS):
        from tui.store import story_features

        with library.write() as conn:
            story_features.ensure(conn)  # for the story features the workers make (_hooks)
        outcomes = parse_inputs(
            inputs, stored, jobs, mapping, before_wait=library.release, prepare=_hooks(library)
        )
        for done, result in enumerate(outcomes, start=1):
            path = result.path
            if result.error is not None:
                report.errors.append(InputError(path, result.error))
            else:
                report.files += 1
                key = document_key(path, result.content_hash)
                if not isinstance(result, Parsed):
                    report.unchanged_files += 1
                    unchanged = conn.execute(
                        "SELECT count(*) FROM articles WHERE doc = ?", (key,)
                    ).fetchone()[0]
                    report.unchanged += unchanged
                    if not unchanged:
                        report.note_empty(path, blank=False)  # not read again: unknown
                else:
                    report.errors.extend(InputError(path, p) for p in result.problems)
                    articles: Iterable[Article | PreparedArticle] = result.articles
                    if result.text_origin != EXTRACTED:
                        # The user's joins and splits (rare): parsed again here with them.
                        edits = library.segment_edits(key, result.text)
                        if edits:
                            articles = _parse(parse_document, result.text, result.source, edits)
                    store_document(
                        library,
                        key,
                        result.source,
                        result.content_hash,
                        result.text,
                        articles,
                        PARSER_VERSION,
                        report,
                        text_blob=result.text_blob,
                    )
                    if count is not None:
                        count(result.nbytes, result.narticles)
                    if not result.narticles:
                        blank = not result.nbytes or (
                            result.text_origin != EXTRACTED and not result.text.strip()
                        )
                        report.note_empty(path, blank=blank)
            library.breathe()
            if progress is not None:
                progress(done, len(inputs), path)


def _hooks(library: Library) -> Callable[..., dict[str, Any]]:
    """What the workers make of each article besides its stored form: its story
    features (kept with it, :func:`tui.store.story_features.packed_features`) and what
    ``library.on_prepare`` makes (the search index's document); picklable."""
    from tui.store.story_features import packed_features

    hooks: dict[str, Callable[..., Any]] = {STORY: packed_features}
    if library.on_prepare is not None:
        hooks[INDEX] = library.on_prepare
    return partial(_prepared, hooks)


def _prepared(
    hooks: dict[str, Callable[..., Any]],
    article: Article,
    text: str,
    offset: int = 0,
    *,
    reported: Any = None,
) -> dict[str, Any]:
    """What ``hooks`` make of ``article``; the index's with its ``reported`` speech as
    the worker found it (see ``Library.on_prepare``)."""
    made = {name: hook(article, text, offset) for name, hook in hooks.items() if name != INDEX}
    if INDEX in hooks:
        made[INDEX] = hooks[INDEX](article, text, offset, reported=reported)
    return made


def _parse(
    parse: Callable[..., list[Article]], text: str, source: str, edits: list[Any]
) -> list[Article]:
    """``parse(text, source)``, with the user's joins and splits when there are any."""
    return parse(text, source, edits=edits) if edits else parse(text, source)


def reparse_stale(library: Library, *, progress: ProgressCallback | None = None) -> ImportReport:
    """Re-parse every document an older parser stored, from the text kept in the library.

    Cheap when there is none (the reader asks at every start): the parser is imported
    only when a document needs it. A structured input (CSV, JSON, HTML, feed) is read
    again from its extracted text and the metadata its stored articles hold.
    """
    from tui.extract.version import PARSER_VERSION

    report = ImportReport()
    if library.readonly:
        return report
    stale = library.connection.execute(
        "SELECT key, source, content_hash FROM documents WHERE parser_version != ?",
        (PARSER_VERSION,),
    ).fetchall()
    if not stale:
        return report
    from tui.extract.pipeline import parse_document, reparse_extracted
    from tui.store.codec import decode_text

    # Stored as an import stores: a big document in transactions of BATCH_SECONDS (its
    # reported speech is found as it is stored), none held while the next is parsed.
    with library.batch(BATCH_SECONDS):
        for done, (key, source, content_hash) in enumerate(stale, start=1):
            library.release()
            conn = library.connection
            blob = conn.execute("SELECT text FROM documents WHERE key = ?", (key,)).fetchone()
            text = decode_text(blob[0])
            stored = [
                decode_article(body)
                for (body,) in conn.execute(
                    "SELECT b.body FROM articles AS a JOIN article_bodies AS b"
                    " ON b.rowid = a.rowid WHERE a.doc = ? ORDER BY a.position",
                    (key,),
                )
            ]
            if stored and stored[0].text_origin == EXTRACTED:
                text, articles = reparse_extracted(text, stored, source)
            elif not stored and _structured(key, source):
                articles = []  # every record a duplicate: its extracted text is no dump
            else:
                edits = library.segment_edits(key, text)
                articles = _parse(parse_document, text, source, edits)
            del stored
            store_document(
                library, key, source, content_hash, text, articles, PARSER_VERSION, report
            )
            report.reparsed_files += 1
            if progress is not None:
                progress(done, len(stale), source)
    return report


def _structured(key: str, source: str) -> bool:
    """Is the input stored under ``key`` a structured one (CSV, JSON, a page, a feed)?
    Asked of a document that kept no article, so nothing stored says: its file's
    content when it is still there, else its name. (Its stored text is then the records'
    extracted text: read as a dump, a JSON Lines file of duplicates became 77 articles.)"""
    from tui.ingest.decode import decode_bytes
    from tui.ingest.formats import DUMP, sniff

    try:
        with open(Path(key), "rb") as handle:
            head = decode_bytes(handle.read(4096), source)
    except (OSError, InputError):
        head = "x"  # gone or unreadable: by its name alone
    return sniff(head, source) != DUMP


def _replacements(
    gone: dict[str, tuple[int, str]], fresh: list[tuple[int, PreparedArticle]]
) -> dict[str, str]:
    """Which new article took the place of each gone one: same title, else same position."""
    by_title: dict[str, str] = {}
    by_position: dict[int, str] = {}
    for position, article in fresh:
        by_title.setdefault(article.title, article.id)
        by_position.setdefault(position, article.id)
    taken: set[str] = set()
    result: dict[str, str] = {}
    for old_id, (position, title) in sorted(gone.items(), key=lambda item: item[1][0]):
        target = by_title.get(title)
        if target is None or target in taken:
            target = by_position.get(position)
        if target is not None and target not in taken:
            result[old_id] = target
            taken.add(target)
    return result


def store_document(
    library: Library,
    key: str,
    source: str,
    content_hash: str,
    text: str,
    articles: Iterable[Article | PreparedArticle],
    parser_version: int,
    report: ImportReport,
    *,
    text_blob: bytes | None = None,
) -> None:
    """Store one parsed document in one transaction (see the module doc).

    Inside :meth:`Library.batch` (an import) a document of many articles may be
    committed in several steps, so another session's write never waits long; its
    ``documents`` row is written last, so a document cut off half way is parsed and
    stored again by the next import, not taken as done.

    ``articles`` is read once, as it comes (a big file's parts are still being parsed),
    and what is stored is let go: the listeners (the search index) hear of every
    :data:`NOTIFY_EVERY` articles, so memory does not grow with the document.
    """
    from tui.store import reported, story_features

    now = time.time()
    with library.write() as conn:
        story_features.ensure(conn)
        reported.ensure(conn)
        seq = library.next_seq(conn)
        old = {
            article_id: (position, title)
            for article_id, position, title in conn.execute(
                "SELECT id, position, title FROM articles WHERE doc = ?", (key,)
            )
        }
        kept: dict[str, PreparedArticle] = {}  # without their bodies, once stored
        fresh: list[tuple[int, PreparedArticle]] = []
        heard: list[Article | PreparedArticle] = []  # for the listeners
        duplicates = 0
        for position, given in enumerate(articles):
            if library.resume():  # a wait for the workers committed: a new change
                seq = library.next_seq(conn)
            if isinstance(given, Article):  # parsed here (a re-parse, the user's edits)
                given, article = _with_reported(given, text)
            else:
                article = given
            if article.id in kept:
                duplicates += 1  # the same text twice in one file: one article
                continue
            owner = conn.execute("SELECT doc FROM articles WHERE id = ?", (article.id,)).fetchone()
            if owner is not None and owner[0] != key:
                duplicates += 1  # the same story already came from another file; keep that copy
                continue
            rowid = _upsert_article(conn, key, position, article, seq, now)
            _keep_story_features(conn, given, article)
            if article.reported is None:
                reported.forget(conn, (rowid,))  # an earlier parse's: found again on demand
            else:
                reported.keep(conn, rowid, article.id, article.start, article.reported)
            if library.on_stored:
                heard.append(_heard(article))
                if len(heard) >= NOTIFY_EVERY:
                    library.stored(heard, text, [])
                    heard = []
            article = article._replace(body=b"", extra=None, reported=None)
            kept[article.id] = article
            if article.id not in old:
                fresh.append((position, article))
            if library.breathe(reopen=True):  # committed: what follows is a new change
                seq = library.next_seq(conn)
            del given  # its body is stored: not held through the rest (a 20 MB line's 6 MB)

        gone = {article_id: info for article_id, info in old.items() if article_id not in kept}
        moved = _replacements(gone, fresh)
        # An article whose text changed has a new id; to the user it is one article updated.
        report.added += len(fresh) - len(moved)
        report.updated += len(moved)
        report.unchanged += sum(1 for article_id in kept if article_id in old)
        report.duplicates += duplicates
        for old_id, new_id in moved.items():
            conn.execute(
                "UPDATE annotations SET article_id = ? WHERE article_id = ?", (new_id, old_id)
            )
            if (
                conn.execute("SELECT 1 FROM state WHERE article_id = ?", (new_id,)).fetchone()
                is None
            ):
                conn.execute(
                    "UPDATE state SET article_id = ? WHERE article_id = ?", (new_id, old_id)
                )
        if gone:
            rowids = [
                r[0]
                for i in gone
                for r in conn.execute("SELECT rowid FROM articles WHERE id = ?", (i,))
            ]
            conn.executemany("DELETE FROM article_bodies WHERE rowid = ?", [(r,) for r in rowids])
            reported.forget(conn, rowids)
            conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in gone])
            conn.executemany(
                "INSERT INTO removed_articles(article_id, seq) VALUES (?, ?)",
                [(i, seq) for i in gone],
            )
            report.removed += len(gone) - len(moved)
            # An article that left the file with no successor (the second of two joined,
            # say): its annotations go to the article now holding their text, else orphaned.
            for article_id, (_position, title) in gone.items():
                if article_id not in moved:
                    report.orphaned += _rehome(conn, text, kept, article_id, title)
        report.orphaned += _reanchor(conn, text, kept)
        annotated = _with_annotations(conn, [*kept, *gone])
        library.refresh_summary(conn, annotated)
        copy_state_to_articles(conn, kept)  # flags of articles that were here before
        data = text_blob or encode_text(text)
        stored, value = blob_value(data)  # a megabyte text a piece at a time
        rowid = conn.execute(
            "INSERT INTO documents(key, source, content_hash, parser_version, text, imported)"
            f" VALUES (?, ?, ?, ?, {stored}, ?) ON CONFLICT(key) DO UPDATE SET"
            " source = excluded.source, content_hash = excluded.content_hash,"
            " parser_version = excluded.parser_version, text = excluded.text,"
            " imported = excluded.imported RETURNING rowid",
            (key, source, content_hash, parser_version, value, now),
        ).fetchone()[0]
        fill_blob(conn, "documents", "text", rowid, data)
        del data
    library.remember_text(key, content_hash, text)
    library.breathe()  # a batch that has run its time commits before listeners hear
    if library.on_stored:  # the search index: the articles, or what a worker made of them
        library.stored(heard, text, list(gone))


def _heard(article: PreparedArticle) -> PreparedArticle:
    """What the listeners hear of a stored article: without its body and reported
    speech when a worker made their document (they read them only to make it), so a
    megabyte article's compressed body is not held until the whole document is stored."""
    if article.extra and article.extra.get(INDEX) is not None:
        return article._replace(body=b"", reported=None)
    return article


def _with_reported(article: Article, text: str) -> tuple[Article, PreparedArticle]:
    """``article``, parsed from ``text`` in this process, without its reported speech,
    and ready to store with it: found now if the parse left it out (as an import's
    workers find it: see :mod:`tui.store.reported`)."""
    from tui.extract.pipeline import find_article_reported, without_reported
    from tui.store.reported import Encoder, encode

    article, found = without_reported(article)
    if found:
        blob = encode(found)
    else:
        encoder = Encoder()
        find_article_reported(article, text, encoder)
        blob = encoder.blob()
    return article, PreparedArticle.of(article, reported=blob)


def _keep_story_features(
    conn: sqlite3.Connection, given: Article | PreparedArticle, article: PreparedArticle
) -> None:
    """Keep the article's story features (a regroup reads them, not the article): those
    a worker made, else made here from the parsed article; an article that came without
    either has them made when it is placed (any from an earlier parse are dropped)."""
    from tui.store import story_features

    if article.extra and STORY in article.extra:
        story_features.keep(conn, article.id, article.extra[STORY])
    elif isinstance(given, Article):
        story_features.keep(conn, article.id, story_features.packed_features(given))
    else:
        story_features.forget(conn, [article.id])


def _with_annotations(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT article_id FROM annotations WHERE article_id IN ({marks})", chunk
            )
        )
    return found


def _upsert_article(
    conn: sqlite3.Connection,
    key: str,
    position: int,
    article: PreparedArticle,
    seq: int,
    now: float,
) -> int:
    """Insert or update the article's row and body; its rowid."""
    # An update keeps the row (and its rowid, flags and annotation counts).
    rowid = conn.execute(
        "INSERT INTO articles(id, doc, position, title, source, date, kind, flags,"
        " n_quotes, seq, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, position = excluded.position,"
        " title = excluded.title, source = excluded.source, date = excluded.date,"
        " kind = excluded.kind, flags = (flags & 15) | excluded.flags,"
        " n_quotes = excluded.n_quotes, seq = excluded.seq RETURNING rowid",
        (
            article.id,
            key,
            position,
            article.title,
            article.shown_source,  # the outlet where known: what the list shows
            article.date,
            article.kind,
            article.flags,
            article.n_quotes,
            seq,
            now,
        ),
    ).fetchone()[0]
    body, value = blob_value(article.body)  # a megabyte body a piece at a time
    conn.execute(
        f"INSERT OR REPLACE INTO article_bodies(rowid, body) VALUES (?, {body})", (rowid, value)
    )
    fill_blob(conn, "article_bodies", "body", rowid, article.body)
    return int(rowid)


def _reanchor(conn: sqlite3.Connection, text: str, articles: dict[str, PreparedArticle]) -> int:
    """Re-find every spanned annotation on ``articles`` in ``text``; how many got orphaned.

    One no longer inside its own article (the half a split gave to a new article) is
    looked for in the whole text and goes to the article holding it there.
    """
    orphaned = 0
    for article_id in _with_annotations(conn, list(articles)):
        article = articles[article_id]
        rows = conn.execute(
            "SELECT id, start, end, anchor_text, before, after, orphaned FROM annotations"
            " WHERE article_id = ? AND start IS NOT NULL",
            (article_id,),
        ).fetchall()
        for annotation_id, start, end, anchor_text, before, after, was_orphaned in rows:
            length = None if end is None else end - start
            span = anchoring.relocate(
                text,
                anchor_text,
                before,
                after,
                start,
                article.span.start,
                article.span.end,
                length=length,
            )
            home: PreparedArticle | None = article
            if span is None:
                span = anchoring.relocate(text, anchor_text, before, after, start, length=length)
                home = _holding(articles, span.start) if span is not None else None
            if span is None or home is None:
                if not was_orphaned:
                    orphaned += 1
                conn.execute("UPDATE annotations SET orphaned = 1 WHERE id = ?", (annotation_id,))
                continue
            _anchor, new_before, new_after = anchoring.capture(text, span)
            conn.execute(
                "UPDATE annotations SET article_id = ?, start = ?, end = ?, before = ?,"
                " after = ?, orphaned = 0, article_title = ? WHERE id = ?",
                (home.id, span.start, span.end, new_before, new_after, home.title, annotation_id),
            )
    return orphaned


def _holding(articles: dict[str, PreparedArticle], offset: int) -> PreparedArticle | None:
    """The article whose span holds ``offset`` (None: between articles)."""
    return next((a for a in articles.values() if a.start <= offset < a.end), None)


def _rehome(
    conn: sqlite3.Connection,
    text: str,
    articles: dict[str, PreparedArticle],
    gone_id: str,
    title: str,
) -> int:
    """Give a gone article's annotations to the article now holding its text; how many
    were orphaned instead.

    The article is found by the gone one's highlights, re-found in the whole text, else
    by its title's place in the text (a note has no place of its own); :func:`_reanchor`
    then places each highlight within it.
    """
    homes: list[str] = []
    for start, end, anchor_text, before, after in conn.execute(
        "SELECT start, end, anchor_text, before, after FROM annotations"
        " WHERE article_id = ? AND start IS NOT NULL",
        (gone_id,),
    ).fetchall():
        length = None if end is None else end - start
        span = anchoring.relocate(text, anchor_text, before, after, start, length=length)
        home = _holding(articles, span.start) if span is not None else None
        if home is not None:
            homes.append(home.id)
    at = text.find(title) if title else -1
    by_title = _holding(articles, at) if at >= 0 else None
    target = max(set(homes), key=homes.count) if homes else by_title.id if by_title else None
    if target is None:
        return conn.execute(
            "UPDATE annotations SET orphaned = 1 WHERE article_id = ? AND orphaned = 0",
            (gone_id,),
        ).rowcount
    conn.execute("UPDATE annotations SET article_id = ? WHERE article_id = ?", (target, gone_id))
    return 0

"""The SQLite library: article cache, triage state, annotations, undo log.

One SQLite file (stdlib ``sqlite3``, WAL, busy timeout, every change one ``BEGIN
IMMEDIATE`` transaction), so two processes (two SSH sessions) can share a library and
neither loses the other's changes. Nothing here imports textual or rich.

Public API (``from tui.store import Library``; everything lives in :mod:`tui.store.library`
unless named otherwise)::

    Library.open(path: Path | str | None = None, *, readonly: bool = False,
                 on_wait: Callable[[str], None] | None = None) -> Library
        None = tui.paths.library_path() (--db > NEWSDESK_DB > user data dir).
        A library another process holds (``newsdesk compact``) is waited for, up to the
        busy timeout, tried again every 100 ms (so Ctrl+C is heard); ``on_wait`` gets
        one line saying so at the first refusal (the commands print it on stderr).
        A read-only file or directory opens read-only: ``lib.readonly`` is True and
        ``lib.notice`` holds a one-line message to show (None when writable).
        Raises LibraryError (a tui.errors.NewsdeskError; str() is one line) for a
        corrupt / non-SQLite / foreign file (left untouched), a newer schema, or a
        library that cannot be created. Older schemas are migrated on open.
    lib.close(); ``with Library.open(...) as lib:``
    lib.path: Path;  lib.connection: sqlite3.Connection (autocommit; the search index
        keeps its own tables in it);  lib.readonly: bool;  lib.notice: str | None

  Import (tui.store.importer does the work)::

    lib.import_paths(paths: Iterable[str], *, progress=None, jobs=None, mapping=None)
            -> ImportReport
        progress(done: int, total: int, source: str) is called after each file (and
        progress.count(nbytes, narticles), if it has that method, for each file parsed).
        Any input format (tui.ingest.formats); ``mapping`` {field: column} for CSV/JSON.
        Parsed by ``jobs`` worker processes (None: one per core; tui.store.parallel),
        stored here in transactions of <= importer.BATCH_SECONDS (lib.batch()).
        Unchanged files (same content hash and PARSER_VERSION) are skipped; changed ones
        are re-parsed; annotations are re-anchored or marked orphaned, never dropped.
        Unreadable inputs and bad records are collected in report.errors (InputError).
    lib.batch(seconds) (context), lib.breathe(), lib.release()
        Many writes in few transactions that commit every ``seconds`` (an import).
    lib.reparse_stale(*, progress=None) -> ImportReport
        Re-parses, from the stored text, every document parsed by an older PARSER_VERSION.
        (import_paths calls it too.)
    ImportReport: files, added, updated, unchanged, duplicates, removed,
        unchanged_files, orphaned, reparsed_files: int (articles, except *_files);
        errors: list[InputError];  .summary() -> one line.

  Reading::

    lib.count() -> int
    lib.list_rows(*, order: str = "imported") -> list[ListRow]    # order: imported | date
        ListRow (tui.store.rows, a NamedTuple built with no Python per row) fields:
        id, title, source, date, kind ("story" | "brief"), flags (bit field),
        tag_text, n_notes, n_highlights, n_quotes; properties (bool) read, starred,
        archived, marked, truncated, has_note, has_highlight, and tags: tuple[str, ...].
        No article bodies are read. 100,000 rows: ~0.25 s here (docs/benchmarks.md).
    lib.list_row(article_id) -> ListRow | None     # refresh one row after a change
    lib.list_rows_for(ids) -> dict[str, ListRow]   # several rows by id, one read (search hits)
    lib.get_article(article_id) -> Article | None          # body read on demand
    lib.get_articles(ids: Iterable[str]) -> list[Article]  # in the order given, missing skipped
    lib.article_ids() -> list[str]                         # import order
    lib.article_text(article_id) -> str | None   # the decoded document its spans index
    lib.source_text(source: str) -> str | None   # same, by the article's ``source``
    lib.state(article_id) -> TriageState (read, starred, archived, marked: bool;
        read_at, starred_at, archived_at, marked_at: float | None; tags: tuple[str, ...])
    lib.ids_with(field, value) -> set[str] | None
        For tui.search filters: ("is", "read|unread|starred|archived|marked"),
        ("has", "note|highlight"), ("tag", name, matched case-insensitively).
    lib.tags() -> list[tuple[str, int]]                 # every tag with its article count

  Changes, for the search index (cheap incremental sync)::

    lib.change_seq() -> int           # grows with every article insert/update/removal
    lib.changes_since(seq: int) -> Changes(seq: int, updated: list[str], removed: list[str])
        Articles whose stored form changed (added or re-parsed) after ``seq``, and ids
        removed after ``seq``. Keep ``Changes.seq`` and pass it next time.
        (Columns: articles.seq, removed_articles(article_id, seq).)
        Another process's writes are visible on the next read; to notice them cheaply,
        poll ``PRAGMA data_version`` on lib.connection (it changes when another
        connection commits).

  Triage (every call is one transaction and one undo step; ids may be one id or many)::

    lib.set_flag(ids: str | Iterable[str], flag: str, value: bool = True) -> int
        flag: read | starred | archived | marked; returns how many articles changed.
        Shorthands: mark_read(ids, value=True), star(ids, value=True),
        archive(ids, value=True), mark(ids, value=True).
    lib.add_tag(ids, tag: str) -> int;  lib.remove_tag(ids, tag: str) -> int
        Whitespace inside a tag becomes "-"; returns how many articles changed.
    lib.edit_tags(ids, add=[...], remove=[...]) -> [int, ...]: all in one undo step.

  Annotations (tui.model.Annotation; one transaction and one undo step each)::

    lib.add_highlight(article_id, span: Span, *, label: str | None = None,
                      note: str | None = None) -> Annotation
        The anchor text and some context around it are taken from the stored source.
    lib.add_note(article_id, text: str) -> Annotation      # a note on the article
    lib.set_note(annotation_id: int, note: str | None) -> Annotation   # note on a highlight
    lib.set_label(annotation_id: int, label: str | None) -> Annotation
    lib.delete_annotation(annotation_id: int) -> None
    lib.annotations(article_id) -> list[Annotation]       # highlights, notes, tags
    lib.annotation(annotation_id) -> Annotation | None
    lib.orphans() -> list[tuple[Annotation, str]]   # could not be re-anchored; (it, title)
        An annotation's span indexes lib.article_text(article_id); orphaned ones keep
        their last span and anchor_text. Tags are Annotation(kind="tag", label=tag).

  Undo (the log lives in the database and survives a restart)::

    lib.undo() -> str | None     # undoes the latest step; returns its label, None if none
    lib.redo() -> str | None
    lib.can_undo() -> bool;  lib.can_redo() -> bool
        A new change after an undo drops the redo steps (linear history).

Errors: :class:`tui.store.errors.LibraryError` (NewsdeskError) for anything the user must
act on; ``ReadOnlyError`` (a LibraryError) when a change is asked of a read-only library.
A write that waits longer than the busy timeout (15 s) for another process raises a
LibraryError saying the library is busy.

Export: :mod:`tui.store.export` (Markdown / JSON / CSV writers),
``newsdesk export`` selects articles with ``tui.search.run_query`` (the search layer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names as the type checker sees them; loaded lazily below
    from tui.store.errors import LibraryError, ReadOnlyError
    from tui.store.library import Library

__all__ = ["Library", "LibraryError", "ReadOnlyError"]


def __getattr__(name: str) -> object:  # lazy: `import tui.store` stays cheap for CLI start-up
    if name == "Library":
        from tui.store.library import Library

        return Library
    if name in ("LibraryError", "ReadOnlyError"):
        from tui.store import errors

        return getattr(errors, name)
    raise AttributeError(name)

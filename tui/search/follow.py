"""The index follows an import as it goes, from the articles the import has in memory.

Reading articles back from SQLite (decompress, JSON, dataclasses) costs more than
indexing them, so while ``newsdesk import`` runs the index is told of every document
stored (``Library.on_stored``) and indexes its articles then. It holds tantivy's writer
for the whole import (a second importer waits for it; readers keep searching what is
committed).

What it wrote is committed only at a checkpoint, after the library committed too: the
library's change counter then says what changed since the index's last record, and the
two are reconciled (an article it was not told of, e.g. stored by another process, is
read from the library; one it indexed that the library does not hold, e.g. rolled back,
is dropped) before the counter is recorded in the same tantivy commit. So a kill at any
moment leaves an index that is exactly true of an earlier counter, and the next command
catches up from there (:mod:`tui.search.library_state`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from tui.model import Article
from tui.search import engine
from tui.search import index as index_module
from tui.search.engine import key_of
from tui.search.index import (
    Progress,
    SearchIndex,
    prepared_document,
    write_article,
    write_fields,
    write_meta,
)
from tui.search.library_state import _load, index_for, mark_synced
from tui.store.codec import PreparedArticle, decode_article
from tui.store.importer import INDEX
from tui.store.library import Library


class ImportIndexer:
    """Indexes what an import stores; see the module doc."""

    def __init__(self, library: Library, index: SearchIndex) -> None:
        self.library = library
        self.index = index
        self.writer = engine.open_writer(index.index)
        index.reload()  # what another importer committed while this one waited
        self.since = int(index.meta().get("store_seq", library.change_seq()))
        self.seq = index.next_seq()
        #: Ids written since the last checkpoint: True added, False removed.
        self.seen: dict[str, bool] = {}
        self.pending = 0

    def stored(
        self, articles: list[Article | PreparedArticle], text: str, removed: list[str]
    ) -> None:
        # A document is deleted before its article is written again (a re-parse) only
        # when the index may hold one: written in this import, or committed before
        # (``doc_freq`` counts deleted documents too: at worst a needless delete).
        # tantivy keeps every delete in the writer's memory for the rest of the import:
        # one per new article was half its growth (~1.2 KB an article; 100,000 articles
        # ~120 MB).
        for article_id in removed:
            self.writer.delete_documents_by_term("key", key_of(article_id))
            self.seen[article_id] = False
        held = self.index.index.searcher().doc_freq
        for article in articles:
            if self.seen.get(article.id) or held("key", key_of(article.id)):
                self.writer.delete_documents_by_term("key", key_of(article.id))  # a re-parse
            # An article parsed again in this process (a newer parser: reparse_stale)
            # comes with no worker's extras: its document is made here.
            extra = article.extra if isinstance(article, PreparedArticle) else None
            made = extra.get(INDEX) if extra else None
            if made is not None:
                write_fields(self.writer, made, self.seq)  # made by the worker
            else:
                reported = None
                if isinstance(article, PreparedArticle):  # with what its parse found
                    reported = article.reported
                    article = decode_article(article.body)
                write_article(self.writer, article, text, self.seq, reported)
            self.seq += 1
            self.seen[article.id] = True
        self.pending += len(articles)
        if self.pending >= index_module.BATCH and not self.library.connection.in_transaction:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Reconcile with what the library committed, then commit with its counter."""
        changes = self.library.changes_since(self.since)
        updated = dict.fromkeys(changes.updated)
        for article_id in changes.removed:
            if article_id not in updated and self.seen.get(article_id) is not False:
                self.writer.delete_documents_by_term("key", key_of(article_id))
        for article_id, added in self.seen.items():
            if added and article_id not in updated:  # not in the library after all
                self.writer.delete_documents_by_term("key", key_of(article_id))
        missing = [i for i in updated if not self.seen.get(i)]
        for article_id in missing:
            self.writer.delete_documents_by_term("key", key_of(article_id))
        for article, text, reported in _load(self.library, missing):
            write_article(self.writer, article, text, self.seq, reported)
            self.seq += 1
        write_meta(self.writer, {"version": engine.INDEX_VERSION, "store_seq": changes.seq})
        self.index.wrote()
        self.writer.commit()
        self.index.reload()  # what :meth:`stored` asks whether an article is held
        self.since = changes.seq
        self.seen.clear()
        self.pending = 0

    def close(self, *, commit: bool) -> None:
        if commit:
            self.checkpoint()
        engine.close_writer(self.index.index, self.writer, commit=False)
        mark_synced(self.library, self.since)


@contextlib.contextmanager
def indexing(library: Library, progress: Progress = None) -> Iterator[None]:
    """Index what the library stores inside this block (an import), as it goes.

    The index is first brought up to date (waiting for another importer); at the end
    what was stored is committed with the library's change counter (``progress``: of
    that first catch-up, which builds the whole index of a library from before it). A
    read-only library is left to the catch-up at the next query.
    """
    if library.readonly:
        yield
        return
    index = index_for(library, progress=progress, wait=True)
    indexer = ImportIndexer(library, index)
    library.on_stored.append(indexer.stored)
    # Made by the parse workers, with the reported speech they found for the library.
    before, library.on_prepare = library.on_prepare, prepared_document
    try:
        yield
    except BaseException:
        library.on_stored.remove(indexer.stored)
        library.on_prepare = before
        with contextlib.suppress(Exception):
            indexer.close(commit=not library.connection.in_transaction)
        raise
    library.on_stored.remove(indexer.stored)
    library.on_prepare = before
    indexer.close(commit=True)

"""The search index: built when articles are imported, kept in the library's SQLite file.

:class:`SearchIndex` writes (``add``, ``remove``, ``sync`` for incremental updates) and
answers parsed queries (``search``). Matching and ranking (BM25, with the title weighted
above the body) happen inside SQLite's FTS5 over one row per article; Python only expands
query words against the vocabulary (typos, suffixes), applies the state filters, and
picks the best paragraph or quote of the articles on the result page. Nothing scans
article bodies per query.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Protocol

from tui.model import Article, ArticleKind, ParagraphRole, Span
from tui.search.aliases import alias_pairs
from tui.search.compile import CompiledTerm, compile_term
from tui.search.context import ContextFinder, Unit
from tui.search.hit import Hit, Where
from tui.search.memo import QueryMemo
from tui.search.query import AnyOf, Filter, Query, Term
from tui.search.schema import BM25_WEIGHTS, ensure_schema, transaction
from tui.search.terms import delete_rows
from tui.search.tokens import index_text

_TARGETS = {"t": "title", "p": "paragraph", "q": "quote"}

#: At most this many matches are ranked by BM25 (the newest ones; see ``_ranked``).
RANK_WINDOW = 8000

#: The packed rows of this many hits are read with the results, a first page (the search
#: pane shows 40 at once, ``newsdesk search`` 50 by default); see ``SearchIndex._hits``.
PREFETCH_HITS = 50

#: Articles written per transaction while indexing.
BATCH = 500


class ArticleState(Protocol):
    """What the library knows about articles beyond their text (triage, annotations).

    ``ids_with("is", "starred")``, ``ids_with("has", "note")``, ``ids_with("tag", "x")``:
    the ids of the articles with that state; None means every article.
    """

    def ids_with(self, field: str, value: str) -> set[str] | None: ...


class NoState:
    """Articles outside a library: all unread, nothing starred, annotated or tagged."""

    def ids_with(self, field: str, value: str) -> set[str] | None:
        return None if (field, value) == ("is", "unread") else set()


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str  # t (title, kicker, dek) | p (paragraph) | q (quote)
    start: int | None
    end: int | None
    text: str
    speaker: str | None = None


def _locate(needle: str, article: Article, text: str | None) -> Span | None:
    """Where the title (or kicker/dek) is in the source text, if it can be found."""
    if not needle:
        return None
    if article.paragraphs:
        first = article.paragraphs[0]
        at = first.text.find(needle)
        if at >= 0:
            return Span(first.span.start + at, first.span.start + at + len(needle))
    if text is not None:
        end = article.paragraphs[0].span.start if article.paragraphs else article.span.end
        at = text.find(needle, article.span.start, max(end, article.span.start))
        if at < 0 and article.span.start > 0:  # a title line just before the article's span
            at = text.find(needle, max(0, article.span.start - 4 * len(needle) - 200), end)
        if at >= 0:
            return Span(at, at + len(needle))
    return None


def _speaker_names(article: Article, speaker: str | None) -> str | None:
    """The speaker's name with every alias the entities know (任正非 for Ren Zhengfei)."""
    if not speaker:
        return None
    names = [speaker]
    for entity in article.entities:
        if entity.name == speaker or speaker in entity.aliases:
            names.extend([entity.name, *entity.aliases])
    return " ".join(dict.fromkeys(names))


def _units(article: Article, text: str | None) -> list[_Unit]:
    units: list[_Unit] = []
    for piece in (article.title, article.kicker, article.dek):
        if piece:
            span = _locate(piece, article, text)
            units.append(_Unit("t", span and span.start, span and span.end, piece))
    for paragraph in article.paragraphs:
        if paragraph.role is ParagraphRole.BODY:
            units.append(_Unit("p", paragraph.span.start, paragraph.span.end, paragraph.text))
    for quote in article.quotes:
        units.append(
            _Unit(
                "q",
                quote.span.start,
                quote.span.end,
                quote.text,
                _speaker_names(article, quote.speaker),
            )
        )
    return units


def pack_units(units: Sequence[_Unit]) -> tuple[str, str]:
    """One row for an article's units: a JSON layout and the texts joined."""
    layout = [[u.kind, u.start, u.end, u.speaker, len(u.text)] for u in units]
    return json.dumps(layout, ensure_ascii=False, separators=(",", ":")), "".join(
        u.text for u in units
    )


def unpack_units(layout: str, text: str) -> list[Unit]:
    """The units of a packed row, as ``(kind, start, end, text, speaker)`` tuples."""
    units: list[Unit] = []
    at = 0
    for kind, start, end, speaker, length in json.loads(layout):
        units.append((kind, start, end, text[at : at + length], speaker))
        at += length
    return units


def _columns(units: Sequence[_Unit]) -> tuple[str, str, str]:
    """The ``search_fts`` column values; the same function serves insert and delete."""
    return (
        index_text(" ".join(u.text for u in units if u.kind == "t")),
        index_text("\n".join(u.text for u in units if u.kind == "p")),
        index_text("\n".join(u.text for u in units if u.kind == "q")),
    )


def _meta_columns(speakers: str, source: str) -> tuple[str, str]:
    return index_text(speakers), index_text(source)


_BM25 = "bm25(search_fts, " + ", ".join(str(w) for w in BM25_WEIGHTS) + ")"
_INSERT = "INSERT INTO search_fts(rowid, title, body, quotes) VALUES (?, ?, ?, ?)"
_INSERT_META = "INSERT INTO search_fts_meta(rowid, speakers, source) VALUES (?, ?, ?)"
_DELETE = (
    "INSERT INTO search_fts(search_fts, rowid, title, body, quotes) VALUES ('delete', ?, ?, ?, ?)"
)
_DELETE_META = (
    "INSERT INTO search_fts_meta(search_fts_meta, rowid, speakers, source) "
    "VALUES ('delete', ?, ?, ?)"
)


def is_standalone(conn: sqlite3.Connection) -> bool:
    """Whether this database is an index built without a library (see ``mark_standalone``)."""
    try:
        row = conn.execute("SELECT value FROM search_meta WHERE key = 'standalone'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None


class SearchIndex:
    """The index tables inside one SQLite connection (created on first use)."""

    def __init__(self, conn: sqlite3.Connection, *, create: bool = True) -> None:
        self.conn = conn
        if create:
            ensure_schema(conn)
        self._vocabulary: set[str] | None = None
        self._memo = QueryMemo(conn)

    def mark_standalone(self) -> None:
        """Record that this database holds only an index (no library to sync with)."""
        with transaction(self.conn):
            self.conn.execute("INSERT OR REPLACE INTO search_meta VALUES ('standalone', '1')")

    # -- writing ---------------------------------------------------------------------

    def indexed_ids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT article_id FROM search_articles")}

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM search_articles").fetchone()[0]

    def add(
        self,
        items: Iterable[Article | tuple[Article, str | None]],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Index articles (optionally with their source text, to locate explicit titles).

        Articles already indexed are skipped (the id is content-based: same id, same text).
        Returns how many were added.
        """
        if self._vocabulary is None:
            self._vocabulary = {r[0] for r in self.conn.execute("SELECT term FROM search_terms")}
        seen: set[str] = set()
        added = 0
        batch: list[tuple[Article, str | None]] = []
        for item in items:
            article, text = item if isinstance(item, tuple) else (item, None)
            if article.id in seen or self._has(article.id):
                continue
            seen.add(article.id)
            batch.append((article, text))
            if len(batch) >= BATCH:
                added += self._write(batch)
                batch.clear()
                if progress:
                    progress(added)
        if batch:
            added += self._write(batch)
            if progress:
                progress(added)
        return added

    def _has(self, article_id: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM search_articles WHERE article_id = ?", (article_id,)
            ).fetchone()
            is not None
        )

    def _write(self, batch: list[tuple[Article, str | None]]) -> int:
        vocabulary = self._vocabulary
        assert vocabulary is not None
        new_terms: set[str] = set()
        written = 0
        with transaction(self.conn):
            for article, text in batch:
                units = _units(article, text)
                speakers = " ".join(dict.fromkeys(u.speaker for u in units if u.speaker))
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO search_articles(article_id, source, kind, truncated, "
                    "date, n_quotes, speakers, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.source,
                        str(article.kind),
                        int(article.truncated),
                        article.date,
                        len(article.quotes),
                        speakers,
                        article.title,
                    ),
                )
                if cur.rowcount == 0:  # indexed meanwhile by another process
                    continue
                rowid = cur.lastrowid
                written += 1
                self.conn.execute(
                    "INSERT INTO search_docs(article, layout, text) VALUES (?, ?, ?)",
                    (rowid, *pack_units(units)),
                )
                columns = _columns(units) + _meta_columns(speakers, article.source)
                self.conn.execute(_INSERT, (rowid, *columns[:3]))
                self.conn.execute(_INSERT_META, (rowid, *columns[3:]))
                for column in columns:
                    new_terms.update(column.split())
                self.conn.executemany(
                    "INSERT OR IGNORE INTO search_aliases(alias, name, article) VALUES (?, ?, ?)",
                    [(alias, name, rowid) for alias, name in alias_pairs(article)],
                )
            new_terms -= vocabulary
            if new_terms:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO search_terms(term, rev) VALUES (?, ?)",
                    [(t, t[::-1]) for t in new_terms],
                )
                self.conn.executemany(
                    "INSERT OR IGNORE INTO search_deletes(key, term) VALUES (?, ?)",
                    delete_rows(new_terms),
                )
                vocabulary |= new_terms
        return written

    def remove(self, article_ids: Iterable[str]) -> int:
        """Drop articles from the index. Their terms stay in the vocabulary (harmless)."""
        removed = 0
        with transaction(self.conn):
            for article_id in article_ids:
                row = self.conn.execute(
                    "SELECT rowid, speakers, source FROM search_articles WHERE article_id = ?",
                    (article_id,),
                ).fetchone()
                if row is None:
                    continue
                rowid, speakers, source = row
                doc = self.conn.execute(
                    "SELECT layout, text FROM search_docs WHERE article = ?", (rowid,)
                ).fetchone()
                units = [_Unit(*u) for u in unpack_units(*doc)] if doc else []
                self.conn.execute(_DELETE, (rowid, *_columns(units)))
                self.conn.execute(_DELETE_META, (rowid, *_meta_columns(speakers, source)))
                self.conn.execute("DELETE FROM search_docs WHERE article = ?", (rowid,))
                self.conn.execute("DELETE FROM search_aliases WHERE article = ?", (rowid,))
                self.conn.execute("DELETE FROM search_articles WHERE rowid = ?", (rowid,))
                removed += 1
        return removed

    def sync(
        self,
        current_ids: Iterable[str],
        load: Callable[[list[str]], Iterable[Article | tuple[Article, str | None]]],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        """Bring the index in line with the library: index the articles it lacks (fetched
        with ``load(ids)``), drop the ones no longer there. Returns (added, removed)."""
        current = set(current_ids)
        indexed = self.indexed_ids()
        removed = self.remove(indexed - current)
        missing = sorted(current - indexed)
        added = self.add(load(missing), progress=progress) if missing else 0
        return added, removed

    # -- searching -------------------------------------------------------------------

    def search(
        self,
        query: Query,
        *,
        limit: int = 500,
        state: ArticleState | None = None,
        order: Sequence[str] | None = None,
    ) -> list[Hit]:
        """The articles matching ``query``, best first, at most ``limit``.

        ``order`` is the library's own order of article ids (view order): results of a
        query without text terms (empty, or only filters) follow it; otherwise they
        follow the order articles were indexed in.

        Text terms on ``search_fts`` form one FTS5 expression, matched and ranked inside
        SQLite. Everything else (``speaker:``/``source:``, filters on the article's state,
        ORs that mix them) becomes a set of rowids or article ids checked afterwards.
        """
        state = state or NoState()
        if limit <= 0:
            return []
        self._memo.check()
        positives: list[str] = []
        negatives: list[str] = []
        checks: list[Callable[[int, str], bool]] = []
        candidate_sets: list[set[int]] = []
        highlight: list[CompiledTerm] = []
        exact_positives: list[str] | None = []  # the same without typo neighbours
        for group in query.groups:
            items = group.items if isinstance(group, AnyOf) else (group,)
            if all(isinstance(i, Term) and not i.negated for i in items):
                compiled = [self._compile(i) for i in items]  # type: ignore[arg-type]
                if all(c.table == "search_fts" for c in compiled):
                    alternatives = [c.expression for c in compiled if c.expression]
                    if not alternatives:
                        return []
                    positives.append(" OR ".join(f"({a})" for a in alternatives))
                    highlight.extend(compiled)
                    if exact_positives is not None:
                        exact = [
                            self._compile(i, typos=False).expression  # type: ignore[arg-type]
                            if c.has_typos
                            else c.expression
                            for i, c in zip(items, compiled, strict=True)
                        ]
                        if any(exact):
                            exact_positives.append(" OR ".join(f"({a})" for a in exact if a))
                        else:
                            exact_positives = None  # some word only matches with a typo
                    continue
            if isinstance(group, Term) and group.negated:
                compiled_term = self._compile(group)
                if compiled_term.table == "search_fts":
                    if compiled_term.expression is not None:
                        negatives.append(compiled_term.expression)
                    continue
            check, members = self._check(group, state, highlight)
            checks.append(check)
            if members is not None:
                candidate_sets.append(members)

        rows: list[tuple[int, str, float]]
        if positives:
            not_part = "".join(f" NOT ({n})" for n in negatives)
            sql_limit = -1 if checks else limit
            matched: list[tuple[int, float]] = []
            if exact_positives is not None and exact_positives != positives:
                # Fewer typos first: articles matching the words as typed rank above
                # those found only through a typo neighbour.
                exact = " AND ".join(f"({p})" for p in exact_positives) + not_part
                matched = self._ranked(exact, sql_limit)
            if sql_limit < 0 or len(matched) < limit:
                expression = " AND ".join(f"({p})" for p in positives) + not_part
                seen = {rowid for rowid, _ in matched}
                # bm25: lower is better; typo-only matches score below every exact one.
                worst = max((s for _, s in matched), default=None)
                matched += [
                    (rowid, score if worst is None else max(score, worst + 1e-9))
                    for rowid, score in self._ranked(expression, sql_limit)
                    if rowid not in seen
                ]
            ids = self._article_ids([r[0] for r in matched])
            rows = [(rowid, ids[rowid], -score) for rowid, score in matched if rowid in ids]
        else:
            excluded = (
                self._matching(" OR ".join(f"({n})" for n in negatives)) if negatives else set()
            )
            if candidate_sets:  # e.g. speaker:x alone: start from its matches, not from all
                smallest = sorted(min(candidate_sets, key=len) - excluded)
                found = self._article_ids(smallest)
                rows = [(rowid, found[rowid], 0.0) for rowid in smallest if rowid in found]
            elif order is not None and not checks and not excluded:
                wanted = list(order[:limit])
                found_ids = self._rowids(wanted)
                rows = [(found_ids[a], a, 0.0) for a in wanted if a in found_ids]
            else:
                sql = "SELECT rowid, article_id FROM search_articles ORDER BY rowid"
                if not checks and not excluded and order is None:
                    sql += f" LIMIT {int(limit)}"
                rows = [
                    (rowid, article_id, 0.0)
                    for rowid, article_id in self.conn.execute(sql)
                    if rowid not in excluded
                ]
            if order is not None:
                position = {article_id: i for i, article_id in enumerate(order)}
                rows.sort(key=lambda row: position.get(row[1], len(position)))
        if checks:
            rows = [r for r in rows if all(check(r[0], r[1]) for check in checks)]
        rows = rows[:limit]
        return self._hits(rows, highlight, query.is_empty or not highlight)

    def _compile(self, term: Term, *, typos: bool = True) -> CompiledTerm:
        """``compile_term``, remembered while the index is unchanged (the words of a query
        typed a key at a time come back at every keystroke)."""
        key = (replace(term, start=0, end=0), typos)
        compiled = self._memo.term(key, lambda: compile_term(self.conn, term, typos=typos))
        return compiled if compiled.term == term else replace(compiled, term=term)

    def _ranked(self, expression: str, limit: int) -> list[tuple[int, float]]:
        """:meth:`_rank`, remembered while the index is unchanged (``meridian`` and
        ``meridian `` rank the same expression; so does backspace to an earlier query)."""
        return self._memo.ranking((expression, limit), lambda: self._rank(expression, limit))

    def _rank(self, expression: str, limit: int) -> list[tuple[int, float]]:
        """``(rowid, bm25)`` of the matches, best first (``limit`` -1: all of them).

        BM25 costs about a microsecond per matching article, so a query matching a large
        part of the library (common words) would take far longer than a keystroke allows.
        When there are more than :data:`RANK_WINDOW` matches, only the newest that many
        (by index order) are ranked: the cut-off is found by walking the matches newest
        first, which stops after the window, and FTS5 seeks past the older rows. The
        older matches follow, newest first, when more results are asked for (every match
        is still returned: only the ranking is bounded).
        """
        cutoff = self.conn.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (expression, RANK_WINDOW - 1),
        ).fetchone()
        window = " AND rowid >= ?" if cutoff else ""
        params = (expression, *(cutoff or ()), limit)
        ranked = self.conn.execute(
            f"SELECT rowid, {_BM25} FROM search_fts WHERE search_fts MATCH ?{window} "
            "ORDER BY 2 LIMIT ?",
            params,
        ).fetchall()
        if cutoff and (limit < 0 or len(ranked) < limit):
            worst = max((score for _, score in ranked), default=0.0)
            rest = -1 if limit < 0 else limit - len(ranked)
            ranked += [
                (rowid, worst + 1e-9 * (n + 1))
                for n, (rowid,) in enumerate(
                    self.conn.execute(
                        "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid < ? "
                        "ORDER BY rowid DESC LIMIT ?",
                        (expression, cutoff[0], rest),
                    )
                )
            ]
        return ranked

    def _rowids(self, article_ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(article_ids), 900):
            chunk = article_ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.conn.execute(
                    f"SELECT article_id, rowid FROM search_articles WHERE article_id IN ({marks})",
                    chunk,
                ).fetchall()
            )
        return found

    def _article_ids(self, rowids: list[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for chunk in _chunks(rowids, 900):
            marks = ",".join("?" * len(chunk))
            found.update(
                self.conn.execute(
                    f"SELECT rowid, article_id FROM search_articles WHERE rowid IN ({marks})",
                    chunk,
                ).fetchall()
            )
        return found

    def _matching(self, expression: str, table: str = "search_fts") -> set[int]:
        return {
            r[0]
            for r in self.conn.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (expression,)
            )
        }

    def _check(
        self, group: Term | Filter | AnyOf, state: ArticleState, highlight: list[CompiledTerm]
    ) -> tuple[Callable[[int, str], bool], set[int] | None]:
        """A predicate for a group FTS5 cannot express alone (filters, mixed ORs), and the
        rowids it allows when that is a known set (a positive text term)."""
        items = group.items if isinstance(group, AnyOf) else (group,)
        tests: list[Callable[[int, str], bool]] = []
        members: set[int] | None = None
        for item in items:
            if isinstance(item, Term):
                compiled = self._compile(item)
                rowids = (
                    self._matching(compiled.expression, compiled.table)
                    if compiled.expression
                    else set()
                )
                if not item.negated:
                    highlight.append(compiled)
                    if len(items) == 1:
                        members = rowids
                tests.append(_membership(rowids, item.negated, by_rowid=True))
            else:
                tests.append(self._filter_test(item, state))
        if len(tests) == 1:
            return tests[0], members
        return (lambda rowid, article_id: any(t(rowid, article_id) for t in tests)), None

    def _filter_test(self, item: Filter, state: ArticleState) -> Callable[[int, str], bool]:
        local = {
            ("is", "brief"): ("kind = ?", (str(ArticleKind.BRIEF),)),
            ("is", "truncated"): ("truncated = 1", ()),
            ("has", "quote"): ("n_quotes > 0", ()),
        }
        if item.field == "date":
            where, params = [], []
            if item.date_from:
                where.append("date >= ?")
                params.append(item.date_from)
            if item.date_to:
                where.append("date < ?")
                params.append(item.date_to)
            sql_where, sql_params = " AND ".join(where) or "date IS NOT NULL", tuple(params)
        elif (item.field, item.value) in local:
            sql_where, sql_params = local[(item.field, item.value)]
        else:
            ids = state.ids_with(item.field, item.value)
            if ids is None:
                return lambda rowid, article_id: not item.negated
            return _membership(ids, item.negated, by_rowid=False)
        rowids = {
            r[0]
            for r in self.conn.execute(
                f"SELECT rowid FROM search_articles WHERE {sql_where}", sql_params
            )
        }
        return _membership(rowids, item.negated, by_rowid=True)

    def _hits(
        self, rows: list[tuple[int, str, float]], highlight: list[CompiledTerm], plain: bool
    ) -> list[Hit]:
        """The hits for ``rows``; each works out its best unit and highlights only when
        its context is first read (:meth:`Hit.deferred`).

        The packed rows (``search_docs``) of the first :data:`PREFETCH_HITS` hits, a first
        page, are read here, so those hits need no database afterwards (the app reads
        them in another thread). Past that (the rest of the search pane's hits, which it
        works out with :func:`~tui.search.locate` in the library thread; a view's filter
        or an export, which read only the ids), a row is read, with the next few hundred,
        when a context is first asked for: in the thread that made the query, before the
        library is closed. A first page then costs the rows it shows, not ``limit``.
        """
        if not rows:
            return []
        finder = ContextFinder([] if plain else highlight)
        first = rows[:PREFETCH_HITS]
        docs = _PackedRows(self.conn, [r[0] for r in rows[PREFETCH_HITS:]])
        docs.read([r[0] for r in first])
        return [
            Hit.deferred(article_id, score, partial(_where, finder, docs, rowid))
            for rowid, article_id, score in rows
        ]

    def describe(self, article_ids: list[str]) -> dict[str, tuple[str, str]]:
        """``{article_id: (source, title)}`` for printing results."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(article_ids), 900):
            chunk = article_ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for article_id, source, title in self.conn.execute(
                "SELECT article_id, source, title FROM search_articles "
                f"WHERE article_id IN ({marks})",
                chunk,
            ):
                found[article_id] = (source, title or "")
        return found

    def ordered_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT article_id FROM search_articles")]

    def vocabulary_size(self) -> int:
        return self.conn.execute("SELECT count(*) FROM search_terms").fetchone()[0]


class _PackedRows:
    """The ``search_docs`` rows of a result's articles: read all at once (``read``) or,
    for the rowids given at creation, a batch at a time when first asked for."""

    BATCH = 500

    def __init__(self, conn: sqlite3.Connection, later: list[int]) -> None:
        self.conn = conn
        self.later = later
        self.position = {rowid: i for i, rowid in enumerate(later)}
        self.rows: dict[int, tuple[str, str] | None] = {}

    def read(self, rowids: list[int]) -> None:
        for chunk in _chunks(rowids, 900):
            self.rows.update(dict.fromkeys(chunk))  # None: no row (shows an empty context)
            marks = ",".join("?" * len(chunk))
            for article, layout, text in self.conn.execute(
                f"SELECT article, layout, text FROM search_docs WHERE article IN ({marks})",
                chunk,
            ):
                self.rows[article] = (layout, text)

    def get(self, rowid: int) -> tuple[str, str] | None:
        if rowid not in self.rows:
            at = self.position[rowid]
            self.read([r for r in self.later[at : at + self.BATCH] if r not in self.rows])
        return self.rows[rowid]


def _where(finder: ContextFinder, docs: _PackedRows, rowid: int) -> Where:
    """A hit's context, its span, its highlights and its target, from the article's
    packed row (no row: the hit shows nothing)."""
    doc = docs.get(rowid)
    units = unpack_units(*doc) if doc else []
    unit, spans = finder.best(units, doc[1] if doc else None)
    if unit is None:
        return "", None, (), "title"
    kind, start, end, text, _speaker = unit
    span = Span(start, end) if start is not None else None
    return text, span, spans, _TARGETS[kind]


def _membership(members: set, negated: bool, *, by_rowid: bool) -> Callable[[int, str], bool]:
    if by_rowid:
        if negated:
            return lambda rowid, article_id: rowid not in members
        return lambda rowid, article_id: rowid in members
    if negated:
        return lambda rowid, article_id: article_id not in members
    return lambda rowid, article_id: article_id in members


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

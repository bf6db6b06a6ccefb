"""How deep the search ranks, against what it costs: a table for the ranking window.

A query of common words matches much of a big library. BM25 costs about a microsecond
or two per matching article, plus a pass over every article holding each phrase (the
document counts), so ``SearchIndex`` ranks only the newest ``RANK_WINDOW`` matches
(tui/search/index.py). This script measures what that window gives up: for each query
of ``bench_search.py`` (same corpus, same index), the top 10 under the whole ranking
(every match ranked by BM25) against the top 10 ranked in a window of the newest N
matches, and the time of that ranking statement, per window size side by side. "title
first" adds to the window every match with a query word in its title (what BM25 weighs
most), ranked in the same statement.

    python benchmarks/search_ranking_depth.py            # 60 queries, the 100k index
    python benchmarks/search_ranking_depth.py --queries 30 --windows 8000 4000

The index and paragraph lines come from ``bench_search.py`` (run it first).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_search import _queries  # noqa: E402

from tui.search import run_query  # noqa: E402
from tui.search.index import _BM25, SearchIndex  # noqa: E402

TOP = 10


def expressions(conn: sqlite3.Connection, queries: list[str]) -> dict[str, str]:
    """The FTS5 expression each query ranks (typo neighbours included), as the search
    builds it: the last one ``_rank`` is given."""
    seen: dict[str, str] = {}
    current = ""
    original = SearchIndex._rank

    def spy(self: SearchIndex, expression: str, limit: int) -> list[tuple[int, float]]:
        seen[current] = expression
        return original(self, expression, limit)

    SearchIndex._rank = spy  # type: ignore[method-assign]
    try:
        for current in queries:
            run_query(SearchIndex(conn, create=False), current, limit=200)
    finally:
        SearchIndex._rank = original  # type: ignore[method-assign]
    return seen


def ranked(conn: sqlite3.Connection, sql: str, params: tuple) -> tuple[list[int], float]:
    start = time.perf_counter()
    rows = [r[0] for r in conn.execute(sql, params)]
    return rows, (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=HERE / "out" / "search_100000x10.db")
    parser.add_argument("--lines", type=Path, default=HERE / "out" / "paragraphs_100000x10.txt")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--windows", type=int, nargs="+", default=[8000, 6000, 4000, 2000])
    parser.add_argument("--title-first", type=int, nargs="*", default=[4000])
    args = parser.parse_args()
    if not args.db.exists():
        parser.error(f"{args.db} does not exist: run benchmarks/bench_search.py first")
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    queries = _queries(args.lines, args.queries)
    exprs = expressions(conn, queries)
    columns = [(f"newest {w:,}", w, False) for w in args.windows]
    columns += [(f"newest {w:,} + title first", w, True) for w in args.title_first]
    recall: dict[str, list[float]] = {label: [] for label, _, _ in columns}
    times: dict[str, list[float]] = {label: [] for label, _, _ in columns}
    full_times: list[float] = []
    matches: list[int] = []
    order = f"ORDER BY {_BM25} LIMIT {TOP}"
    for expression in exprs.values():
        rows = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC",
                (expression,),
            )
        ]
        matches.append(len(rows))
        full, ms = ranked(
            conn, f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? {order}", (expression,)
        )
        full_times.append(ms)
        for label, window, title_first in columns:
            cutoff = rows[min(window, len(rows)) - 1] if rows else 0
            if title_first:
                titled = "{title}: (" + expression.replace(" AND ", " OR ") + ")"
                top, ms = ranked(
                    conn,
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND (rowid >= ? OR "
                    f"rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)) {order}",
                    (expression, cutoff, titled),
                )
            else:
                top, ms = ranked(
                    conn,
                    f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? {order}",
                    (expression, cutoff),
                )
            times[label].append(ms)
            recall[label].append(len(set(top) & set(full)) / len(full) if full else 1.0)

    def ms(values: list[float]) -> str:
        ordered = sorted(values)
        return f"{statistics.median(ordered):.1f} / {ordered[round(0.95 * (len(ordered) - 1))]:.1f}"

    print(
        f"{len(exprs)} queries; matches per query: median {statistics.median(matches):,.0f}, "
        f"max {max(matches):,}; more than {min(args.windows):,}: "
        f"{sum(m > min(args.windows) for m in matches)}"
    )
    print()
    print(f"| ranked | top {TOP} shared with the whole ranking (mean) | ranking ms p50 / p95 |")
    print("|---|---:|---:|")
    print(f"| every match (the whole ranking) | 100% | {ms(full_times)} |")
    for label, _, _ in columns:
        print(f"| {label} | {statistics.mean(recall[label]):.0%} | {ms(times[label])} |")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

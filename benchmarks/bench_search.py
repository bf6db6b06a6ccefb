"""Search speed on 100,000 generated articles: in-process latency, and `newsdesk search`
as a whole process against `fzf --filter` over the same paragraphs written as lines.

    python benchmarks/bench_search.py                  # build once (slow), then measure
    python benchmarks/bench_search.py --articles 2000  # a quick smaller run
    python benchmarks/bench_search.py --before main    # side by side with another commit

In-process latency is measured in a worker process per implementation. With ``--before
REF`` the ``tui`` package of that git commit is extracted to a temporary directory and
run in a second worker; the two get each query in turn (alternating who goes first), so
both see the same machine load, and their hits (ids, order, scores, contexts, spans,
highlights) are compared: the table says how many queries gave identical results.

The corpus (benchmarks/generate.py), the index file and the paragraph lines are built
once into benchmarks/out/ and reused. The generator writes about 5 paragraphs per
article; to reach the ~10 of real stories (100,000 articles, ~1M paragraphs), twice as
many are generated and each two neighbours in a file are indexed as one article (their
spans still index that file's text). Queries are 1-3 words drawn from the corpus, about
half of them with a typo in one word; the same queries go to both programs. Some are
also typed into the search pane a key at a time (each prefix one search, in order, as
the pane searches while the user types), with a row for the keystrokes that complete a
query: the search the user waits for.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tui.extract.pipeline import parse_document  # noqa: E402
from tui.model import Article, Span, make_article_id  # noqa: E402
from tui.search.index import SearchIndex, unpack_units  # noqa: E402


def _pairs(articles: list[Article]) -> Iterator[Article]:
    """Neighbouring articles of one file merged two by two (the generator's are short)."""
    for first, second in zip(articles[::2], articles[1::2], strict=False):
        merged = dataclasses.replace(
            first,
            id=make_article_id(first.id + second.id),
            span=Span(first.span.start, max(first.span.end, second.span.end)),
            paragraphs=first.paragraphs + second.paragraphs,
            quotes=first.quotes + second.quotes,
            entities=first.entities + second.entities,
        )
        yield merged
    if len(articles) % 2:
        yield articles[-1]


def _build(articles: int, out: Path) -> tuple[Path, Path, float]:
    corpus = out / f"corpus_{2 * articles}"
    db = out / f"search_{articles}x10.db"
    lines = out / f"paragraphs_{articles}x10.txt"
    if not corpus.is_dir() and not (db.exists() and lines.exists()):
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--articles",
                str(2 * articles),
                "--per-file",
                "5",
                "--out",
                f"{corpus}/",
            ],
            check=True,
        )
    build_seconds = float("nan")
    if not db.exists():
        partial = db.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        conn = sqlite3.connect(partial)
        conn.execute("PRAGMA journal_mode=WAL")
        index = SearchIndex(conn)
        files = sorted(corpus.iterdir())
        start = time.perf_counter()

        def items():
            for n, path in enumerate(files):
                text = path.read_text(encoding="utf-8")
                for article in _pairs(parse_document(text, str(path))):
                    yield article, text
                if n % 500 == 0:
                    print(f"\r  indexing {n}/{len(files)} files", end="", file=sys.stderr)

        index.add(items())
        index.mark_standalone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        build_seconds = time.perf_counter() - start
        conn.close()
        partial.rename(db)
        (out / f"build_{articles}x10.txt").write_text(f"{build_seconds:.1f}\n")
        print(file=sys.stderr)
    else:
        saved = out / f"build_{articles}x10.txt"
        if saved.exists():
            build_seconds = float(saved.read_text())
    if not lines.exists():
        conn = sqlite3.connect(db)
        with open(lines, "w", encoding="utf-8") as handle:
            for layout, text in conn.execute("SELECT layout, text FROM search_docs"):
                for kind, _start, _end, unit_text, _speaker in unpack_units(layout, text):
                    if kind == "p":
                        handle.write(" ".join(unit_text.split()) + "\n")
        conn.close()
    return db, lines, build_seconds


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice("swap drop double")
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _queries(lines: Path, count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    sample: list[list[str]] = []
    with open(lines, encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n % 97 == 0:
                words = [w.strip(".,“”\"'()") for w in line.split()]
                sample.append([w for w in words if len(w) >= 5 and w.isalpha()])
            if len(sample) >= count * 4:
                break
    queries = []
    for words in sample:
        if len(queries) >= count:
            break
        if len(words) < 3:
            continue
        n = 1 + len(queries) % 3
        picked = rng.sample(words, n)
        if len(queries) % 2:
            picked[0] = _typo(picked[0], rng)
        queries.append(" ".join(w.lower() for w in picked))
    return queries


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


#: The worker: answers queries read from stdin (one JSON string per line) with
#: ``{"ms", "hits"}`` JSON lines: the time of ``run_query`` alone, on a warm index, and
#: its hits as plain data. Standalone, so that it imports the ``tui`` on its PYTHONPATH.
_WORKER = """
import json, sqlite3, sys, time
from tui.search import run_query
from tui.search.index import SearchIndex

def record(hit):
    span = hit.context_span
    return [hit.article_id, hit.score, hit.context,
            None if span is None else [span.start, span.end],
            [[h.start, h.end] for h in hit.highlights], hit.target]

conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
index = SearchIndex(conn, create=False)
limit = int(sys.argv[2])
show = int(sys.argv[3]) or None  # how many hits the caller shows at once (0: all)
warm = True
for line in sys.stdin:
    query = json.loads(line)
    if warm:  # the page cache and the lazy imports (rapidfuzz, for typos), once; with
        # words no query has (queries use 5+ letters, of the corpus), so that an
        # implementation that remembers rankings gains nothing from it
        run_query(index, "said", limit=limit)
        run_query(index, "zzzzzz", limit=limit)
        warm = False
    start = time.perf_counter()
    hits = run_query(index, query, limit=limit)
    ms = (time.perf_counter() - start) * 1000
    for hit in hits[:show]:  # what a caller shows: the CLI every hit, the pane a page first
        hit.context, hit.context_span, hit.highlights, hit.target
    shown = (time.perf_counter() - start) * 1000
    hits = [record(h) for h in hits]
    print(json.dumps({"ms": ms, "shown": shown, "hits": hits}), flush=True)
"""


class _Worker:
    """One implementation of ``tui`` (the tree at ``root``) answering queries."""

    def __init__(self, root: Path, db: Path, limit: int, show: int) -> None:
        env = dict(os.environ, PYTHONPATH=str(root))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(db), str(limit), str(show)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=root,
        )

    def ask(self, query: str) -> tuple[float, float, list]:
        """The time of ``run_query``, the time until every hit's context was read, and
        the hits."""
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(query) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        return answer["ms"], answer["shown"], answer["hits"]

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait()


def _checkout(ref: str, into: Path) -> Path:
    """The ``tui`` package of git commit ``ref``, extracted under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "tui"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _side_by_side(
    roots: list[Path], db: Path, queries: list[str], limit: int, show: int = 0
) -> tuple[list[list[float]], list[list[float]], int]:
    """Per implementation, the time of each query (``run_query`` alone, and until every
    hit's context was read); and how many queries gave the same hits in every
    implementation. Implementations take turns going first."""
    workers = [_Worker(root, db, limit, show) for root in roots]
    query_ms: list[list[float]] = [[] for _ in roots]
    shown_ms: list[list[float]] = [[] for _ in roots]
    same = 0
    try:
        for n, query in enumerate(queries):
            turn = list(range(len(workers)))
            if n % 2:
                turn.reverse()
            answers: dict[int, list] = {}
            for i in turn:
                ms, shown, hits = workers[i].ask(query)
                query_ms[i].append(ms)
                shown_ms[i].append(shown)
                answers[i] = hits
            same += all(answers[i] == answers[0] for i in answers)
    finally:
        for worker in workers:
            worker.close()
    return query_ms, shown_ms, same


def _process(argv: list[str], stdin_path: Path | None = None) -> float:
    start = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin:
        subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


#: Result sizes measured: `newsdesk search`'s default, a page, the app's search pane
#: (SEARCH_LIMIT in tui/app/widgets/search_pane.py) and run_query's default.
LIMITS = (50, 100, 200, 500)

#: The search pane shows its first page of hits at once, the rest a moment later
#: (FIRST_PAGE in tui/app/widgets/search_pane.py).
PANE_FIRST_PAGE = 40

#: The row of queries typed into the pane, each prefix one search.
_TYPED = "typed a key at a time"


def _latency_table(
    roots: list[Path], db: Path, rows: list[tuple[str, int, int, list[str]]], before: str | None
) -> None:
    """p50/p95 of ``run_query`` alone ("query") and until the context of every hit a
    caller shows has been read ("shown": every hit for ``newsdesk search``, the first
    page for the search pane), per row ``(label, limit, show, queries)``. For queries
    typed a key at a time, a second row gives the keystrokes that complete a query
    alone (the search the user waits for once they stop typing)."""
    names = [f"before ({before})", "after"] if before else [""]
    header = ["in process (queries)"]
    for name in names:
        prefix = f"{name} " if name else ""
        header += [f"{prefix}query p50", "p95", "shown p50", "p95"]
    if before:
        header += ["p95 before/after: query", "shown", "identical hits"]
    print("| " + " | ".join(header) + " |")
    print("|---" + "|---:" * (len(header) - 1) + "|")
    for label, limit, show, queries in rows:
        query_ms, shown_ms, same = _side_by_side(roots, db, queries, limit, show)
        _table_row(label, query_ms, shown_ms, same, len(queries), before)
        if _TYPED in label:
            last = [
                i
                for i, q in enumerate(queries)
                if i + 1 == len(queries) or len(queries[i + 1]) == 1
            ]
            _table_row(
                "... the keystroke completing each query",
                [[times[i] for i in last] for times in query_ms],
                [[times[i] for i in last] for times in shown_ms],
                None,
                len(last),
                before,
            )
    print(f"\nms; load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _table_row(
    label: str,
    query_ms: list[list[float]],
    shown_ms: list[list[float]],
    same: int | None,
    count: int,
    before: str | None,
) -> None:
    cells = []
    for q, s in zip(query_ms, shown_ms, strict=True):
        cells += [f"{statistics.median(q):.1f}", f"{_percentile(q, 95):.1f}"]
        cells += [f"{statistics.median(s):.1f}", f"{_percentile(s, 95):.1f}"]
    if before:
        for times in (query_ms, shown_ms):
            ratio = _percentile(times[0], 95) / _percentile(times[1], 95)
            cells.append(f"{ratio:.2f}x")
        cells.append("(above)" if same is None else f"{same}/{count}")
    print(f"| {label} ({count}) | " + " | ".join(cells) + " |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--process-queries", type=int, default=15)
    parser.add_argument("--view-queries", type=int, default=6)
    parser.add_argument(
        "--typed-queries",
        type=int,
        default=20,
        help="queries also typed into the pane a key at a time (each prefix one search)",
    )
    parser.add_argument(
        "--before",
        metavar="REF",
        help="also run the tui package of this git commit, side by side, and compare hits",
    )
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    db, lines, build_seconds = _build(args.articles, out)

    conn = sqlite3.connect(db)
    n_articles = conn.execute("SELECT count(*) FROM search_articles").fetchone()[0]
    with open(lines, encoding="utf-8") as handle:
        n_paragraphs = sum(1 for _ in handle)
    vocabulary = conn.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    conn.close()
    queries = _queries(lines, args.queries)

    print(f"corpus: {n_articles} articles, {n_paragraphs} paragraphs, {vocabulary} terms")
    print(
        f"index: built in {build_seconds:.0f} s (parse + index), {db.stat().st_size / 1e6:.0f} MB"
    )
    print(f"paragraph lines for fzf: {lines.stat().st_size / 1e6:.0f} MB")
    print(f"queries: {len(queries)}, e.g. {queries[:4]}")
    print()
    with tempfile.TemporaryDirectory(prefix="bench_search_") as tmp:
        roots = [ROOT]
        if args.before:
            roots.insert(0, _checkout(args.before, Path(tmp)))
        rows = [(f"limit={limit}", limit, 0, queries) for limit in LIMITS]
        rows.insert(
            3, (f"pane: limit=200, first {PANE_FIRST_PAGE} shown", 200, PANE_FIRST_PAGE, queries)
        )
        if args.typed_queries:
            # The pane searches at every keystroke: each prefix of a query, in order
            # (what one search shares with the one before is what a cache can reuse).
            typed = [q[:n] for q in queries[: args.typed_queries] for n in range(1, len(q) + 1)]
            label = f"pane, {args.typed_queries} queries {_TYPED}: every keystroke"
            rows.insert(4, (label, 200, PANE_FIRST_PAGE, typed))
        if args.view_queries:
            # A view's filter and `newsdesk export QUERY` ask for every match (app.py
            # load_view_rows: limit = the number of articles) and read only the ids.
            rows.append(("limit=all", n_articles, 0, queries[: args.view_queries]))
        _latency_table(roots, db, rows, args.before)
    print()

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    os.environ.update(env)
    ours = [sys.executable, "-m", "tui", "search", "--db", str(db), "--limit", "50"]
    fzf = shutil.which("fzf")
    sample = queries[: args.process_queries]
    if not sample:
        return 0
    mine, theirs = [], []
    for query in sample:
        mine.append(_process([*ours, query]))
        if fzf:
            theirs.append(_process([fzf, "--filter", query], lines))
    print("| whole process, same queries | median ms | p95 ms |")
    print("|---|---:|---:|")
    print(
        f"| `newsdesk search` (index) | {statistics.median(mine):.0f} | "
        f"{_percentile(mine, 95):.0f} |"
    )
    if fzf:
        print(
            f"| `fzf --filter` (paragraph lines) | {statistics.median(theirs):.0f} | "
            f"{_percentile(theirs, 95):.0f} |"
        )
        ratio = statistics.median(theirs) / statistics.median(mine)
        print(f"\nnewsdesk search is {ratio:.1f}x faster than fzf --filter (median over queries)")
    else:
        print("\nfzf not found: install it (apt-get install -y fzf) for the side-by-side run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

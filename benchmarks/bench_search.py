"""Search speed on 100,000 generated articles: in-process latency, and `newsdesk search`
as a whole process against `fzf --filter` over the same paragraphs written as lines.

    python benchmarks/bench_search.py                  # build once (slow), then measure
    python benchmarks/bench_search.py --articles 2000  # a quick smaller run

The corpus (benchmarks/generate.py), the index file and the paragraph lines are built
once into benchmarks/out/ and reused. Queries are 1-3 words drawn from the corpus, about
half of them with a typo in one word; the same queries go to both programs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tui.extract.pipeline import parse_document  # noqa: E402
from tui.search import run_query  # noqa: E402
from tui.search.index import SearchIndex  # noqa: E402


def _build(articles: int, out: Path) -> tuple[Path, Path, float]:
    corpus = out / f"corpus_{articles}"
    db = out / f"search_{articles}.db"
    lines = out / f"paragraphs_{articles}.txt"
    if not corpus.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--articles",
                str(articles),
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
                for article in parse_document(text, str(path)):
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
        (out / f"build_{articles}.txt").write_text(f"{build_seconds:.1f}\n")
        print(file=sys.stderr)
    else:
        saved = out / f"build_{articles}.txt"
        if saved.exists():
            build_seconds = float(saved.read_text())
    if not lines.exists():
        conn = sqlite3.connect(db)
        with open(lines, "w", encoding="utf-8") as handle:
            for (text,) in conn.execute("SELECT text FROM search_units WHERE kind = 'p'"):
                handle.write(" ".join(text.split()) + "\n")
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


def _in_process(db: Path, queries: list[str], limit: int) -> list[float]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    index = SearchIndex(conn, create=False)
    run_query(index, queries[0], limit=limit)  # warm the page cache
    times = []
    for query in queries:
        start = time.perf_counter()
        run_query(index, query, limit=limit)
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def _process(argv: list[str], stdin_path: Path | None = None) -> float:
    start = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin:
        subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--process-queries", type=int, default=15)
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    db, lines, build_seconds = _build(args.articles, out)

    conn = sqlite3.connect(db)
    n_articles = conn.execute("SELECT count(*) FROM search_articles").fetchone()[0]
    n_paragraphs = conn.execute("SELECT count(*) FROM search_units WHERE kind='p'").fetchone()[0]
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
    print("| in process (run_query) | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    for limit in (50, 500):
        times = _in_process(db, queries, limit)
        print(
            f"| limit={limit} | {statistics.median(times):.1f} | "
            f"{_percentile(times, 95):.1f} | {max(times):.1f} |"
        )
    print()

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    os.environ.update(env)
    ours = [sys.executable, "-m", "tui", "search", "--db", str(db), "--limit", "50"]
    fzf = shutil.which("fzf")
    sample = queries[: args.process_queries]
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

"""Opening a 100,000-article library and reading its list rows, beside ``SELECT count(*)``.

The library is built once into ``benchmarks/out/`` (gitignored): generated dumps
(``benchmarks/generate.py``) are parsed with the real pipeline, then their articles are
stored again under new ids until there are ``--articles`` of them (parsing 100,000
articles would only time the parser). A share of them is triaged and annotated as a
reader would: 30% read (one bulk step), 2% starred, 1% tagged, 500 highlights.

Each measurement is the best of ``--repeat`` wall-clock runs in this process, all on the
same file in the same run:

- ``SELECT count(*)``: sqlite3.connect + count, the floor any library open pays;
- ``Library.open``: checks, WAL, schema version;
- ``open + list_rows()``: what the reader does at start-up (the issue's target: <= 0.3 s);
- ``open + list_rows(order="date")``;
- ``get_article`` x 100: bodies read on demand, per 100 random articles;
- a fresh ``python`` process doing open + list_rows (interpreter start excluded).

    python benchmarks/bench_library.py [--articles 100000] [--repeat 5] [--rebuild]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from tui.extract.pipeline import PARSER_VERSION, parse_document  # noqa: E402
from tui.model import Article, make_article_id  # noqa: E402
from tui.store import Library  # noqa: E402
from tui.store.importer import store_document  # noqa: E402
from tui.store.rows import ImportReport  # noqa: E402

TARGET_S = 0.3


def _documents(articles: int, dumps_per_doc: int = 25) -> list[tuple[str, list[Article]]]:
    """Generated documents, parsed, holding about ``articles`` articles in all."""
    import generate

    source = generate.dumps(seed=7)
    docs: list[tuple[str, list[Article]]] = []
    total = 0
    while total < articles:
        text = "\n".join(next(source)[0] for _ in range(dumps_per_doc))
        parsed = parse_document(text, f"generated/{len(docs):04}.txt")
        docs.append((text, parsed))
        total += len(parsed)
    return docs


def build(path: Path, articles: int) -> dict[str, float]:
    """Write a library of ``articles`` articles at ``path``; the seconds each phase took."""
    path.unlink(missing_ok=True)
    times: dict[str, float] = {}
    started = time.perf_counter()
    docs = _documents(min(articles, 2000))
    times["parse 2,000 generated articles"] = time.perf_counter() - started
    started = time.perf_counter()
    with Library.open(path) as lib:
        lib.connection.execute("PRAGMA synchronous = OFF")  # building only: speed over safety
        stored = copy = 0
        while stored < articles:
            for n, (text, parsed) in enumerate(docs):
                batch: list[Article] = []
                for article in parsed[: articles - stored]:
                    new_id = make_article_id(f"{copy}:{article.id}")
                    title = f"{article.title} ({copy})" if copy else article.title
                    batch.append(dataclasses.replace(article, id=new_id, title=title))
                key = f"generated/copy{copy:03}/{n:04}.txt"
                store_document(
                    lib, key, key, f"h{copy}-{n}", text, batch, PARSER_VERSION, ImportReport()
                )
                stored += len(batch)
                if stored >= articles:
                    break
            copy += 1
        times[f"store {stored:,} articles"] = time.perf_counter() - started
        ids = lib.article_ids()
        rng = random.Random(1)
        started = time.perf_counter()
        lib.mark_read(rng.sample(ids, len(ids) * 3 // 10))
        times["mark 30% read (one bulk undo step)"] = time.perf_counter() - started
        lib.star(rng.sample(ids, len(ids) // 50))
        lib.add_tag(rng.sample(ids, len(ids) // 100), "follow-up")
        for article_id in rng.sample(ids, 500):
            article = lib.get_article(article_id)
            if article is not None and article.paragraphs:
                lib.add_highlight(article_id, article.paragraphs[0].span, label="bench")
    return times


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def _open_rows(path: Path, order: str = "imported") -> int:
    with Library.open(path) as lib:
        return len(lib.list_rows(order=order))


def _fresh_process(path: Path) -> float:
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[2]);"
        "from tui.store import Library; from tui.store import library;"
        "t = time.perf_counter(); lib = Library.open(sys.argv[1]); rows = lib.list_rows();"
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the library again")
    args = parser.parse_args(argv)

    path = HERE / "out" / f"library_{args.articles}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not path.exists() or _count(path) != args.articles:
        for phase, seconds in build(path, args.articles).items():
            print(f"build: {phase}: {seconds:.1f} s", file=sys.stderr)

    with Library.open(path) as lib:
        ids = lib.article_ids()
        n_rows = len(lib.list_rows())
    sample = random.Random(2).sample(ids, 100)

    def bodies() -> None:
        with Library.open(path) as lib:
            for article_id in sample:
                lib.get_article(article_id)

    floor = _best(lambda: _count(path), args.repeat)
    rows = [
        ("SELECT count(*)", floor),
        ("Library.open", _best(lambda: Library.open(path).close(), args.repeat)),
        ("open + list_rows()", _best(lambda: _open_rows(path), args.repeat)),
        ('open + list_rows(order="date")', _best(lambda: _open_rows(path, "date"), args.repeat)),
        ("open + get_article x 100", _best(bodies, args.repeat)),
        ("fresh process: open + list_rows()", min(_fresh_process(path) for _ in range(3))),
    ]
    size_mb = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    print(f"library: {n_rows:,} articles, {size_mb:.0f} MB on disk; best of {args.repeat}")
    print()
    print(f"| {'measurement':<36} | {'seconds':>8} | {'x count(*)':>10} |")
    print(f"|{'-' * 38}|{'-' * 9}:|{'-' * 11}:|")
    for name, seconds in rows:
        print(f"| {name:<36} | {seconds:>8.3f} | {seconds / floor:>10.1f} |")
    opened = rows[2][1]
    verdict = "meets" if opened <= TARGET_S else "MISSES"
    print(f"\nopen + list rows: {opened:.3f} s, {verdict} the {TARGET_S} s target")
    return 0 if opened <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())

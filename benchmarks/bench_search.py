"""Search on a library of generated articles, the engine side by side with another commit.

    python benchmarks/bench_search.py                       # 100,000 articles, vs main
    python benchmarks/bench_search.py --articles 20000      # a quicker run
    python benchmarks/bench_search.py --before REF          # against another commit
    python benchmarks/bench_search.py --out DIR             # corpus and libraries in DIR

A library is built once into benchmarks/out/ or ``--out DIR`` (benchmarks/generate.py,
parsed, and stored with the store's own ``store_document``); a later run with the same
folder reuses the corpus and libraries and only indexes and queries. The generator writes about 5
paragraphs per article; to reach the ~10 of real stories (100,000 articles, ~1M
paragraphs) each two neighbours of a file are stored as one article. When REF parses or
stores articles differently (the FTS5 version 85eb5f2 cannot open a library written by
today's code), REF's own code imports the same corpus into a library of its own (kept
in benchmarks/out/ under REF's commit, built once). Both implementations then index a
copy of their library from scratch, each in its own process (``--before REF``: the
``tui`` package of that commit, extracted to a temporary folder, on PYTHONPATH; default
``main``): time, peak memory (ru_maxrss), size on disk.

Latency: the two answer the same queries in turn (who goes first alternates, so both
see the same machine load): ``run_query`` on a warm index, "shown" until the contexts a
caller shows were worked out (the pane: its first 40). Queries are 1-3 words drawn from
the corpus, half with a typo in one word; some are also typed a key at a time. Ranking:
for each query, the top 10 of the implementation's first page against the top 10 of
the same scoring over every match (exhaustive). Then the first search of a fresh
process after indexing, and `newsdesk search` as a process against `fzf --filter` over
the same paragraphs written as lines.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_import import _pss, _rss, _tree  # scripts beside this one
from refs import checkout_tui

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


#: Builds a library from the corpus with the ``tui`` on PYTHONPATH (its own parser and
#: its own ``store_document``, so each commit gets a library its own code can open):
#: argv corpus, library, and optionally the file to write the paragraph lines to (fzf's
#: input and where queries are drawn from). The generator writes about 5 paragraphs per
#: article; to reach the ~10 of real stories each two neighbours of a file are stored as
#: one article.
_BUILDER = """
import dataclasses, sys
from pathlib import Path
from tui.extract.pipeline import parse_document
from tui.extract.version import PARSER_VERSION
from tui.model import Span, make_article_id
from tui.store import Library
from tui.store.importer import store_document
from tui.store.rows import ImportReport

def pairs(articles):
    for first, second in zip(articles[::2], articles[1::2]):
        yield dataclasses.replace(
            first,
            id=make_article_id(first.id + second.id),
            span=Span(first.span.start, max(first.span.end, second.span.end)),
            paragraphs=first.paragraphs + second.paragraphs,
            quotes=first.quotes + second.quotes,
            entities=first.entities + second.entities,
        )
    if len(articles) % 2:
        yield articles[-1]

corpus, db = Path(sys.argv[1]), Path(sys.argv[2])
handle = open(sys.argv[3], "w", encoding="utf-8") if len(sys.argv) > 3 else None
files = sorted(corpus.iterdir())
with Library.open(db) as library:
    report = ImportReport()
    for n, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        merged = list(pairs(parse_document(text, str(path))))
        store_document(library, str(path), str(path), str(n), text, merged, PARSER_VERSION, report)
        if handle:
            for article in merged:
                for paragraph in article.paragraphs:
                    handle.write(" ".join(paragraph.text.split()) + "\\n")
        if n % 200 == 0:
            print(f"\\r  storing {n}/{len(files)} files", end="", file=sys.stderr)
    library.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(file=sys.stderr)
if handle:
    handle.close()
"""


def _corpus(articles: int, out: Path) -> tuple[Path, int]:
    """The generated dump files (built once) and their size in bytes."""
    corpus = out / f"corpus_{2 * articles}"
    if not corpus.is_dir():
        subprocess.run(
            [
                *(sys.executable, str(HERE / "generate.py"), "--articles", str(2 * articles)),
                *("--per-file", "5", "--out", f"{corpus}/"),
            ],
            check=True,
        )
    return corpus, sum(p.stat().st_size for p in corpus.iterdir())


#: What the ``tui`` on PYTHONPATH stores in a library: its parser version and the
#: versioned tables it keeps derived data in (reported speech, story features; code
#: from before those has none). Prints JSON {"parser": int, "tables": [names]}.
_STORES = """
import json
from tui.extract.version import PARSER_VERSION
tables = []
for module in ("reported", "story_features"):
    try:
        tables.append(__import__(f"tui.store.{module}", fromlist=["TABLE"]).TABLE)
    except (ImportError, AttributeError):
        pass
print(json.dumps({"parser": PARSER_VERSION, "tables": tables}))
"""


def _stale(root: Path, db: Path) -> list[str]:
    """Why the library ``db`` is not what the ``tui`` at ``root`` would store (empty: it
    is): documents parsed by another parser version, or a versioned table of derived
    data (reported speech, story features) missing. A library kept from an older run
    is then rebuilt on purpose: a rebuild of its index would otherwise find again, or
    lack, what today's import keeps, and time and size something no user has (session
    12's 100k index read 167 MB on a library stored the day before; 135 MB on a fresh
    one)."""
    wanted = json.loads(
        subprocess.run(
            [sys.executable, "-c", _STORES],
            check=True,
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(root)),
            cwd=root,
        ).stdout
    )
    import sqlite3

    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        versions = {v for (v,) in conn.execute("SELECT DISTINCT parser_version FROM documents")}
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    reasons = []
    if versions != {wanted["parser"]}:
        found = ", ".join(str(v) for v in sorted(versions))
        reasons.append(f"parser version {found}, the code's {wanted['parser']}")
    reasons += [f"no table {t}" for t in wanted["tables"] if t not in tables]
    return reasons


def _library(root: Path, corpus: Path, db: Path, lines: Path | None = None) -> Path:
    """The corpus imported by the ``tui`` at ``root`` into ``db`` (once: kept for reuse,
    and imported again when the code stores articles differently: :func:`_stale`)."""
    if db.exists() and (lines is None or lines.exists()):
        reasons = _stale(root, db)
        if not reasons:
            return db
        print(
            f"\n*** {db.name} was stored by other code than {root} ({'; '.join(reasons)}):"
            " importing the corpus again ***\n",
            file=sys.stderr,
        )
        _drop(db)  # and its kept index
    partial = db.with_name(db.name + ".partial")
    for leftover in (partial, partial.with_name(partial.name + "-wal")):
        leftover.unlink(missing_ok=True)
    print(f"importing the corpus with the code at {root} into {db.name}", file=sys.stderr)
    extra = [str(lines)] if lines is not None else []
    subprocess.run(
        [sys.executable, "-c", _BUILDER, str(corpus), str(partial), *extra],
        check=True,
        env=dict(os.environ, PYTHONPATH=str(root)),
        cwd=root,
    )
    partial.rename(db)
    return db


def _same_importer(ref: str) -> bool:
    """Whether ``ref`` parses and stores articles as the working tree does (then one
    library serves both sides)."""
    paths = ["tui/store", "tui/extract", "tui/ingest", "tui/model.py"]
    changed = subprocess.run(["git", "-C", str(ROOT), "diff", "--quiet", ref, "--", *paths])
    return changed.returncode == 0


def _commit(ref: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short=10", ref],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


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


#: Counts the CPU of finding reported speech (``with_reported``) in ``reported``, where
#: this process finds it (a script's part: ``tui.extract.pipeline`` imported as
#: ``pipeline``, and ``time``).
_TIMED_REPORTED = """
reported = 0.0
find_reported = getattr(pipeline, "with_reported", None)

def timed_reported(*args, **kwargs):
    global reported
    began = time.process_time()
    try:
        return find_reported(*args, **kwargs)
    finally:
        reported += time.process_time() - began

if find_reported is not None:
    pipeline.with_reported = timed_reported
"""

#: Brings a library's index up to date, in its own process (the ``tui`` on PYTHONPATH):
#: from scratch if it has none (an upgrade, a lost index: what a user waits for at the
#: next command). argv: the library, and optionally how many worker processes make the
#: documents (code with ``tui.search.rebuild``; 1: made in this process). Prints
#: {"seconds", "cpu", "own_cpu", "rss_mb", "reported_cpu"}: CPU of every thread of this
#: process and of the workers it ended (``RUSAGE_CHILDREN``), and of this process alone;
#: finding reported speech counted where it runs in this process (by workers: not).
_INDEXER = (
    """
import json, os, resource, sys, time
import tui.extract.pipeline as pipeline
from tui.store import Library
from tui.search.library_state import index_for
if len(sys.argv) > 2:
    from tui.search import rebuild
    rebuild.JOBS = int(sys.argv[2])
"""
    + _TIMED_REPORTED
    + """

def children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

with Library.open(sys.argv[1]) as library:
    start, cpu, theirs = time.perf_counter(), time.process_time(), children()
    index_for(library)
    seconds = time.perf_counter() - start
    own = time.process_time() - cpu
    cpu = own + children() - theirs
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "seconds": seconds, "cpu": cpu, "own_cpu": own, "rss_mb": rss, "reported_cpu": reported,
}))
"""
)

#: What an import pays to index as it goes: the articles it has in memory, with their
#: document's text as the import hands them over, written to a fresh index, commits
#: included; prints {"seconds", "cpu", "rss_mb", "reported_cpu", "build", "build_cpu"}
#: (CPU: every thread, while building; "build": of it, making the documents, wall and
#: CPU of the thread: an import makes them in its parse workers, beside its writer).
#: Reported speech (what ``quote:``/``speaker:`` find) is quote extraction, done in an
#: import's parse workers beside the rest of the parse whether or not the index follows,
#: and kept by the library: it is read back from the library here, untimed (code from
#: before the library kept it finds it here, before the timed build, its CPU printed
#: apart). Articles and texts are read from the library first, untimed, 500 at a time.
#: (Code without ``indexable`` found it inside the build: then it is timed with it, and
#: also counted apart.)
_IMPORT_INDEXER = (
    """
import json, resource, sys, time
from pathlib import Path
import tui.extract.pipeline as pipeline
import tui.search.index as index_module
from tui.search import engine
from tui.search.index import SearchIndex, write_article, write_fields
from tui.store import Library
"""
    + _TIMED_REPORTED
    + """
indexable = getattr(index_module, "indexable", None)
folder = Path(sys.argv[2])
engine.remove_index(folder)
index = SearchIndex(folder)
seconds = cpu = build = build_cpu = 0.0
with Library.open(sys.argv[1]) as library:
    ids = library.article_ids()
    cached = {}

    def text_of(article_id):
        (doc,) = library.connection.execute(
            "SELECT doc FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if doc not in cached:
            cached.clear()  # a document's articles are neighbours: keep one text
            cached[doc] = library.document_text(doc)
        return cached[doc]

    writer = engine.open_writer(index.index)
    for start in range(0, len(ids), 500):
        articles = library.get_articles(ids[start : start + 500])
        sources = [text_of(a.id) for a in articles]
        if indexable is not None:  # the parse workers' part
            # with the reported speech the library kept (found by the import's parse,
            # with or without the index), else found here (code from before it was kept)
            kept = library.kept_reported(articles) if hasattr(library, "kept_reported") else {}
            pairs = [
                indexable(article, text, kept.get(article.id))
                for article, text in zip(articles, sources)
            ]
            articles, sources = [a for a, _t in pairs], [t for _a, t in pairs]
        began, cpu_began = time.perf_counter(), time.process_time()
        for n, (article, text) in enumerate(zip(articles, sources), start):
            if indexable is not None:
                made, made_cpu = time.perf_counter(), time.thread_time()
                fields = index_module.document_fields(article, text)
                build += time.perf_counter() - made
                build_cpu += time.thread_time() - made_cpu
                write_fields(writer, fields, n)
            else:
                write_article(writer, article, text, n)
        if start % getattr(index_module, "BATCH", 5000) == 0:  # the import's checkpoints
            writer.commit()
        seconds += time.perf_counter() - began
        cpu += time.process_time() - cpu_began
    began, cpu_began = time.perf_counter(), time.process_time()
    engine.close_writer(index.index, writer, commit=True)
    seconds += time.perf_counter() - began
    cpu += time.process_time() - cpu_began
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "seconds": seconds, "cpu": cpu, "rss_mb": rss, "reported_cpu": reported,
    "reported_in_build": indexable is None, "build": build, "build_cpu": build_cpu,
}))
"""
)

#: ``--import-cost``: an import of the first files of the corpus into a new library, as
#: ``newsdesk import`` does it with its index following (argv[2] "1") or without (the
#: index then left to the first search). argv: library, 1/0, how many files, corpus.
#: Prints {"seconds", "cpu"} (CPU: every thread, and the parse workers it ended).
_IMPORTER = """
import json, resource, sys, time
from pathlib import Path
from tui.search.follow import indexing
from tui.store import Library
db, follow, count, corpus = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3]), Path(sys.argv[4])
paths = [str(p) for p in sorted(corpus.iterdir())[:count]]

def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + usage.ru_utime + usage.ru_stime

with Library.open(db) as library:
    start, began = time.perf_counter(), cpu()
    if follow:
        with indexing(library):
            library.import_paths(paths)
    else:
        library.import_paths(paths)
    seconds, spent = time.perf_counter() - start, cpu() - began
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": spent, "rss_mb": rss}))
"""


def _import_cost(
    roots: dict[str, Path], corpus: Path, files: int, tmp: Path, turns: int = 2
) -> None:
    """``--import-cost``: what indexing adds to an import's wall time, the same import
    with and without its index following, each side in turn (who goes first and
    whether with or without the index alternate). The index's time is the difference:
    what an import without it still does (parsing, storing; after: also finding and
    keeping reported speech) is not counted to the index."""
    runs: dict[tuple[str, bool], list[dict]] = {(n, f): [] for n in roots for f in (False, True)}
    order = [(n, f) for n in roots for f in (False, True)]
    for turn in range(turns):
        for name, follow in order if turn % 2 == 0 else list(reversed(order)):
            db = tmp / "import.db"
            _drop(db)
            runs[name, follow].append(
                _index(roots[name], db, _IMPORTER, str(int(follow)), str(files), str(corpus))
            )
            _drop(db)

    def median(name: str, follow: bool, key: str) -> float:
        return statistics.median(r[key] for r in runs[name, follow])

    def extra(name: str, key: str) -> float:
        return median(name, True, key) - median(name, False, key)

    print(
        f"| import of {files} corpus files, median of {turns}: wall s (CPU s, process tree)"
        " | without the index | with it | the index's time: with - without |"
    )
    print("|---|---:|---:|---:|")
    for name in roots:
        _row(
            name,
            [
                f"{median(name, f, 'seconds'):.1f} ({median(name, f, 'cpu'):.1f})"
                for f in (False, True)
            ]
            + [f"{extra(name, 'seconds'):+.1f} s ({extra(name, 'cpu'):+.1f} CPU-s)"],
        )
    names = list(roots)
    if len(names) == 2:

        def ratio(before: float, after: float) -> str:
            return f"{before / after:.2f}x" if before > 0 and after > 0 else "n/a"

        _row(
            "before/after: wall (CPU)",
            [
                f"{ratio(median(names[0], f, 'seconds'), median(names[1], f, 'seconds'))}"
                f" ({ratio(median(names[0], f, 'cpu'), median(names[1], f, 'cpu'))})"
                for f in (False, True)
            ]
            + [
                f"{ratio(extra(names[0], 'seconds'), extra(names[1], 'seconds'))}"
                f" ({ratio(extra(names[0], 'cpu'), extra(names[1], 'cpu'))})"
            ],
        )
    _row(
        "peak memory, process tree summed RSS / PSS, MB (without / with)",
        [
            " / ".join(
                f"{median(n, f, 'tree_rss_mb'):.0f} / {median(n, f, 'tree_pss_mb'):.0f}"
                for f in (False, True)
            )
            for n in names
        ]
        + [""],
    )
    text_bytes = sum(p.stat().st_size for p in sorted(corpus.iterdir())[:files])
    sizes = {n: (median(n, True, "library_mb"), median(n, True, "index_mb")) for n in names}
    _row(
        f"library + index after the import with it, MB (text {text_bytes / 1e6:.0f} MB)",
        [
            f"{lib:.0f} + {index:.0f} ({(lib + index) * 1e6 / text_bytes:.1f}x)"
            for lib, index in sizes.values()
        ]
        + [""],
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")


#: Answers queries read from stdin (JSON lines: [query, limit, show, exhaustive]) with
#: {"ms", "shown", "ids", "top"}: the time of ``run_query`` alone on a warm index, the
#: time until the contexts of the first ``show`` hits were read, the ids of the first
#: ten, and (exhaustive) the top ten of the same scoring over every match.
_WORKER = """
import json, sys, time
from tui.store import Library
from tui.search import run_query
import tui.search.index as index_module
import tui.search.library_state  # what run_query imports at its first call: start-up, not search

library = Library.open(sys.argv[1])
try:  # what the app does once its first screen is shown (code that has it)
    from tui.search import warm
except ImportError:
    pass
else:
    warm(library)
for line in sys.stdin:
    query, limit, show, exhaustive = json.loads(line)
    start, cpu = time.perf_counter(), time.thread_time()
    hits = run_query(library, query, limit=limit)
    ms = (time.perf_counter() - start) * 1000
    for hit in hits[:show]:
        hit.context, hit.context_span, hit.highlights, hit.target
    shown = (time.perf_counter() - start) * 1000
    cpu = (time.thread_time() - cpu) * 1000
    top = None
    if exhaustive:
        if hasattr(index_module, "RANK_WINDOW"):  # FTS5: rank every match
            index_module.RANK_WINDOW = 10**9
        every = run_query(library, query, limit=10**7)
        order = sorted(range(len(every)), key=lambda i: (-every[i].score, i))
        top = [every[i].article_id for i in order[:10]]
        if hasattr(index_module, "RANK_WINDOW"):
            index_module.RANK_WINDOW = 8000
    ids = [h.article_id for h in hits[:10]]
    print(json.dumps({"ms": ms, "shown": shown, "cpu": cpu, "ids": ids, "top": top}), flush=True)
"""


class _Worker:
    def __init__(self, root: Path, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(root)),
            cwd=root,
        )

    def ask(self, query: str, limit: int, show: int, exhaustive: bool = False) -> dict:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps([query, limit, show, exhaustive]) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait()


#: Queries whose first search in a fresh process is timed (:func:`_first_searches`).
_FIRSTS = 8


def _near(a: str, b: str) -> bool:
    """The same first three letters (a word and a word it begins), or at most two edits
    apart (a word and its typo)."""
    if a[:3] == b[:3]:
        return True
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row, last = [i], row
        for j, y in enumerate(b, 1):
            row.append(min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (x != y)))
    return row[-1] <= 2


def _related(one: str, other: str) -> bool:
    """Whether two queries share a word, or a word and its typo or prefix: one of them
    would find the other's articles, neighbours and term pages already read."""
    return any(_near(a, b) for a in one.split() for b in other.split())


def _unrelated(queries: list[str], count: int, avoid: list[str]) -> list[str]:
    """The first ``count`` queries related to none of ``avoid`` nor to each other."""
    picked: list[str] = []
    for query in queries:
        if len(picked) < count and not any(_related(query, q) for q in [*avoid, *picked]):
            picked.append(query)
    return picked


def _first_searches(
    roots: dict[str, Path], libraries: dict[str, Path], queries: list[str]
) -> dict[str, tuple[list[float], list[float], list[float], list[float]]]:
    """:data:`_FIRSTS` queries each as the first search of a fresh process (warmed as
    the app is, where the code has it), and the same queries in one other process after
    as many other queries (not the first: what any other search costs). The queries
    share no word (nor a word's typo or prefix) with each other or with the others
    asked before them: a later search that found its articles unpacked, its typo
    neighbours looked up and its posting lists read by an earlier one like it (`rivals`
    before `rivvals`) is cheaper for that, not for being later (session 11's row
    compared with such; the first search then looked 1.9x dearer). Per side: (first
    ms, first CPU ms, later ms, later CPU ms); sides take turns."""
    mine = _unrelated(queries, _FIRSTS, [])
    others = _unrelated(queries, _FIRSTS, mine)
    found: dict[str, tuple[list[float], list[float], list[float], list[float]]] = {
        name: ([], [], [], []) for name in roots
    }
    for i, query in enumerate(mine):
        for name in list(roots) if i % 2 else list(reversed(roots)):
            worker = _Worker(roots[name], libraries[name])
            answer = worker.ask(query, 200, 40)
            worker.close()
            found[name][0].append(answer["shown"])
            found[name][1].append(answer["cpu"])
    for name in roots:
        worker = _Worker(roots[name], libraries[name])
        for query in others:
            worker.ask(query, 200, 40)
        for query in mine:
            answer = worker.ask(query, 200, 40)
            found[name][2].append(answer["shown"])
            found[name][3].append(answer["cpu"])
        worker.close()
    return found


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


class _TreePeak:
    """The peak memory of a process and its children (the workers), sampled every 20 ms
    from /proc while it runs: summed RSS (a forked worker's pages shared with its parent
    counted in each) and summed PSS (shared pages split between their sharers)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.rss = self.pss = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.is_set():
            tree = _tree(self.pid)
            self.rss = max(self.rss, sum(_rss(p) for p in tree))
            self.pss = max(self.pss, sum(_pss(p) for p in tree))
            self.done.wait(0.02)

    def stop(self) -> tuple[float, float]:
        """The peaks (summed RSS, summed PSS) in MB."""
        self.done.set()
        self.thread.join()
        return self.rss / 1e6, self.pss / 1e6


def _index(root: Path, library: Path, script: str = _INDEXER, *extra: str) -> dict:
    """Index a copy of the library with the ``tui`` at ``root``: time, memory (its
    process tree's too), sizes."""
    env = dict(os.environ, PYTHONPATH=str(root))
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(library), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=root,
    )
    peak = _TreePeak(process.pid)
    out, err = process.communicate()
    result = {}
    result["tree_rss_mb"], result["tree_pss_mb"] = peak.stop()
    if process.returncode:
        raise SystemExit(f"indexing failed:\n{err}")
    result.update(json.loads(out))
    result["library_mb"] = _size(library) / 1e6
    result["index_mb"] = _size(library.with_name(library.name + ".search")) / 1e6
    return result


def _ideal(run: dict, cores: int) -> float:
    """The wall time of ``run`` on ``cores`` idle cores if its CPU spread perfectly: the
    process tree's CPU shared by the cores, or the writing process's own if longer."""
    return max(run.get("own_cpu", run["cpu"]), run["cpu"] / cores)


def _fresh_copy(library: Path, copy: Path) -> Path:
    """A copy of ``library`` without an index."""
    _drop(copy)
    shutil.copy(library, copy)
    return copy


def _drop(library: Path) -> None:
    library.unlink(missing_ok=True)
    shutil.rmtree(library.with_name(library.name + ".search"), ignore_errors=True)


def _process(argv: list[str], **kwargs: object) -> tuple[float, float]:
    """Run ``argv`` (output dropped): its wall time and CPU time (user + sys, every
    thread of it and of its children), in ms."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    wall = (time.perf_counter() - start) * 1000
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu * 1000


def _import_index_turns(
    roots: dict[str, Path], sources: dict[str, Path], tmp: Path, turns: int
) -> None:
    """``--index-only``: each side builds the index as an import does, in turns (who goes
    first alternates): wall and CPU of each run, and the medians' ratio."""
    runs: dict[str, list[dict]] = {name: [] for name in roots}
    for turn in range(turns):
        for name in list(roots) if turn % 2 == 0 else list(reversed(roots)):
            copy = tmp / f"{name.split()[0]}.db"
            shutil.copy(sources[name], copy)
            folder = copy.with_name(copy.name + ".search")
            result = _index(roots[name], copy, _IMPORT_INDEXER, str(folder))
            result["index_mb"] = _size(folder) / 1e6
            runs[name].append(result)
            copy.unlink()
            shutil.rmtree(folder, ignore_errors=True)
    names = list(roots)
    print("| index built as an import builds it | " + " | ".join(names) + " | before/after |")
    print("|---|---:|---:|---:|")

    def median(name: str, key: str) -> float:
        return statistics.median(r.get(key, 0.0) for r in runs[name])

    for label, key in (
        (f"wall s, each run (median of {turns})", "seconds"),
        ("CPU s, all threads, each run (median)", "cpu"),
    ):
        _row(
            label,
            [
                ", ".join(f"{r[key]:.1f}" for r in runs[n]) + f" ({median(n, key):.1f})"
                for n in names
            ]
            + [f"{median(names[0], key) / median(names[1], key):.2f}x"],
        )
    _row(
        "of it, making the documents (the parse workers' part): wall s (CPU s), median",
        [f"{median(n, 'build'):.1f} ({median(n, 'build_cpu'):.1f})" for n in names] + [""],
    )
    _row(
        "peak memory (ru_maxrss) MB / index MB, median",
        [f"{median(n, 'rss_mb'):.0f} / {median(n, 'index_mb'):.0f}" for n in names] + [""],
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _current_index(folder: Path) -> bool:
    """Whether the index in ``folder`` is of this code's layout (else its first query
    would rebuild it, inside the timed rows)."""
    check = (
        "import sys\nfrom pathlib import Path\nfrom tui.search import engine\n"
        "from tui.search.index import SearchIndex\n"
        "meta = SearchIndex(Path(sys.argv[1])).meta()\n"
        "sys.exit(meta.get('version') != engine.INDEX_VERSION)"
    )
    found = subprocess.run(
        [sys.executable, "-c", check, str(folder)],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        capture_output=True,
    )
    return found.returncode == 0


def _kept_index_copies(names: list[str], base: Path, tmp: Path) -> dict[str, Path]:
    """For ``--latency``: a copy of the library and of its index for each side. The
    index is built once by this tree's code (``index_for``) and kept beside the
    library in the output folder, as the library is."""
    kept = base.with_name(base.name + ".search")
    if kept.is_dir() and not _current_index(kept):
        print(
            f"\n*** {kept.name} is of another index version than this code's: building it"
            " again ***\n",
            file=sys.stderr,
        )
        shutil.rmtree(kept)
    if not kept.is_dir():
        print(f"indexing {base.name} once (kept for --latency runs)", file=sys.stderr)
        work = base.with_name(base.name + ".indexing")
        shutil.copy(base, work)
        _index(ROOT, work)
        work.with_name(work.name + ".search").rename(kept)
        work.unlink()
    libraries = {}
    for name in names:
        copy = tmp / f"{name.split()[0]}.db"
        shutil.copy(base, copy)
        shutil.copytree(kept, copy.with_name(copy.name + ".search"))
        libraries[name] = copy
    return libraries


def _slowest(rows: list[tuple[str, list[str], dict[str, list[float]]]], names: list[str]) -> None:
    """After the table: each row's queries at or above its p95 on either side (what
    makes the p95), with both sides' CPU times (wall times under load are the machine's
    more than the query's)."""
    notes = []
    for label, items, times in rows:
        limits = {n: _percentile(times[n], 95) for n in names}
        above = [i for i in range(len(items)) if any(times[n][i] >= limits[n] for n in names)]
        above.sort(key=lambda i: -times[names[1]][i])
        shown = "; ".join(
            f"{items[i]!r} " + " / ".join(f"{times[n][i]:.1f}" for n in names) for i in above
        )
        notes.append(f"- {label}: at or above the CPU p95 (CPU ms, {' / '.join(names)}): {shown}")
    print("\n".join(notes), flush=True)


def _row(label: str, values: list[str]) -> None:
    print(f"| {label} | " + " | ".join(values) + " |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--typed-queries", type=int, default=20)
    parser.add_argument("--exhaustive-queries", type=int, default=20)
    parser.add_argument("--process-queries", type=int, default=15)
    parser.add_argument("--before", default="main", metavar="REF")
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "out",
        metavar="DIR",
        help="where the corpus and libraries are built once and reused (default benchmarks/out)",
    )
    parser.add_argument(
        "--latency",
        action="store_true",
        help="only the query rows: both sides search copies of one index, built once and"
        " kept in DIR (no indexing table; the index layout must be the same on both sides)",
    )
    parser.add_argument(
        "--import-cost",
        type=int,
        metavar="FILES",
        help="only what indexing adds to an import: the first FILES corpus files imported"
        " with the index following and without, by both sides in turns, then stop",
    )
    parser.add_argument(
        "--turns",
        type=int,
        default=2,
        metavar="N",
        help="--import-cost: runs of each import (the median is shown)",
    )
    parser.add_argument(
        "--rebuild-only",
        action="store_true",
        help="only the indexing table (the index rebuilt from the library, both sides), then stop",
    )
    parser.add_argument(
        "--index-only",
        type=int,
        default=0,
        metavar="N",
        help="only the index built as an import builds it, both sides in turn N times"
        " (for a REF that builds it at import too), then stop",
    )
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    corpus, text_bytes = _corpus(args.articles, out)
    if args.import_cost:
        with tempfile.TemporaryDirectory(prefix="bench_search_", dir=out) as tmp:
            tmp_path = Path(tmp)
            roots = {
                f"before ({args.before})": checkout_tui(args.before, tmp_path / "before"),
                "after": ROOT,
            }
            _import_cost(roots, corpus, args.import_cost, tmp_path, args.turns)
        return 0
    lines = out / f"paragraphs_{args.articles}x10.txt"
    base = _library(ROOT, corpus, out / f"library_{args.articles}x10.db", lines)
    queries = _queries(lines, args.queries)
    with open(lines, encoding="utf-8") as handle:
        n_paragraphs = sum(1 for _ in handle)
    print(f"corpus: {args.articles} articles, {n_paragraphs} paragraphs, {text_bytes / 1e6:.0f} MB")
    print(f"queries: {len(queries)}, e.g. {queries[:4]}\n")

    with tempfile.TemporaryDirectory(prefix="bench_search_", dir=out) as tmp:
        tmp_path = Path(tmp)
        roots = {
            f"before ({args.before})": checkout_tui(args.before, tmp_path / "before"),
            "after": ROOT,
        }
        sources = {"after": base}
        if args.latency and not _same_importer(args.before):
            parser.error(f"--latency: {args.before} stores articles differently (no shared index)")
        if _same_importer(args.before):
            sources[f"before ({args.before})"] = base
        else:  # an older library layout: the old code imports the corpus itself
            db = out / f"library_{args.articles}x10_{_commit(args.before)}.db"
            sources[f"before ({args.before})"] = _library(
                roots[f"before ({args.before})"], corpus, db
            )
        if args.index_only:
            _import_index_turns(roots, sources, tmp_path, args.index_only)
            return 0
        names = list(roots)
        if args.latency:
            libraries = _kept_index_copies(names, base, tmp_path)
        else:
            libraries = {}
            built = {}
            for name, root in roots.items():  # before: at its first search; after: rebuilt
                copy = tmp_path / f"{name.split()[0]}.db"
                shutil.copy(sources[name], copy)
                library_mb = _size(copy) / 1e6
                built[name] = _index(root, copy)
                built[name]["library_mb_before"] = library_mb
                libraries[name] = copy
            b, a = (built[n] for n in names)
            # after: the same rebuild in one process, then the index written as an
            # import writes it (its documents made by its parse workers: timed apart)
            alone = _index(ROOT, _fresh_copy(base, tmp_path / "alone.db"), _INDEXER, "1")
            work = _fresh_copy(base, tmp_path / "as_import.db")
            folder = work.with_name(work.name + ".search")
            as_import = _index(ROOT, work, _IMPORT_INDEXER, str(folder))
            for leftover in (tmp_path / "alone.db", work):
                _drop(leftover)
            from tui.store.parallel import default_jobs  # the rebuild's: one per core

            jobs = default_jobs()
            print("| indexing the library | " + " | ".join(names) + " | before/after |")
            print("|---|---:|---:|---:|")
            _row(
                "index time: rebuilt from the library (an upgrade, a lost index, an import"
                " killed before its index caught up), wall s (CPU s, process tree)",
                [
                    f"{b['seconds']:.1f} ({b['cpu']:.1f}) at the first search",
                    f"{a['seconds']:.1f} ({a['cpu']:.1f}), documents made by {jobs} workers",
                    f"{b['seconds'] / a['seconds']:.1f}x",
                ],
            )
            _row(
                f"... on {jobs} idle cores (the workers' CPU spread over the cores, or the"
                " writing process's own, whichever is longer), s: an estimate for loaded runs",
                ["", f"{_ideal(a, jobs):.1f}", ""],
            )
            _row(
                "... the same rebuild in one process, wall s (CPU s; of it finding reported"
                " speech) / one process against the workers",
                [
                    "",
                    f"{alone['seconds']:.1f} ({alone['cpu']:.1f}; {alone['reported_cpu']:.1f})",
                    f"{alone['seconds'] / a['seconds']:.2f}x",
                ],
            )
            _row(
                "... peak memory: process (ru_maxrss) / process tree summed RSS / summed PSS, MB",
                [
                    f"{x['rss_mb']:.0f} / {x['tree_rss_mb']:.0f} / {x['tree_pss_mb']:.0f}"
                    for x in (b, a)
                ]
                + [f"{b['tree_rss_mb'] / a['tree_rss_mb']:.1f}x"],
            )
            _row(
                "writing the index as an import goes (the import's parse workers make the"
                " documents, not timed here): wall s (CPU s, all threads) / peak MB",
                [
                    "",
                    f"{as_import['seconds'] - as_import['build']:.1f}"
                    f" ({as_import['cpu'] - as_import['build_cpu']:.1f}) /"
                    f" {as_import['rss_mb']:.0f}",
                    "",
                ],
            )
            _row(
                "... what the parse workers spend on it beside the parse: making the"
                " documents / finding reported speech (0: the library kept the parse's),"
                " CPU s",
                [
                    "",
                    f"{as_import['build_cpu']:.1f} / {as_import['reported_cpu']:.1f}",
                    "",
                ],
            )
            sizes = [x["library_mb"] - x["library_mb_before"] + x["index_mb"] for x in (b, a)]
            _row(
                "index size, MB",
                [f"{sizes[0]:.0f}", f"{sizes[1]:.0f}", f"{sizes[0] / sizes[1]:.1f}x"],
            )
            totals = [x["library_mb"] + x["index_mb"] for x in (b, a)]
            _row(
                f"library + index, MB (text {text_bytes / 1e6:.0f} MB)",
                [
                    f"{totals[0]:.0f} ({totals[0] * 1e6 / text_bytes:.1f}x)",
                    f"{totals[1]:.0f} ({totals[1] * 1e6 / text_bytes:.1f}x)",
                    "",
                ],
            )
            print()
            if args.rebuild_only:
                print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
                return 0

        workers = {name: _Worker(roots[name], libraries[name]) for name in names}
        try:
            # The first search of a fresh process after indexing, then the others.
            first = {name: workers[name].ask(queries[0], 200, 40) for name in names}
            again = {name: workers[name].ask(queries[0], 200, 40)["shown"] for name in names}
            firsts = _first_searches(roots, libraries, queries)
            typed = [q[:n] for q in queries[: args.typed_queries] for n in range(1, len(q) + 1)]
            rows = [
                ("`newsdesk search` (limit 50, all shown)", queries, 50, 50),
                ("pane first page (limit 200, first 40 shown)", queries, 200, 40),
                (f"pane, {args.typed_queries} queries typed a key at a time", typed, 200, 40),
            ]
            header = ["in process, ms"]
            header += [f"{n} p50 \\| p95 (CPU p50 \\| p95)" for n in names] + ["p95 before/after"]
            print("| " + " | ".join(header) + " |")
            print("|---|---:|---:|---:|")
            slowest: list[tuple[str, list[str], dict[str, list[float]]]] = []
            medians: list[dict[str, float]] = []  # each row's, per side
            for label, items, limit, show in rows:
                times: dict[str, list[float]] = {n: [] for n in names}
                cpus: dict[str, list[float]] = {n: [] for n in names}
                for i, query in enumerate(items):
                    for name in names if i % 2 else reversed(names):
                        answer = workers[name].ask(query, limit, show)
                        times[name].append(answer["shown"])
                        cpus[name].append(answer["cpu"])
                cells = [
                    f"{statistics.median(times[n]):.1f} \\| {_percentile(times[n], 95):.1f}"
                    f" ({statistics.median(cpus[n]):.1f} \\| {_percentile(cpus[n], 95):.1f})"
                    for n in names
                ]
                ratio = _percentile(times[names[0]], 95) / _percentile(times[names[1]], 95)
                _row(f"{label} ({len(items)})", [*cells, f"{ratio:.1f}x"])
                slowest.append((label, items, cpus))
                medians.append({n: statistics.median(times[n]) for n in names})
            _slowest(slowest, names)
            _row(
                "first search after indexing, the index warmed as the app does after its"
                " first screen, wall (CPU) ms (the same query again; the medians of the"
                " pane row and of the typed row)",
                [
                    f"{first[n]['shown']:.1f} ({first[n]['cpu']:.1f}) ({again[n]:.1f};"
                    f" medians {medians[1][n]:.1f}, {medians[2][n]:.1f})"
                    for n in names
                ]
                + [""],
            )
            _row(
                f"first search of a fresh process, median over {_FIRSTS} queries (CPU), against"
                f" the same queries after {_FIRSTS} others in another process, none related"
                " to another: first/later wall (CPU; the median of each query's CPU ratio)",
                [
                    f"{statistics.median(f):.1f} ({statistics.median(fc):.1f}) vs"
                    f" {statistics.median(la):.1f} ({statistics.median(lc):.1f}):"
                    f" {statistics.median(f) / statistics.median(la):.2f}x"
                    f" ({statistics.median(fc) / statistics.median(lc):.2f}x;"
                    f" {statistics.median(a / b for a, b in zip(fc, lc, strict=True)):.2f}x)"
                    for f, fc, la, lc in (firsts[n] for n in names)
                ]
                + [""],
            )
            print()
            overlap = {n: [] for n in names}
            for query in queries[: args.exhaustive_queries]:
                for name in names:
                    answer = workers[name].ask(query, 200, 0, True)
                    top = answer["top"]
                    if top:
                        overlap[name].append(len(set(top) & set(answer["ids"])) / len(top))
            print(
                "| ranking: top 10 shared with the exhaustive ranking | " + " | ".join(names) + " |"
            )
            print("|---|---:|---:|")
            _row(
                f"mean over {args.exhaustive_queries} queries",
                [f"{100 * statistics.mean(overlap[n]):.0f}%" for n in names],
            )
            _row("worst query", [f"{100 * min(overlap[n]):.0f}%" for n in names])
        finally:
            for worker in workers.values():
                worker.close()
        print()

        after = libraries[names[1]]
        ours = [sys.executable, "-m", "tui", "search", "--db", str(after), "--limit", "50"]
        fzf = shutil.which("fzf")
        mine: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        # As installed: with its modules' bytecode cached (pip compiles it at install;
        # PYTHONDONTWRITEBYTECODE, set in some shells, made every run compile the
        # package again, ~125 ms of a ~220 ms process). Kept out of the tree.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"))
        if queries[: args.process_queries]:
            _process([*ours, queries[0]], env=env, check=True)  # writes the bytecode
        for query in queries[: args.process_queries]:
            mine.append(_process([*ours, query], env=env, check=True))
            if fzf:
                with open(lines, "rb") as stdin:
                    theirs.append(_process([fzf, "--filter", query], stdin=stdin))
        if not mine:  # --process-queries 0
            print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            return 0
        print(
            "| whole process, same queries, same paragraphs | wall median ms | wall p95 ms"
            " | CPU (user+sys) median ms | CPU p95 ms |"
        )
        print("|---|---:|---:|---:|---:|")

        def cells(runs: list[tuple[float, float]]) -> list[str]:
            walls, cpus = [w for w, _c in runs], [c for _w, c in runs]
            return [
                f"{statistics.median(walls):.0f}",
                f"{_percentile(walls, 95):.0f}",
                f"{statistics.median(cpus):.0f}",
                f"{_percentile(cpus, 95):.0f}",
            ]

        _row("`newsdesk search` (after)", cells(mine))
        if fzf:
            _row("`fzf --filter` (paragraph lines)", cells(theirs))
            wall = statistics.median(w for w, _c in theirs) / statistics.median(w for w, _c in mine)
            cpu = statistics.median(c for _w, c in theirs) / statistics.median(c for _w, c in mine)
            print(
                f"\nnewsdesk search is {cpu:.1f}x faster than fzf --filter in CPU time"
                f" ({wall:.1f}x in wall time; medians over the queries)"
            )
        else:
            print("\nfzf not found: install it (apt-get install -y fzf) for the side-by-side run")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

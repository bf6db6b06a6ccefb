"""Where the slow keys of the search pane's typed row spend their time.

    python benchmarks/typed_tail.py --out DIR                 # the code of this tree
    python benchmarks/typed_tail.py --out DIR --root /tmp/ref  # another tree's ``tui``

``DIR`` is a ``bench_search.py --latency --out DIR`` folder: its library and the index
kept beside it are copied, and the typed row of ``bench_search.py`` (its first 20
queries typed a key at a time, after its pane queries, as it asks them) is asked in a
process of the ``tui`` at ``--root``, ``--rounds`` times. Each key's CPU (the thread's:
the median over the rounds) is split into tantivy's ranking (``_ranked``), the hits
made with the stored documents of the first 40 read (``_hits``), unpacking them,
their texts lower-cased (``ArticleUnits``), the contexts chosen
(``ContextFinder.best``) and the rest (parsing, the freshness check, the free words,
the tiers, keeping the units; and the timing itself, ~0.3 ms a key that shows 40);
and how the key was answered: ranked, the last page narrowed (a word typed further:
``_narrowed``), the same as the last query (a space), or nothing to rank (a word in no
article). Prints the p50 and p95 of the keys and the keys at or above the p95.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_search import _percentile, _queries  # scripts beside this one

HERE = Path(__file__).resolve().parent

#: argv: library, rounds; stdin: JSON [pane queries, typed keys]; prints one JSON line
#: per typed key: {"key", "ms": {stage: median CPU ms}, "how"}.
_PROFILER = """
import json, statistics, sys, time
import tui.search.context as context_module
import tui.search.index as index_module
from tui.search import run_query, warm
from tui.store import Library

spent = {}
answered = []

def timed(owner, name, stage):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        began = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.thread_time() - began

    setattr(owner, name, wrapper)

timed(index_module.SearchIndex, "_ranked", "tantivy ranking")
timed(index_module.SearchIndex, "_hits", "hits made, documents read")
timed(index_module, "unpack_units", "unpacking")
timed(context_module.ArticleUnits, "__init__", "lower-casing")
timed(context_module.ContextFinder, "best", "contexts chosen")
for name, how in (("_narrowed", "narrowed"), ("_same_as_last", "same as last")):
    original = getattr(index_module.SearchIndex, name, None)
    if original is None:
        continue

    def noting(*args, _original=original, _how=how, **kwargs):
        found = _original(*args, **kwargs)
        if found is not None:
            answered.append(_how)
        return found

    setattr(index_module.SearchIndex, name, noting)

library = Library.open(sys.argv[1])
warm(library)
pane, typed = json.loads(sys.stdin.readline())

def ask(query):
    spent.clear()
    answered.clear()
    began = time.thread_time()
    hits = run_query(library, query, limit=200)
    for hit in hits[:40]:
        hit.context, hit.context_span, hit.highlights, hit.target
    whole = time.thread_time() - began
    stages = {k: v * 1000 for k, v in spent.items()}
    stages["rest"] = whole * 1000 - sum(stages.values())
    stages["whole"] = whole * 1000
    how = answered[-1] if answered else ("ranked" if "tantivy ranking" in spent else "nothing")
    return stages, how

runs = {key: [] for key in typed}
hows = {}
for _ in range(int(sys.argv[2])):
    for query in pane:  # as bench_search.py asks them: its pane rows first
        ask(query)
    for key in typed:
        stages, hows[key] = ask(key)
        runs[key].append(stages)
for key in typed:
    names = {name for stages in runs[key] for name in stages}
    ms = {n: statistics.median(s.get(n, 0.0) for s in runs[key]) for n in names}
    print(json.dumps({"key": key, "ms": ms, "how": hows[key]}))
"""

_STAGES = [
    "tantivy ranking",
    "hits made, documents read",
    "unpacking",
    "lower-casing",
    "contexts chosen",
    "rest",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the tree whose tui is run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--typed-queries", type=int, default=20)
    args = parser.parse_args()
    out = args.out.resolve()
    library = out / f"library_{args.articles}x10.db"
    kept = library.with_name(library.name + ".search")
    if not kept.is_dir():
        parser.error(f"no kept index in {out}: run bench_search.py --latency --out {out} first")
    queries = _queries(out / f"paragraphs_{args.articles}x10.txt", args.queries)
    typed = [q[:n] for q in queries[: args.typed_queries] for n in range(1, len(q) + 1)]
    with tempfile.TemporaryDirectory(prefix="typed_tail_", dir=out) as tmp:
        copy = Path(tmp) / "library.db"
        shutil.copy(library, copy)
        shutil.copytree(kept, copy.with_name(copy.name + ".search"))
        found = subprocess.run(
            [sys.executable, "-c", _PROFILER, str(copy), str(args.rounds)],
            input=json.dumps([queries, typed]) + "\n",
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, PYTHONPATH=str(args.root.resolve())),
            cwd=args.root,
        ).stdout
    keys = [json.loads(line) for line in found.splitlines()]
    whole = [k["ms"]["whole"] for k in keys]
    p95 = _percentile(whole, 95)
    print(
        f"{args.root}: {len(keys)} keys, CPU p50 {statistics.median(whole):.1f} ms,"
        f" p95 {p95:.1f} ms (medians of {args.rounds} rounds; load"
        f" {' '.join(f'{x:.1f}' for x in os.getloadavg())})\n"
    )
    print("| key at or above the p95 | how | CPU ms | " + " | ".join(_STAGES) + " |")
    print("|---|---|---:|" + "---:|" * len(_STAGES))
    tail = sorted((k for k in keys if k["ms"]["whole"] >= p95), key=lambda k: -k["ms"]["whole"])
    for k in tail:
        cells = [f"{k['ms'].get(s, 0.0):.1f}" for s in _STAGES]
        print(f"| `{k['key']}` | {k['how']} | {k['ms']['whole']:.1f} | " + " | ".join(cells) + " |")
    hows: dict[str, int] = {}
    for k in keys:
        hows[k["how"]] = hows.get(k["how"], 0) + 1
    print("\nhow the keys were answered: " + ", ".join(f"{n} {h}" for h, n in sorted(hows.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

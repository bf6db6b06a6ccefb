"""Do two versions of the quote finder give the same quotes? And how fast is each?

For speed work on :mod:`tui.extract.quotes`, whose results must not change: runs
``find_quotes`` from this checkout and from a git revision (``--base``, default
``main``; its ``tui`` is unpacked beside this one as ``newsdesk_base``) on the same
inputs in one process, and compares every quote, all fields (text, span, speaker,
speaker span, cue, kind, confidence), article by article. Prints the first
differences, then CPU seconds of ``find_quotes`` alone (reading and entity finding are
done first and not counted), best of ``--repeat`` with the two versions alternating.

Inputs: generated dumps (``--megabytes``, default 10; written with ``generate.py`` if
missing), the seed dumps and every Wikinews article of ``../shared`` when present (also
with their quote marks made straight, and single), and the written articles of the
labelled set (``tests/quotes/gold/written``); with ``--polnear REPO``, PolNeAR's train
articles too (read as ``quote_polnear.py`` reads them: train only, in memory).

    python benchmarks/compare_quotes.py [--base main] [--megabytes 10 100] [--repeat 3]
                                        [--polnear REPO]
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from generate import benchmark_dump  # the generator, a script beside this one
from refs import import_renamed_tui  # a script beside this one

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED") or ROOT.parent / "shared")  # as the tests


#: The Wikinews articles as written, and with their quote marks swapped: more ways
#: through the rules (straight marks, single marks) on real sentences.
_VARIANTS = {
    "as written": {},
    "straight marks": str.maketrans("“”", '""'),
    "single marks": str.maketrans("“”", "‘’"),
}


def _inputs(megabytes: list[float]) -> list[tuple[str, str]]:
    """``(name, path or "wikinews:<row>")`` of every input, in a fixed order."""
    found: list[tuple[str, str]] = []
    for size in megabytes:
        path = benchmark_dump(size)
        found.append((path.name, str(path)))
    if (SHARED / "seeds").is_dir():
        found += [(p.name, str(p)) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    else:  # a worktree has no ../shared beside it: say what the comparison leaves out
        print(
            f"compare_quotes: {SHARED} not found: the seeds and Wikinews are left out "
            "(set NEWSDESK_SHARED to the shared folder)",
            file=sys.stderr,
        )
    written = ROOT / "tests" / "quotes" / "gold" / "written"
    found += [(p.name, str(p)) for p in sorted(written.glob("*.txt"))]
    corpus = SHARED / "corpora" / "wikinews_2019.csv"
    if corpus.exists():
        with open(corpus, encoding="utf-8", newline="") as f:
            rows = sum(1 for _ in csv.DictReader(f))
        for variant in _VARIANTS:
            found += [
                (f"wikinews row {n} {variant}", f"wikinews:{n}:{variant}") for n in range(rows)
            ]
    return found


def _load(name: str, where: str, rows: list[dict[str, str]]) -> str:
    """The decoded text of one input (a file, or a Wikinews row as the labelled set has it)."""
    from tui.ingest.decode import clean_text
    from tui.ingest.files import load_document

    if where.startswith("wikinews:"):
        _, n, variant = where.split(":")
        row = rows[int(n)]
        return clean_text(f"{row['title']}\n\n{row['text']}").translate(_VARIANTS[variant])
    return load_document(where).text


def _fields(quotes: tuple) -> list[tuple]:
    """Every field of every quote, as plain values (the two versions' classes differ)."""
    return [
        (q.text, q.span.start, q.span.end, q.speaker)
        + ((q.speaker_span.start, q.speaker_span.end) if q.speaker_span else (None,))
        + (q.cue, q.kind.value, q.confidence)
        for q in quotes
    ]


def _base_package(revision: str, into: Path) -> ModuleType:
    """``tui`` at ``revision``, importable beside this checkout's as ``newsdesk_base``."""
    return importlib.import_module(f"{import_renamed_tui(revision, into)}.extract.quotes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="git revision to compare against")
    parser.add_argument("--megabytes", type=float, nargs="*", default=[10])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--polnear", type=Path, metavar="REPO", help="PolNeAR's repository")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from tui.extract.entities import find_entities

    # Quotations and reported speech: what the old find_quotes returned before issue 13's
    # second round found reported speech apart (find_all_quotes).
    from tui.extract.quotes import find_all_quotes as find_quotes
    from tui.ingest.dump import gc_paused, read_dump

    inputs = _inputs(args.megabytes)
    polnear: dict[str, str] = {}
    if args.polnear is not None:
        from quote_polnear import read_train

        polnear = {f"polnear:{a.name}": a.text for a in read_train(args.polnear)}
        inputs += [(name, name) for name in polnear]
    rows: list[dict[str, str]] = []
    corpus = SHARED / "corpora" / "wikinews_2019.csv"
    if corpus.exists():
        with open(corpus, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    differences = quotes = 0
    seconds: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = _base_package(args.base, Path(tmp))
        base_find = getattr(base, "find_all_quotes", base.find_quotes)
        for name, where in inputs:
            text = polnear[where] if where in polnear else _load(name, where, rows)
            with gc_paused():  # as parse_document runs
                work = [
                    (a.paragraphs, find_entities(text, a.paragraphs)) for a in read_dump(text, name)
                ]
            best = [float("inf"), float("inf")]
            found: list[list] = [[], []]
            # The two versions alternate, so that drift in the machine's load hits both.
            for _ in range(args.repeat):
                for n, finder in enumerate((base_find, find_quotes)):
                    found[n] = []
                    if name.startswith("dump_"):
                        gc.collect()  # each run of a big input starts from the same heap
                    with gc_paused():
                        start = time.process_time()
                        found[n] = [finder(text, p, entities) for p, entities in work]
                        best[n] = min(best[n], time.process_time() - start)
            seconds[name] = best
            for k, (before, after) in enumerate(zip(found[0], found[1], strict=True)):
                before, after = _fields(before), _fields(after)
                quotes += len(before)
                if before != after:
                    differences += 1
                    if differences <= 10:
                        print(f"{name}, article {k}:\n  before {before}\n  after  {after}")
    print(f"{len(inputs)} inputs, {quotes} quotes: {differences} articles differ")
    print()
    print(f"find_quotes alone, CPU seconds, best of {args.repeat}, the two alternating")
    print()
    print(f"| input | {args.base} | this checkout | ratio |")
    print("|---|---:|---:|---:|")
    rest = [name for name, _ in inputs if not name.startswith("dump_")]
    for name, _ in inputs:
        if name.startswith("dump_"):
            b, a = seconds[name]
            print(f"| {name} | {b:.2f} | {a:.2f} | {a / b:.2f} |")
    if rest:
        b, a = (sum(seconds[n][k] for n in rest) for k in (0, 1))
        print(f"| {len(rest)} real and written articles | {b:.3f} | {a:.3f} | {a / b:.2f} |")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())

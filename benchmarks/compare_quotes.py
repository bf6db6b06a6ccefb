"""Do two versions of the quote finder give the same quotes? And how fast is each?

For speed work on :mod:`tui.extract.quotes`, whose results must not change: runs
``find_quotes`` from this checkout and from a git revision (``--base``, default
``main``) on the same inputs, each in its own process, and compares every quote, all
fields (text, span, speaker, speaker span, cue, kind, confidence), article by article.
Prints the first differences, then CPU seconds of ``find_quotes`` alone (reading and
entity finding are done first and not counted), best of ``--repeat``.

Inputs: generated dumps (``--megabytes``, default 10; written with ``generate.py`` if
missing), the seed dumps and every Wikinews article of ``../shared`` when present, and
the written articles of the labelled set; the
Wikinews articles also with straight and with single quote marks (``tests/quotes/gold/written``).

    python benchmarks/compare_quotes.py [--base main] [--megabytes 10 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"


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
        path = HERE / "out" / f"dump_{size:g}mb_seed1.txt"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), "--megabytes", str(size),
                 "--seed", "1", "--out", str(path)],
                check=True,
            )  # fmt: skip
        found.append((path.name, str(path)))
    if (SHARED / "seeds").is_dir():
        found += [(p.name, str(p)) for p in sorted((SHARED / "seeds").glob("*.txt"))]
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


def _worker(inputs_file: str, out_file: str, repeat: int) -> None:
    """In the process of one version: quotes of every input, and find_quotes' time."""
    from tui.extract.entities import find_entities
    from tui.extract.quotes import find_quotes
    from tui.ingest.decode import clean_text
    from tui.ingest.dump import read_dump
    from tui.ingest.files import load_document

    inputs = pickle.loads(Path(inputs_file).read_bytes())
    rows = None
    results: dict[str, list[list[tuple]]] = {}
    seconds: dict[str, float] = {}
    for name, where in inputs:
        if where.startswith("wikinews:"):
            if rows is None:
                with open(SHARED / "corpora" / "wikinews_2019.csv", encoding="utf-8") as f:
                    rows = list(csv.DictReader(f))
            _, n, variant = where.split(":")
            row = rows[int(n)]
            text = clean_text(f"{row['title']}\n\n{row['text']}").translate(_VARIANTS[variant])
        else:
            text = load_document(where).text
        work = [(a.paragraphs, find_entities(text, a.paragraphs)) for a in read_dump(text, name)]
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            found = [find_quotes(text, paragraphs, entities) for paragraphs, entities in work]
            best = min(best, time.process_time() - start)
        seconds[name] = best
        results[name] = [
            [
                (q.text, q.span.start, q.span.end, q.speaker)
                + ((q.speaker_span.start, q.speaker_span.end) if q.speaker_span else (None,))
                + (q.cue, q.kind.value, q.confidence)
                for q in quotes
            ]
            for quotes in found
        ]
    Path(out_file).write_bytes(pickle.dumps((results, seconds)))


def _run(tree: Path, inputs_file: str, out_file: str, repeat: int) -> tuple[dict, dict]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="")
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", inputs_file, out_file,
         str(repeat)],
        check=True, env=env, cwd=tree,
    )  # fmt: skip
    return pickle.loads(Path(out_file).read_bytes())


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if args_list[:1] == ["--worker"]:
        _worker(args_list[1], args_list[2], int(args_list[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="git revision to compare against")
    parser.add_argument("--megabytes", type=float, nargs="*", default=[10])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(args_list)

    inputs = _inputs(args.megabytes)
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = Path(tmp) / "base"
        base_tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.base, "tui"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(base_tree)], input=archive, check=True)
        inputs_file = str(Path(tmp) / "inputs.pickle")
        Path(inputs_file).write_bytes(pickle.dumps(inputs))
        base, base_s = _run(base_tree, inputs_file, str(Path(tmp) / "base.pickle"), args.repeat)
        new, new_s = _run(ROOT, inputs_file, str(Path(tmp) / "new.pickle"), args.repeat)

    differences = quotes = 0
    for name, _where in inputs:
        if len(base[name]) != len(new[name]):
            print(f"{name}: {len(base[name])} articles before, {len(new[name])} after")
            differences += 1
            continue
        for n, (before, after) in enumerate(zip(base[name], new[name], strict=True)):
            quotes += len(before)
            if before != after:
                differences += 1
                if differences <= 10:
                    print(f"{name}, article {n}:\n  before {before}\n  after  {after}")
    print(f"{len(inputs)} inputs, {quotes} quotes before: {differences} articles differ")
    print()
    print(f"find_quotes alone, CPU seconds, best of {args.repeat}")
    print()
    print(f"| input | {args.base} | this checkout | ratio |")
    print("|---|---:|---:|---:|")
    shown = [name for name, _ in inputs if name.startswith("dump_")]
    rest = [name for name, _ in inputs if not name.startswith("dump_")]
    for name in shown:
        print(f"| {name} | {base_s[name]:.2f} | {new_s[name]:.2f} | "
              f"{new_s[name] / base_s[name]:.2f} |")  # fmt: skip
    if rest:
        b, a = sum(base_s[n] for n in rest), sum(new_s[n] for n in rest)
        print(f"| {len(rest)} real and written articles | {b:.3f} | {a:.3f} | {a / b:.2f} |")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())

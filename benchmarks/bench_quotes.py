"""Quote extraction's share of parsing, on a generated dump (100 MB by default).

Two stages on the same decoded text in one run (best CPU time of ``--repeat`` runs,
the two stages alternating):

- without quotes: ``parse_document`` with the quote finder replaced by one that finds
  nothing (reader, entities, the pipeline's own work);
- with quotes: the full ``parse_document`` (reader, entities, quotes), as the library's
  import runs it;
- with reported speech: ``parse_document(..., reported=True)``, what ``newsdesk quotes``
  runs (reported speech is found on demand since issue 13: see docs/quotes.md). A tree
  from before that finds it while parsing, so its two "with" stages are the same.

The ratio "with / without" is the cost of quote extraction; the issue's target is at
most 1.50 (quotes add at most 50% to parsing). Times are CPU seconds of this process
(``time.process_time``), so other work on a shared machine does not count.

``--polnear REPO`` measures PolNeAR train's 840 articles as well (read as
``benchmarks/quote_polnear.py`` reads them: train only, in memory). ``--against REF``
adds the rows of git revision REF's ``tui`` (unpacked into a temporary directory, this
script run on it in a subprocess), so old and new share one run and one machine load.

    python benchmarks/bench_quotes.py [--megabytes 100] [--repeat 3] [--polnear REPO]
                                      [--against REF]
"""

from __future__ import annotations

import argparse
import gc
import inspect
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import benchmark_dump  # the generator, a script beside this one

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, os.environ.get("BENCH_QUOTES_TUI") or str(ROOT))  # --against

import tui.extract.pipeline as pipeline  # noqa: E402
from tui.extract.pipeline import parse_document  # noqa: E402
from tui.ingest.files import load_document  # noqa: E402

#: The issue's budget: parsing with quotes over parsing without.
TARGET = 1.5


def _parse_all(documents: list[tuple[str, str]], **options: bool) -> list:
    return [
        article for text, source in documents for article in parse_document(text, source, **options)
    ]


#: ``reported=True`` where the tree takes it (an older tree always found reported speech).
_REPORTED = {"reported": True} if "reported" in inspect.signature(parse_document).parameters else {}


def _without_quotes(documents: list[tuple[str, str]]) -> list:
    real = pipeline.find_quotes
    pipeline.find_quotes = lambda text, paragraphs, entities: ()
    try:
        return _parse_all(documents)
    finally:
        pipeline.find_quotes = real


def _timed(fn: Callable[[], list]) -> tuple[float, list]:
    gc.collect()  # each run starts from the same heap
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def _row(label: str, name: str, documents: list[tuple[str, str]], repeat: int) -> str:
    """One table row: the three stages alternated ``repeat`` times, best of each, so that
    drift in the machine's load hits them alike."""
    without = with_quotes = with_reported = float("inf")
    count = quotes = all_quotes = 0
    for _ in range(repeat):
        seconds, plain = _timed(lambda: _without_quotes(documents))
        without = min(without, seconds)
        del plain
        seconds, articles = _timed(lambda: _parse_all(documents))
        with_quotes = min(with_quotes, seconds)
        count, quotes = len(articles), sum(len(a.quotes) for a in articles)
        del articles
        seconds, articles = _timed(lambda: _parse_all(documents, **_REPORTED))
        with_reported = min(with_reported, seconds)
        all_quotes = sum(len(a.quotes) for a in articles)
        del articles
    ratio = with_quotes / without
    verdict = "within" if ratio <= TARGET else "OVER"
    return (
        f"| {name} | {label} | {count} | {quotes} | {without:.2f} | {with_quotes:.2f} "
        f"| **{ratio:.2f}** ({verdict}) | {all_quotes} | {with_reported:.2f} "
        f"| {with_reported / without:.2f} |"
    )


def _inputs(
    megabytes: float, polnear: str | None, only: int | None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(name, documents) of each input; ``only``: just that one (0 generated, 1 PolNeAR)."""
    inputs = []
    if only in (None, 0):
        path = benchmark_dump(megabytes)
        size_mb = path.stat().st_size / 1e6
        inputs.append((f"generated {size_mb:.0f} MB", [(load_document(str(path)).text, str(path))]))
    if polnear and only in (None, 1):
        from quote_polnear import read_train  # beside this script

        articles = read_train(Path(polnear))
        inputs.append(("PolNeAR train", [(a.text, a.name) for a in articles]))
    return inputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--polnear", metavar="REPO", help="also PolNeAR train (a git mirror)")
    parser.add_argument("--against", metavar="REF", help="also time git revision REF's tui")
    parser.add_argument("--label", default="this tree", help=argparse.SUPPRESS)
    parser.add_argument("--rows-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if not args.rows_only:
        print(f"CPU seconds, best of {args.repeat}, the two stages alternating")
        print()
        print(
            "| input | tree | articles | quotes | no quotes s | with quotes s | ratio "
            "| quotes with reported | with reported s | ratio |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for number, (name, documents) in enumerate(_inputs(args.megabytes, args.polnear, args.only)):
        if args.against and not args.rows_only:
            given = sys.argv[1:] if argv is None else argv
            # the input's own number (with --only, the one asked for, not its index here)
            _print_against(args.against, number if args.only is None else args.only, given)
        print(_row(args.label, name, documents, args.repeat), flush=True)
    if not args.rows_only:
        print()
        print(f"budget: quote extraction adds at most {100 * (TARGET - 1):.0f}% (ratio ≤ {TARGET})")
    return 0


def _print_against(ref: str, number: int, given: list[str]) -> None:
    """The row of ``ref`` for input ``number``, from a subprocess on that revision's tui."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "tui"],
        capture_output=True,
        check=True,
    ).stdout
    forwarded = []
    skip = False
    for arg in given:  # everything but --against
        if skip:
            skip = False
        elif arg in ("--against", "--only"):
            skip = True
        elif not arg.startswith(("--against=", "--only=")):
            forwarded.append(arg)
    forwarded += ["--only", str(number)]
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(scratch, filter="data")
        subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                *forwarded,
                "--rows-only",
                "--label",
                ref,
            ],
            check=True,
            env={**os.environ, "BENCH_QUOTES_TUI": scratch},
            cwd=scratch,
        )


if __name__ == "__main__":
    raise SystemExit(main())

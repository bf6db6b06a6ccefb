"""Quote extraction's share of parsing, on a generated dump (100 MB by default).

Two stages on the same decoded text in one run (best CPU time of ``--repeat`` runs,
the two stages alternating):

- without quotes: ``parse_document`` with the quote finder replaced by one that finds
  nothing (reader, entities, the pipeline's own work);
- with quotes: the full ``parse_document`` (reader, entities, quotes).

The ratio "with / without" is the cost of quote extraction; the issue's target is at
most 1.50 (quotes add at most 50% to parsing). Times are CPU seconds of this process
(``time.process_time``), so other work on a shared machine does not count.

    python benchmarks/bench_quotes.py [--megabytes 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generate import benchmark_dump  # the generator, a script beside this one

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import tui.extract.pipeline as pipeline  # noqa: E402
from tui.extract.pipeline import parse_document  # noqa: E402
from tui.ingest.files import load_document  # noqa: E402

#: The issue's budget: parsing with quotes over parsing without.
TARGET = 1.5


def _without_quotes(text: str, source: str) -> list:
    real = pipeline.find_quotes
    pipeline.find_quotes = lambda text, paragraphs, entities: ()
    try:
        return parse_document(text, source)
    finally:
        pipeline.find_quotes = real


def _timed(fn: Callable[[], list]) -> tuple[float, list]:
    gc.collect()  # each run starts from the same heap
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    path = benchmark_dump(args.megabytes)
    size_mb = path.stat().st_size / 1e6
    text = load_document(str(path)).text
    source = str(path)

    # Alternate the two stages so that drift in the machine's load hits both alike.
    without = with_quotes = float("inf")
    count = quotes = 0
    for _ in range(args.repeat):
        seconds, plain = _timed(lambda: _without_quotes(text, source))
        without = min(without, seconds)
        del plain
        seconds, articles = _timed(lambda: parse_document(text, source))
        with_quotes = min(with_quotes, seconds)
        count, quotes = len(articles), sum(len(a.quotes) for a in articles)
        del articles
    ratio = with_quotes / without
    print(
        f"{path.name}: {size_mb:.1f} MB, {count} articles, {quotes} quotes, "
        f"CPU seconds, best of {args.repeat}"
    )
    print()
    print("| stage | seconds | MB/s | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| parse_document, no quotes | {without:.2f} | {size_mb / without:.1f} | 1.00 |")
    print(
        f"| parse_document with quotes | {with_quotes:.2f} | {size_mb / with_quotes:.1f} "
        f"| {ratio:.2f} |"
    )
    print()
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"quote extraction adds {100 * (ratio - 1):.0f}% ({verdict} the {TARGET:.2f} budget)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

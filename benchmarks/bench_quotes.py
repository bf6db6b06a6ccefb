"""Quote extraction's share of parsing: the issue 13 budget (quotes add at most 50%).

Two stages on the same decoded text, in ONE process:

- without quotes: ``parse_document`` with the quote finder replaced by one that finds
  nothing (reader, entities, interview turns, the pipeline's own work);
- with quotes: the full ``parse_document`` (reader, entities, quotes), as the library's
  import runs it;
- with ``--reported``, also ``parse_document(..., reported=True)``, what ``newsdesk
  quotes`` runs (reported speech is found on demand since issue 13: docs/quotes.md).

Why it is built this way (a machine shared by seven jobs read 1.44 then 1.72 for the
same code when each stage ran whole, one after the other): the input is cut into
batches of about ``--batch`` articles (the generated dump at article boundaries,
PolNeAR a few articles at a time) and the stages alternate *per batch*, their order
rotating from batch to batch, so a change in the machine's load within a run hits
every stage alike. Each stage's time is CPU seconds of this process
(``time.process_time``), the cyclic garbage collector off while timing and a
collection between stages (the inputs frozen out of it, so it is quick), so no stage
pays for another's garbage. A batch's time is
the least of its ``--repeat`` runs (what the code costs, without the interruptions);
the ratio that decides is

    sum over batches of least(with) / sum over batches of least(without)

and its spread is the range of the ratios of the single repeats (each repeat's whole
with / whole without), printed beside it.

``--against REF`` puts git revision REF's ``tui`` in the same process (extracted and
imported as ``newsdesk_base``) and alternates its stages with this tree's, batch by
batch: the two trees' rows come from the same minutes.

    python benchmarks/bench_quotes.py [--megabytes 20] [--repeat 3] [--polnear REPO]
                                      [--against REF] [--batch 200] [--reported]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from types import ModuleType

from generate import benchmark_dump  # the generator, a script beside this one
from refs import import_renamed_tui  # a script beside this one

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

#: The issue's budget: parsing with quotes over parsing without.
TARGET = 1.5

Documents = list[tuple[str, str]]


@dataclass
class _Stage:
    """One timed stage of one tree: its batch times over the repeats."""

    tree: str
    name: str
    run: Callable[[Documents], list]
    seconds: list[list[float]] = field(default_factory=list)  # [batch][repeat]
    articles: int = 0
    quotes: int = 0

    def least(self) -> float:
        return sum(min(times) for times in self.seconds)

    def repeat_total(self, r: int) -> float:
        return sum(times[r] for times in self.seconds)


def _stages(tree: str, pipeline: ModuleType, reported: bool) -> list[_Stage]:
    """The stages of one tree's pipeline module: without quotes, with, (with reported)."""
    parse = pipeline.parse_document

    def without(documents: Documents) -> list:
        real = pipeline.find_quotes
        pipeline.find_quotes = lambda text, paragraphs, entities: ()
        try:
            return [a for text, source in documents for a in parse(text, source)]
        finally:
            pipeline.find_quotes = real

    def with_quotes(documents: Documents) -> list:
        return [a for text, source in documents for a in parse(text, source)]

    stages = [_Stage(tree, "without", without), _Stage(tree, "with", with_quotes)]
    if reported:
        # an older tree always found reported speech while parsing
        options = {"reported": True} if "reported" in inspect.signature(parse).parameters else {}

        def with_reported(documents: Documents) -> list:
            return [a for text, source in documents for a in parse(text, source, **options)]

        stages.append(_Stage(tree, "reported", with_reported))
    return stages


def _batches(name: str, documents: Documents, size: int, read_dump: Callable) -> list[Documents]:
    """``documents`` in batches of about ``size`` articles: a big dump cut at its
    articles' starts (each piece a dump of its own), small documents grouped."""
    batches: list[Documents] = []
    for text, source in documents:
        articles = read_dump(text, source)
        if len(articles) <= size:
            if batches and len(batches[-1]) < max(1, size // 40):
                batches[-1].append((text, source))
            else:
                batches.append([(text, source)])
            continue
        starts = [a.span.start for a in articles[::size]][1:]
        cuts = [0, *starts, len(text)]
        batches += [[(text[lo:hi], source)] for lo, hi in itertools.pairwise(cuts)]
    return batches


def _measure(stages: list[_Stage], batches: list[Documents], repeat: int) -> None:
    """Run every stage on every batch ``repeat`` times, the stages alternating per batch
    in a rotating order; fills each stage's ``seconds``."""
    for stage in stages:
        stage.seconds = [[] for _ in batches]
    enabled = gc.isenabled()
    gc.disable()
    gc.collect()
    gc.freeze()  # the inputs and modules: the collections between stages skip them
    try:
        for r in range(repeat):
            for b, batch in enumerate(batches):
                turn = (b + r) % len(stages)
                for stage in stages[turn:] + stages[:turn]:
                    gc.collect()  # the garbage of the stage before is not this one's
                    start = time.process_time()
                    result = stage.run(batch)
                    stage.seconds[b].append(time.process_time() - start)
                    if r == 0:
                        stage.articles += len(result)
                        stage.quotes += sum(len(a.quotes) for a in result)
                    del result
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _rows(name: str, stages: list[_Stage], repeat: int) -> list[str]:
    rows = []
    by_tree: dict[str, dict[str, _Stage]] = {}
    for stage in stages:
        by_tree.setdefault(stage.tree, {})[stage.name] = stage
    for tree, named in by_tree.items():
        without, with_quotes = named["without"], named["with"]
        ratio = with_quotes.least() / without.least()
        each = [with_quotes.repeat_total(r) / without.repeat_total(r) for r in range(repeat)]
        verdict = "within" if ratio <= TARGET else "OVER"
        row = (
            f"| {name} | {tree} | {with_quotes.articles} | {with_quotes.quotes} "
            f"| {without.least():.2f} | {with_quotes.least():.2f} | **{ratio:.3f}** ({verdict}) "
            f"| {min(each):.3f}-{max(each):.3f} | {median(each):.3f} |"
        )
        if "reported" in named:
            reported = named["reported"]
            row += (
                f" {reported.quotes} | {reported.least():.2f} "
                f"| {reported.least() / without.least():.2f} |"
            )
        rows.append(row)
    return rows


def _inputs(megabytes: float, polnear: str | None, only: int | None) -> list[tuple[str, Documents]]:
    """(name, documents) of each input; ``only``: just that one (0 generated, 1 PolNeAR)."""
    from tui.ingest.files import load_document

    inputs = []
    if only in (None, 0) and megabytes > 0:
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
    parser.add_argument("--megabytes", type=float, default=20, help="0: no generated dump")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=200, help="articles per batch")
    parser.add_argument("--polnear", metavar="REPO", help="also PolNeAR train (a git mirror)")
    parser.add_argument("--against", metavar="REF", help="also time git revision REF's tui")
    parser.add_argument("--reported", action="store_true", help="also time reported speech")
    parser.add_argument("--only", type=int, help="0: the generated dump only, 1: PolNeAR only")
    args = parser.parse_args(argv)

    import tui.extract.pipeline as pipeline
    from tui.ingest.dump import read_dump

    with tempfile.TemporaryDirectory() as scratch:
        trees: list[tuple[str, ModuleType]] = []
        if args.against:
            package = import_renamed_tui(args.against, Path(scratch))
            trees.append((args.against, importlib.import_module(f"{package}.extract.pipeline")))
        trees.append(("this tree", pipeline))

        print(
            f"CPU seconds (process_time), per batch of ~{args.batch} articles the least of "
            f"{args.repeat} repeats, summed; the stages of "
            f"{' and '.join(t for t, _ in trees)} alternating batch by batch "
            f"(load average at start {os.getloadavg()[0]:.1f})"
        )
        print()
        header = (
            "| input | tree | articles | quotes | no quotes s | with quotes s | ratio "
            "| ratio of each repeat | median |"
        )
        rule = "|---|---|---:|---:|---:|---:|---:|---:|---:|"
        if args.reported:
            header += " quotes with reported | with reported s | ratio |"
            rule += "---:|---:|---:|"
        print(header)
        print(rule, flush=True)
        for name, documents in _inputs(args.megabytes, args.polnear, args.only):
            batches = _batches(name, documents, args.batch, read_dump)
            stages = [s for tree, module in trees for s in _stages(tree, module, args.reported)]
            _measure(stages, batches, args.repeat)
            for row in _rows(f"{name} ({len(batches)} batches)", stages, args.repeat):
                print(row, flush=True)
    print()
    print(f"budget: quote extraction adds at most {100 * (TARGET - 1):.0f}% (ratio ≤ {TARGET})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

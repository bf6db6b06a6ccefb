"""Quote extraction measured on the labelled set, beside a naive baseline.

Prints one table row per part of the set (seeds, Wikinews articles the rules were
developed on, Wikinews articles held out, articles written for the rules) and the
total, for Newsdesk's rules and for the baseline (every double-quoted span, speaker =
nearest capitalised word run). Precision, recall and speaker accuracy as in
``benchmarks/quote_scoring.py``; only quotes at or above the confidence threshold
count (what ``newsdesk quotes`` shows). ``--errors`` lists every miss, false alarm and
wrong speaker of the rules.

    python benchmarks/quote_quality.py [--errors]

The Wikinews and seed parts need ``../shared`` beside the checkout; without it only
the written articles are scored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "quotes"))

from conftest import load_gold_set  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    gold_set = load_gold_set()
    shared = ROOT.parent / "shared"
    parts = gold_set.parts(shared if (shared / "seeds").is_dir() else None)
    parts["total"] = [doc for docs in parts.values() for doc in docs]

    print("| part | articles | gold quotes | finder | precision | recall | speakers |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, docs in parts.items():
        articles = gold_set.article_count(docs)
        gold = sum(len(d.gold) for d in docs)
        for label, finder in (("newsdesk", gold_set.extracted), ("baseline", gold_set.baseline)):
            s = gold_set.evaluate(docs, finder)
            print(
                f"| {name} | {articles} | {gold} | {label} | {s.precision:.3f} "
                f"| {s.recall:.3f} | {s.speaker_accuracy:.3f} |"
            )
            if args.errors and label == "newsdesk" and name != "total":
                texts = {d.name: d.text for d in docs}
                for doc, g in s.misses:
                    print(f"    miss {doc}: {g.span.of(texts[doc])[:60]!r} ({g.speaker})")
                for doc, q in s.false_alarms:
                    print(f"    false alarm {doc}: {q.text[:60]!r}")
                for doc, g, q in s.wrong_speakers:
                    print(f"    speaker {doc}: {q.text[:40]!r} {q.speaker!r} != {g.speaker!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fit the weights of :mod:`tui.ingest.cohesion` on the tuning part of the Wikinews CSV.

The bare form of ``segment_quality.py`` (five stories glued one paragraph a line, no
titles, no datelines) gives every gap a label (does a story start here?) and the
features :func:`tui.ingest.cohesion.gap_features` computes; a logistic regression by
plain gradient descent (no numpy needed) prints the weights to copy into the module.
Only the tuning part is used: the held-out quarter stays unseen.

    python benchmarks/fit_cohesion.py [CSV_OR_DIR] [--seeds 5]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from segment_quality import ROOT, build_file, groups, load_stories, part_of

NAMES = ("cohesion", "depth", "novel", "recur", "when", "back", "when_early")


def samples(corpus: Path, seeds: int) -> list[tuple[tuple[float, ...], int]]:
    sys.path.insert(0, str(ROOT))
    from tui.ingest.cohesion import gap_features

    rows = []
    for group in groups(part_of(load_stories(corpus), "tune"), "bare", seeds):
        text, _, opens = build_file("bare", group)
        texts = text.split("\n")[:-1]
        wanted = set(opens[1:])
        for k, features in enumerate(gap_features(texts), start=1):
            rows.append((features, int(k in wanted)))
    return rows


def fit(rows: list[tuple[tuple[float, ...], int]], steps: int = 3000, rate: float = 0.5):
    width = len(rows[0][0])
    weights = [0.0] * (width + 1)
    for _ in range(steps):
        grad = [0.0] * (width + 1)
        for features, label in rows:
            z = weights[0] + sum(w * f for w, f in zip(weights[1:], features, strict=True))
            error = 1.0 / (1.0 + math.exp(-z)) - label
            grad[0] += error
            for i, f in enumerate(features, start=1):
                grad[i] += error * f
        weights = [w - rate * g / len(rows) for w, g in zip(weights, grad, strict=True)]
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    rows = samples(Path(args.corpus), args.seeds)
    weights = fit(rows)
    print(f"{len(rows)} gaps, {sum(label for _, label in rows)} boundaries")
    print(f"bias {weights[0]:.2f}")
    for name, weight in zip(NAMES, weights[1:], strict=True):
        print(f"{name} {weight:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fit the story pair model (:mod:`tui.extract.story_model`) on the labelled PolNeAR
months, and score it leave one month out.

Every labelled month (``benchmarks/data/polnear_stories*.tsv``) is grouped as
``story_quality.py`` groups it (the rest of train observed for the document
frequencies, the labelled articles placed in date order); each candidate pair the
placing scores is recorded with the model's features (:func:`pair_features
<tui.extract.story_model.pair_features>`) and labelled 1 when both articles are in one
labelled story. A logistic regression (L2, Newton's method, pure Python) is fitted on
those pairs.

**Leave one month out** (the honest figure): for each labelled month, the weights are
fitted on the pairs of the other months (a pair touching the month left out is not
used), the link probability is picked on the other months (best pairwise F1 of the
grouping there), and the month is grouped with both; the pairs of every month so
scored are pooled. Beside it: the model fitted on every month (what is committed),
scored on every month (flattered: it has seen them), and the rules (``model=None``).

PolNeAR train files of the months other helpers label blind (2015-11, 2015-12, 2016-09)
are never read: not as labelled articles, not for the document frequencies.

    POLNEAR_REPO=/path/to/PolNeAR python benchmarks/fit_story_model.py [--write]

``--write`` puts the weights fitted on every month into ``tui/extract/story_model.py``.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from story_pairs import _solve as solve  # noqa: E402  (Newton's steps' linear system)
from story_quality import (  # noqa: E402
    FRESH_MONTHS,
    LABELS,
    TrainText,
    gold_of,
    load_articles,
    pairs,
    read_labels,
)

from tui.extract import story_model  # noqa: E402
from tui.extract.pipeline import parse_document  # noqa: E402
from tui.extract.stories import StoryFeatures, StoryIndex, article_features, day_number  # noqa: E402

#: Months of PolNeAR train being labelled blind elsewhere: never read here.
BLIND_MONTHS = ("2015-11", "2015-12", "2016-09")
#: Link probabilities tried (picked on the months fitted on).
SWEEP = tuple(t / 100 for t in range(30, 96, 5))
#: L2 penalty of the logistic regression (on the weights, not the bias).
PENALTY = 1.0
#: Score the model's links alone (``--alone``), not beside the rules' links.
MODEL_ALONE = False
#: The link probability is picked by F-beta on the months fitted on: precision first
#: (the target is precision .90), recall after.
BETA = 1.0
#: ... among the link probabilities whose precision there is at least this (0: any).
MIN_PRECISION = 0.0
MODEL_PATH = HERE.parent / "tui" / "extract" / "story_model.py"

Model = tuple[Sequence[float], float, float]


class LabelSet:
    """One label file's rows, their features and the library's other features."""

    def __init__(self, rows: list[dict[str, str]], features: list[StoryFeatures], library: list):
        self.rows = rows
        self.features = features
        self.library = library
        self.months = [r["date"][:7] for r in rows]
        self.gold = gold_of(rows)
        self.order = sorted(range(len(rows)), key=lambda i: features[i].day or 0)


class Recorder(StoryIndex):
    """A grouping that keeps each candidate pair's features (the decision does not
    change the candidates or their features)."""

    def __init__(self) -> None:
        super().__init__(model=None, frame=True)  # the rules', with the model's evidence
        self.current = ""
        self.seen: list[tuple[int, int, list[float]]] = []

    def scored(self, vector, quotes, day):  # type: ignore[no-untyped-def]
        out = super().scored(vector, quotes, day)
        for other, _s in out:
            features = self.pair_evidence(vector, quotes, day, self.member(other))
            self.seen.append((int(self.current), int(other), features))
        return out

    def place(self, key, features, **kwargs):  # type: ignore[no-untyped-def]
        self.current = key
        return super().place(key, features, **kwargs)


def month_of(name: str) -> str:
    match = re.search(r"_(\d{4}-\d\d)-\d\d_", name)
    return match.group(1) if match else ""


def load(root: Path) -> list[LabelSet]:
    read = TrainText(root)
    names = [n for n in read.names() if month_of(n) not in BLIND_MONTHS]
    parsed = {name: parse_document(read(name), name) for name in names}
    own = {name: [article_features(a) for a in found] for name, found in parsed.items()}
    sets = []
    for path in (LABELS, *FRESH_MONTHS):
        if not path.exists():
            continue
        rows = read_labels(path)
        assert not any(r["date"][:7] in BLIND_MONTHS for r in rows)
        sets.append(label_set(rows, load_articles(rows, read, parsed), own))
    return sets


def label_set(rows: list[dict[str, str]], articles: list, own: dict[str, list]) -> LabelSet:
    """One label file's set: its articles' features (dated by the label), and the
    features of ``own``'s other files (file -> features) as the library observed."""
    features = [
        article_features(a, day=day_number(r["date"]) or 0)
        for a, r in zip(articles, rows, strict=True)
    ]
    labelled = {r["file"] for r in rows}
    library = [f for name, fs in own.items() if name not in labelled for f in fs]
    return LabelSet(rows, features, library)


def model_index(weights: Sequence[float], bias: float, threshold: float) -> StoryIndex:
    """An index deciding by the model (and the rules, unless :data:`MODEL_ALONE`)."""
    index = StoryIndex(model=(weights, bias, threshold))
    index.rules_too = not MODEL_ALONE
    return index


def group(label_set: LabelSet, index: StoryIndex) -> dict[int, int]:
    for f in (*label_set.library, *label_set.features):
        index.observe(f)
    for i in label_set.order:
        index.place(str(i), label_set.features[i], observed=True)
    return {int(k): index.resolve(v) for k, v in index.placements.items()}


def counts(label_set: LabelSet, pred: dict[int, int], keep: set[str]) -> tuple[int, int, int]:
    idx = [i for i in label_set.gold if label_set.months[i] in keep]
    g = pairs({i: label_set.gold[i] for i in idx})
    p = pairs({i: pred[i] for i in idx})
    return len(g & p), len(p - g), len(g - p)


def add(*parts: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(sum(x) for x in zip(*parts, strict=True))  # type: ignore[return-value]


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f_beta(tp: int, fp: int, fn: int) -> float:
    """F-beta of :data:`BETA` (below 1: precision weighs more), what the link
    probability is picked by."""
    b2 = BETA * BETA
    return (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0


def pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"{p:.3f} | {r:.3f} | {f1(tp, fp, fn):.3f} | {tp} / {fp} / {fn}"


def fit(
    xs: list[list[float]], ys: list[int], penalty: float = PENALTY
) -> tuple[list[float], float]:
    """Logistic regression by Newton's method (L2 on the weights): weights, bias."""
    k = len(xs[0]) + 1
    beta = [0.0] * k
    rows = [[1.0, *x] for x in xs]
    for _ in range(50):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for row, y in zip(rows, ys, strict=True):
            z = sum(b * v for b, v in zip(beta, row, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            w = p * (1.0 - p)
            for a in range(k):
                grad[a] += (y - p) * row[a]
                if row[a]:
                    ha = hess[a]
                    for b in range(a, k):
                        ha[b] += w * row[a] * row[b]
        for a in range(k):
            for b in range(a):
                hess[a][b] = hess[b][a]
        for a in range(1, k):
            grad[a] -= penalty * beta[a]
            hess[a][a] += penalty
        hess[0][0] += 1e-9
        step = solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta[1:], beta[0]


def training(
    sets: list[LabelSet], recorded: list[list[tuple[int, int, list[float]]]], out: str | None
) -> tuple[list[list[float]], list[int]]:
    """The recorded pairs of every set, but those touching month ``out``; deduplicated
    (a pair is scored once, when its later article is placed)."""
    xs, ys = [], []
    for label_set, seen in zip(sets, recorded, strict=True):
        done = set()
        for i, j, x in seen:
            if (i, j) in done or out in (label_set.months[i], label_set.months[j]):
                continue
            done.add((i, j))
            gold = label_set.gold
            xs.append(x)
            ys.append(int(gold[i] == gold[j]))
    return xs, ys


def pick(sets: list[LabelSet], weights: list[float], bias: float, out: str | None) -> float:
    """The link probability of :data:`SWEEP` with the best pairwise F1 on the months
    other than ``out``."""
    best, best_f1 = SWEEP[-1], -1.0
    for threshold in SWEEP:
        total = (0, 0, 0)
        for label_set in sets:
            pred = group(label_set, model_index(weights, bias, threshold))
            keep = set(label_set.months) - {out}
            total = add(total, counts(label_set, pred, keep))
        tp, fp, _fn = total
        if MIN_PRECISION and tp < MIN_PRECISION * (tp + fp):
            continue  # below the precision asked for: the next, higher probability
        if f_beta(*total) > best_f1:
            best, best_f1 = threshold, f_beta(*total)
    return best


def write(weights: list[float], bias: float, threshold: float) -> None:
    source = MODEL_PATH.read_text()
    lines = "\n".join(
        f"    {w:.4f},  # {name}"
        for w, name in zip(weights, story_model.FEATURE_NAMES, strict=True)
    )
    source = re.sub(
        r"WEIGHTS: tuple\[float, \.\.\.\] = \(\n(?:    .*\n)*\)\n",
        f"WEIGHTS: tuple[float, ...] = (\n{lines}\n)\n",
        source,
        count=1,
    )
    source = re.sub(r"\nBIAS = .*\n", f"\nBIAS = {bias:.4f}\n", source, count=1)
    source = re.sub(
        r"\nLINK_PROBABILITY = .*\n", f"\nLINK_PROBABILITY = {threshold:.2f}\n", source, count=1
    )
    MODEL_PATH.write_text(source)


def main(argv: list[str] | None = None, sets: list[LabelSet] | None = None) -> int:
    global MODEL_ALONE, BETA, MIN_PRECISION
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", help="PolNeAR checkout or git mirror (or POLNEAR_REPO)")
    parser.add_argument("--write", action="store_true", help="write the weights fitted on all")
    parser.add_argument("--penalty", type=float, default=PENALTY)
    parser.add_argument("--alone", action="store_true", help="the model's links alone")
    parser.add_argument("--beta", type=float, default=BETA, help="F-beta the link p is picked by")
    parser.add_argument(
        "--min-precision", type=float, default=MIN_PRECISION, help="on the months fitted on"
    )
    args = parser.parse_args(argv)
    MODEL_ALONE = args.alone
    BETA = args.beta
    MIN_PRECISION = args.min_precision
    root = args.polnear or os.environ.get("POLNEAR_REPO") or os.environ.get("POLNEAR_DIR")
    if not root:
        print("fit_story_model: name PolNeAR with --polnear or POLNEAR_REPO", file=sys.stderr)
        return 2
    sets = load(Path(root)) if sets is None else sets
    recorded = []
    for label_set in sets:
        recorder = Recorder()
        group(label_set, recorder)
        recorded.append(recorder.seen)
    months = sorted({m for s in sets for m in s.months})
    gold_pairs = sum(len(pairs(s.gold)) for s in sets)
    found = set()
    for label_set, seen in zip(sets, recorded, strict=True):
        for i, j, _x in seen:
            if label_set.gold[i] == label_set.gold[j]:
                found.add((id(label_set), min(i, j), max(i, j)))
    print(
        f"{len(months)} months, {sum(len(s.rows) for s in sets)} articles, {gold_pairs} pairs;"
        f" {sum(len(r) for r in recorded)} candidate pairs scored, {len(found)} of the"
        " labelled pairs among them (the candidates' ceiling on recall:"
        f" {len(found) / gold_pairs:.3f})"
    )

    print()
    print("Leave one month out (weights and link probability fitted on the other months):")
    print(
        "| held-out month | link p | P | R | F1 | TP / FP / FN | rules P | R | F1 | TP / FP / FN |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rules = [group(s, StoryIndex(model=None)) for s in sets]
    pooled = (0, 0, 0)
    pooled_rules = (0, 0, 0)
    for month in months:
        xs, ys = training(sets, recorded, month)
        weights, bias = fit(xs, ys, args.penalty)
        threshold = pick(sets, weights, bias, month)
        held = (0, 0, 0)
        held_rules = (0, 0, 0)
        for label_set, rule in zip(sets, rules, strict=True):
            if month not in label_set.months:
                continue
            pred = group(label_set, model_index(weights, bias, threshold))
            held = add(held, counts(label_set, pred, {month}))
            held_rules = add(held_rules, counts(label_set, rule, {month}))
        pooled = add(pooled, held)
        pooled_rules = add(pooled_rules, held_rules)
        print(f"| {month} | {threshold:.2f} | {pr(*held)} | {pr(*held_rules)} |")
    print(f"| **pooled** | | {pr(*pooled)} | {pr(*pooled_rules)} |")

    xs, ys = training(sets, recorded, None)
    weights, bias = fit(xs, ys, args.penalty)
    threshold = pick(sets, weights, bias, None)
    print()
    print(f"Fitted on every month ({len(xs)} pairs, {sum(ys)} linked), link p {threshold:.2f}:")
    print("| feature | weight |")
    print("|---|---:|")
    for name, w in zip(story_model.FEATURE_NAMES, weights, strict=True):
        print(f"| {name} | {w:.3f} |")
    print(f"| (bias) | {bias:.3f} |")
    print()
    print("The weights fitted on every month, scored on every month (flattered):")
    print("| month | P | R | F1 | TP / FP / FN |")
    print("|---|---:|---:|---:|---:|")
    every = (0, 0, 0)
    preds = [group(s, model_index(weights, bias, threshold)) for s in sets]
    for month in months:
        total = (0, 0, 0)
        for label_set, pred in zip(sets, preds, strict=True):
            total = add(total, counts(label_set, pred, {month}))
        every = add(every, total)
        print(f"| {month} | {pr(*total)} |")
    print(f"| every month | {pr(*every)} |")
    if args.write:
        write(weights, bias, threshold)
        print(f"\nwritten to {MODEL_PATH.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

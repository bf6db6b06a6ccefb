"""What each kind of evidence says about a pair of articles, on the PolNeAR story labels.

The grouping links two articles when their pair score is high enough
(:func:`tui.extract.stories.score`); how good the stories can be is bounded by how well
that score ranks the pairs. This prints, for every pair of labelled articles within
:data:`~tui.extract.stories.WINDOW_DAYS` of each other, the average precision (AP) of
each piece of evidence alone, then of logistic regressions combining several, fitted
by leave one month out on the June-August labels (fitted on two months, ranked on the
third; the AP of each held-out month is averaged) and, fitted on all three, on May
2016 (labelled after the method was settled, never tuned on).

Evidence (signatures as the grouping keeps them, so a score built on them can be used
as it is): the pair score; its words, names (``@``) and numbers (``#``) parts; shared
quote shingles of the sketch; the day gap. And from the whole articles (what a richer
signature could hold): title and lede TF-IDF cosines, the shared names weighted by
their IDF, shared numbers, shared quote 5-grams (any speaker / the same speaker).

    POLNEAR_REPO=/path/to/PolNeAR python benchmarks/story_pairs.py

Pure Python (no numpy): a few thousand pairs and a dozen features.
"""

from __future__ import annotations

import math
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from story_quality import FRESH, LABELS, TrainText, load_articles, read_labels  # noqa: E402

from tui.extract import stories as S  # noqa: E402
from tui.extract.pipeline import parse_document  # noqa: E402
from tui.model import Article  # noqa: E402

Pair = dict[str, float]

#: Feature sets combined by logistic regression.
SETS: dict[str, tuple[str, ...]] = {
    "pair score alone": ("score",),
    "score split: words, names, numbers": ("words", "names", "numbers"),
    "+ shared quote sketch, day gap": ("words", "names", "numbers", "quotes", "gap"),
    "+ title, lede, rare names, numbers, quotes (whole articles)": (
        "words",
        "names",
        "numbers",
        "quotes",
        "gap",
        "title",
        "lede",
        "rare_names",
        "shared_numbers",
        "quote_5grams",
        "same_speaker",
    ),
}


def _quote_grams(article: Article, by_speaker: bool) -> set[tuple[str, str]]:
    out = set()
    for quote in article.quotes:
        words = [w.lower() for w in S._WORD.findall(quote.text)]
        speaker = S._speaker_key(quote.speaker) if by_speaker else ""
        if by_speaker and not speaker:
            continue
        for i in range(len(words) - 4):
            out.add((speaker, " ".join(words[i : i + 5])))
    return out


def pair_features(
    articles: Sequence[Article], days: list[int], library: list[Article]
) -> tuple[list[tuple[int, int]], list[Pair]]:
    """The labelled articles placed as ``story_quality`` places them (the rest of train
    observed), then every pair within the window with its evidence."""
    features = [S.article_features(a, day=d) for a, d in zip(articles, days, strict=True)]
    index = S.StoryIndex()
    for f in [*(S.article_features(a) for a in library), *features]:
        index.observe(f)
    for i in sorted(range(len(articles)), key=days.__getitem__):
        index.place(str(i), features[i], observed=True)
    everything = [*library, *articles]
    n = len(everything)
    df: Counter[str] = Counter()
    for a in everything:
        df.update(set(S._words(a.title + "\n" + a.body_text)))
        df.update({"@" + e.name.lower() for e in a.entities})

    def idf(term: str) -> float:
        return 0.0 if df[term] > 0.1 * n else math.log((n + 1) / (df[term] + 1))

    def unit(words: list[str]) -> dict[str, float]:
        v = {t: (1 + math.log(k)) * idf(t) for t, k in Counter(words).items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        return {t: w / norm for t, w in v.items()}

    titles = [unit(S._words(a.title)) for a in articles]
    ledes = [unit(S._words(" ".join(p.text for p in a.paragraphs[:3]))) for a in articles]
    names = [{"@" + e.name.lower() for e in a.entities} for a in articles]
    numbers = [set(S._numbers(a.body_text)) for a in articles]
    grams = [_quote_grams(a, False) for a in articles]
    spoken = [_quote_grams(a, True) for a in articles]
    keys, out = [], []
    for i, j in combinations(range(len(articles)), 2):
        if abs(days[i] - days[j]) > S.WINDOW_DAYS:
            continue
        a, b = index.members[str(i)], index.members[str(j)]
        parts = {"@": 0.0, "#": 0.0, "w": 0.0}
        for term in a.vector.keys() & b.vector.keys():
            kind = term[0] if term[0] in "@#" else "w"
            parts[kind] += a.vector[term] * b.vector[term]
        keys.append((i, j))
        out.append(
            {
                "score": S.score(a.vector, a.quotes, a.day, b),
                "words": parts["w"],
                "names": parts["@"],
                "numbers": parts["#"],
                "quotes": math.log1p(len(a.quotes & b.quotes)),
                "gap": float(abs(days[i] - days[j])),
                "title": sum(w * titles[j].get(t, 0.0) for t, w in titles[i].items()),
                "lede": sum(w * ledes[j].get(t, 0.0) for t, w in ledes[i].items()),
                "rare_names": sum(idf(t) for t in names[i] & names[j]),
                "shared_numbers": math.log1p(len(numbers[i] & numbers[j])),
                "quote_5grams": math.log1p(len(grams[i] & grams[j])),
                "same_speaker": math.log1p(len(spoken[i] & spoken[j])),
            }
        )
    return keys, out


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """AP of ``scores`` ranking the positive ``labels`` (ties: positives last)."""
    order = sorted(range(len(labels)), key=lambda k: (-scores[k], labels[k]))
    hits = total = 0.0
    for rank, k in enumerate(order, 1):
        if labels[k]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a dozen unknowns)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def fit(rows: list[list[float]], labels: Sequence[int], l2: float = 1.0) -> Callable:
    """L2-regularised logistic regression (Newton steps) on standardised features; the
    scoring function it gives (a linear score: the ranking is all AP needs)."""
    d = len(rows[0])
    mean = [sum(r[k] for r in rows) / len(rows) for k in range(d)]
    sd = [math.sqrt(sum((r[k] - mean[k]) ** 2 for r in rows) / len(rows)) or 1.0 for k in range(d)]
    z = [[(r[k] - mean[k]) / sd[k] for k in range(d)] + [1.0] for r in rows]
    w = [0.0] * (d + 1)
    for _ in range(50):
        grad = [l2 * w[k] if k < d else 0.0 for k in range(d + 1)]
        hess = [[(l2 if k == q and k < d else 0.0) for q in range(d + 1)] for k in range(d + 1)]
        for x, y in zip(z, labels, strict=True):
            p = 1 / (
                1 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True)))))
            )
            for k in range(d + 1):
                grad[k] += (p - y) * x[k]
                pk = p * (1 - p) * x[k]
                for q in range(k, d + 1):
                    hess[k][q] += pk * x[q]
        for k in range(d + 1):
            for q in range(k):
                hess[k][q] = hess[q][k]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return lambda r: sum(w[k] * (r[k] - mean[k]) / sd[k] for k in range(d)) + w[d]


def main() -> int:
    root = os.environ.get("POLNEAR_REPO") or os.environ.get("POLNEAR_DIR")
    if not root:
        print("story_pairs: name the PolNeAR repository with POLNEAR_REPO", file=sys.stderr)
        return 2
    read = TrainText(Path(root))
    parsed = {name: parse_document(read(name), name) for name in read.names()}
    sets = {}
    for name, path in (("train", LABELS), ("may", FRESH)):
        rows = read_labels(path)
        articles = load_articles(rows, read, parsed)
        files = {r["file"] for r in rows}
        library = [a for n, found in parsed.items() if n not in files for a in found]
        days = [S.day_number(r["date"]) or 0 for r in rows]
        keys, feats = pair_features(articles, days, library)
        story = [r["story"] or f"alone-{k}" for k, r in enumerate(rows)]
        labels = [int(story[i] == story[j]) for i, j in keys]
        months = [rows[i]["date"][:7] for i, _ in keys]
        sets[name] = (feats, labels, months)
    feats, labels, months = sets["train"]
    may_feats, may_labels, _ = sets["may"]
    print(
        f"pairs within {S.WINDOW_DAYS} days: June-August {len(labels)} ({sum(labels)} same story),"
        f" May {len(may_labels)} ({sum(may_labels)} same story)"
    )
    print()
    print("| evidence alone | AP June-August | AP May |")
    print("|---|---:|---:|")
    for name in feats[0]:
        print(
            f"| {name} | {average_precision(labels, [f[name] for f in feats]):.3f}"
            f" | {average_precision(may_labels, [f[name] for f in may_feats]):.3f} |"
        )
    print()
    print(
        "| combined (logistic regression) | AP in sample | AP held-out month (mean of 3)"
        " | AP May (fitted on June-August) |"
    )
    print("|---|---:|---:|---:|")
    for title, names in SETS.items():
        rows = [[f[n] for n in names] for f in feats]
        model = fit(rows, labels)
        inside = average_precision(labels, [model(r) for r in rows])
        held = []
        for month in sorted(set(months)):
            train = [k for k, m in enumerate(months) if m != month]
            test = [k for k, m in enumerate(months) if m == month]
            fold = fit([rows[k] for k in train], [labels[k] for k in train])
            held.append(average_precision([labels[k] for k in test], [fold(rows[k]) for k in test]))
        may = average_precision(may_labels, [model([f[n] for n in names]) for f in may_feats])
        print(f"| {title} | {inside:.3f} | {sum(held) / len(held):.3f} | {may:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Story grouping measured on hand-labelled PolNeAR articles, beside two baselines.

The labels (``benchmarks/data/polnear_stories.tsv``: file names, dates, outlets, story
ids and event names, no article text) cover every PolNeAR *train* article published
2016-06-01..2016-08-31 (253 articles, 7 outlets). The text comes from a PolNeAR
checkout or its git mirror, named by ``--polnear`` or ``POLNEAR_REPO``/``POLNEAR_DIR``;
only ``data/train/text`` is read (dev and test stay untouched).

Prints one row per method: Newsdesk's grouping (:mod:`tui.extract.stories`), every
article alone, and TF-IDF cosine single link within 3 days at its best threshold
(swept on these labels, so the baseline is flattered). Pairwise precision/recall/F1
count pairs of articles put in one story; B-cubed averages per article. Most articles
are alone, so B-cubed flatters everyone: the pairwise figures are the target.

    POLNEAR_REPO=/path/to/PolNeAR python benchmarks/story_quality.py [--errors]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui.extract.pipeline import parse_document  # noqa: E402
from tui.extract.stories import StoryIndex, _words, article_features, day_number  # noqa: E402
from tui.model import Article  # noqa: E402

LABELS = HERE / "data" / "polnear_stories.tsv"


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    """The labelled rows: file, date, outlet, story ('' = alone), event."""
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


class TrainText:
    """Reads ``data/train/text/<file>.txt`` from a checkout or a bare git mirror."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.checkout = (root / "data" / "train" / "text").is_dir()

    def names(self) -> list[str]:
        """Every train article's file name (without ``.txt``)."""
        if self.checkout:
            return sorted(p.stem for p in (self.root / "data" / "train" / "text").glob("*.txt"))
        out = subprocess.run(
            ["git", "-C", str(self.root), "ls-tree", "--name-only", "HEAD:data/train/text/"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return sorted(line[:-4] for line in out.splitlines() if line.endswith(".txt"))

    def __call__(self, name: str) -> str:
        rel = f"data/train/text/{name}.txt"
        if self.checkout:
            return (self.root / rel).read_text(encoding="utf-8")
        return subprocess.run(
            ["git", "-C", str(self.root), "show", f"HEAD:{rel}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def load_articles(rows: list[dict[str, str]], read: TrainText) -> list[Article]:
    """One article per file (a file the reader splits is joined back)."""
    out = []
    for row in rows:
        articles = parse_document(read(row["file"]), row["file"])
        first = articles[0]
        if len(articles) > 1:
            first = Article(
                id=first.id,
                source=first.source,
                span=first.span,
                kind=first.kind,
                title=first.title,
                title_inferred=first.title_inferred,
                paragraphs=tuple(p for a in articles for p in a.paragraphs),
                entities=tuple(e for a in articles for e in a.entities),
                quotes=tuple(q for a in articles for q in a.quotes),
            )
        out.append(first)
    return out


def pairs(assign: dict[int, object]) -> set[tuple[int, int]]:
    groups: dict[object, list[int]] = defaultdict(list)
    for item, cluster in assign.items():
        groups[cluster].append(item)
    return {p for members in groups.values() for p in combinations(sorted(members), 2)}


def scores(gold: dict[int, object], pred: dict[int, object]) -> tuple[float, ...]:
    """Pairwise P, R, F1 and B-cubed P, R, F1."""
    g, p = pairs(gold), pairs(pred)
    tp = len(g & p)
    pp = tp / len(p) if p else 1.0
    pr = tp / len(g) if g else 1.0
    pf = 2 * pp * pr / (pp + pr) if pp + pr else 0.0
    gc: dict[object, set[int]] = defaultdict(set)
    pc: dict[object, set[int]] = defaultdict(set)
    for i, c in gold.items():
        gc[c].add(i)
    for i, c in pred.items():
        pc[c].add(i)
    bp = sum(len(gc[gold[i]] & pc[pred[i]]) / len(pc[pred[i]]) for i in gold) / len(gold)
    br = sum(len(gc[gold[i]] & pc[pred[i]]) / len(gc[gold[i]]) for i in gold) / len(gold)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return pp, pr, pf, bp, br, bf


def tfidf_single_link(texts: list[str], days: list[int], threshold: float) -> dict[int, object]:
    """The baseline: TF-IDF cosine over content words, single link within 3 days."""
    counts = [Counter(_words(t)) for t in texts]
    df = Counter(term for c in counts for term in c)
    n = len(texts)
    vectors = []
    for c in counts:
        v = {t: (1 + math.log(k)) * math.log((n + 1) / (df[t] + 1)) for t, k in c.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vectors.append({t: w / norm for t, w in v.items()})
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(n), 2):
        if abs(days[i] - days[j]) > 3:
            continue
        a, b = vectors[i], vectors[j]
        if sum(w * b.get(t, 0.0) for t, w in a.items()) >= threshold:
            parent[find(i)] = find(j)
    return {i: find(i) for i in range(n)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", help="PolNeAR checkout or git mirror (or POLNEAR_REPO)")
    parser.add_argument("--errors", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args(argv)
    root = args.polnear or os.environ.get("POLNEAR_REPO") or os.environ.get("POLNEAR_DIR")
    if not root:
        print(
            "story_quality: name the PolNeAR repository with --polnear or POLNEAR_REPO",
            file=sys.stderr,
        )
        return 2
    rows = read_labels()
    articles = load_articles(rows, TrainText(Path(root)))
    days = [day_number(r["date"]) or 0 for r in rows]
    gold: dict[int, object] = {i: (r["story"] or f"alone-{i}") for i, r in enumerate(rows)}

    # The library holds every train article (840): document frequencies come from all of
    # them, as in a real library; the labelled ones are placed in date order.
    read = TrainText(Path(root))
    labelled = {r["file"] for r in rows}
    library = [
        article_features(article)
        for name in read.names()
        if name not in labelled
        for article in parse_document(read(name), name)
    ]
    features = [article_features(a, day=d) for a, d in zip(articles, days, strict=True)]

    def newsdesk(burst: bool) -> dict[int, object]:
        index = StoryIndex(burst=burst)
        for f in [*library, *features]:
            index.observe(f)
        for i in sorted(range(len(rows)), key=lambda i: days[i]):
            index.place(str(i), features[i], observed=True)
        return {int(k): v for k, v in index.placements.items()}

    ours = newsdesk(burst=True)
    before = newsdesk(burst=False)

    texts = [a.title + "\n" + a.body_text for a in articles]
    best = max(
        ((t / 100, tfidf_single_link(texts, days, t / 100)) for t in range(5, 100, 5)),
        key=lambda tp: scores(gold, tp[1])[2],
    )
    stories = len({c for c in gold.values() if not str(c).startswith("alone-")})
    print(
        f"{len(rows)} articles, {stories} labelled stories of two or more, {len(pairs(gold))} pairs"
    )
    print("| method | pairwise P | pairwise R | pairwise F1 | B-cubed P | B-cubed R | B-cubed F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, pred in (
        ("newsdesk", ours),
        ("newsdesk before (plain TF-IDF, no burst weighting)", before),
        ("every article alone", {i: i for i in gold}),
        (f"TF-IDF single link, 3 days, threshold {best[0]:.2f}", best[1]),
    ):
        print(f"| {name} | " + " | ".join(f"{s:.3f}" for s in scores(gold, pred)) + " |")
    print()
    print("By month (pairs within one month; a check that one window's figures hold in the next):")
    print("| month | articles | pairs | newsdesk P | newsdesk R | before P | before R |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for month in sorted({r["date"][:7] for r in rows}):
        idx = [i for i in gold if rows[i]["date"].startswith(month)]
        sub = {i: gold[i] for i in idx}
        a = scores(sub, {i: ours[i] for i in idx})
        b = scores(sub, {i: before[i] for i in idx})
        print(
            f"| {month} | {len(idx)} | {len(pairs(sub))} | {a[0]:.3f} | {a[1]:.3f}"
            f" | {b[0]:.3f} | {b[1]:.3f} |"
        )
    if args.errors:
        g, p = pairs(gold), pairs(ours)
        for label, wrong in (("false", sorted(p - g)), ("missed", sorted(g - p))):
            for i, j in wrong:
                a, b = rows[i], rows[j]
                print(
                    f"{label}: {a['file']} ~ {b['file']} ({a['story'] or '-'}/{b['story'] or '-'})"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

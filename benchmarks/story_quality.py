"""Story grouping measured on hand-labelled PolNeAR articles, beside two baselines.

The labels (``benchmarks/data/polnear_stories.tsv``: file names, dates, outlets, story
ids and event names, no article text) cover every PolNeAR *train* article published
2016-06-01..2016-08-31 (253 articles, 7 outlets). The text comes from a PolNeAR
checkout or its git mirror, named by ``--polnear`` or ``POLNEAR_REPO``/``POLNEAR_DIR``;
only ``data/train/text`` is read (dev and test stay untouched).

Prints one row per method: Newsdesk's grouping (:mod:`tui.extract.stories`), the same
module as it was at git ref ``--against`` (the method before, run in the same process
on the same articles), every article alone, and TF-IDF cosine single link within 3
days at its best threshold (swept on these labels, so the baseline is flattered).
Pairwise precision/recall/F1 count pairs of articles put in one story; B-cubed averages
per article. Most articles are alone, so B-cubed flatters everyone: the pairwise
figures are the target.

Then a check against overfitting: leave one month out. The link threshold is picked
on two of the three labelled months (best pairwise F1 there) and scored on the third;
the pooled held-out figures say what a threshold fitted elsewhere does on new months.

Then the months labelled after the method was settled, never tuned on (May 2016;
March and April 2016, labelled blind in stories-quality; then January and February
2016, November 2015 and September 2016, also blind), each beside the same baselines,
and every labelled month together: pooled precision/recall and leave one month out
over all of them (the fairer measure: every month, not three).

    POLNEAR_REPO=/path/to/PolNeAR python benchmarks/story_quality.py [--errors] [--against REF]

``--errors`` lists the false and missed pairs of every label set.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import types
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui.extract import stories as current  # noqa: E402
from tui.extract.pipeline import parse_document  # noqa: E402
from tui.extract.stories import _words, day_number  # noqa: E402
from tui.model import Article  # noqa: E402

LABELS = HERE / "data" / "polnear_stories.tsv"
#: A month labelled after this round's method was settled (never tuned on).
FRESH = HERE / "data" / "polnear_stories_2016-05.tsv"
#: Every month labelled after a method was settled, labelled without looking at any
#: method's output (May in stories-r's round; March and April in stories-quality;
#: February in stories-label-02; November 2015 and September 2016 in stories-label-11;
#: December 2015 in stories-label-12).
FRESH_MONTHS = (
    FRESH,
    HERE / "data" / "polnear_stories_2016-04.tsv",
    HERE / "data" / "polnear_stories_2016-03.tsv",
    HERE / "data" / "polnear_stories_2016-02.tsv",
    HERE / "data" / "polnear_stories_2016-01.tsv",
    HERE / "data" / "polnear_stories_2015-11.tsv",
    HERE / "data" / "polnear_stories_2016-09.tsv",
    HERE / "data" / "polnear_stories_2015-12.tsv",
)
#: The method before this round: main before online single link (folding stories).
BEFORE = "927e5e5"
HEADER = "| method | pairwise P | pairwise R | pairwise F1 | B-cubed P | B-cubed R | B-cubed F1 |"
#: Link thresholds tried when one month is left out.
SWEEP = tuple(t / 100 for t in range(12, 28, 2))


def module_at(ref: str) -> types.ModuleType:
    """``tui/extract/stories.py`` as it was at git ref ``ref``, loaded as a module of
    its own (it imports only ``tui.model``), so both methods run in one process."""
    source = subprocess.run(
        ["git", "-C", str(HERE.parent), "show", f"{ref}:tui/extract/stories.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"stories_at_{ref}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{ref}:tui/extract/stories.py", "exec"), module.__dict__)
    return module


def with_pair_model(module: types.ModuleType) -> types.ModuleType | None:
    """``module`` grouping with its pair model on (``StoryIndex(model=PAIR_MODEL)``: the
    model's links beside the rules'), or None if it has none. Its weights were fitted on
    these labels (``fit_story_model.py``): its rows here are flattered, that script's
    leave-one-month-out table is the fair figure."""
    if not hasattr(module, "PAIR_MODEL"):
        return None
    modeled = types.ModuleType(f"{module.__name__}_pair_model")
    modeled.__dict__.update(module.__dict__)
    modeled.__name__ = f"{module.__name__}_pair_model"

    class Index(module.StoryIndex):  # type: ignore[name-defined,misc]
        def __init__(self, **kwargs: object) -> None:
            super().__init__(model=module.PAIR_MODEL, **kwargs)

    modeled.StoryIndex = Index  # type: ignore[attr-defined]
    return modeled


MODEL_ROW = "newsdesk + pair model (fitted on 2016-01..08)"


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


def load_articles(
    rows: list[dict[str, str]], read: TrainText, parsed: dict[str, list[Article]] | None = None
) -> list[Article]:
    """One article per file (a file the reader splits is joined back)."""
    out = []
    for row in rows:
        if parsed is not None:
            articles = parsed[row["file"]]
        else:
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
    edges = (
        (i, j)
        for i, j in combinations(range(n), 2)
        if abs(days[i] - days[j]) <= 3
        and sum(w * vectors[j].get(t, 0.0) for t, w in vectors[i].items()) >= threshold
    )
    return dict(enumerate(single_link(n, edges)))


def single_link(n: int, edges: Iterable[tuple[int, int]]) -> list[int]:
    """Items 0..n-1 grouped by the linked pairs ``edges`` (union-find): each item's
    group (an item's representative)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        parent[find(i)] = find(j)
    return [find(i) for i in range(n)]


def held_out(
    gold: dict[int, object], months: list[str], runs: dict[float, dict[int, object]]
) -> tuple[list[tuple[str, float, float, float]], tuple[float, float]]:
    """Leave one month out: per month, the threshold with the best pairwise F1 on the
    other months and its precision/recall on this one; then the pooled held-out P, R."""

    def counts(pred: dict[int, object], keep: set[str]) -> tuple[int, int, int]:
        idx = [i for i in gold if months[i] in keep]
        g = pairs({i: gold[i] for i in idx})
        p = pairs({i: pred[i] for i in idx})
        return len(g & p), len(p - g), len(g - p)

    def f1(tp: int, fp: int, fn: int) -> float:
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    out = []
    pooled = [0, 0, 0]
    for month in sorted(set(months)):
        others = set(months) - {month}
        pick = max(runs, key=lambda t: f1(*counts(runs[t], others)))  # ties: the lowest
        tp, fp, fn = counts(runs[pick], {month})
        pooled = [a + b for a, b in zip(pooled, (tp, fp, fn), strict=True)]
        out.append((month, pick, *_precision_recall(tp, fp, fn)))
    return out, _precision_recall(*pooled)


def gold_of(rows: list[dict[str, str]]) -> dict[int, object]:
    """Row index -> labelled story (each article labelled alone is a story of its own)."""
    return {i: (r["story"] or f"alone-{i}") for i, r in enumerate(rows)}


def print_errors(rows: list[dict[str, str]], pred: dict[int, object]) -> None:
    """The false and the missed pairs of one label set, by file name and label."""
    g, p = pairs(gold_of(rows)), pairs(pred)
    for label, wrong in (("false", sorted(p - g)), ("missed", sorted(g - p))):
        for i, j in wrong:
            a, b = rows[i], rows[j]
            print(f"{label}: {a['file']} ~ {b['file']} ({a['story'] or '-'}/{b['story'] or '-'})")


def every_month(
    label_sets: list[tuple[str, tuple[list[dict[str, str]], list[Article], list[int]]]],
    newsdesk: Callable[..., dict[int, object]],
    current: types.ModuleType,
    old: types.ModuleType,
    against: str,
) -> None:
    """Every label set as one: pooled pairwise figures, and leave one month out over all
    their months (the threshold picked by pairwise F1 on the other months). Each set is
    grouped on its own (pairs never cross sets), as in the tables above."""
    gold: dict[int, object] = {}
    months: list[str] = []
    for name, (set_rows, _articles, _days) in label_sets:
        base = len(months)
        for i, story in gold_of(set_rows).items():
            gold[base + i] = (name, story)
        months.extend(r["date"][:7] for r in set_rows)

    def joined(module: types.ModuleType, link: float | None = None) -> dict[int, object]:
        out: dict[int, object] = {}
        base = 0
        for name, labelled in label_sets:
            for i, story in newsdesk(module, link, labelled=labelled).items():
                out[base + i] = (name, story)
            base += len(labelled[0])
        return out

    print()
    print(
        f"Every labelled month ({len(set(months))} months, {len(gold)} articles,"
        f" {len(pairs(gold))} pairs; each label set grouped on its own):"
    )
    print(HEADER)
    print("|---|---:|---:|---:|---:|---:|---:|")
    methods = [("newsdesk", current), (f"newsdesk before ({against})", old)]
    modeled = with_pair_model(current)
    if modeled is not None:
        methods.insert(1, (MODEL_ROW, modeled))
    for name, module in methods:
        print(f"| {name} | " + " | ".join(f"{s:.3f}" for s in scores(gold, joined(module))) + " |")
    title = "Leave one month out over every labelled month (link picked on the other months):"
    print_held_out(title, gold, months, joined, (current, old))


def print_held_out(
    title: str,
    gold: dict[int, object],
    months: list[str],
    group: Callable[[types.ModuleType, float], dict[int, object]],
    methods: tuple[types.ModuleType, types.ModuleType],
) -> None:
    """The leave-one-month-out table (:func:`held_out`) of both methods (``group`` runs
    one at a link threshold), side by side."""
    print()
    print(title)
    print("| held-out month | newsdesk link | P | R | before link | P | R |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    ours_out, ours_pooled = held_out(gold, months, {t: group(methods[0], t) for t in SWEEP})
    old_out, old_pooled = held_out(gold, months, {t: group(methods[1], t) for t in SWEEP})
    for (month, a, ap, ar), (_, b, bp, br) in zip(ours_out, old_out, strict=True):
        print(f"| {month} | {a:.2f} | {ap:.3f} | {ar:.3f} | {b:.2f} | {bp:.3f} | {br:.3f} |")
    print(
        f"| pooled | | {ours_pooled[0]:.3f} | {ours_pooled[1]:.3f} |"
        f" | {old_pooled[0]:.3f} | {old_pooled[1]:.3f} |"
    )


def _precision_recall(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", help="PolNeAR checkout or git mirror (or POLNEAR_REPO)")
    parser.add_argument(
        "--errors", action="store_true", help="list wrong and missed pairs of every label set"
    )
    parser.add_argument(
        "--against", default=BEFORE, help=f"git ref of the method before (default {BEFORE})"
    )
    args = parser.parse_args(argv)
    root = args.polnear or os.environ.get("POLNEAR_REPO") or os.environ.get("POLNEAR_DIR")
    if not root:
        print(
            "story_quality: name the PolNeAR repository with --polnear or POLNEAR_REPO",
            file=sys.stderr,
        )
        return 2
    read = TrainText(Path(root))
    # The library holds every train article (840): document frequencies come from all of
    # them, as in a real library; the labelled ones are placed in date order.
    parsed = {name: parse_document(read(name), name) for name in read.names()}
    rows = read_labels()
    articles = load_articles(rows, read, parsed)
    days = [day_number(r["date"]) or 0 for r in rows]
    gold = gold_of(rows)
    old = module_at(args.against)

    features_of: dict[tuple[str, str], tuple[list, list]] = {}

    def newsdesk(
        module: types.ModuleType,
        link: float | None = None,
        labelled: tuple[list[dict[str, str]], list[Article], list[int]] | None = None,
    ) -> dict[int, object]:
        """``module``'s grouping of the labelled articles (``labelled``: rows, articles
        and days of another label set), the rest of train observed, not placed."""
        these_rows, these, these_days = labelled or (rows, articles, days)
        names = {r["file"] for r in these_rows}
        # The features do not depend on the link threshold: worked out once per set.
        cache_key = (module.__name__, these_rows[0]["file"])
        if cache_key not in features_of:
            others = [a for name, found in parsed.items() if name not in names for a in found]
            features_of[cache_key] = (
                [module.article_features(a) for a in others],
                [module.article_features(a, day=d) for a, d in zip(these, these_days, strict=True)],
            )
        library, features = features_of[cache_key]
        saved = module.LINK_THRESHOLD
        if link is not None:
            module.LINK_THRESHOLD = link
        try:
            index = module.StoryIndex()
            for f in [*library, *features]:
                index.observe(f)
            for i in sorted(range(len(these_rows)), key=lambda i: these_days[i]):
                index.place(str(i), features[i], observed=True)
            resolve = getattr(index, "resolve", lambda story: story)
            return {int(k): resolve(v) for k, v in index.placements.items()}
        finally:
            module.LINK_THRESHOLD = saved

    ours = newsdesk(current)
    before = newsdesk(old)
    modeled = with_pair_model(current)

    texts = [a.title + "\n" + a.body_text for a in articles]
    best = max(
        ((t / 100, tfidf_single_link(texts, days, t / 100)) for t in range(5, 100, 5)),
        key=lambda tp: scores(gold, tp[1])[2],
    )
    stories = len({c for c in gold.values() if not str(c).startswith("alone-")})
    print(
        f"{len(rows)} articles, {stories} labelled stories of two or more, {len(pairs(gold))} pairs"
    )
    print(HEADER)
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, pred in (
        ("newsdesk", ours),
        *([(MODEL_ROW, newsdesk(modeled))] if modeled is not None else []),
        (f"newsdesk before ({args.against})", before),
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
    months = [r["date"][:7] for r in rows]
    title = "Leave one month out (link threshold picked on the other two months by pairwise F1):"
    print_held_out(title, gold, months, newsdesk, (current, old))
    label_sets = [("2016-06..08", (rows, articles, days))]
    for path in FRESH_MONTHS:
        if not path.exists():
            continue
        fresh_rows = read_labels(path)
        fresh = (
            fresh_rows,
            load_articles(fresh_rows, read, parsed),
            [day_number(r["date"]) or 0 for r in fresh_rows],
        )
        label_sets.append((path.name, fresh))
        fresh_gold = gold_of(fresh_rows)
        fresh_texts = [a.title + "\n" + a.body_text for a in fresh[1]]
        fresh_stories = {c for c in fresh_gold.values() if not str(c).startswith("alone-")}
        print()
        print(
            f"A month never tuned on ({path.name}: {len(fresh_rows)} articles,"
            f" {len(fresh_stories)} stories of two or more, {len(pairs(fresh_gold))} pairs;"
            " thresholds as above):"
        )
        print(HEADER)
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, pred in (
            ("newsdesk", newsdesk(current, labelled=fresh)),
            *([(MODEL_ROW, newsdesk(modeled, labelled=fresh))] if modeled is not None else []),
            (f"newsdesk before ({args.against})", newsdesk(old, labelled=fresh)),
            ("every article alone", {i: i for i in fresh_gold}),
            (
                f"TF-IDF single link, 3 days, threshold {best[0]:.2f}",
                tfidf_single_link(fresh_texts, fresh[2], best[0]),
            ),
        ):
            print(f"| {name} | " + " | ".join(f"{s:.3f}" for s in scores(fresh_gold, pred)) + " |")
    if len(label_sets) > 1:
        every_month(label_sets, newsdesk, current, old, args.against)
    if args.errors:
        for _name, (set_rows, set_articles, set_days) in label_sets:
            labelled = (set_rows, set_articles, set_days)
            print_errors(set_rows, newsdesk(current, labelled=labelled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

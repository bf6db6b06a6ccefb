"""Evidence beyond the words: what it would buy the story grouping on the PolNeAR labels.

The grouping links two articles on their pair score (words, names and numbers by TF-IDF
and burst, quote shingles, the title subject); a story of two on one weak link also
needs a second piece of evidence (:data:`~tui.extract.stories.PAIR_LINK`): a rare lede
phrase both share (:data:`~tui.extract.stories.PHRASE_MAX_ARTICLES`). This asks whether
other evidence would find the pairs it misses without the false ones:

- ``speaker``: the last name of a person both quote (the quote extractor's speakers);
- ``names``: a person both name in full (the entity extractor's, two words or more);
- ``number``: a number both give (``2,383``, ``$1.1 billion``; years left out);
- ``quoted``: three words in a row both quote (near-identical quotes);
- ``weekday``: the same day named by a weekday in both titles and ledes, counted back
  from each publication date (``on Tuesday`` in a Thursday paper: two days before).

Each kind is tried with the lede-phrase rule itself: an article's tokens of that kind
join its lede phrases, and a token fewer than ``PHRASE_MAX_ARTICLES`` placed articles
of the window have is a second piece of evidence, as a rare phrase is (``x 1.0``); and,
more loosely, one also lets a link of 0.8 or 0.7 times the link threshold count (``x
0.8``, ``x 0.7``). Every row is scored as ``story_quality.py`` scores (the library holds
all 840 train articles, the labelled ones are placed in date order): June-August, leave
one month out (the link threshold picked on two months, pooled over the third), and
May 2016 (labelled after the method was settled). Then every pair the grouping misses,
with its score and the evidence it has; then the link threshold against ``PAIR_LINK``:
the most recall any pair of them gives at precision .90 or more.

    POLNEAR_REPO=/path/to/PolNeAR python benchmarks/story_evidence.py

Only ``data/train/text`` is read. About a minute.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from story_quality import (  # noqa: E402
    FRESH,
    LABELS,
    SWEEP,
    TrainText,
    held_out,
    load_articles,
    pairs,
    read_labels,
    scores,
)

from tui.extract import stories as S  # noqa: E402
from tui.extract.pipeline import parse_document  # noqa: E402
from tui.model import Article, EntityKind  # noqa: E402

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_QUOTE_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
#: Words in a row that make a ``quoted`` token.
QUOTED_WORDS = 3
KINDS = ("speaker", "names", "number", "quoted", "weekday")
#: Factors of the link threshold a link with the evidence needs (1.0: the evidence is a
#: second piece of evidence only, as a rare lede phrase is).
WEAK = (1.0, 0.8, 0.7)


def weekday_days(text: str, day: int) -> set[int]:
    """The day numbers of the weekdays ``text`` names, each the last such day on or
    before ``day`` (news reports what happened: ``on Tuesday`` in a Thursday paper is
    two days before it; the same weekday as the paper's is its own day)."""
    today = dt.date.fromordinal(day + 719163).weekday()  # day 0 is 1970-01-01
    return {day - (today - WEEKDAYS.index(m.group(1).lower())) % 7 for m in _WEEKDAY.finditer(text)}


def evidence(article: Article, day: int | None) -> dict[str, set[str]]:
    """The article's tokens of each kind (see the module docstring)."""
    out: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for quote in article.quotes:
        speaker = S._speaker_key(quote.speaker)
        if speaker.isalpha() and (quote.speaker or "")[:1].isupper():  # not `his wife`
            out["speaker"].add(speaker)
        words = [w.lower() for w in _QUOTE_WORD.findall(quote.text)]
        for i in range(len(words) - QUOTED_WORDS + 1):
            out["quoted"].add(" ".join(words[i : i + QUOTED_WORDS]))
    for entity in article.entities:
        if entity.kind == EntityKind.PERSON and len(entity.name.split()) >= 2:
            out["names"].add(entity.name.lower())
    texts = [p.text for p in article.paragraphs]
    out["number"].update(S._numbers("\n".join(texts)))
    if day is not None:
        out["weekday"] = {str(d) for d in weekday_days(article.title + "\n" + S._lede(texts), day)}
    return out


def token_hash(kind: str, token: str) -> int:
    """A token as a lede-phrase hash (its kind in it: a number is no speaker)."""
    return zlib.crc32(f"{kind}\t{token}".encode())


class EvidenceIndex(S.StoryIndex):
    """The grouping, a link of at least ``weak`` times the link threshold counting as a
    link when the two articles share a rare mark of ``marks`` (the kind tried)."""

    def __init__(self, weak: float, marks: set[str]) -> None:
        super().__init__()
        self.weak = weak
        self.marks = marks

    def scored(
        self, vector: dict[str, float], quotes: frozenset[int], day: int | None
    ) -> list[tuple[str, float]]:
        found = super().scored(vector, quotes, day)
        if self.weak >= 1.0:
            return found
        link = S.LINK_THRESHOLD if self._burst_window(day)[1] else S.LINK_THRESHOLD_NO_HISTORY
        own = self.marks.intersection(vector)
        if not own:
            return found
        return [
            (
                other,
                link
                if link * self.weak <= s < link and own & self.member(other).vector.keys()
                else s,
            )
            for other, s in found
        ]


def grouping(
    library: list[S.StoryFeatures],
    labelled: list[S.StoryFeatures],
    days: list[int],
    make: Callable[[], S.StoryIndex],
) -> Callable[[float | None], dict[int, object]]:
    """A function of the link threshold: the stories of the labelled articles."""

    def run(link: float | None = None) -> dict[int, object]:
        saved = S.LINK_THRESHOLD
        if link is not None:
            S.LINK_THRESHOLD = link
        try:
            index = make()
            for features in [*library, *labelled]:
                index.observe(features)
            for i in sorted(range(len(labelled)), key=days.__getitem__):
                index.place(str(i), labelled[i], observed=True)
            return {int(k): index.resolve(v) for k, v in index.placements.items()}
        finally:
            S.LINK_THRESHOLD = saved

    return run


def counts(gold: dict[int, object], pred: dict[int, object]) -> tuple[int, int]:
    g, p = pairs(gold), pairs(pred)
    return len(g & p), len(p - g)


def with_kind(
    features: list[S.StoryFeatures], tokens: list[dict[str, set[str]]], kind: str | None
) -> tuple[list[S.StoryFeatures], set[str]]:
    """``features`` with ``kind``'s tokens among the lede phrases, and their marks."""
    if kind is None:
        return features, set()
    out, marks = [], set()
    for f, t in zip(features, tokens, strict=True):
        hashes = tuple(token_hash(kind, token) for token in sorted(t[kind]))
        marks.update(f"{S.PHRASE}{h:x}" for h in hashes)
        out.append(dataclasses.replace(f, phrases=f.phrases + hashes))
    return out, marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", help="PolNeAR checkout or git mirror (or POLNEAR_REPO)")
    args = parser.parse_args(argv)
    root = args.polnear or os.environ.get("POLNEAR_REPO") or os.environ.get("POLNEAR_DIR")
    if not root:
        print("story_evidence: name PolNeAR with --polnear or POLNEAR_REPO", file=sys.stderr)
        return 2
    read = TrainText(Path(root))
    parsed = {name: parse_document(read(name), name) for name in read.names()}

    def label_set(path: Path) -> dict[str, object]:
        rows = read_labels(path)
        articles = load_articles(rows, read, parsed)
        days = [S.day_number(r["date"]) or 0 for r in rows]
        names = {r["file"] for r in rows}
        others = [a for name, found in parsed.items() if name not in names for a in found]
        return {
            "rows": rows,
            "days": days,
            "gold": {i: (r["story"] or f"alone-{i}") for i, r in enumerate(rows)},
            "library": [S.article_features(a) for a in others],
            "library_tokens": [evidence(a, S.day_number(a.date)) for a in others],
            "features": [S.article_features(a, day=d) for a, d in zip(articles, days, strict=True)],
            "tokens": [evidence(a, d) for a, d in zip(articles, days, strict=True)],
        }

    train, may = label_set(LABELS), label_set(FRESH)
    months = [r["date"][:7] for r in train["rows"]]

    def runner(
        data: dict, kind: str | None, weak: float
    ) -> Callable[[float | None], dict[int, object]]:
        library, lib_marks = with_kind(data["library"], data["library_tokens"], kind)
        labelled, marks = with_kind(data["features"], data["tokens"], kind)
        return grouping(
            library, labelled, data["days"], lambda: EvidenceIndex(weak, marks | lib_marks)
        )

    print(
        "| second evidence (beside rare lede phrases) | link x | P | R | F1 | TP / FP"
        " | held-out P / R | May P / R (TP / FP) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    variants: Iterable[tuple[str | None, float]] = [(None, 1.0)] + [
        (k, w) for k in KINDS for w in WEAK
    ]
    for kind, weak in variants:
        run = runner(train, kind, weak)
        ours = run(None)
        p, r, f1 = scores(train["gold"], ours)[:3]
        tp, fp = counts(train["gold"], ours)
        _, pooled = held_out(train["gold"], months, {t: run(t) for t in SWEEP})
        fresh = runner(may, kind, weak)(None)
        mp, mr = scores(may["gold"], fresh)[:2]
        mtp, mfp = counts(may["gold"], fresh)
        print(
            f"| {kind or 'none (the grouping as it is)'} | {weak:.1f} | {p:.3f} | {r:.3f}"
            f" | {f1:.3f} | {tp} / {fp} | {pooled[0]:.3f} / {pooled[1]:.3f}"
            f" | {mp:.3f} / {mr:.3f} ({mtp} / {mfp}) |"
        )

    # The pairs the grouping misses, with their score and what evidence they share.
    index = S.StoryIndex()
    for features in [*train["library"], *train["features"]]:
        index.observe(features)
    days = train["days"]
    for i in sorted(range(len(days)), key=days.__getitem__):
        index.place(str(i), train["features"][i], observed=True)
    ours = {int(k): index.resolve(v) for k, v in index.placements.items()}
    rows, gold, tokens = train["rows"], train["gold"], train["tokens"]
    missed = sorted(pairs(gold) - pairs(ours))
    print()
    print(
        f"Missed pairs ({len(missed)}): score as placed, days apart, evidence shared (any rarity)"
    )
    print("| pair | story | score | days | shared evidence |")
    print("|---|---|---:|---:|---|")
    for i, j in missed:
        early, late = sorted((i, j), key=days.__getitem__)
        a, b = index.member(str(early)), index.member(str(late))
        s = S.score(b.vector, b.quotes, b.day, a)
        shared = [
            f"{kind}: " + ", ".join(sorted(tokens[i][kind] & tokens[j][kind])[:3])
            for kind in KINDS
            if tokens[i][kind] & tokens[j][kind]
        ]
        print(
            f"| {rows[early]['file'][:32]} ~ {rows[late]['file'][:32]} | {gold[i]} | {s:.3f}"
            f" | {days[late] - days[early]} | {'; '.join(shared) or '-'} |"
        )

    # The thresholds the grouping has: how much recall any of them buys at precision .9.
    print()
    print("Link threshold against PAIR_LINK (June-August): the best recall at precision >= .90")
    print("| link threshold | best R at P >= .90 (PAIR_LINK) | R at PAIR_LINK 1.5 (P, FP) |")
    print("|---:|---|---|")
    saved = S.PAIR_LINK
    try:
        for link in (0.14, 0.15, 0.16, 0.17, 0.18, 0.19, 0.20, 0.21, 0.22):
            best = None
            here = ""
            for factor in (1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6):
                S.PAIR_LINK = factor
                pred = grouping(train["library"], train["features"], days, S.StoryIndex)(link)
                p, r = scores(gold, pred)[:2]
                if p >= 0.9 and (best is None or r > best[0]):
                    best = (r, factor)
                if factor == 1.5:
                    here = f"{r:.3f} ({p:.3f}, {counts(gold, pred)[1]})"
            cell = f"{best[0]:.3f} ({best[1]:.1f})" if best else "none"
            print(f"| {link:.2f} | {cell} | {here} |")
    finally:
        S.PAIR_LINK = saved
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

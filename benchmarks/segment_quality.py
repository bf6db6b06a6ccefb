"""How well the dump reader splits files into articles, on real Wikinews text.

Four forms are built from the Wikinews CSV (``url,date,title,text``; the text is the
dateline line ``Friday, January 4, 2019`` then paragraphs separated by blank lines):

- **single**: one article per file, ``title\\n\\ntext``; right when it reads as one article;
- **titled**: five articles per file, each ``title\\n\\ntext``, joined by a blank line;
- **dated**: five stories glued one paragraph a line, no titles, no blank lines, each
  story opening with its dateline line (how wire dumps and many scrapers look);
- **bare**: the same without the datelines: nothing but the text says where a story ends.

Which articles go together is shuffled with several seeds. For each form the script
prints the files whose article count is exact and boundary precision, recall and F1: a
boundary is a paragraph that opens a story other than the file's first (a title line or
a dateline line counts as the story's first paragraph), and a predicted boundary is
right when it falls on the same paragraph. Mentioned paragraph = the one an article's
``span.start`` lies in.

The CSV is split into a *tuning* part and a *held-out* part by a hash of each URL (one in
four held out), so figures on articles never looked at while tuning can be reported
beside the figures on all of it:

    python benchmarks/segment_quality.py [CSV_OR_DIR] [--seeds 5] [--part all|tune|held-out]
        [--against TREE]

``CSV_OR_DIR`` defaults to ``../shared/corpora`` (the file ``wikinews_2019.csv`` in it).
``--against TREE`` also scores another checkout (``git worktree add /tmp/before main``)
in a subprocess and prints both, side by side.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import hashlib
import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FORMS = ("single", "titled", "dated", "bare")
#: Harder forms, beside the four: the titled ones without the dateline line (as a
#: scraper that keeps the date in another field leaves them).
STRESS_FORMS = ("single-undated", "titled-undated")
PARTS = ("all", "tune", "held-out")
PER_FILE = 5

_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
#: The dateline Wikinews puts first: ``Friday, January 4, 2019``.
_DATELINE = re.compile(r"\w+day, \w+ \d{1,2}, \d{4}(?=\s|$)")


@dataclass(frozen=True)
class Story:
    url: str
    title: str
    dateline: str
    paragraphs: tuple[str, ...]
    raw: str


def load_stories(path: Path) -> list[Story]:
    """The CSV's articles, each as its dateline line and its paragraphs (one line each)."""
    if path.is_dir():
        path = path / "wikinews_2019.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    stories = []
    for row in rows:
        blocks = [" ".join(b.split()) for b in _BLOCK_SPLIT.split(row["text"].strip())]
        blocks = [b for b in blocks if b]
        dateline = ""
        found = _DATELINE.match(blocks[0]) if blocks else None
        if found:
            dateline = found.group(0).strip()
            blocks[0] = blocks[0][found.end() :].strip()
            blocks = [b for b in blocks if b]
        stories.append(
            Story(row["url"], row["title"].strip(), dateline, tuple(blocks), row["text"])
        )
    return stories


def held_out(story: Story) -> bool:
    """One story in four, chosen by its URL's hash: never looked at while tuning."""
    return hashlib.blake2b(story.url.encode(), digest_size=2).digest()[0] % 4 == 0


def part_of(stories: list[Story], part: str) -> list[Story]:
    if part == "all":
        return stories
    keep = part == "held-out"
    return [s for s in stories if held_out(s) == keep]


def _paragraph_starts(text: str, line_layout: bool) -> list[int]:
    """Where each paragraph of ``text`` starts: each line, or each blank-line block."""
    pattern = _LINE_START if line_layout else _BLOCK_START
    return [m.start(1) for m in pattern.finditer(text)]


_LINE_START = re.compile(r"(?m)^[ \t\u00a0]*(\S)")
_BLOCK_START = re.compile(r"(?:\A|\n[ \t\u00a0]*\n)\s*(\S)")


def build_file(form: str, group: list[Story]) -> tuple[str, list[int], list[int]]:
    """(text, start offset of each paragraph, indexes of the paragraphs opening a story).

    The titled forms keep each row's text as it is (``title\n\ntext``); the glued forms
    put each paragraph on one line.
    """
    pieces: list[str] = []
    story_starts: list[int] = []
    offset = 0
    for story in group:
        if form in ("single", "titled"):
            piece = f"{story.title}\n\n{story.raw.strip()}\n\n"
        elif form in ("single-undated", "titled-undated"):
            piece = f"{story.title}\n\n" + "\n\n".join(story.paragraphs) + "\n\n"
        elif form == "dated" and story.dateline:
            piece = "\n".join([story.dateline, *story.paragraphs]) + "\n"
        else:
            piece = "\n".join(story.paragraphs) + "\n"
        story_starts.append(offset)
        pieces.append(piece)
        offset += len(piece)
    text = "".join(pieces)
    starts = _paragraph_starts(text, form in ("dated", "bare"))
    opens = [bisect.bisect_left(starts, at) for at in story_starts]
    return text, starts, opens


def groups(stories: list[Story], form: str, seeds: int) -> list[list[Story]]:
    if form.startswith("single"):
        return [[s] for s in stories]
    result = []
    for seed in range(seeds):
        shuffled = stories[:]
        random.Random(seed).shuffle(shuffled)
        result.extend(
            shuffled[i : i + PER_FILE] for i in range(0, len(shuffled) - PER_FILE + 1, PER_FILE)
        )
    return result


def score(stories: list[Story], form: str, seeds: int) -> dict[str, float]:
    """Exact-count rate and boundary precision/recall/F1 of the reader on one form."""
    from tui.ingest.dump import read_dump

    exact = files = 0
    true_positive = predicted = actual = 0
    for group in groups(stories, form, seeds):
        text, starts, opens = build_file(form, group)
        articles = read_dump(text, "eval.txt")
        files += 1
        exact += len(articles) == len(group)
        found = {bisect.bisect_right(starts, a.span.start) - 1 for a in articles}
        found.discard(0)
        wanted = set(opens[1:])
        true_positive += len(found & wanted)
        predicted += len(found)
        actual += len(wanted)
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "files": files,
        "exact": exact / files if files else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def run(path: Path, seeds: int, parts: list[str]) -> dict[str, dict[str, dict[str, float]]]:
    stories = load_stories(path)
    return {
        part: {form: score(part_of(stories, part), form, seeds) for form in (*FORMS, *STRESS_FORMS)}
        for part in parts
    }


def _row(label: str, figures: dict[str, float]) -> str:
    f = figures
    return (
        f"| {label} | {int(f['files'])} | {f['exact']:.3f} | {f['precision']:.3f} "
        f"| {f['recall']:.3f} | {f['f1']:.3f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--part", choices=(*PARTS, "both"), default="both")
    parser.add_argument("--against", metavar="TREE", help="another checkout to score too")
    parser.add_argument("--tree", default=str(ROOT), help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, args.tree)  # import tui from the tree measured
    parts = ["all", "held-out"] if args.part == "both" else [args.part]
    path = Path(args.corpus)
    results = {"after": run(path, args.seeds, parts)}
    if args.json:
        print(json.dumps(results["after"]))
        return 0
    if args.against:
        command = [sys.executable, __file__, str(path), "--tree", args.against, "--json"]
        command += ["--seeds", str(args.seeds), "--part", args.part]
        env = {**os.environ, "PYTHONPATH": args.against}
        done = subprocess.run(command, check=True, env=env, capture_output=True)
        results = {"before": json.loads(done.stdout), **results}
    print(f"{path}: {args.seeds} shuffles, {PER_FILE} articles per file")
    for label, by_part in results.items():
        tree = args.against if label == "before" else args.tree
        for part, by_form in by_part.items():
            print()
            print(f"{label} ({tree}), {part}:")
            print()
            print("| form | files | exact count | precision | recall | F1 |")
            print("|---|---:|---:|---:|---:|---:|")
            for form, figures in by_form.items():
                print(_row(form, figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

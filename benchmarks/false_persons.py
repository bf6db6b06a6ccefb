"""False persons: names the entity extractor calls people that are no one, on PolNeAR train.

Usage::

    python benchmarks/false_persons.py [REPO] [--against REF] [--examples N]

REPO is a PolNeAR mirror (default ``$POLNEAR_REPO``, then ``$POLNEAR_DIR``, then
/work/.mirror/networkdynamics+PolNeAR/repo); only ``data/train/text`` is read (dev and
test stay untouched), and nothing of it is written anywhere. Every person entity of the
840 articles is sorted into the shapes that are no person's name (the yardstick's own
word lists, not the extractor's): a place and an abbreviated title (``Ohio Gov``), a
plural party or group noun (``House Republicans``), an organisation or place head
(``Planned Parenthood``, ``Capitol Hill``, ``White House``; ``Hill`` alone stays a
surname: ``Lauryn Hill``), ``Follow NAME`` (a social media footer). ``--against REF``
runs the extractor of git commit REF in the same run, each in a process of its own, and
prints both columns.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _words(text: str) -> frozenset[str]:
    """A word set written as one string (shorter to read than a literal)."""
    return frozenset(text.split())


#: The yardstick's shapes (lower case): the last word of a name, or a word in it.
ABBREVIATED_TITLES = _words("gov sen rep reps sens lt gen col sgt capt atty")
GROUP_PLURALS = _words(
    "republicans democrats conservatives liberals progressives independents americans"
    " evangelicals latinos hispanics catholics muslims voters boomers millennials"
    " candidates senators workers ricans"
)
HEADS = _words(
    "parenthood matter house street committee research images politics globe"
    " register show club wars bowl belt rights"
)
CATEGORIES = ("abbreviated title", "plural group noun", "organisation/place head", "Follow NAME")


def category(name: str) -> str | None:
    """Which false shape ``name`` has, or None."""
    words = name.lower().split()
    if not words:
        return None
    if words[0] == "follow":
        return "Follow NAME"
    if words[-1] in ABBREVIATED_TITLES:
        return "abbreviated title"
    if any(w in GROUP_PLURALS for w in words):
        return "plural group noun"
    if words[-1] in HEADS or words[0] == "capitol":
        return "organisation/place head"
    return None


def child(folder: Path) -> None:
    """Print {name: articles} of every person entity (run with the tui to measure)."""
    from tui.extract.pipeline import parse_document
    from tui.model import EntityKind

    counts: Counter[str] = Counter()
    started = time.process_time()
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        names = set()
        for article in parse_document(text, path.name):
            names.update(e.name for e in article.entities if e.kind == EntityKind.PERSON)
        counts.update(names)
    json.dump({"counts": counts, "cpu": time.process_time() - started}, sys.stdout)


def measure(tui_root: Path, folder: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tui_root)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(folder)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),  # no ./tui shadows the one on PYTHONPATH
    ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", nargs="?")
    parser.add_argument("--against", metavar="REF")
    parser.add_argument("--examples", type=int, default=3, metavar="N")
    parser.add_argument("--child", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child))
        return
    sys.path.insert(0, str(HERE))
    from quote_polnear import _train_files
    from refs import checkout_tui

    repo = Path(
        args.repo
        or os.environ.get("POLNEAR_REPO")
        or os.environ.get("POLNEAR_DIR")
        or "/work/.mirror/networkdynamics+PolNeAR/repo"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "text"
        folder.mkdir()
        for name, data in _train_files(repo).items():
            if name.startswith("text/"):
                (folder / name[5:]).write_bytes(data)
        runs = [("this tree", ROOT)]
        if args.against:
            runs.append((args.against, checkout_tui(args.against, Path(scratch) / "ref")))
        results = [(label, measure(root, folder)) for label, root in runs]
    n = len(list(results[0][1]["counts"]))
    print(f"PolNeAR train: 840 articles; {n} distinct person names (this tree)\n")
    print("| shape | " + " | ".join(f"{label}: names (articles)" for label, _ in results) + " |")
    print("|---|" + "---:|" * len(results))
    for cat in (*CATEGORIES, "all persons"):
        cells = []
        for _label, result in results:
            found = {
                k: v
                for k, v in result["counts"].items()
                if cat == "all persons" or category(k) == cat
            }
            cells.append(f"{len(found)} ({sum(found.values())})")
        print(f"| {cat} | " + " | ".join(cells) + " |")
    print("| CPU seconds | " + " | ".join(f"{r['cpu']:.1f}" for _, r in results) + " |")
    if args.examples:
        print()
        for label, result in results:
            ranked = sorted(
                ((v, k) for k, v in result["counts"].items() if category(k)), reverse=True
            )
            shown = ", ".join(f"{k} ({v})" for v, k in ranked[: args.examples * 4])
            print(f"{label}, most frequent false persons: {shown or 'none'}")


if __name__ == "__main__":
    main()

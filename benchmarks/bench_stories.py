"""Story grouping at library scale: placing new articles, regrouping, memory.

Builds (in ``--out``, default ``benchmarks/out/``; anew each run unless ``--reuse``) a
library of generated articles spread over a year (about 275 a day, like a busy
newsroom's intake), groups it, then times:

- placing 1,000 new articles (one day's import) into the grouped library
  (``update_stories``: candidates from the postings, nothing else regrouped), beside
  placing them by comparing each with every article of its window (what an index
  saves);
- regrouping the whole library from scratch (``regroup``, features read by 2 processes);
- the peak memory (max RSS) of this process and of the regroup's workers.

Targets (issue 20): place 1,000 in <= 2 s at 100k; regroup <= 60 s on 2 cores; <= 300 MB.

    python benchmarks/bench_stories.py [--articles 100000] [--new 1000] [--against main]
        [--out DIR] [--reuse] [--undated]

Each side runs in a fresh process on a copy of the library, with the stages of
``story_stages.py`` timed: the table of totals is followed by one of stages (wall and
CPU time of each, side by side), which says where a step's wall time goes.

``--against REF`` measures the code of git ref ``REF`` too, on a copy of the same
library and import, in the same run (one table, a column each, with the ratio).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
#: The code measured: this tree, or a ref's exported copy (``--against``).
ROOT = Path(os.environ.get("BENCH_STORIES_ROOT", HERE.parent))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from tui.extract.pipeline import PARSER_VERSION  # noqa: E402
from tui.extract.stories import WINDOW_DAYS, score  # noqa: E402
from tui.model import Article, make_article_id  # noqa: E402
from tui.store import Library  # noqa: E402
from tui.store.importer import store_document  # noqa: E402
from tui.store.rows import ImportReport  # noqa: E402
from tui.store.stories import regroup, update_stories  # noqa: E402

PER_DAY = 275
START = dt.date(2025, 1, 1)


def _dated(article: Article, n: int, copy: int, undated: bool = False) -> Article:
    """A copy of a generated article with its own id and a date: article ``n`` of the
    library falls on day ``n // PER_DAY`` (``undated``: none, so all fall on the day
    they were stored, as an import of undated dumps)."""
    return dataclasses.replace(
        article,
        id=make_article_id(f"{copy}:{article.id}"),
        title=f"{article.title} ({copy})",
        date=None if undated else (START + dt.timedelta(days=n // PER_DAY)).isoformat(),
    )


def build(
    path: Path, articles: int, extra: int, undated: bool = False
) -> list[tuple[str, str, list[Article]]]:
    """A library of ``articles`` dated (or ``undated``) articles at ``path``; returns
    ``extra`` more (documents not stored yet: the next day's import)."""
    from bench_library import _documents  # it puts this tree first on sys.path

    docs = _documents(2000)
    pending: list[tuple[str, str, list[Article]]] = []
    with Library.open(path) as lib:
        lib.connection.execute("PRAGMA synchronous = OFF")  # building only
        n = copy = 0
        while n < articles + extra:
            copy += 1
            for d, (text, parsed) in enumerate(docs):
                batch = []
                for article in parsed:
                    batch.append(_dated(article, n, copy, undated))
                    n += 1
                key = f"generated/day-copy{copy:03}/{d:04}.txt"
                if n <= articles:
                    store_document(
                        lib, key, key, f"h{copy}-{d}", text, batch, PARSER_VERSION, ImportReport()
                    )
                else:
                    pending.append((key, text, batch))
                if n >= articles + extra:
                    break
    return pending


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the machine is shared:
    wall time includes waiting for a core)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def _all_pairs(lib: Library, ids: list[str]) -> float:
    """Score each new article against every placed article of its window (no index)."""
    import json

    from tui.extract.stories import Member
    from tui.store.story_regroup import unpack_quotes

    marks = ",".join("?" * len(ids))
    days = [
        day
        for (day,) in lib.connection.execute(
            f"SELECT DISTINCT day FROM story_members WHERE article_id IN ({marks})", ids
        )
    ]
    lo, hi = min(days) - WINDOW_DAYS, max(days) + WINDOW_DAYS
    members = {  # the window's articles only (all 100,000 would be the memory peak)
        key: Member(story, day, dict(json.loads(vector)), unpack_quotes(quotes))
        for key, story, day, vector, quotes in lib.connection.execute(
            "SELECT article_id, story, day, vector, quotes FROM story_members"
            " WHERE day BETWEEN ? AND ?",
            (lo, hi),
        )
    }
    started = time.perf_counter()
    for article_id in ids:
        me = members[article_id]
        for other, member in members.items():
            near = me.day is not None and member.day is not None
            if other != article_id and near and abs(member.day - me.day) <= WINDOW_DAYS:  # type: ignore[operator]
                score(me.vector, me.quotes, me.day, member)
    return time.perf_counter() - started


def measure(path: Path, pending_path: Path) -> dict[str, Any]:
    """Regroup, then place the pending import, in this (fresh) process: its peak memory
    is the grouping's, not the build's. The rows of the table, and each step's stages
    (``story_stages``)."""
    import pickle

    from story_stages import Recorder

    recorder = Recorder(pending_path.with_suffix(f".stages-{os.getpid()}"))
    recorder.path.unlink(missing_ok=True)
    pending = pickle.loads(pending_path.read_bytes())
    rows: list[tuple[str, str, str]] = []
    stages: dict[str, dict[str, dict[str, float]]] = {}
    with Library.open(path) as lib:
        recorder.install()
        started, cpu = time.perf_counter(), _cpu()
        placed = regroup(lib, workers=2)
        regroup_s, regroup_cpu = time.perf_counter() - started, _cpu() - cpu
        stages["regroup"] = recorder.totals()
        rows.append(
            (
                f"regroup {placed:,} articles from scratch (2 processes)",
                f"{regroup_s:.1f} s ({regroup_cpu:.1f} s CPU)",
                "<= 60 s",
            )
        )
        new_ids = []
        for key, text, batch in pending:
            store_document(lib, key, key, key, text, batch, PARSER_VERSION, ImportReport())
            new_ids += [a.id for a in batch]
        del pending
        recorder.totals()  # storing the import is not the grouping's
        started, cpu = time.perf_counter(), _cpu()
        n = update_stories(lib)
        place_s, place_cpu = time.perf_counter() - started, _cpu() - cpu
        stages["place"] = recorder.totals()
        rows.append(
            (
                f"place {n:,} new articles (one day's import)",
                f"{place_s:.2f} s ({place_cpu:.2f} s CPU)",
                "<= 2 s",
            )
        )
        own, kids = _rss_mb()  # the grouping's peak, before the estimate below reads more
        sample = new_ids[:100]
        pairs_s = _all_pairs(lib, sample) * len(new_ids) / max(len(sample), 1)
        rows.append(
            (
                f"score {len(new_ids):,} new against their whole window (no index, est.)",
                f"{pairs_s:.2f} s",
                f"x{pairs_s / max(place_s, 1e-9):.1f} the placing",
            )
        )
        groups = lib.connection.execute(
            "SELECT COUNT(*) FROM"
            " (SELECT story FROM story_members GROUP BY story HAVING COUNT(*) > 1)"
        ).fetchone()[0]
    rows.append(("peak memory, the grouping process (max RSS)", f"{own:.0f} MB", "<= 300 MB"))
    rows.append(("peak memory, largest worker process (max RSS)", f"{kids:.0f} MB", "<= 300 MB"))
    rows.append((f"stories of two or more articles: {groups:,}", "", ""))
    return {"rows": rows, "stages": stages}


def _measure_with(root: Path, db: Path, pending: Path) -> dict[str, Any]:
    """Run ``measure`` in a fresh process with the code under ``root`` (this script,
    its stage wrappers, that code's ``tui``), on a copy of the library ``db``."""
    import json
    import subprocess

    work = db.with_suffix(".work.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(db, work)
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", str(work), str(pending)],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "BENCH_STORIES_ROOT": str(root)},
    )
    for suffix in ("", "-wal", "-shm", ".stories.lock"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"bench_stories: measuring {root} failed")
    measured = json.loads(result.stdout.splitlines()[-1])
    print(f"measured {root}: {measured}", file=sys.stderr, flush=True)  # kept if the next fails
    return measured


def _stage_rows(
    ours: dict[str, dict[str, dict[str, float]]], theirs: dict[str, dict[str, dict[str, float]]]
) -> list[tuple[str, str, str]]:
    """One row per (step, process, stage) either side has: wall / CPU, calls."""

    def cell(entry: dict[str, float] | None) -> str:
        if entry is None:
            return "-"
        calls = int(entry["calls"])
        times = f"{entry['wall']:.2f} / {entry['cpu']:.2f} s"
        return times if calls == 1 else f"{times} ({calls:,}x)"

    out = []
    for step in ("regroup", "place"):
        mine, before = ours.get(step, {}), theirs.get(step, {})
        for stage in dict.fromkeys([*mine, *before]):
            out.append((f"{step} · {stage}", cell(mine.get(stage)), cell(before.get(stage))))
    return out


def main(argv: list[str] | None = None) -> int:
    import json
    import pickle
    import subprocess

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000, help="articles in the new import")
    parser.add_argument("--against", metavar="REF", help="also measure this git ref's code")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="directory for the library")
    parser.add_argument(
        "--reuse", action="store_true", help="use the library the last run built in --out"
    )
    parser.add_argument(
        "--undated",
        action="store_true",
        help="articles without dates (all one day: issue 17's linearity, 10k beside 20k)",
    )
    parser.add_argument("--measure", nargs=2, metavar=("DB", "PENDING"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]))))
        return 0
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    name = f"stories_{args.articles}_{args.new}{'_undated' if args.undated else ''}"
    path, pending_path = out / f"{name}.db", out / f"{name}.pending"
    started = time.perf_counter()
    if not (args.reuse and path.exists() and pending_path.exists()):
        path.unlink(missing_ok=True)
        pending = build(path, args.articles, args.new, args.undated)
        pending_path.write_bytes(pickle.dumps(pending))
        del pending
    built = time.perf_counter() - started
    reference: dict[str, Any] = {"rows": [], "stages": {}}
    if args.against:
        # The reference code, exported from git, measures a copy of the same library.
        ref_dir = out / "reference"
        shutil.rmtree(ref_dir, ignore_errors=True)
        ref_dir.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(HERE.parent), "archive", args.against],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(ref_dir)], input=archive, check=True)
        reference = _measure_with(ref_dir, path, pending_path)
    ours = _measure_with(HERE.parent, path, pending_path)
    print(f"library: {path.name}, {args.articles:,} articles (built in {built:.0f} s)")
    against = args.against or "-"
    print(f"| step | this branch | {against} | target |")
    print("|---|---:|---:|---|")
    theirs = reference["rows"] or [("", "", "")] * len(ours["rows"])
    for (name, value, target), (_, before, _) in zip(ours["rows"], theirs, strict=False):
        print(f"| {name} | {value} | {before} | {target} |")
    print()
    print("Stages (wall / CPU of the process that ran them; a stage includes those inside it):")
    print()
    print(f"| step · process: stage | this branch | {against} |")
    print("|---|---:|---:|")
    for name, mine, before in _stage_rows(ours["stages"], reference["stages"]):
        print(f"| {name} | {mine} | {before} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

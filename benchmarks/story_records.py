"""``newsdesk stories --format jsonl``: the cost of one story's JSON object.

Each object (``tui.commands.stories.record``) lists the story's articles, speakers and
the quotes several outlets share. It used to come from the whole outlet comparison,
which also looks for the sentences only one outlet has (every sentence against every
other outlet's: about 1.3 s a story on a generated 20k library) and which the JSON
does not print. This times, on the same library in one run, both: the record as it is
now, and the record with that search (the code before).

    python benchmarks/story_records.py --db LIBRARY [--stories 200]

LIBRARY: any grouped library, e.g. PolNeAR train imported with ``newsdesk import``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui.commands.stories import record  # noqa: E402
from tui.extract.story_compare import compare  # noqa: E402
from tui.store import Library  # noqa: E402
from tui.store.stories import outlet_of, stories  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a grouped library")
    parser.add_argument("--stories", type=int, default=200, help="stories timed (the newest)")
    args = parser.parse_args(argv)
    with Library.open(args.db) as library:
        rows = stories(library)[: args.stories]
        articles = sum(len(r.article_ids) for r in rows)
        timings = {}
        for name, build in (
            ("record (now)", lambda r: record(library, r)),
            (
                "record with own sentences (before)",
                lambda r: compare(
                    library.get_articles(r.article_ids), lambda a: outlet_of(a.source)
                ),
            ),
        ):
            wall, cpu = time.perf_counter(), time.process_time()
            for row in rows:
                build(row)
            timings[name] = (time.perf_counter() - wall, time.process_time() - cpu)
    print(f"{len(rows)} stories, {articles} articles ({args.db})")
    print("| code | wall s | CPU s | CPU ms a story | CPU ratio to now |")
    print("|---|---:|---:|---:|---:|")
    now_cpu = timings["record (now)"][1] or 1e-9
    for name, (wall, cpu) in timings.items():
        per = 1000 * cpu / max(len(rows), 1)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {per:.1f} | {cpu / now_cpu:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

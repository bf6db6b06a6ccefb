"""Peak RSS of ``newsdesk import`` by stage, in process: where a big import's memory goes.

Runs the import command in this process with RSS sampled every 10 ms from ``/proc``;
each sample is labelled with the import stages running at that moment (the functions
in :data:`STAGES`, wrapped by name), and the table prints each label's peak in the
order first seen. Made for issue 17's one-line 20 MB file (which stage holds what):

    python benchmarks/import_stages.py import benchmarks/out/import_line_20mb.txt \
        --db /tmp/stages.db --jobs 1

(``bench_import.py --only line20mb`` generates that file.) The arguments are
``newsdesk``'s own. With ``--jobs 2`` only what runs in the importing process is seen.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

PAGE = os.sysconf("SC_PAGE_SIZE")

#: (module, function) of each stage, in the order an import reaches them.
STAGES = [
    ("tui.ingest.files", "load_document"),
    ("tui.store.codec", "encode_text"),
    ("tui.store.split", "plan_articles"),
    ("tui.store.split", "read_pieces"),
    ("tui.extract.pipeline", "analyse"),
    ("tui.extract.pipeline", "with_reported"),
    ("tui.store.codec", "encode_article"),
    ("tui.search.index", "prepare_joined"),
    ("tui.search.index", "document_fields"),
    ("tui.store.story_features", "packed_features"),
    ("tui.store.importer", "store_document"),
    ("tui.store.importer", "_upsert_article"),
    ("tui.search.follow", "write_fields"),
    ("tui.search.follow", "ImportIndexer.checkpoint"),
    ("tui.search", "update_index"),
    ("tui.store.stories", "update_stories"),
]


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE


def _wrap(module: str, name: str, running: list[str]) -> None:
    owner: Any = importlib.import_module(module)
    *path, attr = name.split(".")
    for part in path:
        owner = getattr(owner, part)
    function: Callable[..., Any] = getattr(owner, attr)

    @functools.wraps(function)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        running.append(name)
        try:
            return function(*args, **kwargs)
        finally:
            running.pop()

    setattr(owner, attr, wrapped)


def main(argv: list[str]) -> int:
    running = ["start"]
    peaks: dict[str, int] = {}

    def sample() -> None:
        while True:
            label = " / ".join(running[-2:])
            peaks[label] = max(peaks.get(label, 0), _rss())
            time.sleep(0.01)

    for module, name in STAGES:
        _wrap(module, name, running)
    threading.Thread(target=sample, daemon=True).start()
    from tui.cli import main as newsdesk

    started = time.process_time()
    code = newsdesk(argv)
    time.sleep(0.05)
    print("| stage | peak RSS MB |\n|---|---:|")
    for label, peak in peaks.items():
        print(f"| {label} | {peak / 1e6:,.0f} |")
    print(f"\nCPU {time.process_time() - started:.1f} s (this process); exit {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

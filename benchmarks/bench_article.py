"""Opening a huge one-line article in the reader: 1 MB, 10 MB and 50 MB, before and after.

For each size, a fresh process per tree (this checkout, and ``--before TREE``, a plain
copy of an older checkout such as ``/tmp/ref-s17``) starts the reader on an empty
library, then shows one article holding the whole text as one paragraph (a quote every
few sentences, as the quote finder marks them, and a highlight at three quarters of
it), and times:

- *open*: from ``ArticleView.show`` to the first frame after it, and the pane's lines
  drawn (what a person waits for between Enter and the text);
- *G*: from pressing ``G`` (the end of the article) to the frame that shows it;
- *deep quote*: a jump to the quote at three quarters (as Enter in the quotes pane);
- *from the library*: the same text imported as a one-line file (once, by this tree,
  into a library every tree then reads: the stored form is the same), then read back
  as the reader does when it opens it (``load_article``: the article with its reported
  speech, and its annotations), in a fresh process a tree, best of three (the first
  call's CPU seconds beside it).

Wall seconds, with the process's CPU seconds beside them (other programs on a busy
machine add to the first, hardly to the second). A run longer than ``--timeout`` is
shown as ``> N s``. The text is generated (no corpus is needed): prose with quotes and
CJK names, on one line. Prints a Markdown table (for docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The minister said on Tuesday that talks with the union would resume next week.",
    "“We will not accept a deal that leaves workers worse off,” Ren Zhengfei (任正非) said.",
    "Taiwan Semiconductor Manufacturing Co (TSMC, 台積電) reported sales of NT$1.85 trillion.",
    "Analysts expect the central bank to hold rates steady until the spring.",
    "A Huawei executive told Reuters the company was “no worse” off than its rivals.",
]


def one_line(megabytes: float) -> str:
    """About ``megabytes`` MB of prose (UTF-8) on one line, the same every run."""
    target = int(megabytes * 1_000_000)
    parts, size, number = [], 0, 0
    while size < target:
        sentence = SENTENCES[(number * 7 + number // 5) % len(SENTENCES)]
        parts.append(sentence)
        size += len(sentence.encode()) + 1
        number += 1
    return " ".join(parts)


CHILD = r"""
import asyncio, json, sys, time
sys.path.insert(0, sys.argv[1])
from benchmarks_child_text import text
from tui.config.model import default_config
from tui.app.app import NewsdeskApp
from tui.model import Article, ArticleKind, Paragraph, Quote, QuoteKind, Span

quotes = []
at = text.find("“")
while at != -1:
    end = text.find("”", at) + 1
    quotes.append(Quote(text=text[at:end], span=Span(at, end), speaker="Ren Zhengfei",
                        speaker_span=None, cue="said", kind=QuoteKind.DIRECT, confidence=0.9))
    at = text.find("“", end)
article = Article(id="big", source="big.txt", span=Span(0, len(text)), kind=ArticleKind.STORY,
                  title="Big", title_inferred=True,
                  paragraphs=(Paragraph(text, Span(0, len(text))),), quotes=tuple(quotes))
deep_quote = len(quotes) * 3 // 4
deep = quotes[deep_quote].span.start
highlight = Span(deep, deep + 10)
result = {}

def clocks():
    return time.perf_counter(), time.process_time()

def since(start, view):
    view.render_lines(view.size.region)  # the pane's lines for the frame, whatever else
    wall, cpu = clocks()
    return wall - start[0], cpu - start[1]

async def main():
    app = NewsdeskApp(default_config(), library_path=sys.argv[2])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        view = app.reader.article_view
        view.focus()
        await pilot.pause()
        start = clocks()
        view.show(article, highlights=[highlight])
        await pilot.pause()
        result["open"] = since(start, view)
        start = clocks()
        await pilot.press("G")
        await pilot.pause()
        result["G"] = since(start, view)
        start = clocks()
        view.go_to_quote(deep_quote)
        await pilot.pause()
        result["deep quote"] = since(start, view)
        result["lines"] = view.virtual_size.height

asyncio.run(main())
print("RESULT " + json.dumps(result))
"""


IMPORT_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from benchmarks_child_text import text
from tui.store import Library
path = sys.argv[3]
with open(path, "w", encoding="utf-8") as out:
    out.write(text + "\n")
with Library.open(sys.argv[2]) as lib:
    report = lib.import_paths([path], jobs=1)
    assert report.added == 1 and not report.errors, report
"""

LIBRARY_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from tui.app.library_calls import load_article
from tui.store import Library
with Library.open(sys.argv[2]) as lib:
    (row,) = lib.list_rows()
    times = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        article, _notes = load_article(lib, row.id)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
        assert article is not None and article.quotes
        del article
print("RESULT " + json.dumps({"library": [min(w for w, _c in times), times[0][1]]}))
"""


def imported_library(folder: Path, text_module: Path) -> Path:
    """A library holding the text of ``text_module`` as a one-line file (this tree's import)."""
    library = folder / "library.db"
    env = {**os.environ, "PYTHONPATH": str(text_module.parent)}
    subprocess.run(
        [sys.executable, "-c", IMPORT_CHILD, str(ROOT), str(library), str(folder / "big.txt")],
        check=True,
        env=env,
        cwd=folder,
    )
    return library


def run_library(tree: Path, library: Path, timeout: float) -> dict[str, Any] | None:
    """``tree`` reading the article of ``library`` back (:data:`LIBRARY_CHILD`)."""
    args = [LIBRARY_CHILD, str(tree), str(library)]
    return child_result(tree, args, timeout, cwd=library.parent, env=dict(os.environ))


def run_tree(tree: Path, text_module: Path, timeout: float) -> dict[str, Any] | None:
    """One child process on ``tree``; its timings, or None past ``timeout``."""
    with tempfile.TemporaryDirectory(prefix="bench-article-") as folder:
        env = {**os.environ, "PYTHONPATH": str(text_module.parent)}
        args = [CHILD, str(tree), str(Path(folder) / "library.db")]
        return child_result(tree, args, timeout, cwd=Path(folder), env=env)


def child_result(
    tree: Path, args: list[str], timeout: float, *, cwd: Path, env: dict[str, str]
) -> dict[str, Any] | None:
    """``python -c *args``'s ``RESULT`` line, or None past ``timeout``."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        return None
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"{tree}: no result\n{done.stderr[-3000:]}")


def cell(result: dict[str, Any] | None, key: str, timeout: float) -> str:
    if result is None:
        return f"> {timeout:.0f} s"
    wall, cpu = result[key]
    return f"{wall:.2f} s ({cpu:.2f} CPU)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="an older checkout (a plain copy)")
    parser.add_argument("--sizes", default="1,10,50", help="MB, comma-separated")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a run")
    parser.add_argument(
        "--library-only", action="store_true", help="only the 'from the library' column"
    )
    args = parser.parse_args(argv)
    trees = [("this tree", ROOT)]
    if args.before:
        trees.insert(0, (f"before ({args.before})", args.before.resolve()))
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-article-text-") as folder:
        for size in [float(s) for s in args.sizes.split(",")]:
            module = Path(folder) / "benchmarks_child_text.py"
            module.write_text(f"text = {one_line(size)!r}\n", encoding="utf-8")
            with tempfile.TemporaryDirectory(prefix="bench-article-library-") as where:
                library = imported_library(Path(where), module)
                for name, tree in trees:
                    started = time.perf_counter()
                    result = {} if args.library_only else run_tree(tree, module, args.timeout)
                    read = run_library(tree, library, args.timeout)
                    if result is not None and read is not None:
                        result.update(read)
                    took = time.perf_counter() - started
                    print(f"  {size:g} MB, {name}: {took:.1f} s", flush=True)
                    rows.append((size, name, result, read))
    print()
    if args.library_only:
        print("| article | tree | from the library |")
        print("|---|---|---|")
    else:
        print("| article | tree | open | G (the end) | deep quote | lines | from the library |")
        print("|---|---|---|---|---|---|---|")
    for size, name, result, read in rows:
        library_cell = cell(read, "library", args.timeout)
        if args.library_only:
            print(f"| {size:g} MB, one line | {name} | {library_cell} |")
            continue
        lines = f"{result['lines']:,}" if result else "-"
        print(
            f"| {size:g} MB, one line | {name} | {cell(result, 'open', args.timeout)} | "
            f"{cell(result, 'G', args.timeout)} | {cell(result, 'deep quote', args.timeout)} "
            f"| {lines} | {library_cell} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``newsdesk parse PATH...``: print the article model of dump files, offsets included."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from tui import exitcodes

NAME = "parse"
HELP = "parse dump files and print their articles (JSON, JSON lines or text)"
ORDER = 10
DESCRIPTION = (
    "Parse news dumps into articles and print them: kind (story or brief), title, kicker,\n"
    "dek, date, paragraphs, captions, related links, boilerplate, entities and quotes.\n"
    "Every span is a pair of character offsets into the file's decoded text (BOM removed,\n"
    "line endings \\n, control characters removed), so `text[start:end]` finds it again.\n"
    "A directory is read recursively (hidden files skipped); '-' reads standard input."
)
EPILOG = """\
examples:
  newsdesk parse dump.txt                         one JSON array of articles
  newsdesk parse --format jsonl dumps/ > out.jsonl  one article per line, every file under dumps/
  newsdesk parse --format text dump.txt           a readable summary
  cat dump.txt | newsdesk parse -                 read standard input
  newsdesk parse dump.txt | jq '.[].title'        just the titles

exit codes: 0 all inputs parsed; 1 some inputs were unreadable (each named on stderr,
the others still printed); 2 usage error.
"""

#: Show progress on a terminal once the work has taken this long (seconds).
_PROGRESS_AFTER = 1.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="dump file, directory or '-'")
    parser.add_argument(
        "--format",
        choices=("json", "jsonl", "text"),
        default="json",
        help="json: one array (default); jsonl: one article per line; text: a summary",
    )


def article_record(article: Any) -> dict[str, Any]:
    """An article as plain JSON data (``source`` included, spans as ``{start, end}``)."""
    from tui.model import to_jsonable

    return to_jsonable(article)


def _text_summary(article: Any, out: TextIO) -> None:
    flags = [article.kind.value]
    if article.truncated:
        flags.append("truncated")
    if article.title_inferred:
        flags.append("title inferred")
    out.write(f"{article.source} [{article.span.start}:{article.span.end}] {article.id}\n")
    out.write(f"  {article.title}\n  ({', '.join(flags)})\n")
    for label, value in (("kicker", article.kicker), ("dek", article.dek), ("date", article.date)):
        if value:
            out.write(f"  {label}: {value}\n")
    out.write(
        f"  {len(article.paragraphs)} paragraphs, {len(article.captions)} captions, "
        f"{len(article.related)} related, {len(article.boilerplate)} boilerplate, "
        f"{len(article.entities)} entities, {len(article.quotes)} quotes\n"
    )
    for paragraph in article.paragraphs:
        line = " ".join(paragraph.text.split())
        shown = line if len(line) <= 76 else line[:75] + "…"
        out.write(f"    {paragraph.span.start:>7}  {shown}\n")
    out.write("\n")


class _Progress:
    """``parsed 12/40 files`` on stderr, only on a terminal and only once work is long."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def update(self, done: int) -> None:
        if not self.enabled or time.monotonic() - self.started < _PROGRESS_AFTER:
            return
        sys.stderr.write(f"\rparsed {done}/{self.total} files")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def _articles(paths: Iterable[str], failures: list[str]) -> Iterable[Any]:
    from tui.errors import InputError
    from tui.extract.pipeline import parse_document
    from tui.ingest.files import load_document

    paths = list(paths)
    progress = _Progress(len(paths))
    for done, path in enumerate(paths, start=1):
        try:
            document = load_document(path)
        except InputError as exc:
            failures.append(str(exc))
            print(f"newsdesk parse: {exc}", file=sys.stderr)
            continue
        articles = parse_document(document.text, document.source)
        if not articles:
            print(f"newsdesk parse: {path}: no articles found (empty file?)", file=sys.stderr)
        yield from articles
        progress.update(done)
    progress.finish()


def run(args: argparse.Namespace) -> int:
    from tui.ingest.files import expand_paths

    failures: list[str] = []
    paths = expand_paths(args.paths)
    for raw in args.paths:
        if raw != "-" and Path(raw).is_dir() and not expand_paths([raw]):
            print(f"newsdesk parse: {raw}: no files in this directory", file=sys.stderr)
    out = sys.stdout
    articles = _articles(paths, failures)
    if args.format == "json":
        out.write("[")
        for n, article in enumerate(articles):
            out.write(",\n" if n else "\n")
            out.write(json.dumps(article_record(article), ensure_ascii=False))
        out.write("\n]\n")
    elif args.format == "jsonl":
        for article in articles:
            out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
    else:
        for article in articles:
            _text_summary(article, out)
    out.flush()
    return exitcodes.SOME_INPUTS_UNREADABLE if failures else exitcodes.OK

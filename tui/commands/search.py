"""``newsdesk search QUERY``: find articles in the library (or in files) with the query language."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui import exitcodes
from tui.commands._library import db_help
from tui.commands._options import add_global_options
from tui.commands._query_error import say_query_error
from tui.commands._table import column_widths, fit_line, table_width
from tui.terminal_safe import json_text, terminal_safe
from tui.text import one_line

NAME = "search"
HELP = "search the library (or files) with the query language; print the matching articles"
ORDER = 40
DESCRIPTION = (
    "Search articles and print the best matches first, each with the paragraph or quote\n"
    "that matched and the character offsets of the matches in the source text.\n"
    "Free words are fuzzy (typos forgiven, prefixes match); all terms must match.\n"
    "  'word exact word   ^pre prefix   fix$ suffix   !word exclude   a | b either\n"
    '  "a phrase"   title: speaker: quote: source: tag:   is:unread|read|starred|archived|\n'
    "  marked|brief|truncated   has:note|highlight|quote|orphan  date:>2024-01-01  date:<7d\n"
    "Searches the library (--db, NEWSDESK_DB or the default), or the files given with --in."
)
EPILOG = """\
examples:
  newsdesk search zhengfie                       typo forgiven: finds Ren Zhengfei
  newsdesk search 'huawei licence !tsmc'         all of huawei and licence, not tsmc
  newsdesk search 'speaker:任正非 is:unread'      unread articles quoting Ren Zhengfei
  newsdesk search '"trade war" date:>2024-01-01' a phrase, recent articles only
  newsdesk search --in dumps/ --format table 5g  search files without importing them
  newsdesk search '' --limit 20                  the first 20 articles, unfiltered

exit codes: 0 searched (even with no match); 1 some --in inputs were unreadable (named on
stderr, the rest searched); 2 bad query (the error points at the character) or usage error.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="the query ('' for every article)")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (50)")
    parser.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="jsonl",
        help="jsonl: one JSON object per hit (default); table: a readable listing",
    )
    parser.add_argument(
        "--in",
        dest="inputs",
        action="append",
        metavar="PATH",
        help="search these files or directories instead of the library (repeatable)",
    )
    add_global_options(parser, NAME, db=db_help())


def _record(hit: Any, source: str, title: str) -> dict[str, Any]:
    span = hit.context_span
    return {
        "article": hit.article_id,
        "source": source,
        "title": title,
        "score": float(f"{hit.score:.6g}"),
        "target": hit.target,
        "context": hit.context,
        "start": span.start if span else None,
        "end": span.end if span else None,
        "highlights": [[h.start, h.end] for h in hit.highlights],
    }


def _snippet(record: dict[str, Any], width: int = 70) -> str:
    text = " ".join(record["context"].split())
    first = record["highlights"][0][0] - record["start"] if record["highlights"] else 0
    begin = max(0, min(first - 20, len(text) - width))
    shown = text[begin : begin + width]
    return ("…" if begin else "") + shown + ("…" if begin + width < len(text) else "")


def run(args: argparse.Namespace) -> int:

    from tui.search import QueryError, parse_query

    if args.limit < 0:
        print("newsdesk search: --limit must be 0 or more", file=sys.stderr)
        return exitcodes.USAGE
    try:
        query = parse_query(args.query)
    except QueryError as exc:
        say_query_error("newsdesk search", exc)
        return exitcodes.USAGE
    from tui.search.hints import query_hint

    if hint := query_hint(args.query):
        print(f"newsdesk search: {hint}", file=sys.stderr)

    status = exitcodes.OK
    if args.inputs:
        from tui.commands._inputs import expanded_inputs
        from tui.commands._progress import index_progress
        from tui.search import index_documents

        def report(exc: Exception) -> None:
            nonlocal status
            status = exitcodes.SOME_INPUTS_UNREADABLE
            print(f"newsdesk search: {exc}", file=sys.stderr)

        inputs = expanded_inputs(args.inputs, "search")  # says what parse and quotes say
        index = index_documents(inputs, on_error=report, progress=index_progress(unit="files"))
        hits = index.search(query, limit=args.limit)
        library = None
    else:
        code, index, library = _open_library(args.db)
        if index is None:
            return code
        from tui.search import run_query

        hits = run_query(library if library is not None else index, args.query, limit=args.limit)

    info = index.describe([h.article_id for h in hits])
    out = sys.stdout
    width = table_width(out)
    for hit in hits:
        source, title = info.get(hit.article_id, ("", ""))
        record = _record(hit, source, title)
        if args.format == "jsonl":
            out.write(json_text(record) + "\n")
        else:
            # 5 digits: a title's hit scores ~1,000, and 1.02e+03 beside 1.01e+03 hid
            # the order the rows are in.
            # To a narrower terminal the title gives way to 20 cells, then the source
            # (a file's path: its end kept) to 16, the snippet to 30; a wider one gives
            # them its spare cells.
            natural = (11, len(source), 2, 60)
            _, at, _, room = column_widths(natural, ((3, 20), (1, 16)), width, grow=3)
            where = source if at >= len(source) else "…" + source[len(source) - at + 1 :]
            line = f"{record['score']:>9.5g}  {where}  {one_line(title, room)}"
            out.write(fit_line(terminal_safe(line), width) + "\n")
            room = column_widths((12 + len(hit.target), 72), ((1, 32),), width, grow=1)[1] - 2
            line = f"          {hit.target}: {_snippet(record, room)}"
            out.write(fit_line(terminal_safe(line), width) + "\n")
    if library is not None:
        library.close()
    return status


def _open_library(db: str | None) -> tuple[int, Any, Any]:
    """(status, index, library): the library at ``db`` (or the default) and its index,
    brought up to date (built, with progress, if missing, old or damaged)."""
    from tui.errors import NewsdeskError
    from tui.paths import library_path

    path = library_path(db)
    if not path.is_file():
        print(
            f"newsdesk search: no library at {terminal_safe(str(path))}; import files first "
            "('newsdesk import PATH') or search files with --in PATH",
            file=sys.stderr,
        )
        return exitcodes.USAGE, None, None
    from tui.commands._library import open_library
    from tui.commands._progress import index_progress
    from tui.search.library_state import index_for

    try:
        library = open_library(path, "newsdesk search")
        return exitcodes.OK, index_for(library, progress=index_progress()), library
    except NewsdeskError as exc:
        print(f"newsdesk search: {exc}", file=sys.stderr)
        return exitcodes.USAGE, None, None

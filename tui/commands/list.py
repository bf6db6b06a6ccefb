"""``newsdesk list VIEW``: the rows of one of the reader's views, as the reader lists them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui import exitcodes
from tui.commands._library import db_help
from tui.commands._options import add_global_options
from tui.commands._table import column_widths, fit_line, table_width
from tui.terminal_safe import json_text, terminal_safe
from tui.text import one_line

if TYPE_CHECKING:
    from tui.store.rows import ListRow

NAME = "list"
HELP = "print the articles of a view (Inbox, Starred, ...) in the view's order"
ORDER = 45
DESCRIPTION = (
    "Print the articles one of the reader's views shows, in the view's order: the\n"
    "same query and sort as the reader (views come from the config file's views:\n"
    "section; without one, the defaults: 1 Inbox, 2 Starred, 3 All, 4 Quotes by speaker).\n"
    "VIEW is a view's name (case ignored) or its number in the config (1 = the first)."
)
EPILOG = """\
examples:
  newsdesk list inbox                         unread, not archived, newest first (JSON Lines)
  newsdesk list 2 --format table              the second view, as a readable listing
  newsdesk list "quotes by speaker" --limit 5 the first five articles of that view
  newsdesk list all | jq -r .title            every article's title

Each JSON line: {"article", "title", "source", "date", "kind", "read", "starred",
"archived", "marked", "truncated", "tags", "notes", "highlights", "quotes"}.

exit codes: 0 listed (even nothing); 2 unknown view, a view whose query cannot be read,
a config with errors, no library, or a usage error.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("view", metavar="VIEW", help="a view's name or number (1 = the first)")
    parser.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="jsonl",
        help="jsonl: one JSON object per article (default); table: a readable listing",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="at most N articles (all)")
    add_global_options(parser, NAME, db=db_help(), config="config file (its views: section)")


def record(row: ListRow) -> dict[str, Any]:
    """One article's list row as JSON (exact strings: no escaping beyond JSON's own)."""
    return {
        "article": row.id,
        "title": row.title,
        "source": row.source,
        "date": row.date,
        "kind": row.kind,
        "read": row.read,
        "starred": row.starred,
        "archived": row.archived,
        "marked": row.marked,
        "truncated": row.truncated,
        "tags": list(row.tags),
        "notes": row.n_notes,
        "highlights": row.n_highlights,
        "quotes": row.n_quotes,
    }


#: The source column of the table: the outlet or the file, as the reader's list shows it.
SOURCE_CHARS = 16
#: The table's columns (flags, id, source, date, title) and the gaps between them, in
#: cells; to a narrower terminal the title gives way to 30, the source to 8, the title
#: to 12; a wider one gives the title its spare cells (see :mod:`tui.commands._table`).
TABLE_COLUMNS = (3, 1, 16, 2, SOURCE_CHARS, 2, 10, 2, 70)
TABLE_GIVE_WAY = ((8, 30), (4, 8), (8, 12))


def _table_line(row: ListRow, widths: Sequence[int] = TABLE_COLUMNS) -> str:
    flags = "".join(
        mark if on else " "
        for mark, on in (("●", not row.read), ("★", row.starred), ("A", row.archived))
    )
    from tui.ingest.outlet import source_label

    source_width, title_width = widths[4], widths[8]
    source = one_line(source_label(row.source), source_width)
    title = one_line(row.title, title_width)
    line = f"{flags} {row.id}  {source:<{source_width}}  {(row.date or '-'):<10}  {title}"
    return terminal_safe(line)


def run(args: argparse.Namespace) -> int:

    from tui.commands._library import missing_library, open_library
    from tui.commands._subscriptions import load_config_quietly, say
    from tui.search import QueryError
    from tui.search.views import ViewPages, find_view

    prog = f"newsdesk {NAME}"
    if args.limit is not None and args.limit < 0:
        say(prog, "--limit must be 0 or more")
        return exitcodes.USAGE
    config = load_config_quietly(args, prog)
    if config is None:
        return exitcodes.USAGE
    view = find_view(config.views, args.view)
    if view is None:
        names = ", ".join(f"{n} {v.name}" for n, v in enumerate(config.views, 1))
        say(prog, f"no view {args.view!r}; the views are: {names}")
        return exitcodes.USAGE
    refusal = missing_library(args.db, NAME)
    if refusal:
        print(terminal_safe(refusal), file=sys.stderr)
        return exitcodes.USAGE
    from tui.errors import NewsdeskError
    from tui.paths import library_path

    try:
        library = open_library(library_path(args.db), prog)
    except NewsdeskError as exc:  # busy (compact holds it), damaged, not a library...
        say(prog, str(exc))
        return exitcodes.USAGE
    with library:
        try:
            pages = ViewPages(library, view.query, view.sort)
        except QueryError as exc:
            say(prog, f"view {view.name!r}: its query {view.query!r} cannot be read ({exc})")
            return exitcodes.USAGE
        left = args.limit
        out = sys.stdout
        width = table_width(out)
        widths = column_widths(TABLE_COLUMNS, TABLE_GIVE_WAY, width, grow=8)
        while not pages.done and left != 0:
            rows = pages.next_page()
            if left is not None:
                rows, left = rows[:left], left - min(left, len(rows))
            for row in rows:
                if args.format == "jsonl":
                    out.write(json_text(record(row)) + "\n")
                else:
                    out.write(fit_line(_table_line(row, widths), width) + "\n")
    return exitcodes.OK

"""``newsdesk stories [QUERY]``: the library's stories (the same news from several outlets)."""

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

#: The table's columns (id and its gap, title, outlets, date) and the gaps between them,
#: in cells; to a narrower terminal the title gives way, to 20; a wider one gives it
#: the spare cells its longest title takes (:mod:`tui.commands._table`).
TABLE_COLUMNS = (8, 60, 2, 10, 2, 10)

NAME = "stories"
HELP = "list stories: articles from several outlets reporting the same news"
ORDER = 45
DESCRIPTION = (
    "Print the library's stories of two articles or more (--all: single articles too),\n"
    "newest first. A story is the same announcement, speech, leak, ruling or incident\n"
    "reported within a few days; new imports are placed into the existing stories.\n"
    "QUERY (the search query language) keeps the stories with a matching article;\n"
    "story:ID, is:grouped and outlets:>2 work here and in search."
)
EPILOG = """\
examples:
  newsdesk stories                           stories of two articles or more, as JSON lines
  newsdesk stories huawei --format table     stories with an article about Huawei
  newsdesk stories 'outlets:>2'              reported by three outlets or more
  newsdesk stories --regroup                 group the whole library again (keeps ids)
  newsdesk export --story 12 > story.md      one story: each outlet, then the comparison

exit codes: 0 listed (even nothing); 2 bad query, usage error, or no library.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", default="", metavar="QUERY", help="which stories")
    parser.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="jsonl",
        help="jsonl: one JSON object per story (default); table: a readable listing",
    )
    parser.add_argument("--all", action="store_true", help="single articles too")
    parser.add_argument(
        "--regroup", action="store_true", help="group the whole library from scratch first"
    )
    add_global_options(parser, NAME, db=db_help())


def record(library: Any, story: Any) -> dict[str, Any]:
    """The JSON object of one story: its articles, speakers and quotes several outlets share."""
    from tui.extract.story_compare import compare
    from tui.store.stories import article_outlet

    articles = library.get_articles(story.article_ids)
    comparison = compare(articles, article_outlet, own=False)
    return {
        "story": story.id,
        "title": story.title,
        "articles": [
            {
                "article": a.id,
                "source": a.source,
                "outlet": article_outlet(a),
                "title": a.title,
                "date": a.date,
            }
            for a in articles
        ],
        "speakers": list(comparison.speakers),
        "shared_quotes": [
            {
                "speaker": shared.speaker,
                "same_words": shared.same_words,
                "quotes": [
                    {
                        "article": q.article,
                        "outlet": q.outlet,
                        "text": q.text,
                        "start": q.span.start,
                        "end": q.span.end,
                    }
                    for q in shared.quotes
                ],
            }
            for shared in comparison.shared_quotes
        ],
    }


def run(args: argparse.Namespace) -> int:
    from tui.commands._library import missing_library, open_library
    from tui.commands._progress import features_progress, stories_progress, stories_waiting
    from tui.errors import NewsdeskError
    from tui.search import QueryError, run_query
    from tui.search.story_rows import story_size_label
    from tui.store.stories import regroup, stories, update_stories

    problem = missing_library(args.db, "stories")
    if problem is not None:
        print(problem, file=sys.stderr)
        return exitcodes.USAGE
    try:
        with open_library(args.db, "newsdesk stories") as library:
            if library.notice:
                print(f"newsdesk stories: {library.notice}", file=sys.stderr)
            # A first grouping of a big library takes minutes; an older library's
            # articles are read for their features first: two steps, two labels.
            group = regroup if args.regroup else update_stories
            if not library.readonly:
                group(
                    library,
                    workers=2,
                    progress=stories_progress(),
                    features_progress=features_progress(),
                    waiting=stories_waiting("newsdesk stories"),
                )
            rows = stories(library, min_size=1 if args.all else 2, workers=2)
            if args.query:
                try:
                    hits = run_query(library, args.query, limit=max(library.count(), 1))
                except QueryError as exc:
                    say_query_error("newsdesk stories", exc)
                    return exitcodes.USAGE
                matched = {hit.article_id for hit in hits}
                rows = [r for r in rows if matched.intersection(r.article_ids)]
            out = sys.stdout
            if not rows and args.format == "table":  # a person reads this: say why it is empty
                what = "matching the query" if args.query else "in the library"
                size = "" if args.all else " of two articles or more (--all: single ones too)"
                print(f"newsdesk stories: no stories{size} {what}", file=sys.stderr)
            width = table_width(out)
            title_width = column_widths(TABLE_COLUMNS, ((1, 20),), width, grow=1)[1]
            if title_width > TABLE_COLUMNS[1]:  # wider: no wider than the longest title
                longest = max((len(one_line(s.title, title_width)) for s in rows), default=0)
                title_width = max(TABLE_COLUMNS[1], longest)
            for story in rows:
                if args.format == "jsonl":
                    out.write(json_text(record(library, story)) + "\n")
                    continue
                outlets = story_size_label(len(story.outlets), len(story.article_ids))
                line = (
                    f"{story.id:>6}  {one_line(story.title, title_width):<{title_width}}  "
                    f"{outlets:<10}  {story.newest or '-'}"
                )
                out.write(fit_line(terminal_safe(line), width) + "\n")
    except NewsdeskError as exc:
        print(f"newsdesk stories: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    return exitcodes.OK

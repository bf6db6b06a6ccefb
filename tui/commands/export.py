"""``newsdesk export [QUERY]``: articles with their annotations as Markdown, JSON or CSV."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tui import exitcodes
from tui.commands._library import db_help
from tui.commands._options import add_global_options
from tui.commands._query_error import say_query_error
from tui.terminal_safe import json_text, terminal_safe
from tui.text import count_of

if TYPE_CHECKING:
    from tui.store.export import ExportItem
    from tui.store.library import Library

NAME = "export"
HELP = "export articles with highlights and notes (Markdown, JSON, CSV of quotes)"
ORDER = 50
DESCRIPTION = (
    "Export the library's articles that match QUERY (all when it is left out):\n"
    "  md    a section per article: title, source, outlet, author, URL, tags, highlights\n"
    "        as blockquotes with their notes, article notes, and quotes with their speakers\n"
    "  json  an array of articles (the parsed model, triage state and annotations)\n"
    "  csv   one row per quote: speaker, quote, article_title, source, start, end, article_id\n"
    "With --out DIR, Markdown goes to one file per article (for notes apps), a story to\n"
    "DIR/story-ID.md; json and csv go to DIR/newsdesk-export.json|csv (files already\n"
    "there are replaced, and counted in the last line). QUERY uses the search query\n"
    "language (tag:, is:, has:, source:, words...)."
)
EPILOG = """\
examples:
  newsdesk export 'tag:huawei' > huawei.md          one Markdown document
  newsdesk export is:starred --out ~/notes/news     one .md file per starred article
  newsdesk export --format json | jq '.[].title'    everything, as JSON
  newsdesk export 'has:highlight' --format csv      quotes of highlighted articles
  newsdesk export --orphans                         annotations whose text is gone
  newsdesk export --story 12 > story.md             one story, outlet by outlet, compared

exit codes: 0 exported (even nothing); 2 bad query, usage error, or the library or the
output folder cannot be used.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", default="", metavar="QUERY", help="which articles")
    parser.add_argument(
        "--format",
        choices=("md", "json", "csv"),
        default="md",
        help="md: Markdown, a section per article (default); json: an array of articles; "
        "csv: one row per quote",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="write files into the folder DIR (created if missing) instead of stdout",
    )
    parser.add_argument(
        "--story",
        type=int,
        metavar="ID",
        help="export one story (newsdesk stories): each outlet, then the comparison (md)",
    )
    parser.add_argument(
        "--orphans",
        action="store_true",
        help="list annotations that could not be re-anchored (md or json) instead",
    )
    add_global_options(parser, NAME, db=db_help())


def _write_files(out: Path, fmt: str, items: Iterable[ExportItem]) -> tuple[int, int]:
    """Write ``items`` into the folder ``out``: (articles written, files there replaced)."""
    from tui.store import export

    out.mkdir(parents=True, exist_ok=True)
    if fmt != "md":
        target = out / f"newsdesk-export.{fmt}"
        replaced = int(target.exists())
        with open(target, "w", encoding="utf-8", newline="") as stream:
            writer = export.write_json if fmt == "json" else export.write_csv
            return writer(stream, items), replaced
    n = replaced = 0
    for item in items:
        path = out / export.safe_filename(item.article)
        replaced += _write_note(path, export.article_markdown(item, level=1) + "\n")
        n += 1
    return n, replaced


def _write_note(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` whole or not at all (a half-written note never replaces
    a good one); whether a file was there before."""
    existed = path.exists()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return existed


def _replaced(n: int) -> str:
    """`` (2 files there replaced)``: an export into a notes folder says when it wrote
    over files (notes edited there since the last export are in them)."""
    return f" ({count_of(n, 'file')} there replaced)" if n else ""


def _export_story(library: Library, story_id: int, out: str | None) -> int:
    from tui.store.stories import stories
    from tui.store.story_export import export_story

    found = [s for s in stories(library, min_size=1) if s.id == story_id]
    if not found:
        print(
            f"newsdesk export: no story {story_id}; 'newsdesk stories' lists them", file=sys.stderr
        )
        return exitcodes.USAGE
    text = export_story(library, found[0])
    if out is None:
        sys.stdout.write(text)
        print(f"newsdesk export: exported story {story_id}", file=sys.stderr)
        return exitcodes.OK
    folder, name = Path(out).expanduser(), f"story-{story_id}.md"
    folder.mkdir(parents=True, exist_ok=True)
    replaced = " (it replaced the file there)" if _write_note(folder / name, text) else ""
    where = terminal_safe(os.path.join(out, name))
    print(
        f"newsdesk export: exported story {story_id} into {where}{replaced}",
        file=sys.stderr,
    )
    return exitcodes.OK


def _combination_problem(args: argparse.Namespace) -> str | None:
    """Why these options cannot go together, or None: an option the export would leave
    unused must not be ignored in silence (``--story 3 --out DIR`` printed to stdout)."""
    special = "--story" if args.story is not None else "--orphans" if args.orphans else None
    if args.story is not None and args.orphans:
        return "--story and --orphans are two different exports; give one of them"
    if special and args.query:
        return f"{special} takes no QUERY (got {args.query!r}); leave it out"
    if args.story is not None and args.format != "md":
        return "--story writes Markdown only (the outlets and their comparison); leave out --format"
    if args.orphans and args.format == "csv":
        return "--orphans writes md or json, not csv"
    if args.orphans and args.out:
        return "--orphans writes to standard output; leave out --out and redirect: > FILE"
    return None


def _out_problem(out: str) -> str | None:
    """Why ``--out`` cannot be the folder to write into, before anything is read."""
    path = Path(out).expanduser()
    if path.exists() and not path.is_dir():
        return (
            f"newsdesk export: --out {terminal_safe(out)} is a file, not a folder; "
            "give a folder to write into (it is created if missing), "
            "or leave out --out and redirect: > FILE"
        )
    return None


def run(args: argparse.Namespace) -> int:
    from tui.commands._library import missing_library, open_library
    from tui.errors import NewsdeskError
    from tui.model import to_jsonable
    from tui.search import QueryError, run_query
    from tui.store import export

    if combination := _combination_problem(args):
        print(f"newsdesk export: {combination}", file=sys.stderr)
        return exitcodes.USAGE
    problem = (_out_problem(args.out) if args.out else None) or missing_library(args.db, "export")
    if problem is not None:
        print(problem, file=sys.stderr)
        return exitcodes.USAGE
    try:
        with open_library(args.db, "newsdesk export") as library:
            if library.notice:
                print(f"newsdesk export: {library.notice}", file=sys.stderr)
            if args.story is not None:
                return _export_story(library, args.story, args.out)
            if args.orphans:
                orphans = library.orphans()
                if args.format == "json":
                    data = [{**to_jsonable(a), "article_title": title} for a, title in orphans]
                    sys.stdout.write(json_text(data, indent=1))
                    sys.stdout.write("\n")
                else:
                    sys.stdout.write(export.orphans_markdown(orphans) + "\n")
                said = count_of(len(orphans), "orphaned annotation")
                print(f"newsdesk export: {said}", file=sys.stderr)
                return exitcodes.OK
            try:
                hits = run_query(library, args.query or "", limit=max(library.count(), 1))
            except QueryError as exc:
                say_query_error("newsdesk export", exc)
                return exitcodes.USAGE
            from tui.search.hints import query_hint

            if hint := query_hint(args.query or ""):
                print(f"newsdesk export: {hint}", file=sys.stderr)
            ids = [hit.article_id for hit in hits]
            items = export.items(library, ids)
            if args.out:
                n, replaced = _write_files(Path(args.out).expanduser(), args.format, items)
                where = f" into {terminal_safe(args.out)}{_replaced(replaced)}"
            else:
                writer = {
                    "md": export.write_markdown,
                    "json": export.write_json,
                    "csv": export.write_csv,
                }[args.format]
                n = writer(sys.stdout, items)
                where = ""
    except NewsdeskError as exc:
        print(f"newsdesk export: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    except BrokenPipeError:
        raise  # `| head` went away: tui.cli ends quietly
    except OSError as exc:
        print(
            f"newsdesk export: cannot write {terminal_safe(exc.filename or args.out)}: "
            f"{exc.strerror}; "
            "choose another folder with --out",
            file=sys.stderr,
        )
        return exitcodes.USAGE
    print(f"newsdesk export: exported {n} article{'s' if n != 1 else ''}{where}", file=sys.stderr)
    return exitcodes.OK

"""``newsdesk feeds add|list|remove|import|export``: the feeds the library subscribes to."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from typing import TYPE_CHECKING

from tui import exitcodes
from tui.commands._subscriptions import add_common, load_config_quietly, safe, say
from tui.terminal_safe import json_text

if TYPE_CHECKING:
    from tui.config.model import Config
    from tui.store.feeds import Feed
    from tui.store.library import Library

NAME = "feeds"
HELP = "subscribe to RSS/Atom/JSON feeds by URL; import or export OPML"
ORDER = 35
DESCRIPTION = (
    "Feeds the library subscribes to; 'newsdesk refresh' (or F5 in the app) fetches them.\n"
    "Feeds may also be listed in the config's 'feeds:' section; 'feeds list' shows both.\n"
    "'feeds import' reads OPML (any feed reader's export) or newsboat's 'urls' file."
)
EPILOG = """\
examples:
  newsdesk feeds add https://example.org/rss --tag world
  newsdesk feeds add https://example.org/rss --name Example --full-text
  newsdesk feeds list                     numbered; --json for a script
  newsdesk feeds remove 3                 by number, or by URL
  newsdesk feeds import subs.opml         OPML from another reader
  newsdesk feeds import ~/.newsboat/urls  newsboat's list (tags, "~Name")
  newsdesk feeds export > subs.opml       OPML 2.0

exit codes: 0 ok; 1 some entries of an imported list were left out (each named);
2 usage error, unreadable list, or a library that cannot be written.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="subscribe to a feed URL")
    add.add_argument("url", metavar="URL")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    add.add_argument("--name", metavar="NAME", help="what to call it (default: its title)")
    add.add_argument(
        "--full-text", action="store_true", help="fetch each entry's linked page for its text"
    )
    listing = actions.add_parser("list", help="the feeds, numbered, with their last status")
    listing.add_argument("--json", action="store_true", help="as a JSON array")
    remove = actions.add_parser("remove", help="unsubscribe (articles already in stay)")
    remove.add_argument("which", metavar="URL|N")
    imp = actions.add_parser("import", help="subscribe to every feed of an OPML or urls file")
    imp.add_argument("file", metavar="FILE")
    actions.add_parser("export", help="print the subscriptions as OPML 2.0")
    add_common(parser, NAME)
    for action, sub in actions.choices.items():
        add_common(sub, f"{NAME} {action}")


def run(args: argparse.Namespace) -> int:
    from tui.commands._library import open_library
    from tui.errors import NewsdeskError

    prog = f"newsdesk feeds {args.feeds_action}"
    config = load_config_quietly(args, prog)
    if config is None:
        return exitcodes.USAGE
    try:
        if args.feeds_action in _SHOW:
            return _SHOW[args.feeds_action](_feeds(args.db, config), args, prog)
        with open_library(args.db, prog) as library:
            if library.readonly:
                say(prog, f"{library.notice}; nothing changed")
                return exitcodes.USAGE
            return _CHANGE[args.feeds_action](library, args, config, prog)
    except NewsdeskError as exc:
        say(prog, str(exc))
        return exitcodes.USAGE


def _feeds(db: str | None, config: Config) -> list[Feed]:
    """The library's feeds, then the config's; with no library yet only the config's,
    and nothing is created to say so."""
    from tui.commands._library import open_library
    from tui.paths import library_path
    from tui.subscribe import all_feeds

    if not library_path(db).exists():
        with closing(sqlite3.connect(":memory:")) as empty:  # a library with no feeds
            return all_feeds(empty, config.feeds)
    with open_library(db, "newsdesk feeds", readonly=True) as library:
        return all_feeds(library.connection, config.feeds)


def _add(library: Library, args: argparse.Namespace, config: Config, prog: str) -> int:
    from tui.store.feeds import Feed, add_feed
    from tui.subscribe.fetch import check_url

    problem = check_url(args.url)
    if problem is not None:
        say(prog, f"{args.url}: {problem}; expected a feed's address like https://example.org/rss")
        return exitcodes.USAGE
    feed = Feed(args.url, args.name, tuple(args.tag), args.full_text)
    with library.write() as conn:
        added = add_feed(conn, feed)
    verb = "subscribed to" if added else "already subscribed; updated"
    say(prog, f"{verb} {args.url} ('newsdesk refresh' fetches it)")
    return exitcodes.OK


def _list(feeds: list[Feed], args: argparse.Namespace, prog: str) -> int:
    if args.json:
        rows = [
            {
                "n": n,
                "url": f.url,
                "name": f.name,
                "title": f.title,
                "tags": list(f.tags),
                "fetch_full_text": f.full_text,
                "from": f.origin,
                "status": f.status,
                "checked": f.checked,
            }
            for n, f in enumerate(feeds, start=1)
        ]
        sys.stdout.write(json_text(rows))
        sys.stdout.write("\n")
        return exitcodes.OK
    if not feeds:
        say(prog, "no feeds yet; add one with 'newsdesk feeds add URL'")
        return exitcodes.OK
    for n, feed in enumerate(feeds, start=1):
        tags = f"  [{', '.join(feed.tags)}]" if feed.tags else ""
        origin = "  (config)" if feed.origin == "config" else ""
        label = f"  {feed.name or feed.title}" if feed.name or feed.title else ""
        print(safe(f"{n:3}  {feed.url}{label}{tags}{origin}"))
        if feed.status:
            print(safe(f"     last: {_last_fetch(feed)}"))
    return exitcodes.OK


def _last_fetch(feed: Feed) -> str:
    """``3 new (2026-12-04 19:52)``: the stored status without the feed's name, which
    its own line shows already, and when it was fetched (local time)."""
    import time

    status = feed.status or ""
    for label in (feed.name, feed.title, feed.url):
        if label and status.startswith(f"{label}: "):
            status = status[len(label) + 2 :]
            break
    if feed.checked:
        status += time.strftime(" (%Y-%m-%d %H:%M)", time.localtime(feed.checked))
    return status


def _remove(library: Library, args: argparse.Namespace, config: Config, prog: str) -> int:
    from tui.store.feeds import remove_feed
    from tui.subscribe import all_feeds

    feeds = all_feeds(library.connection, config.feeds)
    which = args.which
    if which.isdigit():
        n = int(which)
        if not 1 <= n <= len(feeds):
            shown = f"shows 1-{len(feeds)}" if feeds else "shows none: there are no feeds yet"
            say(prog, f"no feed number {n}; 'newsdesk feeds list' {shown}")
            return exitcodes.USAGE
        which = feeds[n - 1].url
    feed = next((f for f in feeds if f.url == which), None)
    if feed is not None and feed.origin == "config":
        say(prog, f"{which} is listed in the config file; remove it there")
        return exitcodes.USAGE
    with library.write() as conn:
        removed = remove_feed(conn, which)
    if not removed:
        say(prog, f"{which}: not subscribed; 'newsdesk feeds list' shows the feeds")
        return exitcodes.USAGE
    say(prog, f"unsubscribed from {which}; its articles stay in the library")
    return exitcodes.OK


#: Lines left out of an imported list named one by one; the rest are counted.
MAX_PROBLEMS_NAMED = 10


def _import(library: Library, args: argparse.Namespace, config: Config, prog: str) -> int:
    from pathlib import Path

    from tui.store.feeds import add_feed
    from tui.subscribe.fetch import check_url
    from tui.subscribe.opml import MAX_OPML_BYTES, looks_like_opml, read_feed_list

    path = Path(args.file).expanduser()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OPML_BYTES + 1)
        if b"\0" in data and not looks_like_opml(data):
            # Read as a urls file, a program gave a line of noise per "line" (1,612 for ls).
            raise ValueError("a binary file")
        found = read_feed_list(data)
    except OSError as exc:
        say(prog, f"{args.file}: cannot read ({exc.strerror or exc})")
        return exitcodes.USAGE
    except ValueError as exc:
        say(prog, f"{args.file}: {exc}; expected OPML or a newsboat urls file")
        return exitcodes.USAGE
    problems = list(found.problems)
    added = refused = 0
    with library.write() as conn:
        for feed in found.feeds:
            problem = check_url(feed.url)
            if problem is not None:
                problems.append(f"{feed.url}: {problem}; left out")
                refused += 1
                continue
            added += add_feed(conn, feed)
    for problem in problems[:MAX_PROBLEMS_NAMED]:
        say(prog, f"{args.file}: {problem}")
    if len(problems) > MAX_PROBLEMS_NAMED:
        say(prog, f"{args.file}: and {len(problems) - MAX_PROBLEMS_NAMED} more left out")
    known = len(found.feeds) - added - refused
    say(prog, f"{added} feeds added, {known} already there, {len(problems)} left out")
    return exitcodes.SOME_INPUTS_UNREADABLE if problems else exitcodes.OK


def _export(feeds: list[Feed], args: argparse.Namespace, prog: str) -> int:
    from tui.subscribe.opml import write_opml

    sys.stdout.write(write_opml(feeds))
    return exitcodes.OK


#: Actions that show the feeds (the library opened read-only, or not at all).
_SHOW: dict[str, Callable[[list[Feed], argparse.Namespace, str], int]] = {
    "list": _list,
    "export": _export,
}
#: Actions that change the subscriptions (the library opened for writing).
_CHANGE: dict[str, Callable[[Library, argparse.Namespace, Config, str], int]] = {
    "add": _add,
    "remove": _remove,
    "import": _import,
}

"""``newsdesk refresh``: fetch every feed and import what is new."""

from __future__ import annotations

import argparse
import sys

from tui import exitcodes
from tui.commands._subscriptions import add_common, load_config_quietly, safe, say
from tui.terminal_safe import json_text

NAME = "refresh"
HELP = "fetch every feed (8 at once) and import the new entries"
ORDER = 36
DESCRIPTION = (
    "Fetch the feeds ('newsdesk feeds list') at most 8 at once and import their new\n"
    "entries, each feed's status on its own line: new entries, not modified (the server\n"
    "said so: conditional GET), or the error in one line (DNS, TLS, HTTP status, timeout,\n"
    "not a feed). A slow or broken feed never holds back the others. New entries are\n"
    "searchable and join their stories at once, as on import. While a 'newsdesk\n"
    "import' of the library runs, storing waits for it (and says so). Ctrl+C stops at\n"
    "once, even while a feed hangs: the feeds stored so far are kept, the rest is not."
)
EPILOG = """\
examples:
  newsdesk refresh                       every feed
  newsdesk refresh --timeout 10          give each feed 10 s
  newsdesk refresh --json | jq .         one object per feed on stdout

exit codes: 0 every feed fetched (or not modified); 1 some feeds failed (each named);
2 usage or config error, or a library that cannot be written; 130 stopped by Ctrl+C.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common(parser, NAME)
    parser.add_argument(
        "--timeout", type=float, default=20.0, metavar="S", help="seconds per feed (20)"
    )
    parser.add_argument(
        "--jobs", type=int, default=8, metavar="N", help="feeds fetched at once (8)"
    )
    parser.add_argument("--json", action="store_true", help="the outcome per feed as JSON Lines")


def run(args: argparse.Namespace) -> int:
    from tui.commands._library import open_library
    from tui.commands._progress import import_waiting, stories_waiting
    from tui.errors import NewsdeskError
    from tui.subscribe import all_feeds
    from tui.subscribe.refresh import ERROR, refresh
    from tui.text import count_of

    prog = "newsdesk refresh"
    if args.timeout <= 0 or args.jobs < 1:
        say(prog, "--timeout must be above 0 and --jobs 1 or more")
        return exitcodes.USAGE
    config = load_config_quietly(args, prog)
    if config is None:
        return exitcodes.USAGE

    stored: list[int] = [0, 0]  # feeds stored, of how many: said if Ctrl+C stops it

    def on_feed(outcome, done: int, total: int) -> None:
        stored[:] = [done, total]
        mark = "!" if outcome.state == ERROR else " "
        print(safe(f"{mark} [{done}/{total}] {outcome.line()}"), file=sys.stderr, flush=True)
        if args.json:
            row = {
                "url": outcome.feed.url,
                "feed": outcome.feed.label,
                "state": outcome.state,
                "new": outcome.new,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
                "error": outcome.message or None,
            }
            print(json_text(row), flush=True)

    try:
        with open_library(args.db, prog) as library:
            if library.readonly:
                say(prog, f"{library.notice}; nothing fetched")
                return exitcodes.USAGE
            feeds = all_feeds(library.connection, config.feeds)
            if not feeds:
                say(prog, "no feeds; add one with 'newsdesk feeds add URL'")
                return exitcodes.OK
            stored[1] = len(feeds)
            summary = refresh(
                library,
                feeds,
                jobs=args.jobs,
                timeout=args.timeout,
                on_feed=on_feed,
                waiting=import_waiting(library.path, prog),
                stories_waiting=stories_waiting(prog),
            )
    except NewsdeskError as exc:
        say(prog, str(exc))
        return exitcodes.USAGE
    except KeyboardInterrupt:  # at once, a hanging feed left behind (never stored)
        done, total = stored
        say(prog, f"stopped (Ctrl+C); {done} of {count_of(total, 'feed')} stored, the rest not")
        return 130
    say(prog, summary.line())
    return exitcodes.SOME_INPUTS_UNREADABLE if summary.failed else exitcodes.OK

"""Refresh of many feeds on a local server, one at a time against eight at once.

Each of ``--feeds`` feeds (an RSS file of ``--entries`` entries, distinct per feed)
answers after ``--delay`` seconds, as a far server would. Three passes per setting:
a first refresh (every entry new), a second (304: not modified), and the first again
into a fresh library. Prints a table; no network beyond 127.0.0.1.

    python benchmarks/bench_refresh.py [--feeds 40] [--entries 20] [--delay 0.2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.store import Library
from tui.store.feeds import Feed, add_feed
from tui.subscribe import all_feeds
from tui.subscribe.refresh import refresh


def feed_xml(n: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {n} story {i}</title><link>http://x.example/{n}/{i}</link>"
        f"<description>Story {i} of feed {n}: the council met on Monday and agreed the"
        f" harbour budget after a long debate, officials said.</description></item>"
        for i in range(entries)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>'
        f"{items}</channel></rss>"
    ).encode()


def serve(entries: int, delay: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(delay)  # the far server's latency (this is the server, not a test)
            n = int(self.path.strip("/").split(".")[0])
            if self.headers.get("If-None-Match") == f'"{n}"':
                self.send_response(304)
                self.end_headers()
                return
            body = feed_xml(n, entries)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", f'"{n}"')
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def run(base: str, feeds: int, jobs: int, folder: Path) -> tuple[float, float, int]:
    with Library.open(folder / f"lib-{jobs}.db") as library:
        with library.write() as conn:
            for n in range(feeds):
                add_feed(conn, Feed(f"{base}/{n}.xml"))
        subs = all_feeds(library.connection)
        start = time.perf_counter()
        first = refresh(library, subs, jobs=jobs)
        middle = time.perf_counter()
        refresh(library, all_feeds(library.connection), jobs=jobs)
        end = time.perf_counter()
    return middle - start, end - middle, first.new


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()
    httpd = serve(args.entries, args.delay)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    print(f"{args.feeds} feeds x {args.entries} entries, each answering after {args.delay} s")
    print(f"{'jobs':>4}  {'first (s)':>9}  {'304s (s)':>8}  {'new':>5}  {'first vs 1 job':>14}")
    base_first = None
    with tempfile.TemporaryDirectory() as scratch:
        for jobs in (1, 8):
            first, again, new = run(base, args.feeds, jobs, Path(scratch))
            base_first = base_first or first
            ratio = f"{base_first / first:.1f}x"
            print(f"{jobs:>4}  {first:>9.2f}  {again:>8.2f}  {new:>5}  {ratio:>14}")
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A feed server on 127.0.0.1 started by the tests: no test reaches past localhost.

Routes: ``/rss.xml`` (ETag ``"v1"``: a second fetch gets 304), ``/atom.xml``,
``/modified.xml`` (Last-Modified: the same date back gets 304), ``/moved`` (301 to
``/rss.xml``), ``/samelink.xml`` (two entries, one link),
``/gzip.xml`` (gzip-encoded), ``/broken`` (500), ``/slow`` (answers only when the test
ends: a client with a short timeout gives up), ``/loop`` (redirects to itself by way of
``/loop2``), ``/big`` (50 MB streamed in 1 MB chunks, no Content-Length), ``/page.html``
(an article page, not a feed), ``/hostile.xml`` (markup and escape sequences in an entry),
``/bomb`` (50 MB of zeros in ~50 KB of gzip), ``/article/N`` (the page an entry links
to, for ``fetch_full_text``), ``/elsewhere`` (302 to ``/page.html`` by way of the name
``localhost``: another host, on a loopback address) and ``/elsewhere.xml`` (the RSS
feed with every link through ``localhost``).
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Wire</title><link>http://127.0.0.1/</link>
<item><title>Harbour reopens after storm</title><link>{base}/article/1</link>
<guid>{base}/article/1</guid><pubDate>Mon, 02 Dec 2024 08:00:00 GMT</pubDate>
<description>The harbour reopened on Monday after three days of storms closed it to all
shipping, the port authority said in a statement.</description></item>
<item><title>Council votes on budget</title><link>{base}/article/2</link>
<guid>{base}/article/2</guid><pubDate>Tue, 03 Dec 2024 08:00:00 GMT</pubDate>
<description>The city council approved next year's budget by nine votes to four after a
long debate about road repairs.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<id>urn:atom-desk</id><updated>2024-12-03T10:00:00Z</updated>
<entry><title>Library extends opening hours</title><id>urn:atom-desk:1</id>
<link href="{base}/atom/1"/><updated>2024-12-03T10:00:00Z</updated>
<summary>The central library will open until nine in the evening from January,
the council said.</summary></entry>
</feed>
"""

HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile [b]Feed[/b]</title>
<item><title>[@click=app.quit]Click me[/] \x1b[2J</title><link>{base}/hostile/1</link>
<description>[@click=app.quit]quit[/] and [b]bold[/b] and an escape &#27;]0;PWNED&#7; and
&#27;[31mred&#27;[0m in a paragraph long enough to be read as text by the reader.</description>
</item></channel></rss>
"""

PAGE = """<!doctype html><html><head><title>Harbour reopens after storm</title></head>
<body><nav>Home | World | Sport</nav><article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Monday after three days of storms had closed it to all
shipping, the port authority said in a statement issued early in the morning.</p>
<p>"We are glad to see the boats moving again," said Mara Lind, the harbour master,
who added that repairs to the outer wall would take until spring to complete.</p>
<p>Fishermen said the closure had cost them a week of income at the busiest time.</p>
</article><footer>Copyright Local Wire</footer></body></html>
"""


def gzip_bomb(megabytes: int = 50) -> bytes:
    """``megabytes`` of zeros gzip-compressed (~50 KB), compressed a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


BIG_CHUNK = b"<!-- " + b"x" * (1024 * 1024 - 10) + b" -->\n"


class FeedServer:
    def __init__(self) -> None:
        self.release_slow = threading.Event()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.big_chunks_sent = 0
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.elsewhere = f"http://localhost:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def send(self, code: int, body: bytes, ctype: str, **headers: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                path = self.path
                xml = "application/rss+xml; charset=utf-8"
                if path == "/rss.xml":
                    if self.headers.get("If-None-Match") == '"v1"':
                        self.send_response(304)
                        self.end_headers()
                        return
                    body = RSS.format(base=server.base).encode()
                    self.send(200, body, xml, ETag='"v1"')
                elif path == "/modified.xml":
                    stamp = "Mon, 02 Dec 2024 08:00:00 GMT"
                    if self.headers.get("If-Modified-Since") == stamp:
                        self.send_response(304)
                        self.end_headers()
                        return
                    body = ATOM.format(base=server.base).encode()
                    self.send(200, body, "application/atom+xml", Last_Modified=stamp)
                elif path == "/moved":
                    self.send_response(301)
                    self.send_header("Location", "/rss.xml")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif path == "/atom.xml":
                    self.send(200, ATOM.format(base=server.base).encode(), "application/atom+xml")
                elif path == "/gzip.xml":
                    body = gzip.compress(ATOM.format(base=server.base).encode())
                    self.send(200, body, "application/atom+xml", Content_Encoding="gzip")
                elif path == "/samelink.xml":
                    body = RSS.format(base=server.base).replace(
                        "/article/2</link>", "/article/1</link>"
                    )
                    self.send(200, body.encode(), xml)
                elif path == "/hostile.xml":
                    self.send(200, HOSTILE.format(base=server.base).encode(), xml)
                elif path == "/broken":
                    self.send(500, b"oops", "text/plain")
                elif path == "/slow":
                    server.release_slow.wait(30)  # the server's own deliberate delay
                    with contextlib.suppress(OSError):  # the client gave up long ago
                        self.send(200, RSS.format(base=server.base).encode(), xml)
                elif path in ("/loop", "/loop2"):
                    self.send_response(302)
                    self.send_header("Location", "/loop2" if path == "/loop" else "/loop")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif path == "/big":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.end_headers()
                    try:
                        for _ in range(50):
                            self.wfile.write(BIG_CHUNK)
                            server.big_chunks_sent += 1
                    except OSError:
                        pass  # the client hung up at its cap: expected
                elif path == "/elsewhere":
                    self.send_response(302)
                    self.send_header("Location", server.elsewhere + "/page.html")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif path == "/elsewhere.xml":
                    self.send(200, RSS.format(base=server.elsewhere).encode(), xml)
                elif path == "/bomb":
                    self.send(200, gzip_bomb(), "application/rss+xml", Content_Encoding="gzip")
                elif path == "/page.html" or path.startswith("/article/"):
                    self.send(200, PAGE.encode(), "text/html; charset=utf-8")
                else:
                    self.send(404, b"not here", "text/plain")

        return Handler

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release_slow.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with FeedServer() as server:
        yield server

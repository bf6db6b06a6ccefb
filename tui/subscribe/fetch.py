"""HTTP GET of one URL, bounded every way: the only module of Newsdesk that talks to the network.

The standard library's ``urllib`` is used with care rather than a new dependency:

- only ``http`` and ``https`` (no ``file:``, ``ftp:``, ``data:``: a feed list is
  untrusted input), through an opener built from exactly the handlers needed;
- TLS verified with the system's certificates (``ssl.create_default_context``);
- redirects followed at most :data:`MAX_REDIRECTS` times, and only to http(s);
- conditional GET: ``If-None-Match`` / ``If-Modified-Since`` from the last fetch, so an
  unchanged feed answers 304 and costs no body;
- ``gzip``/``deflate`` asked for and decoded as the bytes stream in;
- a time limit for the whole fetch (connect, headers and body: a server that trickles
  a byte a second is cut off too), and a size cap on the decoded body, checked as it
  streams, so a 50 MB (or endless, or gzip-bomb) answer never sits in memory;
- every failure becomes one line a person can act on (:class:`FetchResult.error`):
  DNS, TLS, HTTP status, timeout, refused, too many redirects, too big;
- ``public_only``: a link found *inside* a feed (``fetch_full_text``) is somebody
  else's word, so it may reach only public addresses, never loopback, the private
  ranges, link-local (cloud metadata at 169.254.169.254) or other non-global ones,
  checked on every hop of a redirect and on the address actually connected to (a
  name that resolves differently the second time gains nothing). The feed's own host,
  which the user chose, stays reachable (a feed served from the local network).
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO

from tui import __version__

#: Redirects followed before giving up (a loop ends here too).
MAX_REDIRECTS = 5
#: The whole fetch, in seconds, by default.
TIMEOUT = 20.0
#: A fetch whose connection or body is still within its time may run this much past
#: it (the body is read against a deadline); past that it is reported as timed out.
LOOKUP_GRACE = 1.0
#: Largest body accepted (decoded), by default.
MAX_BYTES = 10 * 1024 * 1024
_CHUNK = 64 * 1024
USER_AGENT = f"newsdesk/{__version__} (feed reader; +https://pypi.org/project/newsdesk/)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one GET gave: ``body`` when ``ok``; ``not_modified`` on a 304; else ``error``."""

    url: str
    body: bytes = b""
    not_modified: bool = False
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.not_modified


class _Redirects(urllib.request.HTTPRedirectHandler):
    """At most :data:`MAX_REDIRECTS` hops, http(s) only."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise urllib.error.HTTPError(
                newurl, code, f"redirected to a {scheme or 'relative'} URL", headers, fp
            )
        # urllib's own loop check counts distinct URLs; this counts every hop.
        hops = getattr(req, "newsdesk_hops", 0)
        if hops >= MAX_REDIRECTS:
            raise urllib.error.HTTPError(req.full_url, code, "too many redirects", headers, fp)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.newsdesk_hops = hops + 1  # type: ignore[attr-defined]  # our own mark
        return new


class _NotPublic(Exception):
    """A ``public_only`` fetch reached a host at a non-public address."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(host, address)
        self.host = host
        self.address = address


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global


class _Guard:
    """Refuses connections to non-public addresses, except to ``trusted_host``."""

    def __init__(self, trusted_host: str | None) -> None:
        self.trusted_host = (trusted_host or "").lower() or None

    def check(self, host: str, address: str) -> None:
        if host.lower() != self.trusted_host and not _is_public(address):
            raise _NotPublic(host, address)

    def check_name(self, host: str, port: int | None) -> None:
        """Every address ``host`` resolves to (when a proxy connects for us)."""
        if host.lower() == self.trusted_host:
            return
        for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            self.check(host, str(sockaddr[0]))


def _guarded(
    connection: type[http.client.HTTPConnection], guard: _Guard
) -> type[http.client.HTTPConnection]:
    """``connection`` that checks the address it connected to before sending a byte."""

    class Guarded(connection):  # type: ignore[valid-type,misc]  # a class made per fetch
        def connect(self) -> None:
            super().connect()
            guard.check(self.host, self.sock.getpeername()[0])

    return Guarded


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connection(http.client.HTTPConnection, self.guard, req), req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self.guard = guard
        self.context = context

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = _connection(http.client.HTTPSConnection, self.guard, req)
        return self.do_open(connection, req, context=self.context)


def _connection(
    connection: type[http.client.HTTPConnection], guard: _Guard, req: urllib.request.Request
) -> type[http.client.HTTPConnection]:
    """The connection class for ``req``: checked on its socket when it goes to the host
    itself; through a proxy the socket's peer is the proxy, so the target's name is
    checked instead (the proxy resolves it again: the best a client can do there)."""
    target = urllib.parse.urlsplit(req.full_url)
    connected_to = urllib.parse.urlsplit(f"//{req.host}").hostname
    if target.hostname and connected_to != target.hostname:
        guard.check_name(target.hostname, target.port)
        return connection
    return _guarded(connection, guard)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One context for every fetch: loading the system's certificates costs ~50 ms of
    CPU, which paid per feed would serialise a refresh (contexts are thread-safe)."""
    return ssl.create_default_context()


def _opener(guard: _Guard | None = None) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    transports: tuple[urllib.request.BaseHandler, ...] = (
        (urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(context=_tls_context()))
        if guard is None
        else (_GuardedHTTPHandler(guard), _GuardedHTTPSHandler(guard, _tls_context()))
    )
    for handler in (
        urllib.request.ProxyHandler(),  # honours http(s)_proxy / no_proxy
        *transports,
        _Redirects(),
        urllib.request.HTTPDefaultErrorHandler(),  # a non-2xx answer raises HTTPError
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class _TooBig(Exception):
    pass


class _TooSlow(Exception):
    pass


def _decoder(encoding: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    return None


def _read_body(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    """The body, decoded, streamed in chunks; raises at the cap or the deadline."""
    length = response.headers.get("Content-Length")
    decoder = _decoder(response.headers.get("Content-Encoding") or "")
    if decoder is None and length and length.isdigit() and int(length) > max_bytes:
        raise _TooBig
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _TooSlow
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            break
        if decoder is not None:
            # max_length bounds what one chunk may inflate to (a gzip bomb stops here).
            data = decoder.decompress(chunk, max_bytes - size + 1)
            if decoder.unconsumed_tail:
                raise _TooBig
            chunk = data
        size += len(chunk)
        if size > max_bytes:
            raise _TooBig
        parts.append(chunk)
    if decoder is not None:
        tail = decoder.flush()
        size += len(tail)
        if size > max_bytes:
            raise _TooBig
        parts.append(tail)
    return b"".join(parts)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def _reason(exc: BaseException, timeout: float) -> str:
    """One line for a failed fetch: what kind of failure, in a person's words."""
    if isinstance(exc, urllib.error.HTTPError):
        if exc.code in (301, 302, 303, 307, 308):
            return f"too many redirects (more than {MAX_REDIRECTS}; a redirect loop?)"
        reason = " ".join(str(exc.reason or "").split())
        return f"HTTP {exc.code} {reason}".strip()
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
        if not isinstance(exc, BaseException) or isinstance(exc, urllib.error.URLError):
            return f"cannot fetch ({' '.join(str(getattr(exc, 'reason', exc)).split())})"
    if isinstance(exc, socket.gaierror):
        return "DNS: the host name was not found (check the URL, or the network)"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS: the certificate was not accepted ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS: {exc.reason or exc}"
    if isinstance(exc, TimeoutError | socket.timeout | _TooSlow):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server up?)"
    if isinstance(exc, http.client.HTTPException | ConnectionError):
        return f"the connection broke ({type(exc).__name__})"
    if isinstance(exc, ValueError):
        return f"not a URL newsdesk can fetch ({exc})"
    return " ".join(str(exc).split()) or type(exc).__name__


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be a feed's address (None: it can)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http:// or https:// URL"
    if not parts.hostname:
        return "a URL with no host"
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        return "a URL with spaces or control characters"
    return None


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    accept: str = ACCEPT,
    public_only: bool = False,
    trusted_host: str | None = None,
) -> FetchResult:
    """GET ``url`` within ``timeout`` seconds and ``max_bytes``; never raises.

    With ``public_only``, every host reached (redirects included) must be at a public
    address, except ``trusted_host`` (see the module's docstring).

    The socket's timeout bounds connecting and reading, but not the host name lookup
    (``getaddrinfo`` takes no timeout): the fetch runs in a daemon thread, and one that
    is still looking a name up when its time is over is left behind and reported as
    timed out, so no host holds back a refresh longer than its timeout.
    """
    outcome: list[FetchResult] = []
    worker = threading.Thread(
        target=lambda: outcome.append(
            _fetch(
                url,
                etag=etag,
                last_modified=last_modified,
                timeout=timeout,
                max_bytes=max_bytes,
                accept=accept,
                guard=_Guard(trusted_host) if public_only else None,
            )
        ),
        name=f"fetch {url[:60]}",
        daemon=True,
    )
    worker.start()
    worker.join(timeout + LOOKUP_GRACE)
    if outcome:
        return outcome[0]
    return FetchResult(url, error=f"timed out after {timeout:g} s (the host name lookup included)")


def _fetch(
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    max_bytes: int,
    accept: str,
    guard: _Guard | None = None,
) -> FetchResult:
    problem = check_url(url)
    if problem is not None:
        return FetchResult(url, error=problem)
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with _opener(guard).open(request, timeout=timeout) as response:
            body = _read_body(response, max_bytes, deadline)
            return FetchResult(
                url,
                body,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                content_type=response.headers.get("Content-Type"),
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 304:
            return FetchResult(url, not_modified=True, etag=etag, last_modified=last_modified)
        return FetchResult(url, error=_reason(exc, timeout))
    except _NotPublic as exc:
        return FetchResult(
            url,
            error=f"refused: {exc.host} is at {exc.address}, a private or local address"
            " (links inside a feed may only reach public addresses)",
        )
    except _TooBig:
        return FetchResult(url, error=f"too big (more than {_size(max_bytes)}); left out")
    except zlib.error:
        return FetchResult(url, error="a compressed answer that does not decompress")
    except Exception as exc:  # every other failure: one line, never a traceback
        return FetchResult(url, error=_reason(exc, timeout))

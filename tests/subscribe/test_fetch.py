"""The one network module against a local server: every way a fetch can go."""

from __future__ import annotations

import threading

from tui.subscribe.fetch import MAX_REDIRECTS, fetch


def test_rss_then_304_with_the_etag(feed_server) -> None:
    first = fetch(feed_server.url("/rss.xml"))
    assert first.ok and b"<rss" in first.body and first.etag == '"v1"'
    again = fetch(feed_server.url("/rss.xml"), etag=first.etag)
    assert again.not_modified and not again.ok and again.error is None
    assert feed_server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_last_modified_then_304(feed_server) -> None:
    first = fetch(feed_server.url("/modified.xml"))
    assert first.ok and first.last_modified == "Mon, 02 Dec 2024 08:00:00 GMT"
    again = fetch(feed_server.url("/modified.xml"), last_modified=first.last_modified)
    assert again.not_modified


def test_a_redirect_is_followed(feed_server) -> None:
    got = fetch(feed_server.url("/moved"))
    assert got.ok and b"Local Wire" in got.body


def test_dns_and_tls_failures_read_as_one_line() -> None:
    import socket
    import ssl
    import urllib.error

    from tui.subscribe.fetch import _reason

    dns = urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))
    assert _reason(dns, 20).startswith("DNS: the host name was not found")
    cert = ssl.SSLCertVerificationError(1, "certificate verify failed")
    cert.verify_message = "self-signed certificate"
    tls = urllib.error.URLError(cert)
    assert _reason(tls, 20) == "TLS: the certificate was not accepted (self-signed certificate)"


def test_gzip_is_asked_for_and_decoded(feed_server) -> None:
    got = fetch(feed_server.url("/gzip.xml"))
    assert got.ok and got.body.startswith(b"<?xml") and b"Atom Desk" in got.body
    assert "gzip" in feed_server.requests[-1][1].get("Accept-Encoding", "")


def test_http_500_is_one_line(feed_server) -> None:
    got = fetch(feed_server.url("/broken"))
    assert got.error == "HTTP 500 Internal Server Error"


def test_404_is_one_line(feed_server) -> None:
    assert fetch(feed_server.url("/nothing")).error == "HTTP 404 Not Found"


def test_slow_feed_times_out(feed_server) -> None:
    got = fetch(feed_server.url("/slow"), timeout=0.3)
    assert got.error == "timed out after 0.3 s"


def test_redirect_loop_stops(feed_server) -> None:
    got = fetch(feed_server.url("/loop"))
    assert got.error is not None and "too many redirects" in got.error
    hops = [path for path, _headers in feed_server.requests if path.startswith("/loop")]
    assert len(hops) <= MAX_REDIRECTS + 1


def test_50_mb_body_is_cut_at_the_cap_while_streaming(feed_server) -> None:
    got = fetch(feed_server.url("/big"), max_bytes=2 * 1024 * 1024)
    assert got.error == "too big (more than 2 MB); left out"
    assert got.body == b""
    assert feed_server.big_chunks_sent < 50  # the client stopped reading


def test_gzip_bomb_is_stopped_at_the_cap(feed_server) -> None:
    got = fetch(feed_server.url("/bomb"), max_bytes=1024 * 1024)
    assert got.error == "too big (more than 1 MB); left out"


def test_refused_connection_and_bad_scheme() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert fetch(f"http://127.0.0.1:{port}/x", timeout=2).error.startswith("connection refused")
    assert fetch("file:///etc/passwd").error == "not an http:// or https:// URL"


def test_a_host_name_lookup_that_hangs_is_a_timeout(monkeypatch) -> None:
    """getaddrinfo takes no timeout: a lookup stuck past the feed's time is reported as
    timed out instead of holding the refresh (it is released after the check)."""
    import socket

    release = threading.Event()

    def stuck_lookup(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(30)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", stuck_lookup)
    try:
        result = fetch("http://feeds.invalid/rss.xml", timeout=0.2)
    finally:
        release.set()
    assert not result.ok
    assert result.error is not None and "timed out after 0.2 s" in result.error


def test_public_only_refuses_a_loopback_host_unless_it_is_trusted(feed_server) -> None:
    refused = fetch(feed_server.url("/page.html"), public_only=True)
    assert refused.error is not None and refused.error.startswith("refused: 127.0.0.1 is at")
    assert "private or local address" in refused.error
    assert not any(path == "/page.html" for path, _ in feed_server.requests)
    trusted = fetch(feed_server.url("/page.html"), public_only=True, trusted_host="127.0.0.1")
    assert trusted.ok and b"Harbour" in trusted.body


def test_public_only_checks_every_redirect_hop(feed_server) -> None:
    got = fetch(feed_server.url("/elsewhere"), public_only=True, trusted_host="127.0.0.1")
    assert got.error is not None and got.error.startswith("refused: localhost is at")
    assert [path for path, _ in feed_server.requests] == ["/elsewhere"]


def test_public_only_through_a_proxy_checks_the_target_name(feed_server, monkeypatch) -> None:
    monkeypatch.setenv("http_proxy", feed_server.base)  # the proxy itself is never blamed
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    got = fetch(feed_server.elsewhere + "/page.html", public_only=True)
    assert got.error is not None and got.error.startswith("refused: localhost is at")
    assert feed_server.requests == []


def test_what_counts_as_a_public_address() -> None:
    from tui.subscribe.fetch import _is_public

    for private in (
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "::1",
        "fe80::1%eth0",
        "::ffff:10.0.0.1",
        "100.64.0.1",
        "0.0.0.0",
    ):
        assert not _is_public(private), private
    for public in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8"):
        assert _is_public(public), public

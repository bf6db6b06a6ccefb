"""Refresh against the local server: entries in the library, one status per feed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.search import run_query
from tui.store import Library
from tui.store.feeds import Feed, add_feed
from tui.subscribe import all_feeds
from tui.subscribe.refresh import ERROR, NEW, NOT_MODIFIED, refresh


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "lib.db") as lib:
        yield lib


def subscribe(library: Library, *feeds: Feed) -> list[Feed]:
    with library.write() as conn:
        for feed in feeds:
            add_feed(conn, feed)
    return all_feeds(library.connection)


def titles(library: Library) -> set[str]:
    return {a.title for a in library.get_articles(library.article_ids())}


def test_rss_and_atom_are_imported_then_not_modified(library, feed_server) -> None:
    feeds = subscribe(
        library, Feed(feed_server.url("/rss.xml")), Feed(feed_server.url("/atom.xml"), "Desk")
    )
    seen = []
    summary = refresh(library, feeds, timeout=5, on_feed=lambda o, d, t: seen.append((d, t)))
    assert summary.line() == "2 feeds, 3 new"
    assert sorted(seen) == [(1, 2), (2, 2)]
    assert titles(library) == {
        "Harbour reopens after storm",
        "Council votes on budget",
        "Library extends opening hours",
    }
    (article,) = [
        a for a in library.get_articles(library.article_ids()) if a.title.startswith("Council")
    ]
    assert article.url == feed_server.url("/article/2")
    assert article.outlet == "Local Wire"
    assert article.source == feed_server.url("/rss.xml")
    assert article.date == "2024-12-03"

    again = refresh(library, all_feeds(library.connection), timeout=5)
    states = {o.feed.url: o for o in again.outcomes}
    assert states[feed_server.url("/rss.xml")].state == NOT_MODIFIED  # the ETag sent: 304
    atom = states[feed_server.url("/atom.xml")]
    assert (atom.state, atom.new, atom.unchanged) == (NEW, 0, 1)
    assert again.line() == "2 feeds, 0 new"
    assert len(library.article_ids()) == 3


def test_entries_sharing_a_link_are_two_articles(library, feed_server) -> None:
    feeds = subscribe(library, Feed(feed_server.url("/samelink.xml")))
    assert refresh(library, feeds, timeout=5).new == 2
    assert refresh(library, all_feeds(library.connection), timeout=5).new == 0
    assert titles(library) == {"Harbour reopens after storm", "Council votes on budget"}


def test_feed_status_is_stored_and_named_by_title(library, feed_server) -> None:
    feeds = subscribe(library, Feed(feed_server.url("/rss.xml")))
    refresh(library, feeds, timeout=5)
    (feed,) = all_feeds(library.connection)
    assert feed.title == "Local Wire" and feed.etag == '"v1"'
    assert feed.status == "Local Wire: 2 new"


def test_broken_feeds_each_get_one_line_and_never_hold_back_the_others(
    library, feed_server
) -> None:
    feeds = subscribe(
        library,
        Feed(feed_server.url("/slow"), "Slow"),
        Feed(feed_server.url("/broken"), "Broken"),
        Feed(feed_server.url("/loop"), "Loop"),
        Feed(feed_server.url("/big"), "Big"),
        Feed(feed_server.url("/page.html"), "Page"),
        Feed(feed_server.url("/missing"), "Missing"),
        Feed(feed_server.url("/atom.xml"), "Good"),
    )
    # The slow feed waits until the test ends; the others answer well within 3 s.
    summary = refresh(library, feeds, timeout=3, max_bytes=2 * 1024 * 1024)
    lines = {o.feed.name: o.line() for o in summary.outcomes}
    assert lines == {
        "Slow": "Slow: timed out after 3 s",
        "Broken": "Broken: HTTP 500 Internal Server Error",
        "Loop": "Loop: too many redirects (more than 5; a redirect loop?)",
        "Big": "Big: too big (more than 2 MB); left out",
        "Page": "Page: not a feed (an HTML page; is this the feed's address?)",
        "Missing": "Missing: HTTP 404 Not Found",
        "Good": "Good: 1 new",
    }
    assert summary.line() == "7 feeds, 1 new, 6 failed"
    assert {o.state for o in summary.outcomes if o.feed.name != "Good"} == {ERROR}


def test_hostile_entry_is_stored_as_typed(library, feed_server) -> None:
    feeds = subscribe(library, Feed(feed_server.url("/hostile.xml")))
    refresh(library, feeds, timeout=5)
    (article,) = library.get_articles(library.article_ids())
    assert article.title.startswith("[@click=app.quit]Click me[/]")
    body = article.body_text
    assert "[@click=app.quit]quit[/] and [b]bold[/b]" in body
    assert "\x1b" not in body and "\x07" not in body and "\x1b" not in article.title


def test_full_text_reads_the_linked_page(library, feed_server) -> None:
    feeds = subscribe(library, Feed(feed_server.url("/rss.xml"), "Wire", full_text=True))
    refresh(library, feeds, timeout=5)
    harbour = next(
        a for a in library.get_articles(library.article_ids()) if a.title.startswith("Harbour")
    )
    assert "Mara Lind" in harbour.body_text  # only the page has this paragraph
    assert any(path.startswith("/article/") for path, _ in feed_server.requests)


def test_full_text_never_follows_a_feed_link_to_another_local_host(library, feed_server) -> None:
    """The feed at 127.0.0.1 was chosen by the user; its links to ``localhost`` were not."""
    feeds = subscribe(library, Feed(feed_server.url("/elsewhere.xml"), "Wire", full_text=True))
    (outcome,) = refresh(library, feeds, timeout=5).outcomes
    harbour = next(
        a for a in library.get_articles(library.article_ids()) if a.title.startswith("Harbour")
    )
    assert "Mara Lind" not in harbour.body_text  # the feed's summary is kept instead
    assert "port authority said" in harbour.body_text
    assert not any(path.startswith("/article/") for path, _ in feed_server.requests)
    assert outcome.state == NEW and outcome.new == 2


def test_feed_name_filters_queries(library, feed_server) -> None:
    feeds = subscribe(
        library,
        Feed(feed_server.url("/rss.xml"), "Local Wire"),
        Feed(feed_server.url("/atom.xml")),
    )
    refresh(library, feeds, timeout=5)
    local = {h.article_id for h in run_query(library, "feed:local-wire")}
    assert len(local) == 2
    atom = {h.article_id for h in run_query(library, "feed:'atom desk'")} or {
        h.article_id for h in run_query(library, "feed:atomdesk")
    }
    assert len(atom) == 1 and not atom & local
    assert {h.article_id for h in run_query(library, "harbour feed:local-wire")} <= local
    assert run_query(library, "feed:nothing-like-it") == []


def test_a_feed_removed_during_a_refresh_stays_removed(library, feed_server) -> None:
    from tui.store.feeds import remove_feed

    feeds = subscribe(library, Feed(feed_server.url("/rss.xml")))
    with library.write() as conn:
        remove_feed(conn, feeds[0].url)  # as another session would, mid-refresh
    refresh(library, feeds, timeout=5)
    assert all_feeds(library.connection) == []


def test_config_feeds_keep_their_fetch_state(library, feed_server) -> None:
    from tui.config.model import FeedConfig

    configured = [FeedConfig(feed_server.url("/rss.xml"), "Wire")]
    refresh(library, all_feeds(library.connection, configured), timeout=5)
    (feed,) = all_feeds(library.connection, configured)
    assert (feed.origin, feed.status) == ("config", "Wire: 2 new")
    again = refresh(library, all_feeds(library.connection, configured), timeout=5)
    assert again.outcomes[0].state == NOT_MODIFIED
    assert run_query(library, "feed:wire")

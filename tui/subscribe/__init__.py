"""Subscriptions: feeds by URL, refreshed into the library, and watched folders.

Sits above the store (it imports feeds as articles) and below the CLI and the app, which
are thin shells over it. :mod:`tui.subscribe.fetch` is the only module that touches the
network; :mod:`tui.subscribe.opml` reads and writes subscription lists;
:mod:`tui.subscribe.refresh` fetches and stores; :mod:`tui.subscribe.watch` follows
folders.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tui.config.model import FeedConfig
from tui.store.feeds import CONFIG, Feed, stored_feeds


def config_feed(item: FeedConfig) -> Feed:
    return Feed(item.url, item.name, item.tags, item.fetch_full_text, origin=CONFIG)


def all_feeds(conn: sqlite3.Connection, configured: Iterable[FeedConfig] = ()) -> list[Feed]:
    """The library's subscriptions, then the config's feeds not among them (each URL once)."""
    feeds = stored_feeds(conn)
    seen = {feed.url for feed in feeds}
    state = {feed.url: feed for feed in stored_feeds(conn, origin=CONFIG)}
    for item in configured:
        if item.url in seen:
            continue
        seen.add(item.url)
        known = state.get(item.url)
        feed = config_feed(item)
        if known is not None:
            from dataclasses import replace

            feed = replace(feed, title=known.title, status=known.status, checked=known.checked)
        feeds.append(feed)
    return feeds

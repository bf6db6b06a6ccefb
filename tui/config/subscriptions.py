"""The config's ``feeds:``, ``watch:`` and ``refresh_every:``: subscriptions in a file.

    feeds:
      - https://example.org/rss                 # a URL alone
      - url: https://example.com/atom.xml
        name: Example                           # feed:example in queries and views
        tags: [world, daily]
        fetch_full_text: true                   # read each entry's linked page
    watch: [~/scraper/out, /srv/dumps]          # folders the app imports from while open
    refresh_every: 30m                          # the app refreshes the feeds this often

Read by :class:`_Validator` in :mod:`tui.config.loader` through :func:`read_subscriptions`,
with the same ``file:line:col`` errors as the rest of the config.
"""

from __future__ import annotations

import re
from typing import Any

from tui.config.model import FeedConfig
from tui.config.nodes import NodeReader, describe

KEYS = ("feeds", "watch", "refresh_every")
FEED_KEYS = ("url", "name", "tags", "fetch_full_text")
_DURATION = re.compile(r"(\d+)\s*(s|m|h|d)")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: Refreshing more often than this would hammer the feeds' servers.
MIN_REFRESH_SECONDS = 60


def duration_seconds(text: str) -> int | None:
    """``30m`` -> 1800, ``1h30m`` -> 5400 (s, m, h, d); None when it is not one."""
    text = text.strip().lower()
    if not text or _DURATION.sub("", text).strip():
        return None
    return sum(int(n) * _UNIT[unit] for n, unit in _DURATION.findall(text))


def _feed(reader: NodeReader, node: Any, index: int) -> FeedConfig | None:
    what = f"feeds item {index + 1}"
    if not hasattr(node, "value") or isinstance(node.value, str):
        url = reader.string(node, what, allow_empty=False)
        return FeedConfig(url.strip()) if url else None
    items = reader.mapping(node, what, FEED_KEYS)
    if items is None:
        return None
    nodes = {key: value for key, _key_node, value in items}
    if "url" not in nodes:
        reader.error(node, f"{what} has no 'url'; expected 'url: https://...'")
        return None
    url = reader.string(nodes["url"], f"{what} 'url'", allow_empty=False)
    name = reader.string(nodes["name"], f"{what} 'name'") if "name" in nodes else None
    tags: list[str] = []
    if "tags" in nodes:
        tag_node = nodes["tags"]
        values = tag_node.value if isinstance(tag_node.value, list) else [tag_node]
        for value in values:
            tag = reader.string(value, f"{what} 'tags'", allow_empty=False)
            if tag:
                tags.append(tag.strip())
    full = False
    if "fetch_full_text" in nodes:
        full = bool(reader.boolean(nodes["fetch_full_text"], f"{what} 'fetch_full_text'"))
    if not url:
        return None
    return FeedConfig(url.strip(), (name or "").strip() or None, tuple(tags), full)


def read_subscriptions(reader: NodeReader, nodes: dict[str, Any]) -> dict[str, Any]:
    """The ``Config`` fields these keys give (only those present in ``nodes``)."""
    values: dict[str, Any] = {}
    if "feeds" in nodes:
        items = reader.sequence(nodes["feeds"], "'feeds'") or []
        feeds = [_feed(reader, item, i) for i, item in enumerate(items)]
        values["feeds"] = tuple(f for f in feeds if f is not None)
    if "watch" in nodes:
        node = nodes["watch"]
        items = node.value if isinstance(node.value, list) else [node]
        folders = [reader.string(item, "'watch'", allow_empty=False) for item in items]
        values["watch"] = tuple(f.strip() for f in folders if f)
    if "refresh_every" in nodes:
        node = nodes["refresh_every"]
        text = reader.string(node, "'refresh_every'")
        seconds = duration_seconds(text) if text else None
        if seconds is None or seconds < MIN_REFRESH_SECONDS:
            shown = describe(node)
            reader.error(
                node,
                f"'refresh_every' is {shown}; expected a duration of at least 1m,"
                " like 30m, 2h or 1h30m",
            )
        else:
            values["refresh_every"] = seconds
    return values

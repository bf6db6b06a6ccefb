"""The config's ``feeds:``, ``watch:`` and ``refresh_every:``: subscriptions in a file.

    feeds:
      - https://example.org/rss                 # a URL alone
      - url: https://example.com/atom.xml
        name: Example                           # feed:example in queries and views
        tags: [world, daily]
        fetch_full_text: true                   # read each entry's linked page
    watch: [~/scraper/out, /srv/dumps]          # folders the app imports from while open
    refresh_every: 30m                          # the app refreshes the feeds this often

Their shapes are in :mod:`tui.config.schema` (``FeedModel``), checked with the rest of the
config and reported with the same ``file:line:col`` errors.
"""

from __future__ import annotations

import re

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

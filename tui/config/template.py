"""The commented config ``newsdesk config init`` writes: the defaults, explained.

A test loads this text and checks it gives exactly ``default_config()``, so the file a
user starts from never drifts from what Newsdesk does without one.
"""

from __future__ import annotations

DEFAULT_CONFIG_TEXT = """\
# Newsdesk configuration. Check it with:  newsdesk config check
# Everything here is optional: delete a section to get the built-in default back.

# Colour theme: a file name from the shipped themes or from the 'themes' folder beside
# this file (newsdesk config themes lists them), or a Textual theme such as 'nord'.
# Switch at run time from the command palette (ctrl+p, "theme").
theme: newsdesk-dark

# Opening an article (Enter, a search hit, a quote) marks it read; false keeps it
# unread until you press r.
mark_read_on_open: true

# Key overrides: binding-id: keys (comma-separated, or a list).
# 'newsdesk config bindings' lists every binding id with its default keys.
keymap: {}
#  toggle-star: s, asterisk
#  view-inbox: f1         (a view's key: view-<name in lower case, dashes for spaces>)

# Views: named article lists you switch between with their key or the palette.
# Writing 'views' replaces the built-in list, so keep the ones you want.
#   query:   the search language ('newsdesk search --help'); empty = every article
#   sort:    date | source | title | relevance, '-' in front for descending
#   layout:  panes in screen order with their share of the width:
#            list, article, quotes, search
#   columns: of the article list: flags, source, date, title, quotes
#   key:     one key that switches to the view
#   speaker_index: show every quote of the view grouped by speaker
#   group:   story = one row per story (the same news from several outlets), which
#            expands to its articles (right or l) and folds again (left); none = a row
#            per article
views:
  - name: Inbox
    query: "is:unread !is:archived"
    sort: -date
    layout: [list: 2, article: 3, quotes: 1]
    columns: [flags, source, date, title]
    key: "1"
    group: story
  - name: Starred
    query: "is:starred"
    sort: -date
    layout: [list: 2, article: 3, quotes: 1]
    columns: [flags, source, date, title]
    key: "2"
  - name: All
    query: ""
    sort: -date
    layout: [list: 2, article: 3, quotes: 1]
    columns: [flags, source, date, title]
    key: "3"
  - name: Quotes by speaker
    query: "has:quote"
    sort: -date
    layout: [list: 1, quotes: 2, article: 2]
    columns: [flags, source, date, title]
    key: "4"
    speaker_index: true
#  - name: Local Wire        (a per-feed view: feed: takes a feed's name or title)
#    query: "feed:local-wire is:unread"
#    key: "5"

# Feeds (besides 'newsdesk feeds add URL'): refreshed by 'newsdesk refresh' and F5.
# feeds:
#   - https://example.org/rss
#   - url: https://example.com/atom.xml
#     name: Example
#     tags: [world]
#     fetch_full_text: true    (read each entry's linked page: for summary-only feeds)
# refresh_every: 30m          (the app refreshes the feeds this often while open)
# watch: [~/scraper/out]      (folders the app imports new files from while open)
"""

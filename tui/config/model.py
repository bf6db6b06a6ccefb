"""The typed settings the YAML file is loaded into (pinned shape: the app codes against it).

The loader and validator (``tui.config.loader``) fill these; the app only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Panes a layout may name, in the app's vocabulary.
PANES = ("list", "article", "quotes", "search")


@dataclass(frozen=True, slots=True)
class ViewConfig:
    """A named view: which articles (query), in what order (sort), shown how (layout)."""

    name: str
    query: str = ""
    sort: str = "-date"
    #: (pane, proportion) pairs in screen order, e.g. (("list", 2), ("article", 3)).
    layout: tuple[tuple[str, int], ...] = (("list", 2), ("article", 3), ("quotes", 1))
    columns: tuple[str, ...] = ("flags", "source", "date", "title")
    key: str | None = None
    #: Show the quotes pane as a speaker index (every quote of the view, by speaker).
    speaker_index: bool = False
    #: ``story``: the list shows one row per story (expands to its articles); None: a
    #: row per article.
    group: str | None = None


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """A feed named in the config's ``feeds:`` (see :mod:`tui.config.subscriptions`)."""

    url: str
    name: str | None = None
    tags: tuple[str, ...] = ()
    fetch_full_text: bool = False


@dataclass(frozen=True, slots=True)
class Config:
    views: tuple[ViewConfig, ...]
    #: binding id -> comma-separated keys (Textual's ``App.set_keymap`` format).
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str = "newsdesk-dark"
    #: Opening an article (Enter, a search hit, a quote) marks it read, as newsboat does.
    mark_read_on_open: bool = True
    #: Subscriptions kept in the file (``feeds:``), folders to follow (``watch:``), and
    #: how often the app refreshes the feeds, in seconds (``refresh_every:``; None: never).
    feeds: tuple[FeedConfig, ...] = ()
    watch: tuple[str, ...] = ()
    refresh_every: int | None = None


DEFAULT_VIEWS: tuple[ViewConfig, ...] = (
    ViewConfig(name="Inbox", query="is:unread !is:archived", key="1", group="story"),
    ViewConfig(name="Starred", query="is:starred", key="2"),
    ViewConfig(name="All", query="", key="3"),
    ViewConfig(
        name="Quotes by speaker",
        query="has:quote",
        layout=(("list", 1), ("quotes", 2), ("article", 2)),
        key="4",
        speaker_index=True,
    ),
)


def default_config() -> Config:
    return Config(views=DEFAULT_VIEWS)

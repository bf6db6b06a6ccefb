"""Subscription lists in and out: OPML 2.0 (every feed reader's export) and newsboat's
``urls`` file.

OPML is XML from elsewhere, so it is parsed with ``defusedxml`` (no entity expansion,
no external entities, no DTD retrieval), never the standard library's parser directly.
An outline with an ``xmlUrl`` is a feed; the ``text``/``title`` names it, and the
titles of the outlines it sits in become its tags (how readers file feeds in folders),
as do the names in its ``category`` (what :func:`write_opml` writes tags into).

newsboat's ``urls`` file: one feed per line, ``URL tag "another tag" "~Name"``; a
``~`` tag names the feed, ``!`` hides it (kept), ``#`` starts a comment, and
``query:`` / ``exec:`` / ``filter:`` lines are not feeds (skipped with a note).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from email.utils import formatdate
from xml.sax.saxutils import quoteattr

from tui.store.feeds import Feed

#: An OPML file bigger than this is not a subscription list.
MAX_OPML_BYTES = 8 * 1024 * 1024
#: Folders deeper than this are read as if flat (bounds the walk).
MAX_DEPTH = 32


@dataclass
class FeedList:
    """Feeds read from a file, and one line per thing left out."""

    feeds: list[Feed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def looks_like_opml(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<") and b"<opml" in head


def read_opml(data: bytes) -> FeedList:
    """The feeds of an OPML file; raises ``ValueError`` (one line) when it is not OPML."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    if len(data) > MAX_OPML_BYTES:
        raise ValueError("too big for a subscription list (over 8 MB)")
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise ValueError(f"refused: {type(exc).__name__} (entities or a DTD)") from None
    except SafeET.ParseError as exc:
        raise ValueError(f"not well-formed XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise ValueError(f"not OPML (the root element is <{root.tag}>)")
    body = root.find("body")
    found = FeedList()
    if body is None:
        raise ValueError("OPML with no <body>")
    seen: set[str] = set()

    def walk(element, folders: tuple[str, ...], depth: int) -> None:
        for outline in element.findall("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            name = (outline.get("title") or outline.get("text") or "").strip() or None
            if url:
                if url in seen:
                    continue
                seen.add(url)
                found.feeds.append(Feed(url, name, _tags(folders, outline.get("category"))))
            elif depth < MAX_DEPTH:
                inner = folders + ((name,) if name else ())
                walk(outline, inner, depth + 1)

    walk(body, (), 0)
    return found


def _tags(folders: tuple[str, ...], category: str | None) -> tuple[str, ...]:
    """The folders an outline sits in, then its ``category`` (``/a/b,/c``: a, b, c)."""
    named = [part.strip() for item in (category or "").split(",") for part in item.split("/")]
    return tuple(dict.fromkeys([*folders, *(t for t in named if t)]))


def read_newsboat_urls(text: str) -> FeedList:
    """The feeds of a newsboat ``urls`` file (see the module doc)."""
    found = FeedList()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as exc:
            found.problems.append(f"line {number}: {exc}; left out")
            continue
        if not words:
            continue
        url, *tags = words
        scheme = url.split(":", 1)[0]
        if scheme in ("query", "exec", "filter"):
            found.problems.append(f"line {number}: a newsboat {scheme}: feed; left out")
            continue
        name = next((t[1:] for t in tags if t.startswith("~")), None)
        found.feeds.append(Feed(url, name, tuple(t for t in tags if t and t[0] not in "~!")))
    return found


def read_feed_list(data: bytes) -> FeedList:
    """An OPML file or a newsboat ``urls`` file, told apart by the content."""
    if looks_like_opml(data):
        return read_opml(data)
    return read_newsboat_urls(data.decode("utf-8", errors="replace"))


def write_opml(feeds: list[Feed], title: str = "Newsdesk subscriptions") -> str:
    """OPML 2.0 of ``feeds``: one outline each, tags in ``category`` (``/a,/b``)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_escape(title)}</title>",
        f"    <dateCreated>{formatdate(usegmt=True)}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for feed in feeds:
        attributes = [
            ("type", "rss"),
            ("text", feed.label),
            ("title", feed.label),
            ("xmlUrl", feed.url),
        ]
        if feed.tags:
            attributes.append(("category", ",".join(f"/{t}" for t in feed.tags)))
        shown = " ".join(f"{k}={quoteattr(_xml_chars(v))}" for k, v in attributes)
        lines.append(f"    <outline {shown}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _xml_chars(text: str) -> str:
    """Characters XML 1.0 cannot hold (controls) left out."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _escape(text: str) -> str:
    return quoteattr(_xml_chars(text))[1:-1]

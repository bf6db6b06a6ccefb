"""RSS 0.9x/1.0/2.0, Atom and JSON Feed files -> one record per entry.

RSS and Atom are read by feedparser, JSON Feed (jsonfeed.org, plain JSON) here. Each
entry gives title, date, link, author and its text: the full content when the feed
has it, else the summary; HTML content goes through the HTML reader's text extraction
(:func:`tui.ingest.html.fragment_text`). Entries repeated in one feed (same id, else
same link) are one article. An entry with neither text nor title is named and left
out; a feed whose XML breaks part way is read as far as it goes, and the break named.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tui.errors import InputError
from tui.ingest.html import fragment_text
from tui.ingest.records import Record, normalize_date, value_text

#: Marks a JSON Feed (``"version": "https://jsonfeed.org/version/1.1"``).
JSON_FEED_VERSION = "https://jsonfeed.org/version/"


@dataclass(frozen=True, slots=True)
class _Entry:
    """What every feed format gives of an entry; ``key`` (id, else link) tells repeats."""

    key: str | None
    title: str | None
    text: str
    date: str | None
    url: str | None
    author: str | None


def _records(
    entries: Iterable[_Entry | None], outlet: str | None, word: str, problems: list[str]
) -> list[Record]:
    """One record per entry (None: not an entry at all), repeats dropped, bad ones named."""
    records: list[Record] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if entry is None:
            problems.append(f"{word} {number}: not an object; left out")
            continue
        if entry.key:
            if entry.key in seen:
                continue
            seen.add(entry.key)
        if not entry.text.strip() and not entry.title:
            problems.append(f"{word} {number}: no title and no text; left out")
            continue
        records.append(
            Record(
                text=entry.text or entry.title or "",
                title=entry.title,
                date=entry.date,
                url=entry.url,
                author=entry.author,
                outlet=outlet,
                where=f"{word} {number}",
            )
        )
    return records


def _entry_text(value: str | None, html: bool) -> str:
    if not value:
        return ""
    return fragment_text(value) if html else value


def _struct_date(entry: Mapping[str, Any]) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return normalize_date(entry.get("published") or entry.get("updated"))


def _rss_atom_text(entry: Mapping[str, Any]) -> str:
    contents = entry.get("content") or []
    for content in contents:
        value = content.get("value")
        if value and value.strip():
            return _entry_text(value, "html" in (content.get("type") or "html"))
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary")
    return _entry_text(summary, "html" in (detail.get("type") or "text/html"))


def read_rss_atom(text: str, source: str) -> tuple[list[Record], list[str]]:
    """The entries of an RSS or Atom feed, and one problem line per bad entry."""
    import feedparser  # imported on first use

    # Bytes through a file object: feedparser never takes them for a URL or a path.
    # The text is already decoded, so the charset is stated as UTF-8.
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    problems: list[str] = []
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        exc = parsed["bozo_exception"]
        line = getattr(exc, "getLineNumber", lambda: None)()
        where = f"line {line}: " if line else ""
        reason = str(getattr(exc, "getMessage", lambda: exc)()) or type(exc).__name__
        if not parsed.entries:
            raise InputError(source, f"{where}not a readable feed ({reason}); nothing read")
        problems.append(f"{where}the feed breaks here ({reason}); entries after it are lost")
    entries = (
        _Entry(
            key=entry.get("id") or entry.get("link"),
            title=value_text(entry.get("title")),
            text=_rss_atom_text(entry),
            date=_struct_date(entry),
            url=entry.get("link"),
            author=value_text(entry.get("author")),
        )
        for entry in parsed.entries
    )
    outlet = value_text(parsed.get("feed", {}).get("title"))
    records = _records(entries, outlet, "entry", problems)
    return records, problems


def _json_feed_text(item: Mapping[str, Any]) -> str:
    if item.get("content_html"):
        return fragment_text(str(item["content_html"]))
    return str(item.get("content_text") or item.get("summary") or "")


def _json_feed_author(item: Mapping[str, Any]) -> str | None:
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    return value_text(authors) if authors else None


def read_json_feed(text: str, source: str) -> tuple[list[Record], list[str]]:
    """The items of a JSON Feed, and one problem line per bad item."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(source, f"not valid JSON ({reason}); nothing read") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(source, "a JSON Feed with no 'items' list; nothing read")
    problems: list[str] = []
    entries = (
        _Entry(
            key=str(item.get("id") or item.get("url") or ""),
            title=value_text(item.get("title")),
            text=_json_feed_text(item),
            date=normalize_date(item.get("date_published") or item.get("date_modified")),
            url=item.get("url") or item.get("external_url"),
            author=_json_feed_author(item),
        )
        if isinstance(item, dict)
        else None
        for item in items
    )
    records = _records(entries, value_text(data.get("title")), "item", problems)
    return records, problems

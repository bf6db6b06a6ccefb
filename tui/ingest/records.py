"""Records -> articles: what every structured reader (CSV, JSON, HTML, feeds) shares.

A structured input does not hold its articles as running text: a CSV cell, a JSON
string, an HTML page or a feed entry holds the text, and columns or metadata hold the
title, date, URL, author and outlet. Each reader turns its input into :class:`Record`
values; :func:`assemble` turns records into articles.

**Offsets.** The records' texts are laid one after another, separated by a blank line
(:data:`SEPARATOR`), into one *extracted text*; every span of these articles indexes
that text, which the library keeps as the document's text. So ``text[start:end]``
holds for them exactly as for a dump, only ``text`` is the extracted text, not the
file: their ``text_origin`` is ``"extracted"``.

Each record's text is read by the dump reader's paragraph rules (captions, promos,
related teasers and briefs are told apart from the body), then the pieces are put
together as one article: a record is one article, whatever its text looks like.

The article id is the digest of the title and the text, so the same story read from a
CSV file and from a JSON Lines export of it is the same article (a duplicate), and a
stored record read again by a newer parser (:func:`records_of_articles`) keeps its id.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.ingest.dates import parse_dateline
from tui.ingest.decode import clean_text
from tui.ingest.dump import read_dump
from tui.ingest.outlet import registrable, url_host
from tui.ingest.titles import infer_title
from tui.model import (
    Article,
    ArticleKind,
    Paragraph,
    ParagraphRole,
    make_article_id,
    paragraph_of,
    span_of,
)

#: Between two records' texts in the extracted text: a blank line, so that neither
#: text's last paragraph runs into the next one's first.
SEPARATOR = "\n\n\n"

#: ``text_origin`` of articles whose text was extracted from a structured input.
EXTRACTED = "extracted"

#: The article fields a column or key can fill, and the names recognised for each
#: (case-insensitive, first match wins).
#: ``paragraphs`` (a list of strings, or of ``{"text": ...}`` as ``newsdesk export
#: --format json`` writes) comes last: a record with a text column is read by it.
#: ``outlet`` comes before ``source``, which Newsdesk's own export uses for the file.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "maintext", "article", "paragraphs"),
    "date": ("date", "published", "date_publish", "pubdate", "publishedat", "datepublished"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher", "source_domain"),
    "author": ("author", "byline", "authors"),
}


@dataclass(frozen=True, slots=True)
class Record:
    """One article as a structured input gives it. ``where`` names it in messages
    (``line 12``, ``row 4``, ``entry 3``)."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    outlet: str | None = None
    where: str = ""


def parse_mapping(spec: str) -> dict[str, str]:
    """``"text=body,date=when"`` -> ``{"text": "body", "date": "when"}``.

    Raises ``ValueError`` with a one-line message on a field that is not one of
    :data:`FIELD_NAMES` or a pair without ``=``.
    """
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not column:
            raise ValueError(f"--map {part.strip()!r}: write FIELD=COLUMN, e.g. text=body")
        if field not in FIELD_NAMES:
            raise ValueError(
                f"--map {part.strip()!r}: unknown field {field!r}; "
                f"use one of {', '.join(FIELD_NAMES)}"
            )
        mapping[field] = column
    return mapping


def resolve_columns(columns: Iterable[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Which of ``columns`` fills each field: ``{field: column}`` (the column as
    spelled in the input). ``mapping`` (from ``--map``) wins over the usual names."""
    by_folded: dict[str, str] = {}
    for column in columns:
        by_folded.setdefault(column.strip().casefold(), column)
    found: dict[str, str] = {}
    for field, names in FIELD_NAMES.items():
        wanted = (mapping or {}).get(field)
        candidates: tuple[str, ...] = (wanted,) if wanted else names
        for name in candidates:
            matched = by_folded.get(name.casefold())
            if matched is not None:
                found[field] = matched
                break
    return found


def missing_text_message(
    columns: Iterable[str], what: str = "columns", mapping: Mapping[str, str] | None = None
) -> str:
    """The one-line reason for an input with no text column, naming what it has (and
    the column ``--map text=`` named, when that is the one missing)."""
    shown = ", ".join(repr(c) for c in list(columns)[:20]) or "none"
    wanted = (mapping or {}).get("text")
    if wanted:
        return f"no {what[:-1]} {wanted!r} (--map text={wanted}); {what} found: {shown}"
    names = "|".join(FIELD_NAMES["text"])
    return (
        f"no text {what[:-1]} ({names}); {what} found: {shown}; "
        "name the text column with --map text=COLUMN"
    )


def value_text(value: object) -> str | None:
    """A cell or JSON value as one clean string: lists are joined with ``, ``, a
    mapping gives its ``name`` (``source: {"name": ...}``), empty gives None."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return value_text(value.get("name"))
    if isinstance(value, list | tuple):
        parts = [t for t in (value_text(v) for v in value) if t]
        return ", ".join(parts) or None
    text = " ".join(clean_text(str(value)).split())
    return text or None


_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalize_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from the forms inputs use (ISO 8601 with or without a time, RFC
    822 as in RSS, a written date); None when it cannot be read."""
    if not value:
        return None
    value = value.strip()
    match = _ISO_START.match(value)
    if match:
        try:
            return dt.date.fromisoformat(match.group()).isoformat()
        except ValueError:
            return None
    written = parse_dateline(value)
    if written:
        return written
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}\.?", re.IGNORECASE)


def outlet_name(value: str | None) -> str | None:
    """The outlet a record names: a host name (news-please's ``source_domain``,
    ``www.example.co.uk``) as its registrable domain (``example.co.uk``), as an
    article's URL would give it, so one outlet is not split in two; a name as it is."""
    if value and _HOST.fullmatch(value):
        found = registrable(value)
        if found != value.rstrip(".").lower():  # subdomains cut (a file's name stays)
            return found
    return value


def default_outlet(source: str) -> str:
    """The outlet named after the input when the data names none: the file's name."""
    return os.path.basename(source) or source


def _shifted(paragraph: Paragraph, offset: int, role: ParagraphRole | None = None) -> Paragraph:
    return paragraph_of(
        paragraph.text,
        paragraph.span.start + offset,
        paragraph.span.end + offset,
        role or paragraph.role,
    )


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _record_article(record: Record, body: str, offset: int, source: str, outlet: str) -> Article:
    """One article from one record whose cleaned text ``body`` starts at ``offset``."""
    parts = read_dump(body, source) if body else []
    paragraphs: list[Paragraph] = []
    captions: list[Paragraph] = []
    related: list[Paragraph] = []
    boilerplate: list[Paragraph] = []
    title = record.title
    date = normalize_date(record.date)
    for n, part in enumerate(parts):
        if part.kind == ArticleKind.BRIEF:
            # A brief glued on is part of this record's text: one paragraph, whole.
            start, end = part.span.start, part.span.end
            paragraphs.append(paragraph_of(body[start:end], start + offset, end + offset))
            continue
        if not part.title_inferred:
            start = part.span.start
            if body.startswith(part.title, start):
                if n == 0 and title is None:
                    title = part.title
                elif part.title != title:
                    end = start + len(part.title)
                    paragraphs.append(paragraph_of(part.title, start + offset, end + offset))
        date = date or part.date
        paragraphs.extend(_shifted(p, offset) for p in part.paragraphs)
        captions.extend(_shifted(p, offset) for p in part.captions)
        related.extend(_shifted(p, offset) for p in part.related)
        boilerplate.extend(_shifted(p, offset) for p in part.boilerplate)
    paragraphs.sort(key=lambda p: p.span.start)
    if title and paragraphs and _folded(paragraphs[0].text) == _folded(title):
        del paragraphs[0]  # the page's headline, repeated as its first line
    inferred = title is None
    if title is None:
        first = paragraphs[0].text if paragraphs else body
        title = infer_title(first) if first.strip() else "(untitled)"
    return Article(
        id=make_article_id(f"{title}\n{body}"),
        source=source,
        span=span_of(offset, offset + len(body)),
        kind=ArticleKind.STORY,
        title=title,
        title_inferred=inferred,
        paragraphs=tuple(paragraphs),
        date=date,
        captions=tuple(captions),
        related=tuple(related),
        boilerplate=tuple(boilerplate),
        url=record.url,
        author=record.author,
        outlet=outlet_name(record.outlet) or url_host(record.url) or outlet,
        text_origin=EXTRACTED,
    )


def record_body(text: str) -> str:
    """A record's text as the extracted text holds it: cleaned, edges trimmed."""
    return clean_text(text).strip()


def assemble(records: Iterable[Record], source: str) -> tuple[str, list[Article]]:
    """The extracted text of ``records`` and one article per record, spans into it."""
    outlet = default_outlet(source)
    pieces: list[str] = []
    articles: list[Article] = []
    offset = 0
    for record in records:
        body = record_body(record.text)
        if pieces:
            pieces.append(SEPARATOR)
            offset += len(SEPARATOR)
        pieces.append(body)
        articles.append(_record_article(record, body, offset, source, outlet))
        offset += len(body)
    return "".join(pieces), articles


def records_of_articles(text: str, articles: Iterable[Article]) -> list[Record]:
    """The records stored articles were made from, read back from the library's
    extracted ``text``: how a newer parser re-reads a structured input without the file."""
    return [
        Record(
            text=a.span.of(text),
            title=None if a.title_inferred else a.title,
            date=a.date,
            url=a.url,
            author=a.author,
            outlet=a.outlet,
        )
        for a in articles
    ]

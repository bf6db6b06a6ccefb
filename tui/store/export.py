"""Articles with their annotations -> Markdown, JSON or CSV of quotes.

Markdown is for people and notes apps: a section per article with its source, tags,
highlights as blockquotes followed by their notes, article notes, and its quotes with
speakers. JSON is the article model plus state and annotations, for pipes. CSV lists
quotes, one row each, for spreadsheets. Writers take a text stream so the command can
point them at stdout or at files.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from tui.model import Annotation, Article, to_jsonable
from tui.store.rows import TriageState

if TYPE_CHECKING:
    from tui.store.library import Library

CSV_COLUMNS = ("speaker", "quote", "article_title", "source", "start", "end", "article_id")


@dataclass(frozen=True, slots=True)
class ExportItem:
    article: Article
    state: TriageState
    annotations: list[Annotation]


def items(library: Library, ids: Iterable[str], batch: int = 200) -> Iterator[ExportItem]:
    """The articles ``ids`` with state and annotations, read a batch at a time."""
    ids = list(ids)
    for i in range(0, len(ids), batch):
        for article in library.get_articles(ids[i : i + batch]):
            yield ExportItem(article, library.state(article.id), library.annotations(article.id))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def _flags(state: TriageState) -> list[str]:
    return [name for name in ("read", "starred", "archived", "marked") if getattr(state, name)]


def article_markdown(item: ExportItem, *, level: int = 2) -> str:
    """One article as a Markdown section."""
    article, state = item.article, item.state
    hashes = "#" * level
    out = [f"{hashes} {_one_line(article.title) or '(untitled)'}", ""]
    meta = [f"- Source: `{article.source}`"]
    if article.date:
        meta.append(f"- Date: {article.date}")
    if state.tags:
        meta.append("- Tags: " + ", ".join(f"#{tag}" for tag in state.tags))
    if flags := _flags(state):
        meta.append("- State: " + ", ".join(flags))
    meta.append(f"- Id: `{article.id}`")
    out += [*meta, ""]
    highlights = [a for a in item.annotations if a.kind == "highlight"]
    notes = [a for a in item.annotations if a.kind == "note"]
    if highlights:
        out += [f"{hashes}# Highlights", ""]
        for h in highlights:
            out.append(_blockquote(h.anchor_text))
            extra = []
            if h.label:
                extra.append(f"**{_one_line(h.label)}**")
            if h.orphaned:
                extra.append("*(orphaned: this text is no longer in the article)*")
            if extra:
                out += [">", "> — " + " ".join(extra)]
            out.append("")
            if h.note:
                out += [f"Note: {h.note}", ""]
    if notes:
        out += [f"{hashes}# Notes", ""]
        out += [f"- {_one_line(n.note or '')}" for n in notes]
        out.append("")
    if article.quotes:
        out += [f"{hashes}# Quotes", ""]
        for q in article.quotes:
            who = q.speaker or "unknown speaker"
            out.append(f"- {_one_line(q.text)} — {who}")
        out.append("")
    return "\n".join(out)


def write_markdown(stream: TextIO, export_items: Iterable[ExportItem]) -> int:
    """All articles in one Markdown document; returns how many."""
    n = 0
    for item in export_items:
        if n:
            stream.write("\n")
        stream.write(article_markdown(item))
        n += 1
    return n


def item_jsonable(item: ExportItem) -> dict[str, Any]:
    data = to_jsonable(item.article)
    data["state"] = to_jsonable(item.state)
    data["annotations"] = to_jsonable(item.annotations)
    return data


def write_json(stream: TextIO, export_items: Iterable[ExportItem]) -> int:
    """A JSON array of articles (model, state, annotations), streamed one at a time."""
    n = 0
    stream.write("[")
    for item in export_items:
        stream.write(",\n" if n else "\n")
        json.dump(item_jsonable(item), stream, ensure_ascii=False)
        n += 1
    stream.write("\n]\n")
    return n


def write_csv(stream: TextIO, export_items: Iterable[ExportItem]) -> int:
    """One row per quote; returns how many articles were read."""
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for item in export_items:
        n += 1
        a = item.article
        for q in a.quotes:
            writer.writerow(
                (q.speaker or "", q.text, a.title, a.source, q.span.start, q.span.end, a.id)
            )
    return n


_UNSAFE = re.compile(r"[^\w.-]+")


def safe_filename(article: Article, *, max_chars: int = 60) -> str:
    """A file name for ``article`` safe on any file system: ``slug-<id8>.md``."""
    text = unicodedata.normalize("NFKC", article.title)
    slug = _UNSAFE.sub("-", text).strip("-._")[:max_chars].rstrip("-._") or "article"
    return f"{slug}-{article.id[:8]}.md"


def orphans_markdown(orphans: list[tuple[Annotation, str]]) -> str:
    """Orphaned annotations as a Markdown list."""
    out = ["# Orphaned annotations", ""]
    for annotation, title in orphans:
        out.append(f"## {annotation.kind} on “{_one_line(title)}” (`{annotation.article_id}`)")
        out.append("")
        if annotation.anchor_text:
            out += [_blockquote(annotation.anchor_text), ""]
        if annotation.note:
            out += [f"Note: {annotation.note}", ""]
    return "\n".join(out)

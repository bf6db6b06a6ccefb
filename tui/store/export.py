"""Articles with their annotations -> Markdown, JSON or CSV of quotes.

Markdown is for people and notes apps: a section per article with its source, tags,
highlights as blockquotes followed by their notes, article notes, and its quotes with
speakers. JSON is the article model plus state and annotations, for pipes. CSV lists
quotes, one row each, for spreadsheets. Writers take a text stream so the command can
point them at stdout or at files.
"""

from __future__ import annotations

import csv
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from tui.model import Annotation, Article, to_jsonable
from tui.store.rows import TriageState
from tui.terminal_safe import json_text, terminal_safe
from tui.text import chunks

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
    for chunk in chunks(list(ids), batch):
        for article in library.get_articles(chunk, reported=True):
            yield ExportItem(article, library.state(article.id), library.annotations(article.id))


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Markdown that user text must not produce: emphasis, code, links and images, tables,
# strikethrough (escaped with a backslash anywhere), and raw HTML (escaped as entities).
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# Block structure a line must not start: headings, quotes, lists, fences, setext rules,
# numbered lists. Its first character is escaped.
_MD_LINE_START = re.compile(r"^( *)([#>+=\-]|\d+[.)])", re.MULTILINE)
_HTTP_LINK = re.compile(r"https?://[^\s<>()\[\]`\\\x00-\x1f\x7f]+\Z")


def md_text(text: str) -> str:
    """Untrusted text as Markdown that shows it as typed: controls and bidi overrides
    made visible, HTML escaped, and nothing in it read as Markdown structure (a note
    holding ``## Forged`` or a code fence cannot break the document). Keeps line breaks."""
    text = terminal_safe(text, keep_newlines=True)
    text = html.escape(text, quote=False)
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, lead = match[1], match[2]
    if lead[0].isdigit():  # `1.` is escaped as `1\.`
        return indent + lead[:-1] + "\\" + lead[-1]
    return indent + "\\" + lead


def _md_line(text: str) -> str:
    return md_text(_one_line(text))


def _blockquote(text: str) -> str:
    """``text`` quoted line by line with ``> ``, escaped (see :func:`md_text`)."""
    lines = md_text(text).splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _code(text: str) -> str:
    """``text`` as one inline code span (shown literally: no Markdown, no HTML), with a
    fence longer than any run of backticks inside it."""
    text = terminal_safe(_one_line(text))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_source(source: str) -> str:
    """An http(s) source as a link; anything else (a path, ``javascript:``...) as code."""
    if _HTTP_LINK.match(source):
        return f"<{source}>"
    return _code(source)


def _flags(state: TriageState) -> list[str]:
    return [name for name in ("read", "starred", "archived", "marked") if getattr(state, name)]


def article_markdown(item: ExportItem, *, level: int = 2) -> str:
    """One article as a Markdown section. Everything from the article and the user is
    escaped; notes, highlights and quotes are blockquotes, line by line."""
    article, state = item.article, item.state
    hashes = "#" * level
    out = [f"{hashes} {_md_line(article.title) or '(untitled)'}", ""]
    meta = [f"- Source: {md_source(article.source)}"]
    # Where the data names them (a CSV column, a saved page, a feed entry): the page's
    # address is what a notes app links back to.
    if article.outlet:
        meta.append(f"- Outlet: {_md_line(article.outlet)}")
    if article.author:
        meta.append(f"- Author: {_md_line(article.author)}")
    if article.url:
        meta.append(f"- URL: {md_source(article.url)}")
    if article.date:
        meta.append(f"- Date: {_md_line(article.date)}")
    if state.tags:
        meta.append("- Tags: " + ", ".join(f"#{_md_line(tag)}" for tag in state.tags))
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
                extra.append(f"**{_md_line(h.label)}**")
            if h.orphaned:
                extra.append("*(orphaned: this text is no longer in the article)*")
            if extra:
                out += [">", "> — " + " ".join(extra)]
            out.append("")
            if h.note:
                out += ["Note:", "", _blockquote(h.note), ""]
    if notes:
        out += [f"{hashes}# Notes", ""]
        for n in notes:
            out += [_blockquote(n.note or ""), ""]
    if article.quotes:
        out += [f"{hashes}# Quotes", ""]
        for q in article.quotes:
            who = _md_line(q.speaker) if q.speaker else "unknown speaker"
            out += [_blockquote(q.text), f"> — {who}", ""]
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
    data: dict[str, Any] = to_jsonable(item.article)
    data["state"] = to_jsonable(item.state)
    data["annotations"] = to_jsonable(item.annotations)
    return data


def write_json(stream: TextIO, export_items: Iterable[ExportItem]) -> int:
    """A JSON array of articles (model, state, annotations), streamed one at a time."""
    n = 0
    stream.write("[")
    for item in export_items:
        stream.write(",\n" if n else "\n")
        stream.write(json_text(item_jsonable(item)))
        n += 1
    stream.write("\n]\n")
    return n


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a ``'``
    in front (OWASP's rule); control and bidi characters are made visible. Numbers are
    kept as they are."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_LEADS):
        value = "'" + value
    return terminal_safe(value, keep_newlines=True)


def write_csv(stream: TextIO, export_items: Iterable[ExportItem]) -> int:
    """One row per quote, every cell through :func:`csv_cell`; how many articles were read."""
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for item in export_items:
        n += 1
        a = item.article
        for q in a.quotes:
            row = (q.speaker or "", q.text, a.title, a.source, q.span.start, q.span.end, a.id)
            writer.writerow([csv_cell(cell) for cell in row])
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
        out.append(f"## {annotation.kind} on “{_md_line(title)}” (`{annotation.article_id}`)")
        out.append("")
        if annotation.anchor_text:
            out += [_blockquote(annotation.anchor_text), ""]
        if annotation.note:
            out += ["Note:", "", _blockquote(annotation.note), ""]
    return "\n".join(out)

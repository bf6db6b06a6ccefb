"""An article laid out as styled blocks of text, before wrapping: no Textual here.

The article view shows the header (kicker, title, dek, source), the paragraphs and
captions in text order, quotes coloured with their speaker after them, the user's
highlights and the search matches, and the related links and promos at the end
(collapsed unless asked for). Every block is a :class:`BlockText` (a string and styled
spans, turned into Rich :class:`~rich.text.Text` a screenful at a time when drawn) built
from plain strings (never markup) through :mod:`tui.app.textsafe`.

Quote and highlight spans index the source text; a paragraph's display text is its own
text plus the inserted speaker labels, so :class:`Block` keeps the source offset of its
first character and the labels inserted, to map a source offset to a display offset.
"""

from __future__ import annotations

import functools
import os
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Span as TextSpan

from tui.app.textsafe import visible
from tui.gc_pause import gc_paused

if TYPE_CHECKING:  # the model is imported when an article is first shown, not at start-up
    from tui.model import Article, Paragraph, Quote, Span

#: Role names the view asks the theme for (component classes ``article-view--<role>``).
ROLES = (
    "title",
    "kicker",
    "dek",
    "meta",
    "caption",
    "quote",
    "speaker",
    "highlight",
    "match",
    "related",
    "note",
    "selection",
)


class BlockText:
    """A block's text and its styled spans: what a Rich ``Text`` holds, without the
    scan ``Text`` makes of every string given to it (for control codes, which
    :func:`~tui.app.textsafe.visible` has replaced already): 5 s for a 50 MB paragraph.
    The view makes a ``Text`` of only the part it draws
    (:class:`~tui.app.widgets.article_lines.ArticleLines`)."""

    __slots__ = ("_length", "_parts", "spans", "style")

    def __init__(self, text: str = "", style: Style | str | None = "") -> None:
        self._parts = [text]
        self._length = len(text)
        #: Styled ranges, later ones over earlier ones (as Rich draws them).
        self.spans: list[TextSpan] = []
        #: The style of the whole text.
        self.style = style or ""

    @property
    def plain(self) -> str:
        if len(self._parts) != 1:
            self._parts[:] = ["".join(self._parts)]
        return self._parts[0]

    def __len__(self) -> int:
        return self._length

    def append(self, text: str, style: Style | str | None = None) -> None:
        """Add ``text`` (already made safe to show) at the end, in ``style``."""
        if not text:
            return
        if style:
            self.spans.append(TextSpan(self._length, self._length + len(text), style))
        self._parts.append(text)
        self._length += len(text)

    def stylize(self, style: Style | str, start: int, end: int) -> None:
        """Draw characters ``start`` to ``end`` in ``style`` too."""
        start, end = max(0, start), min(self._length, end)
        if style and end > start:
            self.spans.append(TextSpan(start, end, style))


@dataclass
class Block:
    """One paragraph-like piece of the article as shown."""

    #: title | kicker | dek | meta | note | orphan | body | caption | related |
    #: related-summary | gap
    kind: str
    text: BlockText
    #: Source offset of the block's first character (None: not from the source text).
    source_start: int | None = None
    #: Index into the article's paragraphs/captions (body/caption), for moving by paragraph.
    paragraph: Paragraph | None = None
    #: (source offset, cells inserted there) for speaker labels, in order.
    insertions: list[tuple[int, int]] = field(default_factory=list)
    # The insertions' offsets and the cells inserted up to each (display_offset bisects:
    # a 50 MB line has 200,000 labels).
    _places: list[int] = field(default_factory=list, repr=False)
    _inserted: list[int] = field(default_factory=lambda: [0], repr=False)

    @property
    def navigable(self) -> bool:
        return self.kind in ("body", "caption")

    def display_offset(self, source_offset: int) -> int:
        """Where source character ``source_offset`` is in this block's text."""
        if self.source_start is None:
            return 0
        relative = source_offset - self.source_start
        if len(self._inserted) != len(self.insertions) + 1:  # labels added since
            self._places = [at for at, _length in self.insertions]
            self._inserted = [0, *accumulate(length for _at, length in self.insertions)]
        inserted = self._inserted[bisect_right(self._places, source_offset)]
        return max(0, min(relative + inserted, len(self.text)))


@dataclass
class Document:
    blocks: list[Block]
    #: For every quote of the article (in the article's order): (block index, display offset).
    quote_places: list[tuple[int, int] | None]


def _speaker_label(quote: Quote) -> str:
    """``‹speaker›``, drawn after the quote; a plain space goes before it (see
    :func:`_paragraph_block`)."""
    return _label(quote.speaker) if quote.speaker else ""


@functools.lru_cache(maxsize=1024)
def _label(speaker: str) -> str:
    return f"‹{visible(speaker)}›"  # once a speaker: a 50 MB line has 200,000 quotes


def _paragraph_block(
    paragraph: Paragraph,
    kind: str,
    quotes: Sequence[tuple[int, Quote]],
    highlights: Sequence[Span],
    matches: Sequence[Span],
    styles: Mapping[str, Style],
    selection: Span | None = None,
) -> tuple[Block, list[tuple[int, int]]]:
    """The block for one paragraph, and (quote index, display offset) of its quotes."""
    start = paragraph.span.start
    end = start + len(paragraph.text)
    # Made visible once: ``visible`` replaces character for character, so a slice of it
    # is the slice made visible (one call, not one a quote: 400,000 in a 50 MB line).
    source = visible(paragraph.text)
    base = styles.get("caption", "") if kind == "caption" else None
    cursor = start
    placed: list[tuple[int, int]] = []
    quote_style, speaker_style = styles.get("quote", ""), styles.get("speaker", "")
    backed = {id(quote_style): bool(getattr(quote_style, "bgcolor", None))}
    backed[id(speaker_style)] = bool(getattr(speaker_style, "bgcolor", None))
    text = BlockText()
    block = Block(kind, text, start, paragraph)
    inside = sorted(
        (pair for pair in quotes if start <= pair[1].span.start < end),
        key=lambda pair: pair[1].span.start,
    )
    for number, quote in inside:
        q_start = max(cursor, quote.span.start)
        q_end = min(end, max(q_start, quote.span.end))
        text.append(source[cursor - start : q_start - start], base)
        placed.append((number, len(text)))
        last_style = quote_style
        text.append(source[q_start - start : q_end - start], last_style)
        label = _speaker_label(quote)
        cursor = q_end
        # No drawn segment opens with a space: SVG screenshots drop that space and draw
        # the words after it one cell early (``Eve‹his family› , his family``,
        # ``“far too costly”and``). So the space before the label is a segment of its
        # own, and a space after the quote or label is drawn in its segment (unless that
        # style has a background, which would show on the space).
        if label:
            text.append(" ", base)
            last_style = speaker_style
            text.append(label, last_style)
            block.insertions.append((q_end, len(label) + 1))
        if (
            paragraph.text[cursor - start : cursor - start + 1] == " "
            and not backed[id(last_style)]
        ):
            text.append(" ", last_style)
            cursor += 1
    text.append(source[cursor - start :], base)
    selected = (selection,) if selection is not None else ()
    for spans, role in ((highlights, "highlight"), (matches, "match"), (selected, "selection")):
        style = styles.get(role)
        for span in spans:
            if span.end <= start or span.start >= end or style is None:
                continue
            a = block.display_offset(max(span.start, start))
            b = block.display_offset(min(span.end, end))
            # A span ending right after a quote should not swallow the speaker label.
            if b > a:
                text.stylize(style, a, b)
    return block, placed


# A 50 MB line with 200,000 quotes makes two million small objects, none of them
# garbage: the collector's passes over them were 1 of its 2.3 CPU seconds.
@gc_paused()
def build_document(
    article: Article,
    *,
    styles: Mapping[str, Style],
    highlights: Sequence[Span] = (),
    matches: Sequence[Span] = (),
    notes: Sequence[str] = (),
    orphans: Sequence[str] = (),
    tags: Sequence[str] = (),
    show_related: bool = False,
    selection: Span | None = None,
) -> Document:
    """Lay ``article`` out as blocks (see the module docstring)."""
    blocks: list[Block] = []
    if article.kicker:
        blocks.append(Block("kicker", BlockText(visible(article.kicker), styles.get("kicker", ""))))
    title = BlockText(visible(article.title), styles.get("title", ""))
    blocks.append(Block("title", title))
    if article.dek and article.dek.strip() != article.title.strip():
        blocks.append(Block("dek", BlockText(visible(article.dek), styles.get("dek", ""))))
    meta = [visible(article.outlet or os.path.basename(article.source) or article.source)]
    if article.author:
        meta.append(visible(article.author))
    if article.date:
        meta.append(visible(article.date))
    if article.kind == "brief":
        meta.append("brief")
    if article.truncated:
        meta.append("truncated: the text stops mid-sentence")
    if tags:
        meta.append(" ".join("#" + visible(tag) for tag in tags))
    blocks.append(Block("meta", BlockText(" · ".join(meta), styles.get("meta", ""))))
    if article.url:  # a page's or a feed entry's address: where the story is read whole
        blocks.append(Block("meta", BlockText(visible(article.url), styles.get("meta", ""))))
    for note in notes:
        line = BlockText("✎ ", styles.get("note", ""))
        line.append(visible(note.strip().replace("\n", " ⏎ ")), styles.get("note", ""))
        blocks.append(Block("note", line))
    for orphan in orphans:
        line = BlockText(
            "⚠ orphaned highlight (its text is no longer in the article): ", styles.get("note", "")
        )
        line.append("“" + visible(" ".join(orphan.split())) + "”", styles.get("meta", ""))
        blocks.append(Block("orphan", line))
    blocks.append(Block("gap", BlockText("")))

    # Each paragraph is given the quotes starting in it (found by bisection: a file of
    # 30,000 paragraphs and as many quotes would otherwise cost 900 million tests).
    numbered = sorted(enumerate(article.quotes), key=lambda pair: pair[1].span.start)
    quote_starts = [quote.span.start for _number, quote in numbered]
    quote_places: list[tuple[int, int] | None] = [None] * len(article.quotes)
    flow = sorted(
        [(p, "body") for p in article.paragraphs] + [(p, "caption") for p in article.captions],
        key=lambda pair: pair[0].span.start,
    )
    for number, (paragraph, kind) in enumerate(flow):
        if number:
            blocks.append(Block("gap", BlockText("")))  # a blank line between paragraphs
        first = bisect_left(quote_starts, paragraph.span.start)
        after = bisect_left(quote_starts, paragraph.span.start + len(paragraph.text))
        block, placed = _paragraph_block(
            paragraph, kind, numbered[first:after], highlights, matches, styles, selection
        )
        for number, offset in placed:
            if quote_places[number] is None:
                quote_places[number] = (len(blocks), offset)
        blocks.append(block)

    furniture = [*article.related, *article.boilerplate]
    if furniture:
        blocks.append(Block("gap", BlockText("")))
        if show_related:
            label = f"▾ related links and promos ({len(furniture)}), o to collapse"
            blocks.append(Block("related-summary", BlockText(label, styles.get("meta", ""))))
            from tui.model import ParagraphRole

            for paragraph in sorted(furniture, key=lambda p: p.span.start):
                marker = "  · " if paragraph.role == ParagraphRole.RELATED else "  ◦ "
                line = BlockText(marker + visible(paragraph.text), styles.get("related", ""))
                blocks.append(Block("related", line, paragraph=paragraph))
        else:
            label = f"▸ related links and promos ({len(furniture)}), o to expand"
            blocks.append(Block("related-summary", BlockText(label, styles.get("meta", ""))))
    return Document(blocks, quote_places)


#: Sentences are looked for this many characters from the cursor (more if none is
#: found there), not in the whole paragraph: a 50 MB one has a million of them.
SENTENCE_WINDOW = 4096
#: A sentence end is read from at most this many characters before it (see
#: :mod:`tui.text`: the word before a full stop, abbreviations, initials).
_SURE = 64


def next_sentence(paragraph: Paragraph, current: Span | None, step: int) -> Span | None:
    """The sentence of ``paragraph`` after (``step`` 1) or before (-1) ``current`` (a
    sentence of it), or its first or last one; None past its ends. As source spans."""
    from tui.model import Span
    from tui.text import sentence_bounds

    text, base = paragraph.text, paragraph.span.start
    size = len(text)
    window = SENTENCE_WINDOW
    while True:
        if step > 0:
            # From the current sentence's start (a true one) on; the last sentence
            # found may run on past the window's end.
            start = 0 if current is None else current.start - base
            end = min(size, start + window)
            found = [(start + a, start + b) for a, b in sentence_bounds(text[start:end])]
            if end < size:
                found = found[:-1]
            if current is not None:
                found = [pair for pair in found if pair[0] > start]
            if found:
                return Span(base + found[0][0], base + found[0][1])
            if end >= size:
                return None
        else:
            # Up to the current sentence's start. The first sentence found may have
            # begun before the window's start, and where it ends was read without the
            # word before its full stop (``Mr.`` cut to ``.``): only sentences
            # starting well inside the window are sure.
            end = size if current is None else current.start - base
            start = max(0, end - window)
            found = [(start + a, start + b) for a, b in sentence_bounds(text[start:end])]
            if start > 0:
                found = [pair for pair in found[1:] if pair[0] >= start + _SURE]
            if found:
                return Span(base + found[-1][0], base + found[-1][1])
            if start == 0:
                return None
        window *= 2

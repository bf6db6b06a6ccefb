"""The article view: the current article, wrapped to the pane, drawn line by line.

The article is laid out by :mod:`tui.app.widgets.article_document` into blocks, wrapped
here to the pane's width (again on every resize), and drawn with the Line API. A cursor
sits on one paragraph (j/k move it) and, optionally, on one quote ([ and ] move it); the
gutter shows both, and :meth:`target` tells the app what ``h`` (highlight) and ``y``
(copy the quote) act on.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app import messages
from tui.app.bindings import PANE_MOVES, PaneMoves
from tui.app.component_style import component_style
from tui.app.widgets.article_document import ROLES, Document, build_document
from tui.app.widgets.article_lines import ArticleLines

if TYPE_CHECKING:  # the model is imported when an article is first shown, not at start-up
    from tui.model import Article, Paragraph, Quote, Span

GUTTER = 2


#: The line of the article pane with no article open.
@functools.lru_cache(maxsize=8)
def _wrapped_hint(text: str, width: int) -> tuple[str, ...]:
    """The no-article hint in lines of ``width`` cells (it is plain ASCII)."""
    import textwrap  # only when no article is open: not at start-up

    return tuple(textwrap.wrap(text, width)) or ("",)


NO_ARTICLE = "No article. Pick one in the list (Enter), or press / to search."


class ArticleView(PaneMoves, ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one article; moves by paragraph and by quote."""

    BINDINGS: ClassVar[list[BindingType]] = list(PANE_MOVES)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--{role}" for role in ROLES),
        "article-view--gutter",
        "article-view--empty",
    }

    DEFAULT_CSS = """
    ArticleView { background: $surface; overflow-x: hidden; scrollbar-gutter: stable; }
    ArticleView > .article-view--title { text-style: bold; color: $text; }
    ArticleView > .article-view--kicker { text-style: bold; color: $accent; }
    ArticleView > .article-view--dek { text-style: italic; color: $text-muted; }
    ArticleView > .article-view--meta { color: $text-muted; }
    ArticleView > .article-view--caption { color: $caption; text-style: $caption-style; }
    ArticleView > .article-view--quote { color: $quote; text-style: $quote-style; }
    ArticleView > .article-view--speaker { color: $speaker; text-style: $speaker-style; }
    ArticleView > .article-view--highlight {
        color: $highlight; background: $highlight-background; text-style: $highlight-style;
    }
    ArticleView > .article-view--match {
        color: $match; background: $match-background; text-style: $match-style;
    }
    ArticleView > .article-view--related { color: $text-muted; }
    ArticleView > .article-view--note { color: $warning; }
    ArticleView > .article-view--selection { text-style: underline; }
    ArticleView > .article-view--gutter { color: $accent; }
    ArticleView > .article-view--empty { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.highlights: tuple[Span, ...] = ()
        self.matches: tuple[Span, ...] = ()
        self.notes: tuple[str, ...] = ()
        self.orphans: tuple[str, ...] = ()
        self.tags: tuple[str, ...] = ()
        self.show_related = False
        #: The line shown with no article open.
        self.empty_text = NO_ARTICLE
        self.document: Document | None = None
        self._built_styles: dict[str, Style] = {}
        self._lines: ArticleLines | None = None
        self._wrapped_width = -1
        self.block = -1  # the navigable block under the cursor
        self.quote: int | None = None  # the quote under the cursor
        self.sentence: Span | None = None  # the sentence under the cursor (( and ))

    # -- content ---------------------------------------------------------------------

    def show(
        self,
        article: Article | None,
        *,
        highlights: Sequence[Span] = (),
        matches: Sequence[Span] = (),
        notes: Sequence[str] = (),
        orphans: Sequence[str] = (),
        tags: Sequence[str] = (),
        at_quote: int | None = None,
        at_offset: int | None = None,
        keep_place: bool = False,
    ) -> None:
        """Show ``article``; put the cursor on quote ``at_quote`` or source offset ``at_offset``."""
        same = self.article is not None and article is not None and article.id == self.article.id
        keep = keep_place and same
        old_paragraph, old_top = self.paragraph, self._top_place()
        old_quote = self.current_quote
        self.article = article
        self.highlights = tuple(highlights)
        self.matches = tuple(matches)
        self.notes = tuple(notes)
        self.orphans = tuple(orphans)
        self.tags = tuple(tags)
        if not same:
            self.show_related = False
        if not keep:
            self.sentence = None
        self._rebuild()
        if keep:
            # Blocks may have moved (a note added above): find the paragraph again.
            self.block = self._block_of(old_paragraph)
            # The same quote, wherever it is now (reported speech found since adds quotes).
            spans = [quote.span for quote in article.quotes] if article is not None else []
            self.quote = (
                spans.index(old_quote.span) if old_quote and old_quote.span in spans else None
            )
            self._keep_top(old_top)
        elif at_quote is not None:
            self.go_to_quote(at_quote)
        elif at_offset is not None:
            self.go_to_offset(at_offset)
        else:
            self.block = self._navigable(0, 1)
            self.quote = None
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(messages.ArticleTargetChanged(self.quote))

    def notify_style_update(self) -> None:
        """A theme or CSS change: the article is laid out again in the new colours now,
        not when the cursor next moves (its Text carries the old theme's styles)."""
        super().notify_style_update()
        if self.article is not None and self.is_mounted:
            # After this styling pass: the component classes get their new styles in it.
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        # A focus change restyles the pane too: lay out again only if a role changed.
        if self.article is not None and self._styles() != self._built_styles:
            top = self._top_place()
            self._rebuild()
            self._keep_top(top)
            self.refresh()

    def _styles(self) -> dict[str, Style]:
        return {role: component_style(self, f"article-view--{role}") for role in ROLES}

    def _rebuild(self) -> None:
        self._wrapped_width = -1
        if self.article is None:
            self.document = None
        else:
            self._built_styles = self._styles()
            self.document = build_document(
                self.article,
                styles=self._built_styles,
                highlights=self.highlights,
                matches=self.matches,
                notes=self.notes,
                orphans=self.orphans,
                tags=self.tags,
                show_related=self.show_related,
                selection=self.sentence,
            )
        self._wrap()

    def _wrap(self) -> bool:
        """Wrap the article to the pane's width, unless it is; whether it was not.

        Lazily (:class:`~tui.app.widgets.article_lines.ArticleLines`): a long article's
        lines are wrapped and drawn as they come on screen, not all here."""
        width = max(10, self.scrollable_content_region.width - GUTTER)
        if width == self._wrapped_width:
            return False
        self._wrapped_width = width
        blocks = self.document.blocks if self.document else ()
        self._lines = ArticleLines(
            [block.text for block in blocks], width, self.app.console, self.rich_style
        )
        self._resize_virtual()
        return True

    def _top_place(self) -> tuple[int, Paragraph | None, int, int]:
        """The pane's top line, to find it again in the article laid out anew (a note
        added, a sentence selected, a theme changed): (its line number, and unless every
        line was wrapped, its block's paragraph or -1 and that block, and the line's
        first display offset)."""
        scroll = int(self.scroll_offset.y)
        found = self._lines.line(scroll) if self._lines is not None else None
        if found is None or self._lines is None or self._lines.exact or not self.document:
            return scroll, None, -1, 0
        block, first = found[0], found[1]
        return scroll, self.document.blocks[block].paragraph, block, first

    def _keep_top(self, place: tuple[int, Paragraph | None, int, int]) -> None:
        """Scroll to ``place`` (:meth:`_top_place`). In a long article the same line
        number would be elsewhere: its lines not yet wrapped are counted by estimate,
        counted again in the new layout. An ordinary one keeps its line number."""
        scroll, paragraph, block, offset = place
        blocks = self.document.blocks if self.document else []
        if block >= 0 and paragraph is not None:
            spans = (b.paragraph.span if b.paragraph else None for b in blocks)
            block = next((n for n, span in enumerate(spans) if span == paragraph.span), -1)
        if 0 <= block < len(blocks):
            scroll = self._line_of(block, offset)
        self.scroll_to(y=scroll, animate=False, immediate=True)

    def _resize_virtual(self) -> None:
        """The scrollable height: the lines as counted so far (some estimated)."""
        total = self._lines.total if self._lines is not None else 0
        size = Size(self.scrollable_content_region.width, total)
        if size != self.virtual_size:
            self.virtual_size = size

    def _line_of(self, block: int, offset: int) -> int:
        """The line of display ``offset`` in ``block`` (wrapping its piece if need be)."""
        if self._lines is None:
            return 0
        line = self._lines.line_of(block, offset)
        self._resize_virtual()
        return line

    def on_resize(self) -> None:
        if self._wrap():  # not yet wrapped in render_lines (the new size was not drawn)
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Wrapped to the width drawn at: a relayout (a view switch to another layout)
        draws the panes at their new sizes before their Resize event, so the first frame
        shows the article at its width, not cut at the old one and then drawn again."""
        self._wrap()
        if self._lines is not None:
            # Wrap what comes on screen; a piece above wrapped now keeps the rest put.
            top = int(self.scroll_offset.y)
            settled = self._lines.settle(top, self.size.height)
            self._resize_virtual()
            if settled != top:
                self.scroll_to(y=settled, animate=False, immediate=True)
        return super().render_lines(crop)

    # -- what the cursor is on ---------------------------------------------------------

    @property
    def paragraph(self) -> Paragraph | None:
        if self.document and 0 <= self.block < len(self.document.blocks):
            return self.document.blocks[self.block].paragraph
        return None

    @property
    def current_quote(self) -> Quote | None:
        if self.article is not None and self.quote is not None:
            return self.article.quotes[self.quote]
        return None

    def target(self) -> tuple[str, Span, str] | None:
        """What ``h`` highlights: ("quote"|"sentence"|"paragraph", span, text)."""
        quote = self.current_quote
        if quote is not None:
            return "quote", quote.span, quote.text
        if self.sentence is not None and self.paragraph is not None:
            start = self.sentence.start - self.paragraph.span.start
            text = self.paragraph.text[start : start + len(self.sentence)]
            return "sentence", self.sentence, text
        paragraph = self.paragraph
        if paragraph is not None:
            from tui.model import Span

            return "paragraph", Span(paragraph.span.start, paragraph.span.end), paragraph.text
        return None

    # -- moving ----------------------------------------------------------------------

    def _block_of(self, paragraph: Paragraph | None) -> int:
        if self.document and paragraph is not None:
            for number, block in enumerate(self.document.blocks):
                if block.paragraph is not None and block.paragraph.span == paragraph.span:
                    return number
        return self._navigable(0, 1)

    def _navigable(self, start: int, step: int) -> int:
        blocks = self.document.blocks if self.document else []
        index = start
        while 0 <= index < len(blocks):
            if blocks[index].navigable:
                return index
            index += step
        return -1

    def move_sentence(self, step: int) -> None:
        """Select the next (1) or previous (-1) sentence, crossing into other paragraphs."""
        from tui.app.widgets.article_document import next_sentence

        if not self.document or self.block < 0:
            return
        block = self.block
        current = self.sentence
        while 0 <= block < len(self.document.blocks):
            paragraph = self.document.blocks[block].paragraph
            found = (
                next_sentence(paragraph, current, step)
                if paragraph is not None and self.document.blocks[block].navigable
                else None
            )
            if found is not None:
                self._select_sentence(block, found)
                return
            block = self._navigable(block + step, step)
            current = None
            if block == -1:
                return

    def _select_sentence(self, block: int, sentence: Span) -> None:
        self.block = block
        self.quote = None
        self.sentence = sentence
        top = self._top_place()
        self._rebuild()
        self._keep_top(top)
        offset = self.document.blocks[block].display_offset(sentence.start) if self.document else 0
        self._show_line(self._line_of(block, offset))
        self.refresh()
        self.post_message(messages.ArticleTargetChanged(self.quote))

    def _clear_sentence(self) -> None:
        if self.sentence is not None:
            self.sentence = None
            top = self._top_place()
            self._rebuild()
            self._keep_top(top)

    def move_paragraph(self, step: int) -> None:
        if not self.document:
            return
        self._clear_sentence()
        found = self._navigable(self.block + step, step)
        if found == -1:  # past the last paragraph: show the rest (related links)
            if step > 0:
                self.scroll_relative(y=self.size.height // 2, animate=False, immediate=True)
            else:
                self.scroll_to(y=0, animate=False, immediate=True)
            return
        self.block = found
        self.quote = None
        self._show_block(found)
        self.post_message(messages.ArticleTargetChanged(self.quote))

    def move_quote(self, step: int) -> None:
        if not self.document or not self.article or not self.article.quotes:
            return
        places = self.document.quote_places
        count = len(places)
        if self.quote is None:
            # From the paragraph under the cursor, the first quote at or after it.
            candidates = [
                i
                for i, place in enumerate(places)
                if place is not None
                and (place[0] >= self.block if step > 0 else place[0] <= self.block)
            ]
            if not candidates:
                return
            number = candidates[0] if step > 0 else candidates[-1]
        else:
            number = self.quote + step
            while 0 <= number < count and places[number] is None:
                number += step
            if not 0 <= number < count:
                return
        self.go_to_quote(number)

    def go_to_quote(self, number: int) -> None:
        if not self.document or not (0 <= number < len(self.document.quote_places)):
            return
        self._clear_sentence()
        place = self.document.quote_places[number]
        if place is None:
            return
        block, offset = place
        self.block = block
        self.quote = number
        self._show_line(self._line_of(block, offset))
        self.refresh()
        self.post_message(messages.ArticleTargetChanged(self.quote))

    def go_to_offset(self, source_offset: int) -> None:
        """Put the cursor on the paragraph holding ``source_offset`` (a search match)."""
        if not self.document:
            return
        for number, block in enumerate(self.document.blocks):
            paragraph = block.paragraph
            if (
                block.navigable
                and paragraph is not None
                and paragraph.span.start
                <= source_offset
                <= paragraph.span.start + len(paragraph.text)
            ):
                self.block = number
                self.quote = None
                offset = block.display_offset(source_offset)
                self._show_line(self._line_of(number, offset))
                self.refresh()
                self.post_message(messages.ArticleTargetChanged(self.quote))
                return

    def _show_block(self, block: int) -> None:
        if self._lines is None:
            return
        first, last = self._lines.block_lines(block)
        self._resize_virtual()
        self.scroll_to_region(
            Region(0, first, 1, max(1, last - first + 1)),
            animate=False,
            force=True,
            immediate=True,
            top=last - first + 1 > self.size.height,
        )
        self.refresh()

    def _show_line(self, line: int) -> None:
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, force=True, immediate=True)

    def move(self, step: int) -> None:
        """j/k (:class:`~tui.app.bindings.PaneMoves`): the next or previous paragraph."""
        self.move_paragraph(step)

    def page(self, direction: int) -> None:
        self.scroll_relative(
            y=direction * max(1, self.size.height - 1), animate=False, immediate=True
        )

    def go_top(self) -> None:
        self.block = self._navigable(0, 1)
        self.quote = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(messages.ArticleTargetChanged(self.quote))

    def go_bottom(self) -> None:
        if self.document:
            self.block = self._navigable(len(self.document.blocks) - 1, -1)
            self.quote = None
        self._scroll_to_end()
        self.refresh()
        self.post_message(messages.ArticleTargetChanged(self.quote))

    def _scroll_to_end(self) -> None:
        if self._lines is not None:
            # The last lines wrapped first, so the end is where the pane scrolls to.
            top = self._lines.settle_end(self.size.height)
            self._resize_virtual()
            self.scroll_to(y=top, animate=False, immediate=True)
        else:
            self.scroll_end(animate=False, immediate=True)

    def toggle_related(self) -> None:
        self.show_related = not self.show_related
        block, quote, top = self.block, self.quote, self._top_place()
        self._rebuild()
        self.block, self.quote = block, quote
        if self.show_related:
            self._scroll_to_end()
        else:
            self._keep_top(top)
        self.refresh()

    # -- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.article is None:
            # Wrapped to the pane: cut to one line, the hint lost its end ("or press / t").
            said = _wrapped_hint(self.empty_text, max(8, width - 3))
            if 1 <= y <= len(said):
                style = base + component_style(self, "article-view--empty")
                message = f"  {said[y - 1]}"
                return Strip([Segment(message, style)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        position = y + int(self.scroll_offset.y)
        found = self._lines.line(position) if self._lines is not None else None
        if found is None:
            return Strip.blank(width, base)
        block, first, after, strip = found
        gutter = "  "
        if block == self.block:
            gutter = "▌ "
            place = (
                self.document.quote_places[self.quote]
                if self.document and self.quote is not None
                else None
            )
            if place is not None and self.document and place[0] == block:
                last = after == len(self.document.blocks[block].text)
                if first <= place[1] < after or (last and place[1] == after):
                    gutter = "❝ "
        gutter_style = base + component_style(self, "article-view--gutter")
        line = Strip.join([Strip([Segment(gutter, gutter_style)]), strip])
        return line.adjust_cell_length(width, base)

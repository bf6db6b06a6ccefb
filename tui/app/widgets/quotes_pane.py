"""The quotes pane: the current article's quotes, or every quote of the view by speaker.

Each entry shows the speaker, the quote and its kind (reported speech upright after a
``≈``, quotations in italics); Enter jumps to it. In speaker-index
mode (a toggle, or a view with ``speaker_index: true``) it lists every quote of the
articles in the current view grouped under each speaker, and Enter opens that article at
that quote. Entries are Rich Text built from plain strings, never markup.

The speaker index of a big view holds tens of thousands of quotes (15,000 in the Quotes
view of a 100,000-article library), so the pane is drawn line by line (Textual's Line
API, as the article list is), not one option per quote: an entry's Text is made when
its line is first drawn, and an index costs a list of references to build and to let
go. With an ``OptionList`` of one option each, measuring them all (again at every
resize) and freeing them made leaving the Quotes view cost ~200 ms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.cache import LRUCache
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from tui.app import messages
from tui.app.bindings import OPEN, PANE_MOVES, PaneMoves
from tui.app.textsafe import visible

if TYPE_CHECKING:  # the model is imported when an article is first shown, not at start-up
    from tui.model import Article, Quote

UNATTRIBUTED = "(no speaker found)"
#: Before reported speech (kind ``indirect``) in the pane: "in other words".
REPORTED_MARK = "≈ "
#: Entries' drawn lines kept for reuse (a few screens).
CACHED_LINES = 400


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote and where it is: the article id and the quote's index in that article."""

    article_id: str
    index: int
    quote: Quote
    title: str = ""


def quote_entry(quote: Quote, *, with_speaker: bool = True, title: str | None = None) -> Text:
    """``Speaker: “quote” (kind)`` as Text, with the theme's quote/speaker roles as styles."""
    text = Text(end="")
    if with_speaker:
        text.append(visible(quote.speaker) if quote.speaker else UNATTRIBUTED, "bold")
        text.append(": ")
    if quote.kind == "indirect":
        # Reported speech is the writer's words, not the speaker's: upright, after a
        # marker, so it never passes for a quotation.
        text.append(REPORTED_MARK, "dim")
        text.append(visible(quote.text))
    else:
        text.append(visible(quote.text), "italic")
    text.append("  ")  # unstyled: a styled segment opening with spaces (see speaker_heading)
    text.append(f"({quote.kind})", "dim")
    if title:
        text.append("\n    ")
        text.append(visible(title), "dim")
    return text


def index_entry(quote: Quote, title: str) -> Text:
    """One line of the speaker index: ``“quote”  · title``, cut with ``…`` to the pane
    (a narrow pane shows a line per quote, not a paragraph)."""
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    said = visible(" ".join(quote.text.split()))
    if quote.kind == "indirect":  # reported speech: upright, after its marker (as above)
        text.append(REPORTED_MARK, "dim")
        text.append(said)
    else:
        text.append(said, "italic")
    if title:
        text.append("  ")  # unstyled, as in speaker_heading
        text.append("· ", "dim")
        text.append(visible(title), "dim")
    return text


#: A speaker that opens with these is someone of its own article (``his family``,
#: ``her office``, ``its owner``): the same words in two articles are two speakers.
_RELATIVE_OPENERS = frozenset(("his", "her", "their", "its", "our", "my", "your"))


def index_speaker(ref: QuoteRef) -> str:
    """The speaker a quote is listed under in the index: the speaker's name or role,
    or for a role relative to its article (``his office``) the role and the article's
    title (``his office · Mayor resigns``), so one "his office" of two stories is not
    shown as one speaker."""
    speaker = ref.quote.speaker
    if not speaker:
        return UNATTRIBUTED
    first = speaker.split(maxsplit=1)[0].casefold()
    if first in _RELATIVE_OPENERS and ref.title:
        return f"{speaker} · {ref.title}"
    return speaker


def speaker_heading(speaker: str, count: int) -> Text:
    """A speaker's line in the index: the name, then how many quotes follow."""
    header = Text(end="", no_wrap=True, overflow="ellipsis")
    header.append(visible(speaker), "bold reverse")
    # The spaces unstyled: SVG screenshots drop the spaces a segment opens with and
    # draw ``Wikinews33`` (see tui.app.widgets.article_document._paragraph_block).
    header.append("  ")
    header.append(str(count), "dim")
    return header


#: An entry of the pane: the key of its quote in :attr:`QuotesPane.refs` (None: a line
#: that cannot be chosen, such as a speaker's heading) and what it shows (a Text, or a
#: (speaker, count) heading made into one when drawn).
Entry = tuple[str | None, Any]


class QuotesPane(PaneMoves, ScrollView, can_focus=True, inherit_bindings=False):
    """A list of quotes; ``speaker_index`` switches to every quote of the view."""

    BINDINGS: ClassVar = [*PANE_MOVES, OPEN]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quotes-pane--option",
        "quotes-pane--disabled",
        "quotes-pane--highlighted",
    }

    DEFAULT_CSS = """
    QuotesPane { background: $surface; color: $foreground; overflow-x: hidden; padding: 0 1; }
    QuotesPane:focus { background-tint: $foreground 5%; }
    QuotesPane.-index { text-wrap: nowrap; text-overflow: ellipsis; }
    QuotesPane > .quotes-pane--highlighted {
        color: $foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    QuotesPane:focus > .quotes-pane--highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    QuotesPane > .quotes-pane--disabled { color: $text-disabled; }
    """

    #: The entry under the cursor (None: no entry can be chosen).
    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.speaker_index = False
        self.refs: dict[str, QuoteRef] = {}
        self.article: Article | None = None
        #: (quotes, speakers or None, reported speech): what the footer counts.
        self._counts: tuple[int, int | None, int] = (0, None, 0)
        self._entries: list[Entry] = []
        #: (entry, line of it) per line when entries wrap (an article's quotes); None in
        #: the index, where entry n is line n.
        self._lines: list[tuple[int, int]] | None = []
        self._first_line: list[int] = []
        #: The width the lines were measured at (-1: not yet).
        self._measured_width = -1
        self._drawn: LRUCache[tuple[int, str, int, bool], list[Strip]] = LRUCache(CACHED_LINES)

    # -- what is listed ----------------------------------------------------------------

    def show_article(self, article: Article | None) -> None:
        """List ``article``'s quotes (when not in speaker-index mode)."""
        self.article = article
        if self.speaker_index:
            return
        refs: dict[str, QuoteRef] = {}
        entries: list[Entry] = []
        if article is not None:
            for index, quote in enumerate(article.quotes):
                key = f"q{index}"
                refs[key] = QuoteRef(article.id, index, quote, article.title)
                entries.append((key, quote_entry(quote)))
        if not entries:
            said = "No quotes in this article." if article is not None else "No article open."
            entries.append((None, Text(said)))
        self._set_entries(entries, refs, wrap=True)
        reported = sum(1 for ref in refs.values() if ref.quote.kind == "indirect")
        self._counts = (len(refs) - reported, None, reported)
        self._show_counts()

    def show_index(self, refs: Iterable[QuoteRef]) -> None:
        """List every quote of ``refs`` grouped by speaker (speakers by quote count; an
        interviewer's questions, such as Wikinews's ``((WN))`` turns, and quotes without
        a speaker after the people in the news)."""
        from tui.extract.interview_turns import asks_questions

        groups: dict[str, list[QuoteRef]] = {}
        for ref in refs:
            groups.setdefault(index_speaker(ref), []).append(ref)
        asking = {s for s, group in groups.items() if asks_questions([r.quote for r in group])}
        order = sorted(
            groups,
            key=lambda s: (s == UNATTRIBUTED, s in asking, -len(groups[s]), s.casefold()),
        )
        by_key: dict[str, QuoteRef] = {}
        entries: list[Entry] = []
        for speaker in order:
            entries.append((None, (speaker, len(groups[speaker]))))
            for ref in groups[speaker]:
                key = f"r{len(by_key)}"
                by_key[key] = ref
                entries.append((key, None))  # drawn from the reference when first seen
        if not by_key:
            entries = [(None, Text("No quotes in this view."))]
        self._set_entries(entries, by_key, wrap=False)
        self._counts = (len(self.refs), len(groups), 0)
        self._show_counts()

    def _set_entries(self, entries: list[Entry], refs: dict[str, QuoteRef], *, wrap: bool) -> None:
        """Show ``entries``, the cursor on the first that can be chosen."""
        self.set_class(not wrap, "-index")
        # The last list is let go after the frame (an index of thousands of references).
        self.call_after_refresh(_let_go, self._entries, self.refs)
        self._entries = entries
        self.refs = refs
        self._lines = [] if wrap else None
        self._drawn.clear()
        self._measure()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.set_reactive(QuotesPane.highlighted, None)
        self.highlighted = self._next_enabled(0, 1)
        self.refresh()

    def _measure(self) -> None:
        """Work out the lines (an article's few quotes wrap; the index's entries never)."""
        width = self._measured_width = self._entry_width()
        if self._lines is None:
            self.virtual_size = Size(width, len(self._entries))
            return
        self._lines, self._first_line = [], []
        rules = cast(RulesMap, self.styles)  # as OptionList measures its options
        for number in range(len(self._entries)):
            self._first_line.append(len(self._lines))
            height = self._visual(number).get_height(rules, width) if width > 0 else 1
            self._lines.extend((number, line) for line in range(max(1, height)))
        self.virtual_size = Size(width, len(self._lines))

    def _entry_width(self) -> int:
        return self.scrollable_content_region.width

    def _visual(self, number: int) -> Visual:
        key, shown = self._entries[number]
        if shown is None:
            ref = self.refs[key or ""]
            shown = index_entry(ref.quote, ref.title)
        elif isinstance(shown, tuple):
            shown = speaker_heading(*shown)
        return visualize(self, shown, markup=False)

    # -- the footer ----------------------------------------------------------------------

    def _show_counts(self) -> None:
        """The footer: ``6 quotes · 5 speakers``, shorter when the pane is narrow.

        An article's reported speech is counted apart (``4 quotes · 2 reported``, short
        ``4q 2≈``): the list's quotes column (``4q``) counts its quotations, which the
        library keeps a count of, and not the reported speech listed after ``≈``.
        """
        quotes, speakers, reported = self._counts
        noun = "quote" if quotes == 1 else "quotes"
        long = f"{quotes} {noun}" + (f" · {speakers} speakers" if speakers is not None else "")
        short = f"{quotes}q" + (f" {speakers}sp" if speakers is not None else "")
        if reported:
            long += f" · {reported} reported"
            short += f" {reported}≈"
        room = self.outer_size.width - 4  # the border's length, less its corners
        self.border_subtitle = long if room <= 0 or len(long) <= room else short

    def on_resize(self) -> None:
        self._drawn.clear()
        self._fit()
        self.scroll_to_highlight()
        self._show_counts()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    # -- the cursor ----------------------------------------------------------------------

    @property
    def option_count(self) -> int:
        """How many entries are listed (speakers' headings included)."""
        return len(self._entries)

    def get_option_index(self, key: str) -> int:
        """The entry of the quote ``key`` (a key of :attr:`refs`); KeyError if none."""
        for number, (entry_key, _shown) in enumerate(self._entries):
            if entry_key == key:
                return number
        raise KeyError(key)

    @property
    def current_ref(self) -> QuoteRef | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self._entries):
            return None
        key = self._entries[self.highlighted][0]
        return self.refs.get(key) if key is not None else None

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self._entries:
            return None
        return max(0, min(value, len(self._entries) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for number in (old, new):
            if number is not None:
                self._refresh_entry(number)
        self.scroll_to_highlight()

    def _line_span(self, number: int) -> tuple[int, int]:
        """(first line, lines) of entry ``number``."""
        if self._lines is None:
            return number, 1
        if not 0 <= number < len(self._first_line):
            return 0, 0
        first = self._first_line[number]
        end = (
            self._first_line[number + 1] if number + 1 < len(self._first_line) else len(self._lines)
        )
        return first, end - first

    def _refresh_entry(self, number: int) -> None:
        first, height = self._line_span(number)
        top = first - int(self.scroll_offset.y)
        if height and top + height > 0 and top < self.size.height:
            self.refresh(Region(0, top, self.size.width, height))

    def scroll_to_highlight(self) -> None:
        if self.highlighted is None or not self.is_mounted:
            return
        first, height = self._line_span(self.highlighted)
        self.scroll_to_region(
            Region(0, first, 1, max(1, height)), animate=False, force=True, immediate=True
        )

    def _next_enabled(self, start: int, step: int) -> int | None:
        """The first entry from ``start`` on (in direction ``step``) that can be chosen."""
        number = start
        while 0 <= number < len(self._entries):
            if self._entries[number][0] is not None:
                return number
            number += step
        return None

    def move(self, step: int) -> None:
        if self.highlighted is None:
            self.highlighted = self._next_enabled(0, 1)
            return
        target = self._next_enabled(self.highlighted + step, 1 if step > 0 else -1)
        if target is None:  # past the last (or first) that can be chosen: stay
            return
        self.highlighted = target

    def page(self, direction: int) -> None:
        start = self.highlighted if self.highlighted is not None else 0
        first, _height = self._line_span(start)
        line = first + direction * max(1, self.scrollable_content_region.height)
        if self._lines is None:
            target = max(0, min(line, len(self._entries) - 1))
        elif self._lines:
            target = self._lines[max(0, min(line, len(self._lines) - 1))][0]
        else:
            return
        found = self._next_enabled(target, direction) or self._next_enabled(target, -direction)
        if found is not None:
            self.highlighted = found

    def go_top(self) -> None:
        found = self._next_enabled(0, 1)
        if found is not None:
            self.highlighted = found

    def go_bottom(self) -> None:
        found = self._next_enabled(len(self._entries) - 1, -1)
        if found is not None:
            self.highlighted = found

    def select_quote(self, index: int) -> None:
        """Move the highlight to the article's quote ``index`` (when listing one article)."""
        if self.speaker_index:
            return
        try:
            self.highlighted = self.get_option_index(f"q{index}")
        except KeyError:
            return

    def action_select(self) -> None:
        self.choose()

    def choose(self) -> None:
        ref = self.current_ref
        if ref is not None:
            self.post_message(messages.QuoteChosen(ref))

    def on_click(self, event: Any) -> None:
        line = event.y + int(self.scroll_offset.y)
        number = line if self._lines is None else None
        if self._lines is not None and 0 <= line < len(self._lines):
            number = self._lines[line][0]
        if number is not None and 0 <= number < len(self._entries) and self._entries[number][0]:
            self.highlighted = number

    # -- drawing ---------------------------------------------------------------------------

    def _fit(self) -> None:
        """Measure the lines at the pane's width, unless they were."""
        if self._measured_width != self._entry_width():
            self._measure()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Measured at the width drawn at: a relayout draws the panes at their new sizes
        before their Resize event (see :meth:`ArticleView.render_lines`)."""
        self._fit()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = y + int(self.scroll_offset.y)
        width = self._entry_width()
        if self._lines is None:
            number, offset = (line, 0) if line < len(self._entries) else (-1, 0)
        elif 0 <= line < len(self._lines):
            number, offset = self._lines[line]
        else:
            number, offset = -1, 0
        if number < 0 or width <= 0:
            return Strip.blank(
                max(width, 0), self.get_visual_style("quotes-pane--option").rich_style
            )
        if self._entries[number][0] is None:
            role = "quotes-pane--disabled"
        elif number == self.highlighted:
            role = "quotes-pane--highlighted"
        else:
            role = "quotes-pane--option"
        key = (number, role, width, self.has_focus)
        strips = self._drawn.get(key)
        if strips is None:
            style = self.get_visual_style("quotes-pane--option", role)
            visual = self._visual(number)
            strips = [
                strip.extend_cell_length(width, style.rich_style)
                for strip in Visual.to_strips(self, visual, width, None, style)
            ]
            self._drawn[key] = strips
        return strips[offset] if offset < len(strips) else Strip.blank(width)


def _let_go(*_objects: object) -> None:
    """Nothing: the objects passed are freed when this returns."""


def refs_of(articles: Sequence[Article]) -> list[QuoteRef]:
    """Every quote of ``articles`` as references."""
    return [
        QuoteRef(article.id, index, quote, article.title)
        for article in articles
        for index, quote in enumerate(article.quotes)
    ]

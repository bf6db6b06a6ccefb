"""The quotes pane: the current article's quotes, or every quote of the view by speaker.

Each entry shows the speaker, the quote and its kind (reported speech upright after a
``≈``, quotations in italics); Enter jumps to it. In speaker-index
mode (a toggle, or a view with ``speaker_index: true``) it lists every quote of the
articles in the current view grouped under each speaker, and Enter opens that article at
that quote. Entries are Rich Text built from plain strings, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app import messages
from tui.app.bindings import OPEN, PANE_MOVES
from tui.app.textsafe import visible

if TYPE_CHECKING:  # the model is imported when an article is first shown, not at start-up
    from tui.model import Article, Quote

UNATTRIBUTED = "(no speaker found)"
#: Before reported speech (kind ``indirect``) in the pane: "in other words".
REPORTED_MARK = "≈ "


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
    text.append(f"  ({quote.kind})", "dim")
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
        text.append("  · ", "dim")
        text.append(visible(title), "dim")
    return text


class QuotesPane(OptionList):
    """A list of quotes; ``speaker_index`` switches to every quote of the view."""

    BINDINGS: ClassVar = [*PANE_MOVES, OPEN]

    DEFAULT_CSS = """
    QuotesPane { background: $surface; }
    QuotesPane.-index { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.speaker_index = False
        self.refs: dict[str, QuoteRef] = {}
        self.article: Article | None = None
        self._counts: tuple[int, int | None] = (0, None)

    def show_article(self, article: Article | None) -> None:
        """List ``article``'s quotes (when not in speaker-index mode)."""
        self.article = article
        if self.speaker_index:
            return
        self.remove_class("-index")
        self.refs = {}
        options: list[Option | None] = []
        if article is not None:
            for index, quote in enumerate(article.quotes):
                key = f"q{index}"
                self.refs[key] = QuoteRef(article.id, index, quote, article.title)
                options.append(Option(quote_entry(quote), id=key))
        if not options:
            options.append(Option(Text("No quotes in this article."), disabled=True))
        self.set_options(options)
        if self.refs:
            self.highlighted = 0
        self._counts = (len(self.refs), None)
        self._show_counts()

    def show_index(self, refs: Iterable[QuoteRef]) -> None:
        """List every quote of ``refs`` grouped by speaker (speakers by quote count)."""
        self.add_class("-index")
        groups: dict[str, list[QuoteRef]] = {}
        for ref in refs:
            groups.setdefault(ref.quote.speaker or UNATTRIBUTED, []).append(ref)
        order = sorted(groups, key=lambda s: (s == UNATTRIBUTED, -len(groups[s]), s.casefold()))
        self.refs = {}
        options: list[Option | None] = []
        for speaker in order:
            header = Text(end="", no_wrap=True, overflow="ellipsis")
            header.append(visible(speaker), "bold reverse")
            header.append(f"  {len(groups[speaker])}", "dim")
            options.append(Option(header, disabled=True))
            for ref in groups[speaker]:
                key = f"r{len(self.refs)}"
                self.refs[key] = ref
                options.append(Option(index_entry(ref.quote, ref.title), id=key))
        if not self.refs:
            options = [Option(Text("No quotes in this view."), disabled=True)]
        self.set_options(options)
        self._counts = (len(self.refs), len(groups))
        self._show_counts()
        first = next((i for i, o in enumerate(options) if o and not o.disabled), None)
        if first is not None:
            self.highlighted = first

    def _show_counts(self) -> None:
        """The footer: ``6 quotes · 5 speakers``, shorter when the pane is narrow."""
        quotes, speakers = self._counts
        long = f"{quotes} quotes" + (f" · {speakers} speakers" if speakers is not None else "")
        short = f"{quotes}q" + (f" {speakers}sp" if speakers is not None else "")
        room = self.outer_size.width - 4  # the border's length, less its corners
        self.border_subtitle = long if room <= 0 or len(long) <= room else short

    def on_resize(self) -> None:
        self._show_counts()

    @property
    def current_ref(self) -> QuoteRef | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.refs.get(option.id)

    def select_quote(self, index: int) -> None:
        """Move the highlight to the article's quote ``index`` (when listing one article)."""
        if self.speaker_index:
            return
        try:
            self.highlighted = self.get_option_index(f"q{index}")
        except Exception:
            return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ref = self.refs.get(event.option.id or "")
        if ref is not None:
            self.post_message(messages.QuoteChosen(ref))

    def choose(self) -> None:
        ref = self.current_ref
        if ref is not None:
            self.post_message(messages.QuoteChosen(ref))


def refs_of(articles: Sequence[Article]) -> list[QuoteRef]:
    """Every quote of ``articles`` as references."""
    return [
        QuoteRef(article.id, index, quote, article.title)
        for article in articles
        for index, quote in enumerate(article.quotes)
    ]

"""The story screen: one story's outlets compared, and triage on the whole story.

Opened from the reader on an article that belongs to a story of two articles or more
(``C``). It lists the story's articles by outlet, then the comparison
(:func:`tui.extract.story_compare.compare`): each speaker quoted by several outlets with
every outlet's quotes side by side, quotes several outlets share (aligned, or flagged
when the wording differs), and the sentences only one outlet has. Enter on a line
closes the screen and opens that article at that place; ``r``/``s``/``a``/``m`` read,
star, archive or mark every article of the story as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.textsafe import visible

if TYPE_CHECKING:
    from tui.extract.story_compare import Comparison
    from tui.store.library import Library
    from tui.store.stories import StoryRow


@dataclass(frozen=True, slots=True)
class StoryView:
    """What the screen shows, read in the library thread: the story, its articles'
    (id, outlet, title) in order, and the comparison."""

    story: StoryRow
    articles: tuple[tuple[str, str, str], ...]
    comparison: Comparison


@dataclass(frozen=True, slots=True)
class StoryJump:
    """Where Enter goes: an article, at a character offset of its source (or its top)."""

    article_id: str
    offset: int | None


def load_story_view(library: Library, article_id: str) -> StoryView | None:
    """The story of ``article_id`` when it has two articles or more (library thread)."""
    from tui.extract.story_compare import compare
    from tui.store.stories import article_outlet, stories

    found = [s for s in stories(library) if article_id in s.article_ids]
    if not found:
        return None
    story = found[0]
    articles = library.get_articles(story.article_ids)
    return StoryView(
        story,
        tuple((a.id, article_outlet(a), a.title) for a in articles),
        compare(articles, article_outlet),
    )


def _line(*parts: tuple[str, str]) -> Text:
    """A Text from (untrusted string, style) parts: never markup, controls made visible."""
    text = Text(no_wrap=False, end="")
    for part, style in parts:
        text.append(visible(part), style=style)
    return text


class StoryScreen(ModalScreen[StoryJump | None]):
    """The comparison of one story's outlets (escape closes, Enter jumps)."""

    BINDINGS: ClassVar = [
        Binding("escape,q", "close", "Close the story", id="story.close"),
        Binding("r", "triage('read')", "Story read/unread", id="story.read"),
        Binding("s", "triage('starred')", "Star the story", id="story.star"),
        Binding("a", "triage('archived')", "Archive the story", id="story.archive"),
        Binding("m", "triage('marked')", "Mark the story", id="story.mark"),
    ]

    DEFAULT_CSS = """
    StoryScreen { align: center middle; }
    StoryScreen > OptionList {
        width: 95%; height: 90%;
        border: round $primary; background: $surface;
    }
    """

    def __init__(self, view: StoryView, on_triage: Callable[[list[str], str], None]) -> None:
        super().__init__()
        self.view = view
        self.on_triage = on_triage
        self.targets: dict[str, StoryJump] = {}

    def _option(self, prompt: Text, jump: StoryJump | None = None) -> Option:
        if jump is None:
            return Option(prompt, disabled=True)
        option_id = f"t{len(self.targets)}"
        self.targets[option_id] = jump
        return Option(prompt, id=option_id)

    def options(self) -> list[Option]:
        """Every line of the screen, in order."""
        view, out = self.view, []
        outlets = len({outlet for _, outlet, _ in view.articles})
        out.append(
            self._option(_line((f"{len(view.articles)} articles, {outlets} outlets", "bold")))
        )
        for article_id, outlet, title in view.articles:
            out.append(
                self._option(
                    _line((outlet, "bold"), (" · ", "dim"), (title, "")),
                    StoryJump(article_id, None),
                )
            )
        comparison = view.comparison
        if comparison.side_by_side:
            out.append(self._option(_line(("", ""))))
            out.append(self._option(_line(("Quoted by several outlets", "bold underline"))))
            for speaker in comparison.side_by_side:
                out.append(self._option(_line((speaker.speaker, "bold"))))
                for outlet, quotes in speaker.by_outlet.items():
                    for q in quotes:
                        out.append(
                            self._option(
                                _line((outlet, "italic"), (" · ", "dim"), (q.text, "")),
                                StoryJump(q.article, q.span.start),
                            )
                        )
        if comparison.shared_quotes:
            out.append(self._option(_line(("", ""))))
            out.append(self._option(_line(("Quotes in more than one outlet", "bold underline"))))
            for shared in comparison.shared_quotes:
                flag = "same words" if shared.same_words else "worded differently"
                style = "" if shared.same_words else "bold yellow"
                out.append(
                    self._option(
                        _line((shared.speaker or "unattributed", "bold"), (f"  ({flag})", style))
                    )
                )
                for q in shared.quotes:
                    out.append(
                        self._option(
                            _line((q.outlet, "italic"), (" · ", "dim"), (q.text, "")),
                            StoryJump(q.article, q.span.start),
                        )
                    )
        if comparison.own_sentences:
            out.append(self._option(_line(("", ""))))
            out.append(self._option(_line(("Only in one outlet", "bold underline"))))
            for sentence in comparison.own_sentences:
                out.append(
                    self._option(
                        _line((sentence.outlet, "italic"), (" · ", "dim"), (sentence.text, "")),
                        StoryJump(sentence.article, sentence.span.start),
                    )
                )
        return out

    def compose(self) -> ComposeResult:
        options = OptionList(*self.options(), id="story-lines")
        options.border_title = _line(
            (f"Story {self.view.story.id} · ", ""), (self.view.story.title, "")
        )
        # What the keys do here (the main screen's ? does not list them).
        options.border_subtitle = "enter opens · r s a m: the whole story · escape closes"
        yield options

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        jump = self.targets.get(event.option.id or "")
        if jump is not None:
            self.dismiss(jump)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_triage(self, flag: str) -> None:
        self.on_triage([article_id for article_id, _, _ in self.view.articles], flag)

"""The story screen: one story's outlets compared, and triage on the whole story.

Opened from the reader on an article that belongs to a story of two articles or more
(``C``). It lists the story's articles by outlet, then the comparison
(:func:`tui.extract.story_compare.compare`): each speaker quoted by several outlets with
every outlet's quotes side by side (one column per outlet when the screen is wide
enough: :mod:`tui.extract.story_lines`), quotes several outlets share (aligned, or
flagged when the wording differs), and the sentences only one outlet has, under their
outlet. A story one outlet reported alone (its follow-ups) has its articles compared
with each other instead. Enter on a line closes the screen and opens that article at
that place (on a row of columns, the column the arrow keys chose);
``r``/``s``/``a``/``t``/``m`` read, star, archive, tag or mark every article of the
story as one undo step, ``u`` undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.textsafe import visible
from tui.extract.story_lines import (
    SideRow,
    columns_fit,
    grouped_by_outlet,
    other_shared,
    speaker_rows,
)

if TYPE_CHECKING:
    from tui.extract.story_compare import Comparison, QuoteAt, SpeakerQuotes
    from tui.model import Article
    from tui.store.library import Library
    from tui.store.stories import StoryRow


@dataclass(frozen=True, slots=True)
class StoryView:
    """What the screen shows, read in the library thread: the story, its articles'
    (id, outlet, title) in order, and the comparison."""

    story: StoryRow
    articles: tuple[tuple[str, str, str], ...]
    comparison: Comparison
    #: The outlet of a story one outlet reported alone (its follow-ups on one
    #: development): its articles are compared with each other instead.
    one_outlet: str | None = None


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
    label = outlet_labels([article_outlet(a) for a in articles])
    names = {a.id: label[article_outlet(a)] for a in articles}
    one_outlet = next(iter(names.values())) if len(set(names.values())) == 1 else None
    if one_outlet is not None:
        names = article_labels(one_outlet, articles)

    def outlet(article: Article) -> str:
        return names[article.id]

    return StoryView(
        story,
        tuple((a.id, outlet(a), a.title) for a in articles),
        compare(articles, outlet),
        one_outlet,
    )


def article_labels(outlet: str, articles: list[Article]) -> dict[str, str]:
    """Each article of a one-outlet story named for the comparison: the outlet and its
    date (``wikinews.org 2019-10-12``), or its place in the story when the dates do not
    tell the articles apart (``wikinews.org #2``)."""
    dates = [a.date for a in articles]
    if all(dates) and len(set(dates)) == len(dates):
        return {a.id: f"{outlet} {a.date}" for a in articles}
    return {a.id: f"{outlet} #{n}" for n, a in enumerate(articles, 1)}


def outlet_labels(outlets: list[str]) -> dict[str, str]:
    """Each outlet as the list's source column names it (a file without its folder and
    extension: ``000_f4fe4bb18238162a``; a site as it is), unless two outlets of the
    story would then read the same (``a.txt`` and ``a.csv``): those keep their names."""
    from tui.app.widgets.list_rows import source_label

    label = {o: source_label(o) for o in outlets}
    seen: dict[str, int] = {}
    for short in label.values():
        seen[short] = seen.get(short, 0) + 1
    return {o: short if seen[short] == 1 else o for o, short in label.items()}


def _line(*parts: tuple[str, str]) -> Text:
    """A Text from (untrusted string, style) parts: never markup, controls made visible."""
    text = Text(no_wrap=False, end="")
    for part, style in parts:
        text.append(visible(part), style=style)
    return text


#: How an aligned group's flag is drawn: the same words plain, a wording difference loud.
_FLAG_STYLE = {True: "", False: "bold yellow"}
#: A side-by-side row's first column (``=`` or ``≠``, two cells) and the gutter after it:
#: the outlets' columns share what is left, so :func:`columns_fit` is asked of that.
MARK_CELLS = 2 + 3


def _indented(indent: int, *parts: tuple[str, str]) -> Table:
    """``parts`` as one line ``indent`` cells in, its wrapped lines as far in."""
    grid = Table.grid(expand=True)
    grid.add_column(width=indent)
    grid.add_column(ratio=1)
    grid.add_row(Text(""), _line(*parts))
    return grid


class StoryLines(OptionList, inherit_bindings=False):
    """The story screen's lines. Its keys are the list's own (Enter, the arrows, the
    page keys, home and end) and j/k/g/G as on the main screen, each with an id: so
    ``?`` lists them (Enter was missing: a key without an id is not listed) and a keymap
    rebinds them."""

    BINDINGS: ClassVar = [
        Binding("enter", "select", "Open the article at this line", id="story.open"),
        Binding("j,down", "cursor_down", "Next line", id="story.down", show=False),
        Binding("k,up", "cursor_up", "Previous line", id="story.up", show=False),
        Binding("pagedown", "page_down", "Page down", id="story.page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="story.page-up", show=False),
        Binding("g,home", "first", "First line", id="story.top", show=False),
        Binding("G,end", "last", "Last line", id="story.bottom", show=False),
    ]


class StoryScreen(ModalScreen[StoryJump | None]):
    """The comparison of one story's outlets (escape closes, Enter jumps)."""

    BINDINGS: ClassVar = [
        Binding("escape,q", "close", "Close the story", id="story.close"),
        Binding("r", "triage('read')", "Story read/unread", id="story.read"),
        Binding("s", "triage('starred')", "Star the story", id="story.star"),
        Binding("a", "triage('archived')", "Archive the story", id="story.archive"),
        Binding("t", "tag", "Tag the story", id="story.tag"),
        Binding("m", "triage('marked')", "Mark the story", id="story.mark"),
        Binding("u", "undo", "Undo", id="story.undo"),
        # The app's ? does not reach a dialog (Textual stops at a modal screen's keys).
        Binding("question_mark", "help", "Keys of the story screen", id="story.help"),
        Binding("left", "column(-1)", "Outlet column to the left", id="story.column-left"),
        Binding("right", "column(1)", "Outlet column to the right", id="story.column-right"),
    ]

    # The whole terminal: at 95% x 90% the main screen showed through at the edges (at
    # 80x24 two columns and three lines of cut rows), and the outlets' columns want every
    # cell. The focused list keeps the round border (OptionList's own :focus one is tall).
    DEFAULT_CSS = """
    StoryScreen > OptionList, StoryScreen > OptionList:focus {
        width: 100%; height: 100%;
        border: round $primary; background: $surface;
    }
    """

    def __init__(
        self,
        view: StoryView,
        on_triage: Callable[[list[str], str], None],
        on_tag: Callable[[list[str]], None] | None = None,
        on_undo: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.view = view
        self.on_triage = on_triage
        self.on_tag = on_tag
        self.on_undo = on_undo
        self.targets: dict[str, StoryJump] = {}
        #: Rows of a speaker's outlet columns, by option id: Enter opens the quote of
        #: the chosen column (``column``, moved by the arrow keys).
        self.side_rows: dict[str, SideRow] = {}
        self.column = 0
        #: The outlet names over a speaker's columns, by option id (the chosen one marked).
        self.headers: dict[str, SideRow] = {}
        #: :meth:`layout_of` the width the lines were drawn for.
        self._layout: tuple[bool, ...] = ()

    def _option(self, prompt: Text | Table, jump: StoryJump | None = None) -> Option:
        if jump is None:
            return Option(prompt, disabled=True)
        option_id = f"t{len(self.targets)}"
        self.targets[option_id] = jump
        return Option(prompt, id=option_id)

    def _side_prompt(self, row: SideRow, header: bool = False) -> Table:
        """A row of a speaker's columns: one cell per outlet, the chosen one underlined."""
        grid = Table.grid(expand=True, padding=(0, 3))  # the gutter columns_fit counts
        grid.add_column(width=MARK_CELLS - 3)
        for _ in row.cells:
            grid.add_column(ratio=1)
        mark = {None: "", True: "=", False: "≠"}[row.same_words]
        cells: list[Text] = [_line((mark, "bold" if row.same_words else "bold yellow"))]
        for i, q in enumerate(row.cells):
            if q is None:
                cells.append(Text(""))
            elif header:  # the chosen column also by a sign (NO_COLOR: no underline
                # shows on the highlighted row, which is underlined whole)
                chosen = i == min(self.column, len(row.cells) - 1)
                cells.append(_line(("▸ " if chosen else "  ", "bold"), (q.outlet, "italic")))
            else:
                chosen = i == min(self.column, len(row.cells) - 1)
                cells.append(_line((q.text, "underline" if chosen else "")))
        grid.add_row(*cells)
        return grid

    def _side_option(self, row: SideRow) -> Option:
        first = next(q for q in row.cells if q is not None)
        option = self._option(self._side_prompt(row), StoryJump(first.article, first.span.start))
        self.side_rows[option.id or ""] = row
        return option

    def _quote_option(self, q: QuoteAt, indent: int = 2, label: bool = False) -> Option:
        parts = [(q.outlet, "italic"), (" · ", "dim")] if label else []
        return self._option(
            _indented(indent, *parts, (q.text, "")), StoryJump(q.article, q.span.start)
        )

    def _speaker_options(self, speaker: SpeakerQuotes, width: int) -> list[Option]:
        outlets, rows = speaker_rows(speaker, self.view.comparison.shared_quotes)
        out = [self._option(_line((speaker.speaker, "bold")))]
        if columns_fit(width - MARK_CELLS, len(outlets)):
            heads = tuple(speaker.by_outlet[o][0] for o in outlets)
            head_id = f"h{len(self.headers)}"
            self.headers[head_id] = SideRow(heads, None)
            prompt = self._side_prompt(self.headers[head_id], header=True)
            out.append(Option(prompt, id=head_id, disabled=True))
            out += [self._side_option(row) for row in rows]
            return out
        # Narrow: each aligned group under its flag, then each outlet's other quotes.
        for row in rows:
            if row.same_words is None:
                continue
            flag = "same words" if row.same_words else "worded differently"
            out.append(self._option(_line(("  ", ""), (flag, _FLAG_STYLE[row.same_words]))))
            out += [self._quote_option(q, 4, True) for q in row.cells if q is not None]
        rest = [q for row in rows if row.same_words is None for q in row.cells if q is not None]
        for outlet, quotes in grouped_by_outlet(rest).items():
            out.append(self._option(_line(("  ", ""), (outlet, "italic"))))
            out += [self._quote_option(q, 4) for q in quotes]
        return out

    def options(self, width: int = 0) -> list[Option]:
        """Every line of the screen, in order (``width``: the lines' cells, which
        decides whether a speaker's outlets are drawn as columns)."""
        view, out = self.view, []
        self.targets, self.side_rows, self.headers = {}, {}, {}  # option ids from t0, h0
        outlets = len({outlet for _, outlet, _ in view.articles})
        unit = "outlet" if view.one_outlet is None else "article"
        head = (
            f"{len(view.articles)} articles, {outlets} outlets"
            if view.one_outlet is None
            else f"{len(view.articles)} articles from {view.one_outlet} alone:"
            " its articles compared with each other"
        )
        out.append(self._option(_line((head, "bold"))))
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
            out.append(self._option(_line((f"Quoted by several {unit}s", "bold underline"))))
            for speaker in comparison.side_by_side:
                out += self._speaker_options(speaker, width)
        shared = other_shared(comparison.side_by_side, comparison.shared_quotes)
        if shared:
            out.append(self._option(_line(("", ""))))
            out.append(self._option(_line((f"Quotes in more than one {unit}", "bold underline"))))
            for group in shared:
                flag = "same words" if group.same_words else "worded differently"
                out.append(
                    self._option(
                        _line(
                            (group.speaker or "unattributed", "bold"),
                            (f"  ({flag})", _FLAG_STYLE[group.same_words]),
                        )
                    )
                )
                out += [self._quote_option(q, 2, True) for q in group.quotes]
        if comparison.own_sentences:
            out.append(self._option(_line(("", ""))))
            out.append(self._option(_line((f"Only in one {unit}", "bold underline"))))
            for outlet, sentences in grouped_by_outlet(comparison.own_sentences).items():
                out.append(self._option(_line((outlet, "italic"))))
                for sentence in sentences:
                    out.append(
                        self._option(
                            _indented(2, (sentence.text, "")),
                            StoryJump(sentence.article, sentence.span.start),
                        )
                    )
        return out

    def list_width(self) -> int:
        """The list's cells: the screen's width, less the border and the scroll bar."""
        return self.app.size.width - 4

    def layout_of(self, width: int) -> tuple[bool, ...]:
        """Which speakers' outlets are drawn as columns at ``width`` (a resize that
        changes this draws the lines again)."""
        speakers = self.view.comparison.side_by_side
        return tuple(columns_fit(width - MARK_CELLS, len(s.by_outlet)) for s in speakers)

    def key_hint(self, binding_id: str) -> str:
        """The first key of one of this screen's bindings, as the keymap has it and as
        a hint shows it (``enter``, ``esc``, ``u``)."""
        binding = next(b for b in story_bindings() if isinstance(b, Binding) and b.id == binding_id)
        keymap: dict[str, str] = getattr(self.app, "keymap", {})  # NewsdeskApp's
        keys = keymap.get(binding_id, binding.key).split(",")[0].strip()
        if keys == "enter":
            return "enter"  # not Textual's ⏎: the hint reads "enter opens"
        return str(self.app.get_key_display(binding.with_key(keys))) if keys else "?"

    def _subtitle(self) -> str:
        """What the keys do here (the main screen's ? does not list them), as the keymap
        has them; in fewer words when the full line is wider than the bottom border (at
        80x24 with the outlets in columns it lost ``esc closes``)."""
        k = self.key_hint
        columns = f"{k('story.column-left')}{k('story.column-right')} column · "
        triage = " ".join(k(f"story.{name}") for name in ("read", "star", "archive", "tag", "mark"))
        start = f"{k('story.open')} opens · {columns if self.side_rows else ''}{triage}: "
        end = f"{k('story.help')} keys · {k('story.close')} closes"
        full = f"{start}whole story · {k('story.undo')} undoes · {end}"
        # The border's corners, its first line and the spaces around the text: 6 cells.
        if cell_len(full) <= self.app.size.width - 6:
            return full
        return f"{start}story · {k('story.undo')} undo · {end}"

    def compose(self) -> ComposeResult:
        width = self.list_width()
        self._layout = self.layout_of(width)
        options = StoryLines(*self.options(width), id="story-lines")
        options.border_title = _line(
            (f"Story {self.view.story.id} · ", ""), (self.view.story.title, "")
        )
        options.border_subtitle = self._subtitle()
        yield options

    def on_resize(self) -> None:
        """Draw the lines again when a resize puts a speaker's outlets into columns or
        takes them out (80x24 <-> 200x50), the cursor kept on the same quote."""
        width = self.list_width()
        layout = self.layout_of(width)
        self.query_one(OptionList).border_subtitle = self._subtitle()
        if layout == self._layout:
            return  # the same lines: the grids re-flow to the width by themselves
        self._layout = layout
        options = self.query_one(OptionList)
        at = self._jump_at(options.highlighted)
        options.clear_options()
        options.add_options(self.options(width))
        options.border_subtitle = self._subtitle()
        index = self._index_of(at) if at is not None else None
        if index is not None:
            options.highlighted = index
        elif options.option_count:
            options.highlighted = 0

    def _jump_at(self, index: int | None) -> StoryJump | None:
        """Where Enter would go from line ``index`` (a row of columns: the chosen one)."""
        if index is None:
            return None
        option_id = self.query_one(OptionList).get_option_at_index(index).id or ""
        row = self.side_rows.get(option_id)
        if row is not None:
            chosen = row.cells[min(self.column, len(row.cells) - 1)]
            chosen = chosen or next(q for q in row.cells if q is not None)
            return StoryJump(chosen.article, chosen.span.start)
        return self.targets.get(option_id)

    def _index_of(self, jump: StoryJump) -> int | None:
        """The line that goes to ``jump``: a quote's own line, or its row of columns
        (that column chosen)."""
        options = self.query_one(OptionList)
        for option_id, row in self.side_rows.items():
            for column, q in enumerate(row.cells):
                if q is not None and StoryJump(q.article, q.span.start) == jump:
                    self.action_column(column - self.column)
                    return options.get_option_index(option_id)
        for option_id, target in self.targets.items():
            if target == jump and option_id not in self.side_rows:
                return options.get_option_index(option_id)
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        jump = self.targets.get(option_id)
        row = self.side_rows.get(option_id)
        if row is not None:
            cells = [q for q in row.cells if q is not None]
            chosen = row.cells[min(self.column, len(row.cells) - 1)] or cells[0]
            jump = StoryJump(chosen.article, chosen.span.start)
        if jump is not None:
            self.dismiss(jump)

    def action_column(self, step: int) -> None:
        """Choose the outlet column Enter opens on a row of a speaker's columns."""
        widest = max((len(row.cells) for row in self.side_rows.values()), default=0)
        if not widest:
            return
        self.column = max(0, min(widest - 1, self.column + step))
        options = self.query_one(OptionList)
        for option_id, row in self.side_rows.items():
            options.replace_option_prompt(option_id, self._side_prompt(row))
        for option_id, row in self.headers.items():
            options.replace_option_prompt(option_id, self._side_prompt(row, header=True))

    def action_help(self) -> None:
        """``?``: this screen's keys, its lines' first (Enter...), as the keymap has them."""
        from tui.app.screens.help import HelpScreen

        bindings = [b for b in story_bindings() if isinstance(b, Binding)]
        self.app.push_screen(HelpScreen(bindings, "Keys of the story screen"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_triage(self, flag: str) -> None:
        self.on_triage(self.article_ids(), flag)

    def action_tag(self) -> None:
        if self.on_tag is not None:
            self.on_tag(self.article_ids())

    def action_undo(self) -> None:
        if self.on_undo is not None:
            self.on_undo()

    def article_ids(self) -> list[str]:
        """Every article of the story (what triage on this screen changes)."""
        return [article_id for article_id, _, _ in self.view.articles]


def story_bindings() -> list[BindingType]:
    """Every key of the story screen: its lines' (Enter, moving) and its own."""
    return [*StoryLines.BINDINGS, *StoryScreen.BINDINGS]

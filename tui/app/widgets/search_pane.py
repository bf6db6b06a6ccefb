"""The search pane: a query box and its hits, searched as you type.

Every keystroke starts the search again in an exclusive worker (the previous one is
cancelled, and its query interrupted if it is running: see
:meth:`~tui.app.library_gateway.LibraryGateway.call_cancellable`), calling
:func:`tui.search.run_query` in the library thread. A hit shows the
article's title and the matching paragraph or quote with the matched words marked; Enter
opens the article at the match, and n/N step through the hits from anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app import messages
from tui.app.bindings import OPEN, PANE_MOVES
from tui.app.textsafe import visible
from tui.app.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.search.hit import Hit
    from tui.store.library import Library

SEARCH_LIMIT = 200


def hit_entry(hit: Hit, title: str) -> Text:
    """Title, then the context with the matched characters in bold reverse."""
    text = Text(end="")
    text.append(visible(title) or "(untitled)", "bold")
    text.append(f"  [{hit.target}]", "dim")
    context = visible(hit.context)
    if context:
        snippet = Text(context, end="")
        if hit.context_span is not None:
            for span in hit.highlights:
                a = span.start - hit.context_span.start
                b = span.end - hit.context_span.start
                if 0 <= a < b <= len(context):
                    snippet.stylize("bold reverse", a, b)
        text.append("\n  ")
        text.append_text(snippet)
    return text


#: Hits shown as soon as the search returns; the rest follow in a second step (each
#: hit's context costs tens of microseconds, and a screen shows far fewer than 200).
FIRST_PAGE = 40


def _run(
    library: Library,
    text: str,
    superseded: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int | None], None] | None = None,
) -> tuple[list[Hit], dict[str, str]]:
    """The hits of ``text`` with the first page's contexts worked out, and its titles.
    A query ``superseded`` by the next key while tantivy ranked it (a search cannot be
    stopped inside the engine) skips its contexts, about half of a search: nobody will
    see them, and the next key's search waits behind this one in the library thread.
    ``progress``: the index caught up or rebuilt first (see ``run_query``)."""
    from tui.search import locate, run_query

    hits = run_query(library, text, limit=SEARCH_LIMIT, progress=progress)
    if superseded():
        return hits, {}
    first = hits[:FIRST_PAGE]
    locate(first)  # here in the library thread, not in the UI thread
    return hits, _titles(library, [hit.article_id for hit in first])


def _rest(library: Library, hits: list[Hit]) -> dict[str, str]:
    """Contexts and titles of the hits past the first page."""
    from tui.search import locate

    locate(hits)
    return _titles(library, [hit.article_id for hit in hits])


class SearchHits(OptionList):
    """The hits: moved through with the same keys as the other panes."""

    BINDINGS: ClassVar = [*PANE_MOVES, OPEN]


def indexing_line(done: int, total: int | None) -> str:
    """What the pane says while a search waits for the index (``indexing 1,500/20,008
    articles…``, as the start-up rebuild's bar)."""
    if total is None:
        return "indexing the library for search…"
    return f"indexing {done:,}/{total:,} articles for search…"


class SearchPane(ReportsWorkerErrors, Vertical):
    """Query input above a list of hits. A query error, or a library that cannot be
    read, is said inside the pane (:meth:`show_worker_error`), not in a toast.

    A search that has the index rebuilt first (damage met in its files:
    ``library_state.repaired``) or caught up on many articles says so, with a count,
    instead of standing still; keys typed meanwhile wait for it (cancelling the search
    stopped the rebuild, and the next key's search started it again): the query as
    typed by then is searched when the index is ready.
    """

    class Indexing(Message):
        """Sent from the library thread: the index is being caught up or rebuilt."""

        def __init__(self, done: int, total: int | None) -> None:
            super().__init__()
            self.done = done
            self.total = total

    BINDINGS: ClassVar = [Binding("escape", "close", "Close search", id="search.close")]

    DEFAULT_CSS = """
    SearchPane { background: $surface; }
    SearchPane > Input { border: none; height: 1; padding: 0 1; background: $boost; }
    SearchPane > Input:focus { border: none; background: $boost; }
    SearchPane > OptionList { height: 1fr; border: none; }
    SearchPane > OptionList:focus { border: none; }
    SearchPane > #search-status { height: 1; padding: 0 1; color: $text-muted; }
    SearchPane > #search-status.-error { color: $error; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[Hit] = []
        self.position = -1
        #: Counts the query's changes: a search knows whether the next key came (read
        #: in the library thread, see :func:`_run`).
        self._typed = 0
        #: Set from the library thread while the running search waits for the index;
        #: keys typed then are kept in ``_typed_meanwhile`` (searched after).
        self._indexing = False
        self._typed_meanwhile: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder='search: words, "phrases", speaker:ren, is:unread …', id="search-input"
        )
        # The count or the query error, inside the pane: stacked (below 120 columns) the
        # panes have no bottom border to carry it.
        yield Static("", id="search-status")
        yield SearchHits(id="search-hits")

    def show_worker_error(self, line: str) -> None:
        self._tell(line, error=True)

    def _tell(self, message: str, *, error: bool = False) -> None:
        """The hit count or what is wrong with the query, on the border and in the pane."""
        self.border_subtitle = message
        status = self.query_one("#search-status", Static)
        status.update(Text(message, no_wrap=True, overflow="ellipsis"))
        status.set_class(error, "-error")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def hit_list(self) -> OptionList:
        return self.query_one(OptionList)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._typed += 1
        if self._indexing:  # not cancelled: that would stop the rebuild (see class doc)
            self._typed_meanwhile = event.value
            return
        self.search(event.value)

    def _indexing_progress(self, done: int, total: int | None) -> None:
        """``progress`` of the search's index work (library thread): shown while
        something is left to do (a catch-up of a few articles reports only its end,
        and is not shown at all)."""
        if total is not None and done >= total:
            return
        self._indexing = True
        self.post_message(self.Indexing(done, total))  # thread-safe

    def on_search_pane_indexing(self, event: Indexing) -> None:
        event.stop()
        if self._indexing:  # not after the search it was about has ended
            self._tell(indexing_line(event.done, event.total))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.hits:
            index = self.hit_list.highlighted or 0
            self.choose(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.hits):
            self.position = index
            self.hit_list.highlighted = index
            self.post_message(messages.SearchHitChosen(self.hits[index]))

    def step(self, delta: int) -> bool:
        """Open the next (1) or previous (-1) hit; False when there are none."""
        if not self.hits:
            return False
        self.choose((self.position + delta) % len(self.hits))
        return True

    def action_close(self) -> None:
        self.post_message(messages.SearchClosed())

    @work(exclusive=True, group="search", exit_on_error=False)
    async def search(self, text: str) -> None:
        gateway = self.app.gateway  # type: ignore[attr-defined]
        typed = self._typed
        try:
            hits, titles = await gateway.call_cancellable(
                _run, text, lambda: self._typed != typed, self._indexing_progress
            )
        finally:
            waited, self._indexing = self._indexing, False
            meanwhile, self._typed_meanwhile = self._typed_meanwhile, None
        if waited and meanwhile is not None and meanwhile != text:
            # What was typed while the index was made: searched once this worker has
            # ended (started from inside it, the new one would cancel it), as the box
            # reads then (a key typed in between searches it too: the same query).
            self.call_later(lambda: self.search(self.input.value))
            return
        first, rest = hits[:FIRST_PAGE], hits[FIRST_PAGE:]
        self.hits = first
        self.position = -1
        self.hit_list.set_options(self._options(first, titles, 0))
        if hits:
            self.hit_list.highlighted = 0
        more = "+" if len(hits) >= SEARCH_LIMIT else ""
        from tui.search.hints import query_hint

        hint = query_hint(text)  # `a OR b` typed from habit: say what | does
        count = f"{len(hits)}{more} {'hit' if len(hits) == 1 else 'hits'}"
        self._tell(f"{count} · {hint}" if hint else count)
        if rest:  # a keystroke meanwhile cancels this worker here, as it should
            titles = await gateway.call_cancellable(_rest, rest)
            self.hits = hits
            self.hit_list.add_options(self._options(rest, titles, len(first)))

    @staticmethod
    def _options(hits: list[Hit], titles: dict[str, str], start: int) -> list[Option]:
        return [
            Option(hit_entry(hit, titles.get(hit.article_id, "")), id=f"h{i}")
            for i, hit in enumerate(hits, start=start)
        ]


def _titles(library: Library, ids: list[str]) -> dict[str, str]:
    """The hits' titles, in one read for the page (not one per hit)."""
    return {article_id: row.title for article_id, row in library.list_rows_for(ids).items()}

"""Every key of the main screen, each with an id so a keymap (``App.set_keymap``) rebinds it.

Where a key is handled: the focused pane's ``BINDINGS`` first (:data:`PANE_MOVES` and
:data:`OPEN` in the article list, the article view, the quotes pane and the search hits,
each running its own ``action_cursor_down`` & co.), then the reader screen's
(:data:`READER_BINDINGS`: triage, notes, search, panes), then the app's
(:data:`APP_BINDINGS`: help, palette, quit). The same id in several panes is one key to
rebind: the keymap applies to every binding with that id. Keys are in Textual's long form
(``question_mark``, ``slash``) so they compare equal to what a keymap says.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.config.bindings import view_binding_id

if TYPE_CHECKING:
    from tui.config.model import ViewConfig

#: Moving in whichever pane has the focus; each pane has actions of these names
#: (Textual's ``OptionList`` does already).
PANE_MOVES: list[Binding] = [
    Binding("j,down", "cursor_down", "Next row / paragraph", id="cursor-down", show=False),
    Binding("k,up", "cursor_up", "Previous row / paragraph", id="cursor-up", show=False),
    Binding("pagedown,space", "page_down", "Page down", id="page-down", show=False),
    Binding("pageup", "page_up", "Page up", id="page-up", show=False),
    Binding("g,home", "first", "First row / top", id="top", show=False),
    Binding("G,end", "last", "Last row / bottom", id="bottom", show=False),
]


class PaneMoves:
    """The :data:`PANE_MOVES` actions of a pane that can ``move(step)``,
    ``page(direction)``, ``go_top()`` and ``go_bottom()`` (the article list and view)."""

    def move(self, step: int) -> None: ...
    def page(self, direction: int) -> None: ...
    def go_top(self) -> None: ...
    def go_bottom(self) -> None: ...

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_page_down(self) -> None:
        self.page(1)

    def action_page_up(self) -> None:
        self.page(-1)

    def action_first(self) -> None:
        self.go_top()

    def action_last(self) -> None:
        self.go_bottom()


#: Enter in the panes that list things (articles, quotes, search hits).
OPEN = Binding("enter", "select", "Open article / go to quote", id="open", show=False)

#: The reader screen's keys: they act whichever of its panes has the focus.
READER_BINDINGS: list[Binding] = [
    # Priority: the screen's own tab (focus next widget) would otherwise win.
    Binding("tab", "cycle_pane(1)", "Next pane", id="next-pane", priority=True),
    Binding(
        "shift+tab",
        "cycle_pane(-1)",
        "Previous pane",
        id="previous-pane",
        show=False,
        priority=True,
    ),
    Binding("right_square_bracket", "quote(1)", "Next quote", id="next-quote", show=False),
    Binding("left_square_bracket", "quote(-1)", "Previous quote", id="previous-quote", show=False),
    Binding("right_parenthesis", "sentence(1)", "Next sentence", id="next-sentence", show=False),
    Binding(
        "left_parenthesis", "sentence(-1)", "Previous sentence", id="previous-sentence", show=False
    ),
    Binding("o", "toggle_related", "Show/hide related links", id="toggle-related", show=False),
    Binding("J", "join_next", "Join article with the next", id="join-next", show=False),
    Binding("S", "split_here", "Split article at this paragraph", id="split-here", show=False),
    Binding("slash", "search", "Search", id="search"),
    Binding("n", "match(1)", "Next search match", id="next-match", show=False),
    Binding("N", "match(-1)", "Previous search match", id="previous-match", show=False),
    Binding("r", "toggle_read", "Read/unread", id="toggle-read"),
    Binding("s", "toggle_star", "Star", id="toggle-star"),
    Binding("a", "toggle_archive", "Archive", id="toggle-archive", show=False),
    Binding("t", "tag", "Tag", id="tag", show=False),
    Binding("m", "toggle_mark", "Mark/unmark", id="toggle-mark", show=False),
    Binding("M", "mark_all_shown", "Mark all shown", id="mark-all-shown", show=False),
    Binding(
        "semicolon", "apply_to_marked", "Next action on marked", id="apply-to-marked", show=False
    ),
    Binding("R", "mark_all_read", "Mark all shown read", id="mark-all-read", show=False),
    Binding("u", "undo", "Undo", id="undo", show=False),
    Binding("ctrl+r", "redo", "Redo", id="redo", show=False),
    # The list's story rows are a tree: the arrow keys (as in most terminal programs)
    # or l/h open and fold them. h is the highlight key too: the highlight action folds
    # an open story when the list has the focus (one binding per key: Textual's keymap
    # drops every binding of a key when one of them is rebound).
    Binding("right,l", "story_expand", "Expand the story row", id="story-expand", show=False),
    Binding("left", "story_collapse", "Fold the story row", id="story-collapse", show=False),
    Binding(
        "h",
        "highlight",
        "Highlight (again: remove); in the list: fold a story",
        id="highlight",
        show=False,
    ),
    Binding(
        "c", "note", "Note: write or edit (highlight's, else article's)", id="note", show=False
    ),
    Binding("E", "note_in_editor", "Note in $EDITOR", id="note-in-editor", show=False),
    Binding("y", "copy_quote", "Copy quote", id="copy-quote", show=False),
    Binding("i", "toggle_speaker_index", "Quotes by speaker", id="speaker-index", show=False),
    Binding("C", "story", "Compare the story's outlets", id="story", show=False),
    Binding("f5", "refresh_feeds", "Refresh feeds", id="refresh-feeds", show=False),
]

#: The app's own keys: they work on every screen without a binding of its own for them.
APP_BINDINGS: list[Binding] = [
    Binding("question_mark", "help", "Help", id="help"),
    Binding("ctrl+p", "command_palette", "Commands", id="command-palette", priority=True),
    Binding("q", "quit", "Quit", id="quit"),
]

#: Every binding of the main screen, in the order the help screen lists them.
MAIN_SCREEN_BINDINGS: list[Binding] = [*PANE_MOVES, OPEN, *READER_BINDINGS, *APP_BINDINGS]


def view_bindings(views: Iterable[ViewConfig]) -> list[Binding]:
    """One reader-screen binding per view with a key (``view-inbox`` rebinds the Inbox's)."""
    return [
        Binding(
            view.key,
            f"view({number})",
            f"View: {view.name}",
            show=False,
            id=view_binding_id(view.name),
        )
        for number, view in enumerate(views)
        if view.key
    ]

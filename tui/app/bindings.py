"""Every key of the main screen, each with an id so a keymap (``App.set_keymap``) rebinds it.

One list, read by the app (``BINDINGS``), the help screen, the command palette and the
config check (:mod:`tui.app.binding_catalog`). Keys are in Textual's long form
(``question_mark``, ``slash``) so they compare equal to what a keymap says.
"""

from __future__ import annotations

from textual.binding import Binding

APP_BINDINGS: list[Binding] = [
    Binding("j,down", "cursor_down", "Next row / paragraph", id="cursor-down", show=False),
    Binding("k,up", "cursor_up", "Previous row / paragraph", id="cursor-up", show=False),
    Binding("pagedown,space", "page_down", "Page down", id="page-down", show=False),
    Binding("pageup", "page_up", "Page up", id="page-up", show=False),
    Binding("g,home", "go_top", "First row / top", id="top", show=False),
    Binding("G,end", "go_bottom", "Last row / bottom", id="bottom", show=False),
    Binding("enter", "open", "Open article / go to quote", id="open", show=False),
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
    Binding(
        "h",
        "highlight",
        "Highlight quote/sentence/paragraph (again: remove)",
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
    Binding("question_mark", "help", "Help", id="help"),
    Binding("ctrl+p", "command_palette", "Commands", id="command-palette", priority=True),
    Binding("q", "quit", "Quit", id="quit"),
]

"""The app's key bindings as plain data, for the config check (keymap ids and clashes).

``tui.config`` must not import Textual, so the app hands its bindings over as
:class:`tui.config.bindings.BindingInfo` rows: every ``Binding`` of the main screen
(its panes', the reader screen's and the app's, under the one scope ``app``: they share
one set of keys), of the search pane and of the dialogs, plus one per view key.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.config.bindings import BindingInfo
    from tui.config.model import Config


#: The modules that declare the bindings :func:`binding_catalog` reads (relative to
#: ``tui/app``): a binding id renamed is an edit to one of them.
BINDING_MODULES = (
    "bindings.py",
    "screens/help.py",
    "screens/note_editor.py",
    "screens/prompt.py",
    "screens/story.py",
    "widgets/search_pane.py",
)


def binding_sources() -> list[Path]:
    """The files that declare the binding ids, found without importing them (Textual's
    widgets and the dialogs cost ~30 ms of CPU to import, before the first frame): the
    config cache is keyed on them, so a keymap checked against one set of binding ids
    is checked again when a newer Newsdesk renames one (its version unchanged or not)."""
    here = Path(__file__).parent
    return [here / name for name in BINDING_MODULES]


def binding_catalog(config: Config | None = None) -> list[BindingInfo]:
    """Every binding id the keymap may name, with its default keys and scope."""
    from textual.binding import Binding

    from tui.app.bindings import APP_BINDINGS, MAIN_SCREEN_BINDINGS, view_bindings
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.note_editor import NoteEditor
    from tui.app.screens.prompt import ConfirmScreen, PromptScreen
    from tui.app.screens.story import story_bindings
    from tui.app.widgets.search_pane import SearchPane
    from tui.config.bindings import BindingInfo

    main = [*MAIN_SCREEN_BINDINGS, *view_bindings(config.views if config else ())]
    rows = [
        BindingInfo(
            b.id, b.key, b.action, "app", b.description, everywhere=b.priority and b in APP_BINDINGS
        )
        for b in main
    ]
    scopes = [
        (scope.__name__, scope.BINDINGS)
        for scope in (SearchPane, HelpScreen, NoteEditor, PromptScreen, ConfirmScreen)
    ]
    scopes.append(("StoryScreen", story_bindings()))  # its lines' keys and its own: one set
    for name, bindings in scopes:
        for binding in bindings:
            assert isinstance(binding, Binding)  # ours all are: each has an id for keymaps
            rows.append(
                BindingInfo(binding.id, binding.key, binding.action, name, binding.description)
            )
    return rows

"""The app's key bindings as plain data, for the config check (keymap ids and clashes).

``tui.config`` must not import Textual, so the app hands its bindings over as
:class:`tui.config.bindings.BindingInfo` rows: every ``Binding`` of the main screen
(its panes', the reader screen's and the app's, under the one scope ``app``: they share
one set of keys), of the search pane and of the dialogs, plus one per view key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.config.bindings import BindingInfo
    from tui.config.model import Config


def binding_catalog(config: Config | None = None) -> list[BindingInfo]:
    """Every binding id the keymap may name, with its default keys and scope."""
    from textual.binding import Binding

    from tui.app.bindings import MAIN_SCREEN_BINDINGS, view_bindings
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.note_editor import NoteEditor
    from tui.app.screens.prompt import ConfirmScreen, PromptScreen
    from tui.app.screens.story import StoryScreen
    from tui.app.widgets.search_pane import SearchPane
    from tui.config.bindings import BindingInfo

    main = [*MAIN_SCREEN_BINDINGS, *view_bindings(config.views if config else ())]
    rows = [BindingInfo(b.id, b.key, b.action, "app", b.description) for b in main]
    for scope in (SearchPane, HelpScreen, NoteEditor, PromptScreen, ConfirmScreen, StoryScreen):
        for binding in scope.BINDINGS:
            assert isinstance(binding, Binding)  # ours all are: each has an id for keymaps
            rows.append(
                BindingInfo(
                    binding.id, binding.key, binding.action, scope.__name__, binding.description
                )
            )
    return rows

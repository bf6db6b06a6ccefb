"""The app's key bindings as plain data, for the config check (keymap ids and clashes).

``tui.config`` must not import Textual, so the app hands its bindings over as
:class:`tui.config.bindings.BindingInfo` rows: every ``Binding`` of the main screen's
app-level map, of the panes, and of the dialogs, plus one per view key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app imports this module at start-up for view_binding_id alone
    from tui.config.bindings import BindingInfo
    from tui.config.model import Config, ViewConfig


def view_binding_id(view: ViewConfig) -> str:
    """``view-inbox`` for the view named "Inbox": the id to rebind a view's key."""
    slug = "-".join(view.name.lower().split())
    return f"view-{slug}"


def binding_catalog(config: Config | None = None) -> list[BindingInfo]:
    """Every binding id the keymap may name, with its default keys and scope."""
    from textual.binding import Binding

    from tui.app.bindings import APP_BINDINGS
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.note_editor import NoteEditor
    from tui.app.screens.prompt import ConfirmScreen, PromptScreen
    from tui.app.screens.story import StoryScreen
    from tui.app.widgets.search_pane import SearchPane
    from tui.config.bindings import BindingInfo

    rows = [BindingInfo(b.id, b.key, b.action, "app", b.description) for b in APP_BINDINGS]
    for scope in (SearchPane, HelpScreen, NoteEditor, PromptScreen, ConfirmScreen, StoryScreen):
        for binding in scope.BINDINGS:
            assert isinstance(binding, Binding)  # ours all are: each has an id for keymaps
            rows.append(
                BindingInfo(
                    binding.id, binding.key, binding.action, scope.__name__, binding.description
                )
            )
    if config is not None:
        for number, view in enumerate(config.views):
            if view.key:
                rows.append(
                    BindingInfo(
                        view_binding_id(view), view.key, f"view({number})", "app", view.name
                    )
                )
    return rows

"""The app's key bindings as data, so the config can be checked against them.

The app's ``Binding`` declarations are the one list of binding ids: the app side
(``tui.app.binding_catalog``) reads them into :class:`BindingInfo` rows and hands them
to :func:`tui.config.loader.load_config`. This module only compares keys; it never
imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.config.keys import normalize_key, split_keys


@dataclass(frozen=True, slots=True)
class BindingInfo:
    """One binding in one scope (the widget, screen or app class whose keys it is)."""

    id: str | None
    keys: str
    action: str
    scope: str
    description: str = ""
    #: An app-wide priority binding (the palette's ctrl+p): it takes its key first on
    #: every screen and dialog, so a key the keymap gives it and a binding of another
    #: scope too is one key for two bindings (:func:`shadowed`). (The app's other keys,
    #: ? and q, do not reach a dialog at all: Textual stops at a modal screen's keys.)
    everywhere: bool = False

    @property
    def label(self) -> str:
        return self.id or self.action


#: Actions of the bindings the app makes for view keys (``view(<number>)``).
VIEW_ACTION_PREFIX = "view("


def view_binding_id(name: str) -> str:
    """``view-inbox`` for the view named "Inbox": the keymap id of a view's key.

    The app names its view-key bindings the same way (``tui.app.binding_catalog``).
    """
    return "view-" + "-".join(name.lower().split())


def view_bindings(views: Iterable[tuple[str, str | None]]) -> list[BindingInfo]:
    """The app-level bindings the app makes for ``(name, key)`` views with a key."""
    return [
        BindingInfo(view_binding_id(name), key, f"{VIEW_ACTION_PREFIX}{number})", "app", name)
        for number, (name, key) in enumerate(views)
        if key
    ]


def effective_keys(binding: BindingInfo, keymap: Mapping[str, str]) -> list[str]:
    """The binding's keys once the keymap is applied, in Textual's long form."""
    keys = keymap.get(binding.id, binding.keys) if binding.id else binding.keys
    return [normalize_key(key) for key in split_keys(keys) if key]


@dataclass(frozen=True, slots=True)
class Clash:
    key: str
    scope: str
    bindings: tuple[BindingInfo, ...]


def clashes(bindings: Iterable[BindingInfo], keymap: Mapping[str, str]) -> list[Clash]:
    """Keys bound twice in one scope where the keymap caused it (defaults are the app's job)."""
    by_scope_key: dict[tuple[str, str], list[BindingInfo]] = {}
    for binding in bindings:
        for key in effective_keys(binding, keymap):
            rows = by_scope_key.setdefault((binding.scope, key), [])
            if all(row.label != binding.label for row in rows):
                rows.append(binding)
    found = []
    for (scope, key), rows in by_scope_key.items():
        if len(rows) > 1 and any(row.id in keymap for row in rows):
            found.append(Clash(key=key, scope=scope, bindings=tuple(rows)))
    return found


def shadowed(bindings: Iterable[BindingInfo], keymap: Mapping[str, str]) -> list[Clash]:
    """Keys the keymap gives both an app-wide priority binding (``everywhere``) and one
    of a dialog or pane (a scope other than the main screen's ``app``): there the
    dialog's never runs, the app's takes the key first.

    Only pairs the keymap made: the defaults share keys on purpose (``q`` closes the
    story screen and the help rather than quitting)."""
    everywhere = [b for b in bindings if b.everywhere]
    found = []
    for binding in bindings:
        if binding.scope == "app" or binding.everywhere:
            continue
        for key in effective_keys(binding, keymap):
            for app_wide in everywhere:
                if key not in effective_keys(app_wide, keymap):
                    continue
                if binding.id not in keymap and app_wide.id not in keymap:
                    continue
                if key in effective_keys(binding, {}) and key in effective_keys(app_wide, {}):
                    continue  # as the app ships
                found.append(Clash(key=key, scope=binding.scope, bindings=(binding, app_wide)))
    return found


def bound_to(
    bindings: Iterable[BindingInfo], keymap: Mapping[str, str], key: str
) -> list[BindingInfo]:
    """The bindings (any scope) that ``key`` triggers once the keymap is applied."""
    wanted = normalize_key(key)
    found: list[BindingInfo] = []
    for binding in bindings:
        if wanted in effective_keys(binding, keymap) and all(
            row.label != binding.label for row in found
        ):
            found.append(binding)
    return found

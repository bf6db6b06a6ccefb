"""The config's checks across entries: two views on one name or key, a keymap entry or a
view key on a key another binding has.

They read the plain data (not the validated models), so a view with another error is
still checked: its clash is reported with that error, not after it is fixed. Each
problem is (path, message); the loader turns the path into ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.config.bindings import (
    VIEW_ACTION_PREFIX,
    BindingInfo,
    bound_to,
    shadowed,
    view_binding_id,
    view_bindings,
)
from tui.config.bindings import clashes as keymap_clashes
from tui.config.model import DEFAULT_VIEWS
from tui.config.nodes import Data, Loc
from tui.config.suggest import one_of, shown


def view_name(data: Data, index: int) -> str | None:
    """The name of the view at ``index`` as written, when it is text with something in it."""
    views = data.get("views") if isinstance(data, dict) else None
    view = views[index] if isinstance(views, list) and index < len(views) else None
    name = view.get("name") if isinstance(view, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def _view_keys(data: Data) -> list[tuple[int, str, str | None]]:
    """(index, name, key or None) of each view with a usable name, its key when usable."""
    from tui.config.schema import view_key_problem

    views = data.get("views") if isinstance(data, dict) else None
    found: list[tuple[int, str, str | None]] = []
    for index, view in enumerate(views if isinstance(views, list) else ()):
        name = view_name(data, index)
        if name is None or not isinstance(view, dict):
            continue
        written = view.get("key")
        key = written.strip() if isinstance(written, str) else ""
        found.append((index, name.strip(), key if key and not view_key_problem(key) else None))
    return found


def with_view_keys(bindings: Sequence[BindingInfo], data: Data) -> list[BindingInfo]:
    """The app binds each view's key (id ``view-<name>``): the config's views', else the
    default views'."""
    views = [(name, key) for _index, name, key in _view_keys(data)]
    if not views:
        views = [(view.name, view.key) for view in DEFAULT_VIEWS]
    others = [b for b in bindings if not b.action.startswith(VIEW_ACTION_PREFIX)]
    return others + view_bindings(views)


def views_twice(data: Data, line_of: Callable[[Loc], int]) -> list[tuple[Loc, str]]:
    """Two views with one name, or on one key."""
    found: list[tuple[Loc, str]] = []
    names: dict[str, int] = {}
    keys: dict[str, str] = {}
    for index, name, key in _view_keys(data):
        if name.casefold() in names:
            first = line_of(("views", names[name.casefold()]))
            found.append(
                (("views", index), f"view {shown(name)} is named twice (first on line {first})")
            )
            continue
        names[name.casefold()] = index
        if key is not None and key in keys:
            found.append(
                (
                    ("views", index, "key"),
                    f"key {shown(key)} of view {shown(name)} is already the key of view "
                    f"{shown(keys[key])}; expected a different key",
                )
            )
        elif key is not None:
            keys[key] = name
    return found


def clashes(data: Data, bindings: list[BindingInfo]) -> list[tuple[Loc, str]]:
    """Keys the keymap puts on a key another binding of the scope has, and view keys
    that another binding has."""
    from tui.config.schema import keys_of, keys_problems

    keymap: dict[str, str] = {}
    raw = data.get("keymap") if isinstance(data, dict) else None
    known = {b.id for b in bindings if b.id}
    for binding_id, value in (raw if isinstance(raw, dict) else {}).items():
        keys = keys_of(value)
        if binding_id in known and keys is not None and not keys_problems(keys):
            keymap[binding_id] = ",".join(keys)
    found: list[tuple[Loc, str]] = []
    for clash in keymap_clashes(bindings, keymap):
        names = [binding.label for binding in clash.bindings]
        culprit = next(b.id for b in clash.bindings if b.id in keymap)
        found.append(
            (
                ("keymap", str(culprit)),
                f"key {shown(clash.key)} is bound to both {one_of(names).replace(' or ', ' and ')} "
                f"in {clash.scope}; expected each key once per scope (change one of them)",
            )
        )
    for clash in shadowed(bindings, keymap):
        screen, app_wide = clash.bindings
        rebound = screen.id if screen.id in keymap else app_wide.id
        found.append(
            (
                ("keymap", str(rebound)),
                f"key {shown(clash.key)} is bound to both {shown(screen.label)} "
                f"({clash.scope}) and {shown(app_wide.label)} (every screen, first): in "
                f"{clash.scope} {shown(screen.label)} would never run; expected each key once "
                "(change one of them)",
            )
        )
    others = [b for b in bindings if not b.action.startswith(VIEW_ACTION_PREFIX)]
    seen: set[str] = set()
    for index, name, key in _view_keys(data):
        if key is None or view_binding_id(name) in keymap or key in seen:
            continue  # a keymap entry moves this view's key; clashes were checked above
        seen.add(key)
        # A binding moved onto this key by the keymap was reported as a clash above.
        taken = [b for b in bound_to(others, keymap, key) if b.id not in keymap]
        if taken:
            found.append(
                (
                    ("views", index, "key"),
                    f"key {shown(key)} of view {shown(name)} is also bound to "
                    f"{shown(taken[0].label)} ({taken[0].scope}); expected a key no binding "
                    f"uses, or rebind {shown(taken[0].label)} in 'keymap'",
                )
            )
    return found

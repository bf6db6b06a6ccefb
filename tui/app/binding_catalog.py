"""The app's key bindings, read from its classes, as data the config layer can check.

The ``Binding`` declarations in ``tui/app`` are the one list of binding ids: rather than
copy them into the config layer, this module walks the package, reads every widget,
screen and app class's ``BINDINGS`` (with those of its ``tui.app`` base classes) and
returns :class:`~tui.config.bindings.BindingInfo` rows. ``newsdesk config check`` and the
app both pass them to ``load_config(bindings=...)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from tui.config.bindings import BindingInfo

_PACKAGE = "tui.app"


def _as_binding(entry: object) -> Binding | None:
    if isinstance(entry, Binding):
        return entry
    if isinstance(entry, tuple) and len(entry) >= 2:
        return Binding(*entry)
    return None


def bindings_of(cls: type[DOMNode]) -> list[BindingInfo]:
    """Bindings active in ``cls``'s scope: its own, its bases' (not Textual's widgets')
    and, for an app, Textual's app bindings and the command palette key."""
    rows: list[BindingInfo] = []
    seen: set[tuple[str | None, str, str]] = set()
    for klass in cls.__mro__:
        own = klass.__dict__.get("BINDINGS")
        ours = not klass.__module__.startswith("textual.")
        if own is None or not (ours or klass is App):
            continue
        for entry in own:
            binding = _as_binding(entry)
            if binding is None or binding.system:
                continue
            key = (binding.id, binding.key, binding.action)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                BindingInfo(
                    id=binding.id,
                    keys=binding.key,
                    action=binding.action,
                    scope=cls.__name__,
                    description=binding.description,
                )
            )
    if issubclass(cls, App) and cls.ENABLE_COMMAND_PALETTE:
        palette = cls.COMMAND_PALETTE_BINDING
        if not any(row.action == "command_palette" for row in rows):
            rows.append(BindingInfo(None, palette, "command_palette", cls.__name__, "palette"))
    return rows


def app_classes() -> list[type[DOMNode]]:
    """Every DOM class (app, screens, widgets) defined in the ``tui.app`` package."""
    package = importlib.import_module(_PACKAGE)
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{_PACKAGE}."):
        importlib.import_module(info.name)
    found: dict[str, type[DOMNode]] = {}
    stack: list[type] = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith(_PACKAGE):
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def app_bindings(classes: Iterable[type[DOMNode]] | None = None) -> list[BindingInfo]:
    """Bindings of every class of the app (or of ``classes``), one row per scope."""
    rows: list[BindingInfo] = []
    for cls in app_classes() if classes is None else classes:
        rows.extend(bindings_of(cls))
    return rows

"""Component-class styles to lay over text a widget draws itself (Line API widgets)."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """The style of ``widget``'s component class ``name``, without its background unless
    it sets one, and with its colour resolved.

    ``get_component_rich_style(name, partial=True)`` leaves out what the class does not
    set (so the row or line underneath keeps its background), but it cannot blend a
    colour with alpha, such as ``$text-muted``: that comes out white, unreadable on a
    light theme (a background with alpha likewise). The full style has them blended
    against the widget's background.
    """
    partial = widget.get_component_rich_style(name, partial=True)
    if partial.color is None and partial.bgcolor is None:
        return partial
    full = widget.get_component_rich_style(name)
    return partial + Style(
        color=full.color if partial.color is not None else None,
        bgcolor=full.bgcolor if partial.bgcolor is not None else None,
    )

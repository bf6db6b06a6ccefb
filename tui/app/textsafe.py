"""Untrusted text made safe to show: never markup, never a raw control character.

Article text, titles, speaker names, tags and notes come from files and from users. They
are turned into Rich :class:`~rich.text.Text` objects here (plain strings, styled by
span), never parsed as markup, so ``[@click=app.quit]`` or ``[b]`` show as typed.
Control characters (ESC, BEL, C1 codes, bidi overrides...) are replaced one-for-one by
visible stand-ins (:func:`tui.terminal_safe.terminal_safe`, the one function every output
uses), so character offsets (spans) into the text stay valid and nothing reaches the
terminal as an escape sequence.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from tui.terminal_safe import terminal_safe

# A tab shows as one space, and a line break inside one paragraph, title or quote (prose
# hard-wrapped by its source) is a soft break: a space, and the pane wraps the text to its
# width. Everything else (controls, C1 codes, bidi overrides) is the core's job.
_SOFT = {0x09: " ", 0x0A: " "}


def visible(text: str | None) -> str:
    """``text`` with every control and bidi control replaced by one visible character."""
    if not text:
        return ""
    # ``str.replace`` runs in C; a translate with ``_SOFT`` looks up every character.
    return terminal_safe(text.replace("\t", _SOFT[0x09]).replace("\n", _SOFT[0x0A]))


def plain(text: str | None, style: Style | str = "") -> Text:
    """A Text holding ``text`` literally (no markup, no emoji codes, controls made visible)."""
    return Text(visible(text), style=style, end="", no_wrap=True)

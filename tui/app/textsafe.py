"""Untrusted text made safe to show: never markup, never a raw control character.

Article text, titles, speaker names, tags and notes come from files and from users. They
are turned into Rich :class:`~rich.text.Text` objects here (plain strings, styled by
span), never parsed as markup, so ``[@click=app.quit]`` or ``[b]`` show as typed.
Control characters (ESC, BEL, C1 codes...) are replaced one-for-one by visible stand-ins,
so character offsets (spans) into the text stay valid and nothing reaches the terminal
as an escape sequence.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20)}  # U+2400..: ␀ ␁ ... ␛ ...
_VISIBLE[0x7F] = "\u2421"  # ␡
_VISIBLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls: �
_VISIBLE[0x09] = " "  # a tab shows as one space (keeps offsets)
# A line break inside one paragraph, title or quote (prose hard-wrapped by its source)
# is a soft break: a space, and the pane wraps the text to its width (keeps offsets).
_VISIBLE[0x0A] = " "


def visible(text: str | None) -> str:
    """``text`` with every control character replaced by a single visible character."""
    if not text:
        return ""
    return text.translate(_VISIBLE)


def plain(text: str | None, style: Style | str = "") -> Text:
    """A Text holding ``text`` literally (no markup, no emoji codes, controls made visible)."""
    return Text(visible(text), style=style, end="", no_wrap=True)

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
#
# Emoji that terminals draw at another width than Rich counts them leave a line shorter
# or longer than the pane: stale cells after it, or the border pushed over. Rich counts
# ``✔️`` (a text symbol asking for emoji presentation, U+FE0F) as 2 cells, tmux, xterm
# and VTE draw 1: it asks for text presentation (U+FE0E) instead, 1 cell everywhere.
# Rich counts ``👍🏽`` (a skin tone modifier after an emoji) as 2 cells, tmux draws 4:
# the modifier becomes a zero-width space, the emoji alone is 2 cells everywhere.
# One character for one: offsets into the text stay right.
_REPLACED = {
    "\t": " ",
    "\n": " ",
    "\ufe0f": "\ufe0e",
    **{chr(code): "\u200b" for code in range(0x1F3FB, 0x1F400)},
}


def visible(text: str | None) -> str:
    """``text`` with every control and bidi control replaced by one visible character,
    and the emoji terminals disagree on drawn as Rich counts them (see ``_REPLACED``)."""
    if not text:
        return ""
    # ``in`` and ``str.replace`` run in C (and ``in`` answers at once for a character
    # wider than any in the text); a translate looks up every character.
    for old, new in _REPLACED.items():
        if old in text:
            text = text.replace(old, new)
    return terminal_safe(text)


def plain(text: str | None, style: Style | str = "") -> Text:
    """A Text holding ``text`` literally (no markup, no emoji codes, controls made visible)."""
    return Text(visible(text), style=style, end="", no_wrap=True)

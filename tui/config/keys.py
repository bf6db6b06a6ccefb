"""Key names as Textual spells them, checked without importing Textual.

Textual writes a printable key either as the character (``r``, ``?``) or as its name
(``question_mark``); :func:`normalize_key` maps both to the name, as Textual's keymap
does, so ``?`` and ``question_mark`` are recognised as the same key when looking for
conflicts.
"""

from __future__ import annotations

import unicodedata

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")

#: Named keys (besides printable characters and their Unicode names).
NAMED_KEYS = (
    "enter",
    "tab",
    "escape",
    "space",
    "backspace",
    "delete",
    "insert",
    "home",
    "end",
    "pageup",
    "pagedown",
    "up",
    "down",
    "left",
    "right",
    *(f"f{number}" for number in range(1, 25)),
)

#: Textual shortens a few Unicode names (``solidus`` -> ``slash``).
_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_UNREPLACED = {short: long for long, short in _REPLACEMENTS.items()}
_ALIASES = {"esc": "escape", "return": "enter", "pgup": "pageup", "pgdn": "pagedown"}


def character_key(character: str) -> str:
    """The key name Textual uses for one typed character (``?`` -> ``question_mark``)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _REPLACEMENTS.get(name, name)


def normalize_key(key: str) -> str:
    """One key in Textual's long form: ``?`` -> ``question_mark``, ``Ctrl+R`` -> ``ctrl+r``,
    ``F6`` -> ``f6``, ``Esc`` -> ``escape``.

    Textual matches a keymap's keys as written (it only names single characters), and
    its key events are lower case: ``F6`` or ``Ctrl+S`` in a keymap never fired. A letter
    after ``ctrl`` is lower-cased too: a terminal sends ctrl+S and ctrl+s as one byte.
    """
    key = key.strip()
    if len(key) == 1:
        return character_key(key)
    modifiers, base = _parts(key)
    lowered = [modifier.lower() for modifier in modifiers]
    if len(base) > 1 or ("ctrl" in lowered and base.isascii() and base.isalpha()):
        base = base.lower()
    base = character_key(base) if len(base) == 1 else _ALIASES.get(base, base)
    return "+".join([*lowered, base])


def split_keys(keys: str) -> list[str]:
    """The keys of a comma-separated list (Textual's binding format); ``,`` alone is a comma."""
    if keys.strip() == ",":
        return [","]
    return [part.strip() for part in keys.split(",")]


def key_problem(key: str) -> tuple[str, str | None] | None:
    """None for a key Textual understands, else (what is wrong, suggestion or None)."""
    from tui.config.suggest import closest, shown

    if not key:
        return "empty key", None
    if len(key) == 1:
        return None
    modifiers, base = _parts(key)
    for modifier in modifiers:
        if modifier.lower() not in MODIFIERS:
            return f"unknown modifier {shown(modifier)}", closest(modifier.lower(), MODIFIERS)
    if not base:
        return "missing key after '+'", None
    if len(base) == 1 or _is_key_name(base.lower()):
        return None
    return f"unknown key name {shown(base)}", closest(base.lower(), (*NAMED_KEYS, *_ALIASES))


def _parts(key: str) -> tuple[list[str], str]:
    """``ctrl+shift+x`` -> (["ctrl", "shift"], "x"); ``ctrl++`` -> (["ctrl"], "+")."""
    if key.endswith("++"):
        return key[:-2].split("+"), "+"
    *modifiers, base = key.split("+")
    return modifiers, base


def _is_key_name(name: str) -> bool:
    if name in NAMED_KEYS or name in _ALIASES:
        return True
    unicode_name = _UNREPLACED.get(name, name).upper().replace("_", " ")
    for candidate in (unicode_name, unicode_name.replace(" MINUS", "-MINUS")):
        try:
            unicodedata.lookup(candidate)
        except KeyError:
            continue
        return True
    return False

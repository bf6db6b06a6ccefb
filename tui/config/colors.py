"""Colour and text-style words a theme file may use, checked without importing Textual.

The vocabulary is Textual's (``Color.parse`` and TCSS ``text-style``); a test keeps the
two in step, so a theme that passes here also parses in the app.
"""

from __future__ import annotations

import re

_CSS_NAMES = """
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
steelblue tan teal thistle tomato transparent turquoise violet wheat white whitesmoke
yellow yellowgreen
"""
_HUES = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
ANSI_NAMES = (
    *(f"ansi_{bright}{hue}" for bright in ("", "bright_") for hue in _HUES),
    "ansi_default",
)
COLOR_NAMES: frozenset[str] = frozenset(_CSS_NAMES.split()) | frozenset(ANSI_NAMES)

#: TCSS ``text-style`` flags (``none`` clears them).
STYLE_FLAGS = ("bold", "dim", "italic", "underline", "reverse", "strike", "none")

#: Every flag TCSS accepts in a ``*-text-style`` variable.
TCSS_STYLE_FLAGS = frozenset(
    {"b", "blink", "bold", "dim", "i", "italic", "none", "not", "o", "overline", "reverse"}
    | {"strike", "u", "underline", "uu"}
)

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_FUNCTION = re.compile(r"(?:rgb|rgba|hsl|hsla)\(\s*[-0-9.%]+(?:\s*,\s*[-0-9.%]+){2,3}\s*\)")
#: A role's words: colour functions may hold spaces, so they are one token.
ROLE_TOKENS = re.compile(r"(?:rgba?|hsla?)\([^)]*\)|\S+")


def variable_problem(name: str, value: str) -> str | None:
    """None if ``value`` suits the theme variable ``name``, else what was expected.

    Variables named ``*-style`` take text-style flags; the rest a colour, optionally
    followed by an opacity such as ``50%``.
    """
    words = value.split()
    if name.endswith("style"):
        if words and all(word in TCSS_STYLE_FLAGS for word in words):
            return None
        return "expected text-style flags such as 'bold underline' or 'none'"
    opacity_ok = len(words) == 1 or (len(words) == 2 and re.fullmatch(r"\d{1,3}%", words[1]))
    if words and is_color(words[0]) and opacity_ok:
        return None
    return "expected a colour like '#1e90ff' or 'ansi_blue', optionally with an opacity ('50%')"


def is_color(word: str) -> bool:
    """True for ``#rgb``, ``#rrggbb(aa)``, ``rgb(...)``/``hsl(...)``, CSS or ``ansi_`` names."""
    return bool(
        word.lower() in COLOR_NAMES or _HEX.fullmatch(word) or _FUNCTION.fullmatch(word.lower())
    )

"""The one function that makes untrusted text safe to show on a terminal.

File names, notes, tags, config values and article text all come from outside. Printed
raw, a name like ``evil\\x1b]0;PWNED\\x07.txt`` retitles the terminal, ``\\x1b]52;c;…``
writes the clipboard, and a right-to-left override (U+202E) makes ``txt.exe`` read as
``exe.txt``. :func:`terminal_safe` replaces every such character by one visible
stand-in, one character for one, so offsets into the text stay valid (the app relies on
that) and applying it twice changes nothing:

- C0 controls (U+0000–U+001F) become their Control Pictures (``␀`` … ``␛`` …, ``␊`` for
  a line break unless ``keep_newlines``), DEL becomes ``␡``;
- C1 controls (U+0080–U+009F), bidi embeddings/overrides/isolates (U+202A–U+202E,
  U+2066–U+2069) and lone surrogates (undecodable bytes in a file name) become ``�``.

Every human-readable output uses it: the CLI's text formats and stderr messages (see
:class:`SafeLineStream`), the Markdown export and the app (``tui.app.textsafe``).
JSON output does not: it is exact. :func:`json_text` writes it, escaping as ``\\uXXXX``
what ``json.dumps(..., ensure_ascii=False)`` leaves raw and a terminal would obey (C1
controls such as U+009B, an 8-bit CSI; DEL; bidi controls; lone surrogates): the JSON
reads back the same, and ``jq`` or ``cat`` of it cannot move the cursor.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterator
from typing import TextIO

#: The stand-in for a character that has no picture of its own.
REPLACEMENT = "\ufffd"

#: Bidi embeddings, overrides and isolates: shown, never obeyed.
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))

_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
_TABLE.update({code: REPLACEMENT for code in BIDI_CONTROLS})
_TABLE.update({code: REPLACEMENT for code in range(0xD800, 0xE000)})  # lone surrogates

_TABLE_KEEPING_NEWLINES = {**_TABLE}
del _TABLE_KEEPING_NEWLINES[0x0A]

# The characters each table replaces, as a pattern: ``str.translate`` with a dict looks
# every character up (8 s for a 47 MB article), a search runs in C (0.3 s), so text is
# translated only in the chunks that hold something to replace.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEPING_NEWLINES = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_CHUNK = 1 << 16


def terminal_safe(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` (``str()`` of it) with every control, bidi control and lone surrogate
    replaced one-for-one by a visible character; ``keep_newlines`` leaves ``\\n`` alone."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    unsafe = _UNSAFE_KEEPING_NEWLINES if keep_newlines else _UNSAFE
    found = unsafe.search(text)
    if found is None:
        return text
    table = _TABLE_KEEPING_NEWLINES if keep_newlines else _TABLE
    if len(text) <= _CHUNK:
        return text.translate(table)
    start = found.start() - found.start() % _CHUNK
    parts = [text[:start]]
    for at in range(start, len(text), _CHUNK):
        chunk = text[at : at + _CHUNK]
        parts.append(chunk.translate(table) if unsafe.search(chunk) else chunk)
    return "".join(parts)


# What json.dumps(ensure_ascii=False) leaves raw that a terminal would obey (it escapes
# C0 itself); U+2028/2029 too, which some JSON readers take for line ends.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(value: object, *, indent: int | None = None) -> str:
    """``value`` as JSON (UTF-8 text kept readable, ``ensure_ascii=False``) with every
    character a terminal would obey escaped as ``\\uXXXX``: exact, and safe to print."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _JSON_RAW.search(text) is None:
        return text
    return _JSON_RAW.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def is_terminal_safe(text: str, *, keep_newlines: bool = False) -> bool:
    """Whether ``text`` holds nothing :func:`terminal_safe` would replace."""
    return terminal_safe(text, keep_newlines=keep_newlines) == text


def raw_stream(stream: TextIO) -> TextIO:
    """The stream beneath a :class:`SafeLineStream` (``stream`` itself otherwise): for a
    progress line's own cursor controls, which the safe stream would show as ``␛[K``."""
    return getattr(stream, "raw", stream)


class SafeLineStream:
    """A text stream that passes every write through :func:`terminal_safe`, keeping
    line breaks: installed as ``sys.stderr`` by the CLI, so no message (whoever wrote
    it) can carry an escape sequence from a file name or a config value to the terminal.

    ``raw`` is the wrapped stream, for the progress line's own cursor controls.
    """

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(terminal_safe(text, keep_newlines=True))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def __getattr__(self, name: str) -> object:
        return getattr(self.raw, name)


@contextlib.contextmanager
def safe_stream(name: str) -> Iterator[None]:
    """``sys.stdout`` or ``sys.stderr`` (``name``) through a :class:`SafeLineStream`
    while the block runs."""
    raw = getattr(sys, name)
    setattr(sys, name, SafeLineStream(raw))
    try:
        yield
    finally:
        setattr(sys, name, raw)

"""Did-you-mean hints for misspelt keys and values (rapidfuzz), and values echoed short.

A config value echoed in an error message is the user's own text, possibly a whole
file of it (a 900 KB theme name): :func:`shown` quotes it cut to :data:`ECHO_LIMIT`
characters, so every message stays one readable line.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Below this similarity (0-100) a suggestion would confuse more than help.
_CUTOFF = 60.0
#: Characters of a user's value echoed in a message; the rest becomes ``…``.
ECHO_LIMIT = 60


def cut(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` itself, or its first ``limit`` characters, ``…`` and how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def shown(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value quoted for a message, as ``repr`` does (control characters escaped), cut.

    ``'abc'`` for short text; ``'aaaa…' (900,000 characters)`` for runaway text.
    """
    text = str(value)
    if len(text) <= limit:
        return repr(text) if isinstance(value, str) else text
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice ``value`` most likely meant, or None when nothing is close."""
    from rapidfuzz import fuzz, process

    options = [choice for choice in choices if choice]
    if not value or not options or len(value) > 4 * max(map(len, options)):
        return None  # nothing is close to a runaway value
    lowered = {choice.lower(): choice for choice in options}
    if value.lower() in lowered:  # only the case differs
        return lowered[value.lower()]
    found = process.extractOne(value, options, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    return found[0] if found else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, else an empty string."""
    match = closest(value, choices)
    return f"; did you mean {shown(match)}?" if match else ""


def one_of(choices: Iterable[str]) -> str:
    """``'a', 'b' or 'c'`` for messages that list what was expected."""
    quoted = [shown(choice) for choice in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]

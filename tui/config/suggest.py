"""Did-you-mean hints for misspelt keys and values (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Iterable

#: Below this similarity (0-100) a suggestion would confuse more than help.
_CUTOFF = 60.0


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice ``value`` most likely meant, or None when nothing is close."""
    from rapidfuzz import fuzz, process

    options = [choice for choice in choices if choice]
    if not value or not options:
        return None
    lowered = {choice.lower(): choice for choice in options}
    if value.lower() in lowered:  # only the case differs
        return lowered[value.lower()]
    found = process.extractOne(value, options, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    return found[0] if found else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, else an empty string."""
    match = closest(value, choices)
    return f"; did you mean {match!r}?" if match else ""


def one_of(choices: Iterable[str]) -> str:
    """``'a', 'b' or 'c'`` for messages that list what was expected."""
    quoted = [repr(choice) for choice in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]

"""The query language: text -> a small AST, with errors that point at a character.

Grammar (fzf-style; see the README for the user reference)::

    query  := group*                 groups side by side must all match (AND)
    group  := item ('|' item)*       any of the items matches (OR)
    item   := '!'? (field ':')? value
    value  := '"' phrase '"' | "'" word | '^' word | word '$' | '^' word '$' | word

Free words are fuzzy (typo tolerant and prefix matching); ``'word`` and ``^word$`` are
exact, ``^pre`` a word prefix, ``fix$`` a word suffix, ``!x`` excludes. Fields:
``title: speaker: quote: source:`` restrict where text matches; ``tag: is: has: date:``
are filters on the article's state, ``feed:`` on the feed it came from; ``story:12``,
``is:grouped`` (in a story of two articles or more) and ``outlets:>2`` (in a story from
more than two outlets) filter by story (:mod:`tui.store.stories`). Nothing here compiles
user text into a regular expression, so metacharacters are plain characters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from tui.search.tokens import tokens
from tui.terminal_safe import terminal_safe

#: Longer queries are refused (a person types far less; this bounds the work).
MAX_QUERY_CHARS = 2000
#: More terms than this are refused for the same reason.
MAX_TERMS = 40

TEXT_FIELDS = ("title", "speaker", "quote", "source")
FILTER_FIELDS = ("tag", "is", "has", "date", "story", "outlets", "feed")
FIELDS = TEXT_FIELDS + FILTER_FIELDS
IS_VALUES = ("unread", "read", "starred", "archived", "marked", "brief", "truncated", "grouped")
HAS_VALUES = ("note", "highlight", "quote", "orphan")


class QueryError(ValueError):
    """A query that cannot be parsed; ``position`` is the 0-based character at fault."""

    def __init__(self, message: str, position: int, query: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.query = query

    def caret(self) -> str:
        """The query with a caret under the faulty character, then the message; both
        terminal-safe (one character for one, so the caret stays under its character, and
        a line break typed in the query cannot push it off)."""
        shown = self.query
        pos = self.position
        if len(shown) > 120:  # show a window around the fault
            start = max(0, pos - 60)
            shown = shown[start : start + 120]
            pos -= start
        return f"{terminal_safe(shown)}\n{' ' * pos}^\n{terminal_safe(self.message)}"


class Match(StrEnum):
    FUZZY = "fuzzy"  # typo tolerant, also matches as a word prefix
    EXACT = "exact"  # the whole word, as typed
    PREFIX = "prefix"  # words starting with it
    SUFFIX = "suffix"  # words ending with it
    PHRASE = "phrase"  # the words in this order


@dataclass(frozen=True, slots=True)
class Term:
    """Text to find. ``field`` None means anywhere (title, body, quotes)."""

    text: str
    words: tuple[str, ...]  # normalised terms of ``text``
    match: Match
    field: str | None = None
    negated: bool = False
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Filter:
    """A condition on the article's state: ``tag``, ``is``, ``has`` or ``date``.

    For dates, ``date_from`` (inclusive) and ``date_to`` (exclusive) are ISO days.
    """

    field: str
    value: str
    negated: bool = False
    date_from: str | None = None
    date_to: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Term | Filter, ...]


Node = Term | Filter | AnyOf


@dataclass(frozen=True, slots=True)
class Query:
    """All groups must match. No groups: everything matches."""

    groups: tuple[Node, ...]
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def leaves(self) -> list[Term | Filter]:
        out: list[Term | Filter] = []
        for group in self.groups:
            out.extend(group.items if isinstance(group, AnyOf) else (group,))
        return out


def _did_you_mean(word: str, choices: tuple[str, ...], suffix: str = "") -> str:
    from rapidfuzz import process  # only on the error path: keeps start-up lean

    best = process.extractOne(word.lower(), choices, score_cutoff=50)
    return f"; did you mean '{best[0]}{suffix}'?" if best else ""


_FIELD_RE = re.compile(r"([A-Za-z]+):")
_SEPARATORS = " \t\n|"
_RELATIVE_RE = re.compile(r"(\d{1,5})([dwmy])")
_DAY_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class _Parser:
    def __init__(self, text: str, today: dt.date | None) -> None:
        self.text = text
        self.pos = 0
        self.today = today or dt.date.today()
        self.count = 0

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, position, self.text)

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def parse(self) -> Query:
        groups: list[Node] = []
        while True:
            self.skip_space()
            if self.pos >= len(self.text):
                break
            if self.text[self.pos] == "|":
                raise self.error("'|' (or) needs a term before it", self.pos)
            items = [self.item()]
            while True:
                self.skip_space()
                if self.pos < len(self.text) and self.text[self.pos] == "|":
                    bar = self.pos
                    self.pos += 1
                    self.skip_space()
                    if self.pos >= len(self.text) or self.text[self.pos] == "|":
                        raise self.error("'|' (or) needs a term after it", bar)
                    items.append(self.item())
                else:
                    break
            groups.append(items[0] if len(items) == 1 else AnyOf(tuple(items)))
        return Query(tuple(groups), self.text)

    def item(self) -> Term | Filter:
        start = self.pos
        self.count += 1
        if self.count > MAX_TERMS:
            raise self.error(f"too many terms (at most {MAX_TERMS})", start)
        negated = False
        if self.text[self.pos] == "!":
            negated = True
            self.pos += 1
        field: str | None = None
        match = _FIELD_RE.match(self.text, self.pos)
        if match:
            name = match.group(1).lower()
            if name not in FIELDS:
                hint = _did_you_mean(name, FIELDS, ":")
                raise self.error(
                    f"unknown field '{match.group(1)}:'{hint} "
                    f"(fields: {', '.join(f + ':' for f in FIELDS)}; "
                    'put text in "quotes" to search for it as typed)',
                    self.pos,
                )
            field = name
            self.pos = match.end()
        value_start = self.pos
        if self.pos < len(self.text) and self.text[self.pos] == '"':
            value, quoted = self.quoted(), True
        else:
            end = self.pos
            while end < len(self.text) and self.text[end] not in _SEPARATORS:
                end += 1
            value, quoted = self.text[self.pos : end], False
            self.pos = end
        if not value.strip():
            what = f"'{field}:'" if field else "'!'"
            raise self.error(f"{what} needs a value after it", value_start)
        if field in FILTER_FIELDS:
            return self.filter(field, value, negated, start, value_start)
        return self.term(value, quoted, field, negated, start, value_start)

    def quoted(self) -> str:
        opening = self.pos
        close = self.text.find('"', opening + 1)
        if close < 0:
            raise self.error(
                'unclosed quote: add a closing " (or remove this one)',
                opening,
            )
        self.pos = close + 1
        if self.pos < len(self.text) and self.text[self.pos] not in _SEPARATORS:
            raise self.error("put a space after a closing quote", self.pos)
        return self.text[opening + 1 : close]

    def term(
        self, value: str, quoted: bool, field: str | None, negated: bool, start: int, vstart: int
    ) -> Term:
        if quoted:
            kind = Match.PHRASE
            core = value
        else:
            core = value
            prefix = core.startswith("^")
            exact = core.startswith("'")
            if prefix or exact:
                core = core[1:]
            suffix = core.endswith("$") and len(core) > 1
            if suffix:
                core = core[:-1]
            if (prefix and suffix) or exact:
                kind = Match.EXACT
            elif prefix:
                kind = Match.PREFIX
            elif suffix:
                kind = Match.SUFFIX
            else:
                kind = Match.EXACT if negated else Match.FUZZY  # fzf: !word is exact
        words = tuple(tokens(core))
        if not words:
            raise self.error(
                f"nothing to search for in '{value}': a search term needs a letter or digit",
                vstart,
            )
        if len(words) > 1 and kind is not Match.PHRASE:
            # `AT&T`, `e-mail`, `5.2`: several words typed as one: find them together.
            if kind is Match.FUZZY:
                kind = Match.PHRASE
            elif kind is Match.SUFFIX or kind is Match.PREFIX:
                pass  # the modifier applies to the word at that end
            else:
                kind = Match.PHRASE
        return Term(core, words, kind, field, negated, start, self.pos)

    def filter(self, field: str, value: str, negated: bool, start: int, vstart: int) -> Filter:
        if field in ("tag", "feed"):
            return Filter(field, value.casefold(), negated, start=start, end=self.pos)
        if field in ("story", "outlets"):  # story:12, outlets:>2 (tui.store.stories)
            pattern = r"\d+" if field == "story" else r"[<>]=?\d+|\d+"
            if not re.fullmatch(pattern, value):
                shape = "a story number (story:12)" if field == "story" else "a count (outlets:>2)"
                raise self.error(f"'{field}:{value}' is not known: {field}: takes {shape}", vstart)
            return Filter(field, value, negated, start=start, end=self.pos)
        if field in ("is", "has"):
            allowed = IS_VALUES if field == "is" else HAS_VALUES
            lowered = value.lower()
            if lowered not in allowed:
                hint = _did_you_mean(lowered, allowed)
                raise self.error(
                    f"'{field}:{value}' is not known{hint} ({field}: takes {'|'.join(allowed)})",
                    vstart,
                )
            return Filter(field, lowered, negated, start=start, end=self.pos)
        date_from, date_to = self.date_range(value, vstart)
        return Filter("date", value, negated, date_from, date_to, start, self.pos)

    def date_range(self, value: str, vstart: int) -> tuple[str | None, str | None]:
        op_match = re.match(r"[<>]=?", value)
        op = op_match.group(0) if op_match else ""
        rest = value[len(op) :]
        at = vstart + len(op)
        relative = _RELATIVE_RE.fullmatch(rest)
        if relative:
            amount, unit = int(relative.group(1)), relative.group(2)
            days = amount * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
            try:
                point = (self.today - dt.timedelta(days=days)).isoformat()
            except OverflowError:
                raise self.error(f"'{rest}' reaches too far back", at) from None
            # `<7d`: less than 7 days old; `>7d`: older than that. Bare `7d` = `<7d`.
            if op.startswith(">"):
                return None, point
            return point, None
        day = _DAY_RE.fullmatch(rest)
        if not day:
            raise self.error(
                f"'{rest or value}' is not a date: write 2024-01-31, 2024-01 or 2024, or an "
                "age like 7d, 2w, 3m, 1y, after < or >",
                at,
            )
        year = int(day.group(1))
        month, dom = (int(g) if g else None for g in day.groups()[1:])
        try:
            first = dt.date(year, month or 1, dom or 1)
            if dom:
                after = first + dt.timedelta(days=1)
            elif month:
                after = dt.date(year + (month == 12), month % 12 + 1, 1)
            else:
                after = dt.date(year + 1, 1, 1)
        except (ValueError, OverflowError):
            raise self.error(f"'{rest}' is not a real date", at) from None
        lo, hi = first.isoformat(), after.isoformat()
        return {
            "": (lo, hi),
            ">": (hi, None),
            ">=": (lo, None),
            "<": (None, lo),
            "<=": (None, hi),
        }[op]


def parse_query(text: str, *, today: dt.date | None = None) -> Query:
    """Parse ``text``; raise :class:`QueryError` with the faulty position.

    ``today`` anchors relative dates (``date:<7d``); it defaults to the current day.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})",
            MAX_QUERY_CHARS,
            text,
        )
    return _Parser(text, today).parse()

"""A hit's context: the paragraph, quote or title that best shows why the article matched.

Only the units of the articles on the result page are looked at, and a unit is only
run through the highlight pattern when it contains one of the matched terms as a plain
substring (a fast pre-check). A unit scores by how many different query terms it
matches (a term with a field counts only in units of that kind: ``title:`` in titles,
``quote:`` and ``speaker:`` in quotes), then by how many matches it has; paragraphs and
quotes win ties over the title, earlier over later.

A hit shows at most :data:`CONTEXT_CHARS` of its unit (:func:`shown_part`): a unit of
a megabyte article is a window's piece of its one paragraph (~110,000 characters),
which the search pane drew whole and ``search --format json`` printed whole.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, islice, repeat
from operator import itemgetter
from typing import TYPE_CHECKING

from tui.model import Span

if TYPE_CHECKING:
    from tui.search.compile import CompiledTerm

#: A unit as read from ``search_docs``: (kind, start, end, text, speaker).
Unit = tuple[str, "int | None", "int | None", str, "str | None"]

_KINDS_FOR_FIELD = {None: "tpq", "title": "t", "quote": "q", "speaker": "q", "source": ""}
_KIND_RANK = {"p": 2, "q": 2, "t": 1}
_EVERY_KIND = _KINDS_FOR_FIELD[None]


class ContextFinder:
    """Picks the best unit of an article for a compiled query (built once per query).

    Matches are found by ``str.find`` of each term's needles in the lower-cased text
    (C speed), then confirmed with the term's pattern anchored at that position.
    """

    def __init__(self, compiled: Sequence[CompiledTerm]) -> None:
        self.terms = [
            (c.term.field, tuple(n.lower() for n in c.needles), re.compile(c.pattern, re.I))
            for c in compiled
            if c.pattern and c.needles and c.term.field not in ("speaker", "source")
        ]
        self.speakers = [
            re.compile(c.pattern, re.IGNORECASE)
            for c in compiled
            if c.term.field == "speaker" and c.pattern
        ]
        #: Per term and needle, its pattern where the needle begins (:meth:`matches`).
        self._scanners: dict[tuple[int, str], re.Pattern[str]] = {}

    def _scanner(self, index: int, needle: str) -> re.Pattern[str]:
        """Term ``index``'s pattern, matching only where ``needle`` begins (as it is,
        case and all): finds, in one scan in C, the matches that looking for ``needle``
        and trying the pattern at each place it is found would find, one by one."""
        found = self._scanners.get((index, needle))
        if found is None:
            pattern = self.terms[index][2]
            found = re.compile(f"(?=(?-i:{re.escape(needle)}))(?:{pattern.pattern})", re.I)
            self._scanners[(index, needle)] = found
        return found

    def matches(self, kind: str, low: str) -> tuple[set[int], list[tuple[int, int]]]:
        """The terms a unit's lower-cased text (:meth:`ArticleUnits.lowered`) matches."""
        matched: set[int] = set()
        found: list[tuple[int, int]] = []
        for index, (field, needles, pattern) in enumerate(self.terms):
            if kind not in _KINDS_FOR_FIELD[field]:
                continue
            for needle in needles:
                at = low.find(needle)
                if at < 0:
                    continue
                if low.count(needle, at) > _SCAN_FROM:
                    # What the loop below finds, in one scan in C: a Python loop over
                    # every place a short needle is (`a` in every word) cost a page
                    # 5 ms. (Not for a few places: compiling the scanner costs more.)
                    for scanned in self._scanner(index, needle).finditer(low):
                        matched.add(index)
                        found.append(scanned.span())
                    continue
                while at >= 0:  # the pattern tried where the needle is
                    match = pattern.match(low, at)
                    if match:
                        matched.add(index)
                        found.append((match.start(), match.end()))
                        at = low.find(needle, match.end())
                    else:
                        at = low.find(needle, at + 1)
        return matched, found

    def best(self, article: Sequence[Unit] | ArticleUnits) -> tuple[Unit | None, tuple[Span, ...]]:
        """The best unit and the spans (into the source text) of its matches.

        Units are ranked by substring counts first (C speed); the best few are then
        confirmed with the patterns, which check word boundaries and give the spans.
        ``article``: its units, or an :class:`ArticleUnits` the caller kept (an article
        shown by one query is often shown by the next, the same words typed further:
        the counts of the words it already looked for are kept there).
        """
        if not isinstance(article, ArticleUnits):
            article = ArticleUnits(article)
        units = article.units
        if not units:
            return None, ()
        if not self.terms and not self.speakers:
            return _fallback(units), ()
        kinds_of = article.kinds
        size = len(units)
        masks = [0] * size  # lists, not dicts: ~25 units an article, each looked up
        counts = [0] * size  # for each needle (a fifth of a page's contexts)
        # Every occurrence of every needle in the whole article, counted unit by unit.
        for bit, (field, needles, _pattern) in enumerate(self.terms):
            kinds = _KINDS_FOR_FIELD[field]
            every = kinds == _EVERY_KIND
            flag = 1 << bit
            for needle in needles:
                for which, occurrences in article.occurrences(needle):
                    if every or kinds_of[which] in kinds:
                        masks[which] |= flag
                        counts[which] += occurrences
        speakers = self.speakers
        ranked = []
        if speakers:
            for order in range(size):
                unit = units[order]
                terms = masks[order].bit_count()
                kind = unit[0]
                if kind == "q" and unit[4]:
                    terms += sum(1 for p in speakers if p.search(unit[4]))
                if terms:
                    ranked.append((terms, counts[order], _KIND_RANK[kind], -order))
        else:
            rank_of = _KIND_RANK
            ranked = [
                (mask.bit_count(), counts[order], rank_of[kinds_of[order]], -order)
                for order, mask in enumerate(masks)
                if mask
            ]
        ranked.sort(reverse=True)  # the keys differ (-order): a total order
        best_key: tuple[int, int, int, int] | None = None
        best: tuple[Unit, list[tuple[int, int]]] | None = None
        for _rough_key in ranked[:4]:
            order = -_rough_key[3]
            unit = units[order]
            kind, _start, _end, _text, speaker = unit
            matched, found = self.matches(kind, article.lowered(order))
            if kind == "q" and speaker and self.speakers:
                matched |= {-1 - i for i, p in enumerate(self.speakers) if p.search(speaker)}
            if not matched:
                continue
            key = (len(matched), len(found), _KIND_RANK[kind], -order)
            if best_key is None or key > best_key:
                best_key, best = key, (unit, found)
            if best_key[0] == _rough_key[0]:
                break  # confirmed as counted: no later candidate can beat it
        if best is None:
            return _fallback(units), ()
        unit, found = best
        start = unit[1]
        if start is None:
            return unit, ()
        spans = _merge(sorted(found))
        return unit, tuple(Span(start + a, start + b) for a, b in spans)


#: The most of a unit's text a hit shows: a long paragraph's hit shows this much around
#: its first match (an ordinary paragraph, ~200-1,500 characters, is shown whole).
CONTEXT_CHARS = 2_000
#: Characters shown before the first match when a unit is cut.
LEAD_CHARS = 400
#: How far a cut looks for a space to fall on (a word is not cut in two).
_SNAP = 80


def shown_part(text: str, start: int, highlights: Sequence[Span]) -> tuple[str, int]:
    """``(shown, its start)``: the part of a unit's ``text`` (at offset ``start``) that a
    hit shows: all of it up to :data:`CONTEXT_CHARS`, else that many characters from
    :data:`LEAD_CHARS` before the first of ``highlights``, cut at spaces. Still the
    source text at its offsets: ``shown == source[start' : start' + len(shown)]``."""
    if len(text) <= CONTEXT_CHARS:
        return text, start
    first, first_end = 0, 0
    if highlights:
        first = min(max(highlights[0].start - start, 0), len(text))
        first_end = min(max(highlights[0].end - start, first), len(text))
    lo = max(0, min(first - LEAD_CHARS, len(text) - CONTEXT_CHARS))
    hi = max(lo + CONTEXT_CHARS, first_end)
    if lo > 0:
        space = text.find(" ", lo, min(first, lo + _SNAP))
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", max(first_end, hi - _SNAP), hi)
        hi = space if space > lo else hi
    return text[lo:hi], start + lo


#: Needles whose occurrences an :class:`ArticleUnits` keeps (a query's words and their
#: typo neighbours, for the few queries typed in a row).
KEPT_NEEDLES = 64


class ArticleUnits:
    """An article's units with their texts lower-cased and joined once, and where each
    needle looked for so far occurs (kept between queries: typing a query looks for
    the same words in mostly the same articles at every key)."""

    __slots__ = ("_found", "bounds", "kinds", "low", "units")

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        texts = list(map(_TEXT, units))  # map, not loops: built for every article shown
        self.kinds = "".join(map(_KIND, units))
        self.low = lowered(texts)
        self.bounds = [0, *accumulate(map(len, texts))]
        self._found: dict[str, tuple[tuple[int, int], ...]] = {}

    def lowered(self, order: int) -> str:
        """Unit ``order``'s text lower-cased (as is if that changes its length)."""
        return self.low[self.bounds[order] : self.bounds[order + 1]]

    def occurrences(self, needle: str) -> tuple[tuple[int, int], ...]:
        """``(unit, count)`` for each unit holding ``needle`` inside it."""
        found = self._found.get(needle)
        if found is not None:
            return found
        low, bounds = self.low, self.bounds
        pairs: list[tuple[int, int]] = []
        at = low.find(needle)
        while at >= 0:
            which = bisect_right(bounds, at) - 1
            if len(pairs) >= _MANY:  # in most units (a short word): the rest unit by unit
                counts = map(
                    low.count, repeat(needle), bounds[which:], islice(bounds, which + 1, None)
                )
                pairs += [(unit, count) for unit, count in enumerate(counts, which) if count]
                break
            end = bounds[which + 1]
            count = low.count(needle, at, end)
            if count:
                pairs.append((which, count))
                at = low.find(needle, end)
            else:  # an occurrence across two units' texts: in neither
                at = low.find(needle, at + 1)
        return self._keep(needle, pairs)

    def _keep(self, needle: str, pairs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
        if len(self._found) >= KEPT_NEEDLES:
            self._found.clear()
        found = self._found[needle] = tuple(pairs)
        return found


#: A needle found more often than this in a unit has its matches there found by one
#: regular expression scan (:meth:`ContextFinder.matches`).
_SCAN_FROM = 4
#: A needle found in this many units of an article is counted in the rest unit by unit
#: (each unit's count, in C: one call a unit) instead of found one place at a time.
_MANY = 8


_KIND, _TEXT = itemgetter(0), itemgetter(3)


def lowered(texts: list[str]) -> str:
    """The units' texts joined, lower-cased (a unit whose lower-case form changes length,
    rare, as it is), for :meth:`ContextFinder.best`."""
    joined = "".join(texts)
    low = lower(joined)
    if len(low) != len(joined):  # case mappings that change length: unit by unit
        low = "".join(t.lower() if len(t.lower()) == len(t) else t for t in texts)
    return low


_ASCII = bytes(range(128))


def lower(text: str) -> str:
    """``text.lower()``, three times faster for a text whose only characters beyond
    ASCII have no case (curly quotes, dashes, CJK: most news). ``str.lower`` takes
    ~12 ns a character once a text holds one such character (an article's 6 KB: 75
    us, a page of 40 of them half the contexts' time); its UTF-8 bytes are lowered
    ASCII letter by ASCII letter at memory speed. Exact: a text with any other
    character (É, Σ and its final form, İ) is lowered by ``str.lower``."""
    if text.isascii():
        return text.lower()
    try:
        encoded = text.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return text.lower()
    beyond = encoded.translate(None, _ASCII).decode()
    if beyond.lower() != beyond:
        return text.lower()
    return encoded.lower().decode()


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _fallback(units: Sequence[Unit]) -> Unit:
    """No unit shows the match (it was in the source or a speaker alias): the title."""
    for unit in units:
        if unit[0] == "t":
            return unit
    return units[0]

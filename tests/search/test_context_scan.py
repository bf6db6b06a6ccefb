"""The search pane's contexts, worked out faster and exactly as before: a text lowered
through its bytes, a term's matches found in one scan per needle, a needle in most
units counted unit by unit, and the articles of the last page not read again."""

from __future__ import annotations

import random

from tui.model import Span
from tui.search.compile import CompiledTerm, _bounded, _word_pattern
from tui.search.context import CONTEXT_CHARS, ArticleUnits, ContextFinder, lower, shown_part
from tui.search.query import parse_query


def test_lower_is_str_lower_whatever_the_text_holds():
    texts = [
        "",
        "Plain ASCII, Upper And lower.",
        "The “harbour” opened — today…",  # curly quotes and dashes: no case
        "任正非說 Huawei 華為",
        "ÉCOLE “Café”",  # cased beyond ASCII
        "ΟΔΟΣ ΟΔΟΣ. Σ",  # final sigma: depends on what follows
        "İstanbul",  # one character lowered to two
        "Straße STRASSE",
        "µ ª º ǅ ǈ",
    ]
    rng = random.Random(5)
    alphabet = "aZ “”—ÉéΣσİ任 .\n"
    texts += ["".join(rng.choice(alphabet) for _ in range(40)) for _ in range(300)]
    for text in texts:
        assert lower(text) == text.lower(), text


def _one_place_at_a_time(finder: ContextFinder, kind: str, low: str):
    """How the finder found a unit's matches before: each needle looked for, the
    pattern tried where it is, on after a match or one character further."""
    matched: set[int] = set()
    found: list[tuple[int, int]] = []
    for index, (_field, needles, pattern) in enumerate(finder.terms):
        for needle in needles:
            places = [i for i in range(len(low)) if low.startswith(needle, i)]
            free = 0  # where the last match ended: the next one starts there or later
            for place in places:
                match = pattern.match(low, place) if place >= free else None
                if match:
                    matched.add(index)
                    found.append(match.span())
                    free = match.end()
    return matched, found


def _term(word: str, needles: tuple[str, ...], prefix: bool = False) -> CompiledTerm:
    (term,) = parse_query(word).groups
    body = "|".join(
        [_word_pattern(word) + (r"[^\W_]*" if prefix else ""), *map(_word_pattern, needles[1:])]
    )
    return CompiledTerm(term, None, _bounded(body, (word,)), needles)


def test_a_units_matches_are_those_found_one_place_at_a_time():
    finder = ContextFinder(
        [
            _term("in", ("in",)),
            _term("aa", ("aa", "aaa"), prefix=True),  # overlapping needles and matches
            _term("tariff", ("tariff", "tarif", "tariffs")),
        ]
    )
    rng = random.Random(11)
    pieces = ["in", " in ", "aa", "aaa", " ", "tariff", "tarif", "tariffs", "x", "“", "-", "_"]
    for _ in range(400):
        low = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        assert finder.matches("p", low) == _one_place_at_a_time(finder, "p", low), low


def _counted_one_unit_at_a_time(texts: list[str], needle: str):
    return tuple((n, text.count(needle)) for n, text in enumerate(texts) if text.count(needle))


def test_a_needle_in_most_units_is_counted_as_in_each_unit():
    rng = random.Random(3)
    for _ in range(200):
        texts = [
            "".join(rng.choice(["in", "i", "n", "nin", " "]) for _ in range(6)) for _ in range(30)
        ]
        units = [("p", 0, len(t), t, None) for t in texts]
        for needle in ("in", "nin", "i"):
            article = ArticleUnits(units)
            assert article.occurrences(needle) == _counted_one_unit_at_a_time(texts, needle)


def test_a_short_unit_is_shown_whole_and_a_long_one_around_its_match() -> None:
    short = "The ferry will run again on Monday."
    assert shown_part(short, 10, [Span(14, 19)]) == (short, 10)
    words = [f"w{n:05d}" for n in range(2_000)]
    text = " ".join(words)  # 12,000 characters
    for n in (0, 1000, 1999):  # the match at the start, in the middle, at the end
        at = text.index(words[n])
        hit = Span(100 + at, 100 + at + 6)
        shown, start = shown_part(text, 100, [hit])
        assert shown == text[start - 100 : start - 100 + len(shown)]
        assert len(shown) <= CONTEXT_CHARS and start <= hit.start and hit.end <= start + len(shown)
        assert set(shown.split()) <= set(words)  # whole words only

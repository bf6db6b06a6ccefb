"""Briefs: short stories glued after the main story as single long lines.

A wire dump often ends with a run of other stories, each one line, each cut off
mid-sentence by the scraper. A **brief** is a line in the trailing run after the main
story that is long (at least :data:`MIN_BRIEF` characters) and does not end like a
sentence. Only the trailing run counts: a paragraph inside the story that happens to
end without a full stop is still the story's.

A brief may open with a **kicker**, a short label before a colon (1-4 words, each
capitalised: ``TECH PARTNERSHIP:``, ``Sales RecORD:``). Only after a kicker there may
be a **dek**, a summary with no full stop that runs straight into the lede. The lede
starts at the first place a lowercase content word is followed by a capitalised (not
all-caps) word: ``...to serve US customers | Taiwan Semiconductor...``. Function words
(``with``, ``while``, ``another``...) are skipped there because a proper noun after them
is ordinary prose (``with Arizona-based``, ``another Apple supplier``), and an all-caps
word is an acronym (``serve US``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.ingest.cues import ends_sentence
from tui.text import word_set

MIN_BRIEF = 200
#: The dek is looked for in this many characters after the kicker.
_DEK_WINDOW = 400

_KICKER = re.compile(r"((?:[A-Z][\w’'&.-]*)(?:[ \t]+[A-Z][\w’'&.-]*){0,3})[ \t]*:[ \t]+(?=\S)")
#: A lowercase word (a whole token) followed by a token that starts with a capital.
_PAIR = re.compile(r"(?<!\S)([a-z](?:[a-z’'-]*[a-z])?)[ \t]+(?=[A-ZÀ-ÖØ-Þ])(\S+)")
#: A token of three or more characters ending a sentence (``\S\S[.!?](?!\S)``, written
#: mark first so that the regex engine skips ahead to marks; only its end is used).
_SENTENCE_STOP = re.compile(r"[.!?](?<=\S\S[.!?])(?!\S)")
FUNCTION_WORDS = word_set(
    """a an the and or but nor so yet for of to in on at by with without within from into
    onto over under above below about after before between among against across through
    during since until upon via per than as like while whereas although though because if
    when where whether that which who whom whose what this these those another other such
    each every either neither both all some any no not its his her their our your my
    is are was were be been being has have had do does did will would can could may might
    shall should must said says told tells say tell according including called named"""
)


@dataclass(frozen=True, slots=True)
class BriefParts:
    """Where a brief's kicker, dek and body lie, as offsets into the brief's text."""

    kicker: str | None
    dek: str | None
    body_start: int


def is_brief_line(text: str) -> bool:
    return len(text) >= MIN_BRIEF and "\n" not in text and not ends_sentence(text)


def _is_capitalised(word: str) -> bool:
    """``Taiwan``, ``IPhone``: an initial capital and some lowercase after it (not ``US``)."""
    rest = word[1:]
    return word[0].isupper() and rest != rest.upper()


def _lede_start(text: str, start: int) -> tuple[int, int] | None:
    """(end of the dek, start of the lede) in ``text`` after ``start``, or None."""
    window = text[start : start + _DEK_WINDOW]
    stop = _SENTENCE_STOP.search(window)
    limit = stop.end() if stop else len(window)  # a dek never holds a full sentence
    for pair in _PAIR.finditer(window, 0, limit):
        before, word = pair.group(1), pair.group(2)
        if before not in FUNCTION_WORDS and _is_capitalised(word):
            if _named_again(window, pair, limit):
                continue  # "Packaging supplier | Ostrava Pack’s revenue … stocks Ostrava …"
            return start + pair.end(1), start + pair.start(2)
    return None


#: A dek this short that names what the lede names again is the dek's own subject.
_SHORT_DEK = 3
_POSSESSIVE = re.compile(r"(?:[’']s?)?[,.;:]*$")


def _named_again(window: str, pair: re.Match[str], limit: int) -> bool:
    """Is the capitalised word after a short run of dek words named again later, after
    another lowercase word (``Packaging supplier Ostrava Pack’s revenue fell … their
    stocks Ostrava Pack AS, which``)? Then it is the subject of the dek, and the lede
    (which names it again) starts at the later place."""
    if len(window[: pair.end(1)].split()) > _SHORT_DEK:
        return False
    name = _POSSESSIVE.sub("", pair.group(2))
    again = re.compile(rf"(?<!\S)[a-z][a-z’'-]*[ \t]+{re.escape(name)}\b")
    return again.search(window, pair.end(), limit) is not None


def split_brief(text: str) -> BriefParts:
    """Kicker, dek and where the body starts in a brief's ``text``."""
    kicker_match = _KICKER.match(text[:64])
    if kicker_match is None or len(kicker_match.group(1)) > 40:
        return BriefParts(None, None, 0)
    kicker = kicker_match.group(1)
    found = _lede_start(text, kicker_match.end())
    if found is None:
        return BriefParts(kicker, None, kicker_match.end())
    dek_end, body_start = found
    return BriefParts(kicker, text[kicker_match.end() : dek_end], body_start)

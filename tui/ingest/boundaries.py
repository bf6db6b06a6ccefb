"""Story boundaries inside a run of paragraphs that no title line divides.

Title lines are the reader's first evidence (:mod:`tui.ingest.dump`). A run that does
not open with one (a wire dump, bodies a scraper concatenated) may still hold several
stories; this finds where each starts, from the evidence a reader uses, strongest first,
each with the confidence it gives the split:

- a **dateline line** (``Wednesday, January 1, 2020`` alone on its line): 0.95;
- a paragraph opening with a **wire dateline** (``LONDON (Reuters) —``,
  ``Paris, May 3 —``): 0.9;
- a **byline** line (``By Jane Doe``): 0.85;
- a paragraph opening with a **kicker** in capitals (``MARKET WATCH: ...``; a kicker
  brief at the end of a dump is the article reader's): 0.85;
- the line after a story's closing **furniture** (a promo, a teaser cut with ``…``, a
  ``Sources`` section) when prose follows: 0.8;
- otherwise, in runs of prose between those, the **lexical cohesion and entity novelty**
  of :mod:`tui.ingest.cohesion`: its probability, never above 0.8.

A short title-like line or byline right before a dateline belongs to the new story, so
the split moves back onto it. A text whose stories open with datelines says where they
are: then only datelines split it (no cohesion guesses between them). The trailing run
of briefs and furniture is left to the article reader (it already splits briefs).
Everything is one pass over the units plus the cohesion pass, which is linear too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from tui.ingest.briefs import is_brief_line
from tui.ingest.cohesion import story_breaks
from tui.ingest.cues import ends_sentence, starts_with_leader, word_count
from tui.ingest.dates import lead_dateline
from tui.ingest.furniture import is_caption, is_promo, is_related
from tui.ingest.sections import section_heading
from tui.ingest.titles import is_title_line
from tui.ingest.units import Unit

DATELINE = 0.95
WIRE_DATELINE = 0.9
BYLINE = 0.85
KICKER = 0.85
AFTER_FURNITURE = 0.8
#: Cohesion alone never claims more than this.
COHESION_CAP = 0.8
#: A paragraph of prose: this many words at least.
_PROSE_WORDS = 8

#: A kicker in capitals opening a paragraph: ``MARKET WATCH: Shipping rates...``.
_KICKER = re.compile(r"[A-Z][A-Z&'’.-]+(?:[ \t]+[A-Z&][A-Z&'’.-]*){0,3}[ \t]*:[ \t]+(?=\S)")

_BYLINE = re.compile(r"(?i:by)[ \t]+[A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|and|&)){0,5}")


def _kicker(text: str) -> str:
    """The capitals label opening ``text`` (``MARKET WATCH``), or ``""``."""
    match = _KICKER.match(text[:48])
    if match is None:
        return ""
    label = match.group(0).rstrip(": \t")
    return label if sum(c.isalpha() for c in label) >= 3 else ""


def is_byline(text: str) -> bool:
    """``By Jane Doe``, ``By Jane Doe and John Roe``: a short line naming the writer."""
    return len(text) <= 60 and _BYLINE.fullmatch(text.rstrip(" ,")) is not None


def _is_prose(unit: Unit) -> bool:
    """A paragraph of the story's own prose (not a brief, a teaser or a promo)."""
    text = unit.text
    return (
        unit.date is None
        and not starts_with_leader(text)
        and word_count(text) >= _PROSE_WORDS
        and not is_brief_line(text)
        and not _is_furniture(text)
    )


def _is_furniture(text: str) -> bool:
    return len(text) <= 300 and (is_related(text) or is_promo(text) or is_caption(text))


def _head_before(units: Sequence[Unit], at: int, floor: int) -> int:
    """Move a split at ``at`` back over a byline and a title line right before it.

    A title line is taken only when a finished paragraph comes before it and it has a
    few words: a photo caption closing the last story (``Naruto``) stays there."""
    if at - 1 > floor and is_byline(units[at - 1].text):
        at -= 1
    if at - 2 >= floor:
        text = units[at - 1].text
        before = units[at - 2]
        if (
            len(text) <= 200
            and len(text.split()) >= 3
            and is_title_line(text)
            and "(" not in text
            and before.date is None
            and ends_sentence(before.text)
            and word_count(before.text) >= _PROSE_WORDS
        ):
            at -= 1
    return at


def _trailing_zone(units: Sequence[Unit]) -> int:
    """Index where the trailing briefs and furniture start (the article reader's part)."""
    end = len(units)
    while end > 0 and (_is_furniture(units[end - 1].text) or is_brief_line(units[end - 1].text)):
        end -= 1
    return end


def find_story_starts(units: Sequence[Unit]) -> list[tuple[int, float]]:
    """(index, confidence) of each unit after the first that opens a new story."""
    n = len(units)
    is_prose = [_is_prose(unit) for unit in units]  # once: every rule below asks
    # Kickers; a label that comes back is a speaker's in a transcript (``TRUMP: ...``).
    kickers = {i: _kicker(u.text) for i, u in enumerate(units) if is_prose[i]}
    labels = Counter(kickers.values())
    hard: dict[int, float] = {}
    in_section = False
    for i in range(1, n):
        unit = units[i]
        text = unit.text
        if unit.date is not None:
            in_section = False  # a new story: the last one's sections are over
            at = _head_before(units, i, 0)
            if units[at - 1].date is None:  # two datelines in a row are one
                hard[at] = max(hard.get(at, 0.0), DATELINE)
            continue
        if section_heading(text):
            in_section = True
            continue
        prose = is_prose[i]
        if in_section:
            if prose and ends_sentence(text):
                hard.setdefault(_head_before(units, i, 0), AFTER_FURNITURE)
                in_section = False
            continue
        next_prose = i + 1 < n and is_prose[i + 1]
        if prose and lead_dateline(text):
            hard.setdefault(_head_before(units, i, 0), WIRE_DATELINE)
        elif next_prose and is_byline(text):
            hard.setdefault(_head_before(units, i, 0), BYLINE)
        elif prose and kickers.get(i) and labels[kickers[i]] == 1:
            hard.setdefault(i, KICKER)
        elif (
            prose
            and next_prose
            and not is_prose[i - 1]
            and (is_promo(units[i - 1].text) or is_related(units[i - 1].text))
        ):
            hard.setdefault(i, AFTER_FURNITURE)
    hard.pop(0, None)
    starts = sorted(hard.items())
    opens_dated = any(u.date is not None for u in units[:2])
    if opens_dated and any(c == DATELINE for _, c in starts):
        return starts  # the text opens its stories with datelines: it says where they are
    # Between the hard boundaries (and before the trailing briefs), lexical cohesion.
    zone = _trailing_zone(units)
    edges = [0, *(i for i, _ in starts if i < zone), zone]
    soft: list[tuple[int, float]] = []
    for a, b in pairwise(edges):
        prose_units = [i for i in range(a, b) if is_prose[i]]
        for k, probability in story_breaks([units[i].text for i in prose_units]):
            soft.append((prose_units[k], min(probability, COHESION_CAP)))
    return sorted(starts + soft)

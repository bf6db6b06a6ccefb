"""Where a new story starts in glued prose with no title or dateline to say so.

Scrapers often concatenate story bodies one paragraph a line with nothing between them.
A reader still sees where one story stops, from three kinds of evidence, all computed
from a bounded prefix of each paragraph over a fixed window, so the whole pass is linear
in the number of paragraphs:

- **lexical cohesion** (TextTiling, Hearst 1997): the content words of the paragraphs
  before a gap and of those after it overlap much less across a story boundary than
  inside a story. Compared as a cosine of word sets over :data:`WINDOW` paragraphs on
  each side, and as a *depth*: how far it dips below the neighbouring gaps;
- **entity novelty**: a lede introduces names the previous paragraphs never used, and
  the names of those paragraphs stop recurring after the gap;
- **the lede's shape**: it says when (``on Monday``, ``yesterday``, a date), and it does
  not open by pointing back (``He``, ``The company``, ``However``, a quotation).

The evidence is weighed by a logistic model (weights fitted once on the tuning part of
the Wikinews 2019 corpus by ``benchmarks/segment_quality.py``'s forms, see
docs/parsing.md) into a probability per gap; a gap is a boundary when that probability
is a local maximum above :data:`THRESHOLD` and each side keeps at least
:data:`MIN_STORY` paragraphs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from tui.ingest.cues import ends_sentence
from tui.text import word_set

#: Paragraphs compared on each side of a gap.
WINDOW = 3
#: A story found this way has at least this many paragraphs.
MIN_STORY = 3
#: Only this much of each paragraph is read (a lede says what it has to say early).
PREFIX = 600
#: A gap whose probability is at least this is a boundary.
THRESHOLD = 0.4

_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
#: A capitalised word not at the start of the text or of a sentence: a name, mostly.
_NAME = re.compile(r"(?<=[a-z,;:)] )[A-Z][A-Za-z'’-]{2,}")
_STOP = word_set(
    """that this with from have were been their there which would about after they said
    also than when them into more other some what over such only most could will being
    those these where while because between against during before under through however
    said says told according just like many much made make year years people including"""
)
_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
_MONTH_NAMES = word_set(
    "january february march april may june july august september october november december"
)
_WHEN_WORDS = word_set("yesterday today tonight overnight")
_BEFORE_WEEKDAY = word_set("on last this next early late since by")
_BEFORE_PERIOD = word_set("last this")
_PERIODS = word_set("week month year weekend")
_BEFORE_MONTH = word_set("on in since from")
_NO_PUNCTUATION = str.maketrans("", "", ",.;:()[]\"'“”‘’")
#: A lede says when within its first words: ``On Monday``, ``Yesterday``, ``in March``.
_WHEN_WORDS_READ = 50
#: ... and early: within this many words counts as opening with it.
_WHEN_EARLY = 10


def _when(head: str) -> int:
    """The index of the first word of ``head`` that says when (``on Monday``,
    ``yesterday``, ``last week``, ``in March``), or -1.

    Word pairs on a split of the text, not a regular expression: a case-insensitive
    alternation tried at every character costs ten times more on a long paragraph."""
    words = head.lower().translate(_NO_PUNCTUATION).split(None, _WHEN_WORDS_READ)
    previous = ""
    for n, word in enumerate(words[:_WHEN_WORDS_READ]):
        if (
            word in _WHEN_WORDS
            or (word in _WEEKDAYS and previous in _BEFORE_WEEKDAY)
            or (word in _PERIODS and previous in _BEFORE_PERIOD)
            or (word in _MONTH_NAMES and previous in _BEFORE_MONTH)
        ):
            return n
        previous = word
    return -1


#: Openings that point back to something already said: not a lede.
_BACK = re.compile(
    r"""(?x)^(?:[“"‘'(]
      | (?:He|She|They|It|Its|His|Her|Their|This|These|That|Those|There|Such|Both|Also|
           But|And|Or|So|Yet|However|Meanwhile|Moreover|Furthermore|Nevertheless|Still|
           Instead|Further|Additionally|Later|Then|In\ addition|According|Asked|When)\b)"""
)

# Logistic weights: bias, cohesion, depth, name novelty, names recurring, when, back.
_BIAS = -6.4
_W_COHESION = -5.1
_W_DEPTH = 5.1
_W_NOVEL = 4.7
_W_RECUR = -5.5
_W_WHEN = 2.2
_W_BACK = -1.7
_W_WHEN_EARLY = 1.3


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text[:PREFIX].lower())) - _STOP


def _names(text: str) -> frozenset[str]:
    return frozenset(_NAME.findall(text[:PREFIX]))


def _overlap(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _union(sets: Sequence[frozenset[str]]) -> set[str]:
    result: set[str] = set()
    for s in sets:
        result |= s
    return result


def gap_features(
    texts: Sequence[str], gaps: Sequence[int] | None = None
) -> list[tuple[float, ...]]:
    """The evidence for a boundary at each gap before paragraph ``k`` of ``gaps`` (all,
    ``1..n-1``, by default): the word cohesion of every gap is needed for the depths,
    the rest only for the gaps asked about."""
    words = [_words(t) for t in texts]
    n = len(texts)
    cohesion = [0.0] * n
    for k in range(1, n):
        left = _union(words[max(0, k - WINDOW) : k])
        right = _union(words[k : k + WINDOW])
        cohesion[k] = _overlap(left, right)
    names: dict[int, frozenset[str]] = {}

    def names_of(i: int) -> frozenset[str]:
        found = names.get(i)
        if found is None:
            found = names[i] = _names(texts[i])
        return found

    features: list[tuple[float, ...]] = []
    for k in range(1, n) if gaps is None else gaps:
        before = cohesion[k - 1] if k > 1 else cohesion[k]
        after = cohesion[k + 1] if k + 1 < n else cohesion[k]
        depth = max(before - cohesion[k], 0.0) + max(after - cohesion[k], 0.0)
        seen = _union([names_of(i) for i in range(max(0, k - WINDOW), k)])
        lede = names_of(k)
        novel = len(lede - seen) / (len(lede) + 1)
        recur = _overlap(seen, _union([names_of(i) for i in range(k, min(n, k + WINDOW))]))
        head = texts[k][:300]
        when = _when(head)
        features.append(
            (
                cohesion[k],
                depth,
                novel,
                recur,
                1.0 if when >= 0 else 0.0,
                1.0 if _BACK.match(head) else 0.0,
                1.0 if 0 <= when < _WHEN_EARLY else 0.0,
            )
        )
    return features


def _probability(f: tuple[float, ...]) -> float:
    z = (
        _BIAS
        + _W_COHESION * f[0]
        + _W_DEPTH * f[1]
        + _W_NOVEL * f[2]
        + _W_RECUR * f[3]
        + _W_WHEN * f[4]
        + _W_BACK * f[5]
        + _W_WHEN_EARLY * f[6]
    )
    return 1.0 / (1.0 + math.exp(-z))


def gap_probability(before: Sequence[str], after: Sequence[str]) -> float:
    """The probability that a story ends after ``before`` and another opens ``after``
    (each up to :data:`WINDOW` paragraphs are read): the model of :func:`story_breaks`
    for one gap, to weigh other evidence such as a title-like line."""
    texts = [*before[-WINDOW:], *after[:WINDOW]]
    if not before or not after:
        return 0.0
    return _probability(gap_features(texts, [len(before[-WINDOW:])])[0])


def story_breaks(texts: Sequence[str]) -> list[tuple[int, float]]:
    """(index, probability) of each paragraph of ``texts`` that opens a new story.

    Only a paragraph after one that ends a sentence can open a story; each story keeps
    at least :data:`MIN_STORY` paragraphs; among close candidates the likelier wins.
    """
    n = len(texts)
    if n < 2 * MIN_STORY:
        return []
    # Only a gap after a finished sentence is weighed (the others score 0).
    gaps = [k for k in range(1, n) if ends_sentence(texts[k - 1][-8:])]
    scores = [0.0] * n
    for k, features in zip(gaps, gap_features(texts, gaps), strict=True):
        scores[k] = _probability(features)
    breaks: list[tuple[int, float]] = []
    last = 0
    for k in range(MIN_STORY, n - MIN_STORY + 1):
        score = scores[k]
        if score < THRESHOLD or k - last < MIN_STORY:
            continue
        neighbours = scores[max(1, k - MIN_STORY + 1) : k + MIN_STORY]
        if score < max(neighbours):
            continue
        breaks.append((k, score))
        last = k
    return breaks

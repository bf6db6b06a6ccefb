"""The pair model: how likely two articles (a placed one and a candidate) report one
development, from evidence the rules could not weigh together.

Each candidate pair the placing already scores (:meth:`StoryIndex.scored
<tui.extract.stories.StoryIndex.scored>`: candidates come from the index, never all
pairs) gets the features of :func:`pair_features`; a logistic regression over them
(:data:`WEIGHTS`, :data:`BIAS`) says whether the two are linked (:func:`linked`).

The weights were fitted by ``benchmarks/fit_story_model.py`` on the hand-labelled
PolNeAR train months (``benchmarks/data/polnear_stories*.tsv``): every candidate pair
of every labelled month, the label being whether both articles are in one labelled
story. The same script scores the model leave one month out (fit on the other months,
group the held-out month with those weights, pool): the figures in docs/stories.md.
To refit after a change to the features or the labels::

    POLNEAR_REPO=/path/to/PolNeAR python benchmarks/fit_story_model.py --write

which prints the held-out table and rewrites the constants below (fitted on every
labelled month). Pure Python: no numpy at runtime, nor in the fit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence

__all__ = [
    "BIAS",
    "EVENT",
    "FEATURE_NAMES",
    "LINK_PROBABILITY",
    "TITLE",
    "WEIGHTS",
    "event_marks",
    "linked",
    "pair_features",
    "title_marks",
]

#: Prefix of an event-frame mark (``=c:caucus``, ``=s:iowa``, ``=won``): a contest, the
#: state it is held in, and whether the text reports an outcome (see :func:`event_marks`).
EVENT = "="
#: Prefix of a title-word mark (``%endors``): the title's words, apart from the body's.
TITLE = "%"

#: Contest words of the title and lede -> the kind of contest. A primary night, a
#: caucus, a debate, a speech to Congress: outlets that report one share little more
#: than the season's words, but they name the contest and the same day.
_CONTESTS = {
    "primary": "primary",
    "primaries": "primary",
    "caucus": "caucus",
    "caucuses": "caucus",
    "debate": "debate",
    "debates": "debate",
    "convention": "convention",
    "super tuesday": "super-tuesday",
    "state of the union": "sotu",
    "town hall": "town-hall",
    "acceptance speech": "acceptance",
}
#: Words saying the text reports how a contest came out.
_OUTCOME_TEXT = """
    won wins winner winners victory victories results concede concedes conceded defeated
    defeats beat beats sweep sweeps swept clinch clinches clinched projected triumph
    triumphs loses lost
    """
_OUTCOMES = frozenset(_OUTCOME_TEXT.split())
_STATE_TEXT = """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
    oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
    wyoming new-hampshire new-jersey new-mexico new-york north-carolina north-dakota
    rhode-island south-carolina south-dakota west-virginia puerto-rico
    """
_STATES = [state.replace("-", " ") for state in _STATE_TEXT.split()]
_PHRASE = re.compile(
    r"\b(" + "|".join(sorted({*_CONTESTS, *_STATES}, key=len, reverse=True)) + r")\b"
)
_WORD = re.compile(r"[a-z]+")


def event_marks(title: str, lede: str) -> list[str]:
    """The event frame of a title and lede: ``=c:<contest>`` for each kind of contest
    they name (primary, caucus, debate, convention, Super Tuesday, the State of the
    Union, ...), ``=s:<state>`` for each state, ``=won`` when they report an outcome
    (won, wins, victory, results, concede ...). Nothing when no contest is named: a
    state alone is everywhere in politics."""
    text = f"{title}\n{lede}".lower().replace("’", "'")
    contests: set[str] = set()
    states: set[str] = set()
    for match in _PHRASE.finditer(text):
        phrase = match.group()
        if phrase in _CONTESTS:
            contests.add(_CONTESTS[phrase])
        else:
            states.add(phrase.replace(" ", "-"))
    if not contests:
        return []
    marks = [f"{EVENT}c:{c}" for c in sorted(contests)]
    marks += [f"{EVENT}s:{s}" for s in sorted(states)]
    if not _OUTCOMES.isdisjoint(_WORD.findall(text)):
        marks.append(f"{EVENT}won")
    return marks


def title_marks(title_words: Sequence[str], stem: Callable[[str], str]) -> list[str]:
    """``%<stem>`` for each content word of the title (stemmed: ``endorses`` and
    ``endorsement`` agree)."""
    return sorted({TITLE + stem(w) for w in title_words})


#: The features of a pair, in the order of :data:`WEIGHTS`.
FEATURE_NAMES = (
    "cosine",  # the TF-IDF/burst cosine of the two signatures
    "names",  # the part of it from shared names (@ terms)
    "numbers",  # ... from shared numbers (# terms)
    "quotes",  # shared quote shingles (of QUOTE_CAP)
    "subject",  # the same rare person first in both titles
    "other_actor",  # the same title act, another actor
    "phrase",  # a shared rare lede word pair
    "title",  # shared title words, by IDF (rare words count more)
    "days",  # days apart (0-3)
    "frame",  # the same contest named, within a day
    "frame_state",  # ... and the same state
    "frame_outcome",  # ... both reporting its outcome
    "short",  # the shorter signature's shortfall (a text of a few words)
)


def pair_features(
    a: Mapping[str, float],
    a_quotes: frozenset[int],
    a_day: int | None,
    b: Mapping[str, float],
    b_quotes: frozenset[int],
    b_day: int | None,
    idf: Callable[[str], float],
    *,
    quote_cap: int,
    signature_terms: int,
) -> list[float]:
    """The features of a pair of signatures (:meth:`StoryIndex.vector
    <tui.extract.stories.StoryIndex.vector>`), in the order of :data:`FEATURE_NAMES`.
    ``idf`` weighs a title mark."""
    common = a.keys() & b.keys()
    cosine = names = numbers = title = 0.0
    subject = other_act = beat = phrase = 0
    frame: set[str] = set()
    state = outcome = False
    for term in common:
        first = term[0]
        if first == "@":
            names += a[term] * b[term]
        elif first == "#":
            numbers += a[term] * b[term]
        elif first == TITLE:
            title += idf(term)
            continue
        elif first == EVENT:
            frame_term = term[1:]
            if frame_term.startswith("c:"):
                frame.add(frame_term)
            elif frame_term.startswith("s:"):
                state = True
            else:
                outcome = True
            continue
        elif first == "!":
            subject = 1
        elif first == "^":
            other_act = 1
        elif first == "~":
            beat = 1
        elif first == "+":
            phrase += 1
        cosine += a[term] * b[term]
    days = abs(a_day - b_day) if a_day is not None and b_day is not None else 1
    near = days <= 1 and bool(frame)
    shared = len(a_quotes & b_quotes) if a_quotes and b_quotes else 0
    weighted = min(_weighted(a), _weighted(b))
    return [
        cosine,
        names,
        numbers,
        min(shared, quote_cap) / quote_cap,
        float(subject),
        float(other_act and not subject and not beat),
        float(min(phrase, 2)),
        min(title, 30.0) / 10.0,
        float(days),
        float(near),
        float(near and state),
        float(near and outcome),
        1.0 - min(weighted, signature_terms) / signature_terms,
    ]


def _weighted(vector: Mapping[str, float]) -> int:
    """How many weighted terms a signature has (its marks weigh nothing)."""
    return sum(1 for w in vector.values() if w)


#: Fitted by ``benchmarks/fit_story_model.py`` (see the module's docstring).
WEIGHTS: tuple[float, ...] = (
    6.9940,  # cosine
    0.8814,  # names
    0.0328,  # numbers
    0.1306,  # quotes
    1.4238,  # subject
    -0.2643,  # other_actor
    0.7550,  # phrase
    0.8859,  # title
    -0.4305,  # days
    -0.1767,  # frame
    0.5759,  # frame_state
    1.4097,  # frame_outcome
    0.7131,  # short
)
BIAS = -2.0712
#: The probability a pair needs to link its articles (picked with the weights, on the
#: labelled months, by the script).
LINK_PROBABILITY = 0.45


def linked(
    features: Sequence[float],
    weights: Sequence[float] = WEIGHTS,
    bias: float = BIAS,
    threshold: float = LINK_PROBABILITY,
) -> float:
    """The pair's probability when it reaches ``threshold``, else 0."""
    z = bias + sum(w * x for w, x in zip(weights, features, strict=True))
    p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return p if p >= threshold else 0.0

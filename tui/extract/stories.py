"""Stories: articles from several outlets that report the same news development.

A story is the same announcement, speech, leak, ruling or incident reported within a
few days; sharing a topic is not enough. The grouping is **online**: each article is
placed once, when it arrives, into the story it belongs to or a new one, so an import
of 1,000 articles costs 1,000 placements whatever the size of the library. Nothing is
ever compared with everything: candidates come from an inverted index of each
article's most distinctive terms, bucketed by day, and of the word shingles of its
quotes, looked up only for the days within :data:`WINDOW_DAYS` of the article.

Evidence, per pair of articles (see :func:`score`):

- **TF-IDF cosine** over content words (title and lede words count twice), the names
  of the people (by last name: ``Paul Ryan``, ``Speaker Ryan`` and ``Ryan`` are one
  term, see :func:`entity_term`) and organisations the entity extractor found, and
  numbers (``2,383``, ``$1.1 billion``): the numbers and names of one development are
  what two outlets' reports share most.
  Each article keeps only its :data:`SIGNATURE_TERMS` heaviest terms, weighted with the
  document frequencies known when it arrived (an online IDF).
- **Burst**: each term's weight is also multiplied by how much more often it occurs in
  the placed articles of the window (days within :data:`WINDOW_DAYS`) than its
  library-wide frequency predicts, as in topic detection and tracking: a development's
  names and words crowd the days after it, while the beat's vocabulary (``Clinton``,
  ``campaign``) is as common that week as any other. Only while the library has a
  history to tell a burst by; before that, plain TF-IDF with its own thresholds.
- **Shared quotes**: the same words in quote marks (word 5-grams) in both articles,
  stronger when attributed to the same speaker. Two outlets quoting the same sentence
  of the same person almost always report the same development.
- **Date proximity**: articles more than :data:`WINDOW_DAYS` apart never link (a decay
  within the window was tried and lost recall: reactions come a day or two later).
- **Who did what, as the titles say it** (:func:`title_event`): the same person named
  first in both titles adds :data:`SUBJECT_BONUS` unless many titles name that person
  (the beat); the same act of two different people (``Pence Endorses Paul Ryan``,
  ``Donald Trump Finally Endorses ... Paul Ryan``) keeps :data:`OTHER_ACTOR` of the
  score. The words cannot tell these apart: both share the development's names and verbs.
  Two titles naming different rare persons first, one article never naming the other's,
  link a story of one only with a second piece of evidence (Kipchoge's marathon, Kosgei's
  record a day later).

The thresholds were set on the PolNeAR labels (``benchmarks/story_quality.py``) and
kept round; the figures are in ``docs/stories.md``.

A new article joins every story one of whose members it matches with at least
:data:`LINK_THRESHOLD`, when that story's average match over its members within the
window is at least :data:`STORY_THRESHOLD` (a guard against chaining: one link into a
big, loose story is not enough); two or more such stories become one (:meth:`StoryIndex.merge`,
the oldest id kept). That is single link, as if the library had been grouped at once:
placing in date order alone, the first reports of a development (which often share
little with each other) stayed apart for good when a later report matched both, and
half the misses on the PolNeAR labels were that. Otherwise it starts a story of its own.
A story's articles stay within :data:`WINDOW_DAYS` of each other (:meth:`StoryIndex.span`):
single link would otherwise let a story creep from one development to the next.
One weak link is not enough for a story of two (:data:`PAIR_LINK`): a second piece of
evidence is (a third article linking both, the same rare person first in both titles).
And a title that names first the same rare person as two titles of a story near its day
joins it whatever its words (:data:`ACTOR_MEMBERS`: outlets word a speech differently
but put its speaker first).

A text of a few words (fewer than :data:`SHORT_TERMS` weighted terms: a JSONL row of a
title and a line) links only on a shared name, number or quote: its one or two words
weigh as much, once its signature is normalised, as a whole article's shared terms.

A pair model (:mod:`tui.extract.story_model`: a logistic regression over each candidate
pair's evidence, fitted on the PolNeAR labels) can add its links to the rules'
(``StoryIndex(model=PAIR_MODEL)``). It is off: left out a month at a time it gains
recall but loses more precision than the target allows (docs/stories.md, story-model).

Nothing here imports textual or rich; the store keeps the index's inputs and its
assignments (:mod:`tui.store.stories`).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from tui.extract import story_model
from tui.extract.story_model import EVENT, TITLE, event_marks, pair_features, title_marks
from tui.model import Article, Entity, EntityKind

__all__ = [
    "FEATURES_VERSION",
    "LINK_THRESHOLD",
    "STORY_THRESHOLD",
    "WINDOW_DAYS",
    "StoryFeatures",
    "StoryIndex",
    "article_features",
    "day_number",
]

#: The version of what :func:`article_features` makes of an article. The library keeps
#: every article's features (:mod:`tui.store.story_features`) so that a regroup need not
#: read every article again: a change to how terms, numbers, names or quote shingles are
#: read must raise it (kept features of another version are worked out again).
#: ``tests/stories/test_story_features.py`` pins the features of the samples to it.
#: 7: a title written without diacritics names its person (:func:`_fold`).
FEATURES_VERSION = 7
#: Articles further apart than this (in days) are never in one story.
WINDOW_DAYS = 3
#: Articles a regroup keeps in memory as candidates (the most recently placed) when
#: its date window holds more: a one-day import (an undated dump is dated by the day
#: it was added) has a window as big as itself, and a regroup held every one of its
#: articles (~5 KB each: 105 MB for 20,000, growing with the import). A dated
#: library's three days hold far fewer (PolNeAR: under 100; 500 a day: 1,500).
WINDOW_MEMBERS = 5_000
#: Terms kept per article (the heaviest by TF-IDF when it arrives).
SIGNATURE_TERMS = 60
#: Terms of an article looked up in the postings to find candidates.
PROBE_TERMS = 20
#: A probe term posted by more articles than this (in memory: those of the window)
#: is not used to find candidates.
MAX_POSTINGS = 150
#: Candidates scored per article (those with the highest dot product over the probe
#: terms both index).
MAX_CANDIDATES = 20
#: Paragraphs counted twice, like the title: the lede names the development.
LEDE_PARAGRAPHS = 3
#: ... at most this many characters of them (a few sentences: 99% of PolNeAR's
#: three-paragraph ledes are shorter). A file on one line is one paragraph: without
#: the cap its whole text was read a second time as its "lede".
LEDE_CHARS = 2_000
#: Best pairwise score needed to join a story (burst-weighted vectors: the shared
#: terms of one development weigh more, so scores run higher than plain TF-IDF's).
LINK_THRESHOLD = 0.2
#: A story of one article (near the day) is joined on a link of this many times the
#: link threshold (0.3), unless the article links two placed articles or more, or the
#: two titles name the same rare person first: single link on one weak pair is where
#: unrelated articles met (a day's two stories on one person, ``Pence Endorses Paul
#: Ryan`` and ``Trump Finally Endorses ... Paul Ryan``, share their names and words).
PAIR_LINK = 1.5
#: An article whose title names first the same rare person (title subject) as this
#: many articles of a story near its day joins that story whatever its words: outlets
#: word a speech or a statement differently, but put its speaker first (``Obama to
#: frame election as ...``, ``Obama Claims Hillary Most Qualified ...``, ``Obama lays
#: out stakes ...``: one convention speech, no term of weight in common).
ACTOR_MEMBERS = 2
#: Word pairs of the title and lede kept per article (:func:`lede_phrases`): two plain
#: words in a row (no capital letter: the names are terms already), the first this many.
LEDE_PHRASES = 32
#: A story of one article is also joined on a link (of at least the link threshold)
#: when the two articles' titles and ledes share a word pair that fewer than this many
#: placed articles of the window use: the second piece of evidence :data:`PAIR_LINK`
#: asks for. A report and a reaction to it tell the development in the same words
#: (``tweet deleted``, ``running mate``, the words of the remark both quote), while a
#: related development tells its own news: on the PolNeAR labels no false link of one
#: weak pair shared one. A pair the whole week's articles use (``presidential
#: nominee``) is the beat's wording, not a development's.
PHRASE_MAX_ARTICLES = 5
#: A story the pair model links an article to must also have, on average over its
#: members near the article's day, this share of the link probability: one strong pair
#: into a story of several is a chain, not the same development.
MODEL_STORY_SHARE = 0.5
#: The fitted pair model (:mod:`.story_model`): ``StoryIndex(model=PAIR_MODEL)``.
PAIR_MODEL = (story_model.WEIGHTS, story_model.BIAS, story_model.LINK_PROBABILITY)
#: A signature of fewer weighted terms than this is a text of a few words (a title and
#: a line): the pair model links it only on a shared name, number or quote, since the
#: few words it has weigh as much as a whole article's (an L2-normalised signature).
SHORT_TERMS = 8
#: Average score over a story's members within the window needed to join it.
STORY_THRESHOLD = 0.08
#: The same two while the library has no history to tell a burst by (fewer than
#: :data:`MIN_DOCS_FOR_DF` articles, or the window holds half the library): plain
#: TF-IDF cosines.
LINK_THRESHOLD_NO_HISTORY = 0.10
STORY_THRESHOLD_NO_HISTORY = 0.04
#: Quote shingles kept per article: the smallest hashes (a bottom-k sketch, as in
#: MinHash), so two articles quoting the same sentence keep many of the same ones
#: while an article full of quotes costs no more to index than one with a few.
QUOTE_SKETCH = 24
#: Score added per shared quote shingle (capped at QUOTE_CAP shingles).
QUOTE_BONUS = 0.02
QUOTE_CAP = 6
#: A term in more than this share of the articles carries no evidence.
MAX_DF_SHARE = 0.1
#: Below this many articles, document frequencies say little about which words are
#: common: no term is dropped for being frequent, and a link needs a shared name,
#: number or quote.
MIN_DOCS_FOR_DF = 50
#: Weight kept by a term that is no more frequent in the window than usual (a term in
#: many more of the window's articles than its library-wide rate predicts weighs
#: ``BURST_FLOOR + ln((in window + 1) / (expected + 1))`` times its TF-IDF weight).
BURST_FLOOR = 0.2
#: Added to the score of two articles whose titles name the same person first (their
#: **title subject**: ``Biden, stumping for Clinton, trashes Trump`` and ``Biden calls
#: Trump risk to U.S. safety``), when few titles of the library do: who a headline is
#: about is what happened, and outlets that word the rest differently still put the
#: actor first. Not for the beat's names (``Trump``, ``Clinton``: in more than
#: :data:`SUBJECT_MAX_SHARE` of the titles).
SUBJECT_BONUS = 0.1
#: 5%: in PolNeAR train ``Sanders`` heads 5.6% of the titles, the beat of a primary
#: season; at 6% he was rare, and links between titles headed by him made ten false
#: pairs (a preview, a column, the gun victims' families) for one true pair, on six
#: labelled months (``Obama``, 3.5%, stays rare; see docs/stories.md, stories-quality).
SUBJECT_MAX_SHARE = 0.05
#: Score kept (a factor) when two titles say the same act of two different people
#: (``Pence Endorses Paul Ryan``, ``Donald Trump Finally Endorses ... Paul Ryan``): the
#: same names and verbs, another development.
OTHER_ACTOR = 0.25

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_NUMBER = re.compile(
    r"(?<![\w.,])(?:[$€£¥]|[A-Z]{2,3}\$)?\d[\d,.]*\d(?:\s*(?:%|percent|million|billion|trillion))?|\d\d"
)
_SHINGLE = 5
#: Prefix of the title-subject term in :attr:`StoryFeatures.counts` (``!biden``): kept
#: out of the cosine, it counts titles per subject and marks the article's signature.
SUBJECT = "!"
#: ... of the subject's term in a signature when many titles name it (``~trump``) ...
BEAT_SUBJECT = "~"
#: ... and of the title's predicate (``^endors``: see :func:`title_event`).
PREDICATE = "^"
#: ... and of a lede phrase the window's articles rarely use (``+1f3a9c0d``: a hash of
#: the word pair, see :data:`PHRASE_MAX_ARTICLES`); weightless too, never a probe.
PHRASE = "+"
_SUFFIXES: tuple[str, ...] = ("ements", "ement", "ments", "ment", "ations", "ation")
_SUFFIXES += ("ings", "ing", "ied", "ies", "es", "ed", "s")
_MARKS = SUBJECT + BEAT_SUBJECT + PREDICATE
#: Marks only the pair model reads (:mod:`tui.extract.story_model`): title words, the
#: event frame. Weightless, never probes.
_FRAME = TITLE + EVENT
_NO_PROBE = PHRASE + _FRAME
#: ... but for the contests they name (``=c:caucus``, see :func:`.story_model.event_marks`):
#: the reports of one caucus night share little else, so they are looked up by it.
_CONTEST = EVENT + "c:"
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})
#: Last words of runs the entity extractor reads as persons that are no surname: an
#: abbreviated title cut off by its dot (``Ohio Gov``, ``Vermont Sen``) or a building.
_NOT_SURNAMES = frozenset({"gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "house"})
_TITLE_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
_DIGIT = re.compile(r"\d")

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't
    do does doesn't doing don't down during each few for from further had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
    mustn't my myself no nor not of off on once only or other ought our ours ourselves out
    over own same shan't she she'd she'll she's should shouldn't so some such than that
    that's the their theirs them themselves then there there's these they they'd they'll
    they're they've this those through to too under until up very was wasn't we we'd we'll
    we're we've were weren't what what's when when's where where's which while who who's
    whom why why's with won't would wouldn't you you'd you'll you're you've your yours
    yourself yourselves said says say saying told tells according just like also will
    may might must shall one two three new first last year years time times week day days
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms many much even
    still well back now get got make made going go goes went people think thing things
    way want wants know see come came take took us via per yet however since around
    """
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What the grouping needs of one article, small enough to keep for every article.

    ``counts`` are raw term counts (words, ``@name`` for entities, ``#number`` for
    numbers); ``quotes`` are hashes of the quotes' word 5-grams (``speaker|words`` and
    plain ``words``); ``phrases`` hashes of the title's and lede's plain word pairs
    (:func:`lede_phrases`); ``day`` is the publication day as a day number, None if
    unknown.
    """

    day: int | None
    counts: tuple[tuple[str, int], ...]
    quotes: tuple[int, ...] = ()
    phrases: tuple[int, ...] = ()


def day_number(date: str | None) -> int | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) as days since 1970-01-01; None if unknown."""
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal() - 719163
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    """Content words of ``text``, lower case, possessive ``'s`` dropped (one regex pass
    over the lowered text: the grouping reads every article of a library)."""
    found = _WORD.findall(text.lower().replace("’", "'"))
    out = [w[:-2] if w.endswith("'s") else w for w in found]
    return [w for w in out if len(w) > 2 and w not in _STOPWORDS]


def _numbers(text: str) -> Iterable[str]:
    for match in _NUMBER.finditer(text):
        raw = match.group()
        digits = raw.replace(",", "").rstrip(".")
        if len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20"):
            continue  # a year: shared by everything written that year
        yield "#" + " ".join(digits.lower().split())


def _shingles(words: Sequence[str], prefix: str) -> list[int]:
    crc32 = zlib.crc32
    return [
        crc32((prefix + " ".join(words[i : i + _SHINGLE])).encode("utf-8"))
        for i in range(len(words) - _SHINGLE + 1)
    ]


def _speaker_key(speaker: str | None) -> str:
    """The speaker's last name, lower case: ``Ren Zhengfei`` and ``Mr. Ren`` agree often
    enough, and role speakers (``A Huawei executive``) rarely match anything."""
    if not speaker:
        return ""
    parts = speaker.split()
    return parts[-1].lower() if parts else ""


#: Quote shingles held at once while an article's are hashed: past it only the
#: :data:`QUOTE_SKETCH` smallest are kept (the smallest of all are among them), so a
#: file of tens of thousands of quotes never holds every shingle of them in a set.
_SHINGLES_HELD = 4096

#: Text listed as words at once, at most (about) this many characters.
_LISTED = 100_000


def _pieces(texts: list[str], limit: int = _LISTED) -> Iterator[str]:
    """Paragraphs joined by a character no word or number pattern crosses, in pieces of
    about ``limit`` characters: one regex pass per piece (fast), and a paragraph of
    megabytes (a file on one line) cut at a space, never held as one list of words."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > limit:
            yield "\0".join(group)
            group, size = [], 0
        if len(text) <= limit:
            group.append(text)
            size += len(text) + 1
            continue
        start = 0
        while start < len(text):
            end = min(len(text), start + limit)
            if end < len(text):
                cut = text.rfind(" ", start, end)
                end = cut if cut > start else end
            yield text[start:end]
            start = end
    if group:
        yield "\0".join(group)


def _last_name(name: str) -> str:
    parts = [p for p in name.replace(".", " ").split() if p.lower() not in _NAME_SUFFIXES]
    return parts[-1].lower().replace("’", "'") if parts else ""


def _title_end(article: Article) -> int:
    """Where the title line ends in the article's text (-1: the title is no paragraph
    of it)."""
    first = article.paragraphs[0] if article.paragraphs else None
    if first is None or first.text.strip() != article.title.strip():
        return -1
    return first.span.end


def entity_term(entity: Entity, title_end: int = -1) -> str | None:
    """An entity's term: ``@`` and an organisation's name, or a person's last name
    (``Paul Ryan``, ``House Speaker Paul Ryan`` and ``Speaker Ryan`` are ``@ryan``: one
    person however the article names them). None for what the extractor took for a
    person but is a place and a title or a building (``Ohio Gov`` of ``Ohio Gov. John
    Kasich``, ``White House``), and for a person named only in the title, which ends at
    ``title_end`` (-1: unknown): headlines are in title case, so their words read like
    names (``Voters Say Clinton Better Qualified``)."""
    if entity.kind != EntityKind.PERSON:
        return "@" + entity.name.lower()
    last = _last_name(entity.name)
    if not last or last in _NOT_SURNAMES:
        return None
    if title_end >= 0 and entity.mentions and all(m.start < title_end for m in entity.mentions):
        return None
    return "@" + last


def _stem(word: str) -> str:
    """``endorses``, ``endorsed``, ``endorsement`` -> ``endors``: a suffix stripper, enough
    to tell the same act in two headlines."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


#: Letters NFKD does not take apart, as a title written without diacritics spells them.
_UNACCENTED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae"})


def _fold(word: str) -> str:
    """``kaczyński`` -> ``kaczynski``: a name as a headline written without diacritics
    spells it (Wikinews' ``Polish leader Jaroslaw Kaczynski promises ...`` over a text
    naming ``Jarosław Kaczyński``). ASCII words come back as they are, at once."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNACCENTED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_act(word: str, token: str, names: dict[str, str]) -> bool:
    """Whether a title's word after the subject can be what it did: not a name, a
    stop word, an adverb (``Finally``) or an acronym (``Paul Ryan: FBI Decision``)."""
    if word in names or word in _STOPWORDS or len(word) < 3:
        return False
    return not word.endswith("ly") and not token.isupper()


def title_event(article: Article) -> tuple[str | None, str | None]:
    """Who did what, as the title says it: the person it names first, by last name
    (``Joe Biden``, ``Joseph R. Biden Jr`` and ``Biden`` are ``biden``), and the first
    content word after that name, stemmed (``Pence Endorses Paul Ryan`` -> ``pence``,
    ``endors``; ``Donald Trump Finally Endorses ...`` -> ``trump``, ``endors``). None
    for what the title does not say. A headline puts the actor of what happened first;
    only names the entity extractor found as persons in the article count."""
    names: dict[str, str] = {}
    for entity in article.entities:
        if entity.kind != EntityKind.PERSON:
            continue
        key = _last_name(entity.name)
        if key in _NOT_SURNAMES:
            continue
        for form in (entity.name, *entity.aliases):
            last = _last_name(form)
            if last and key:
                names.setdefault(_fold(last), key)
    subject = None
    for token in _TITLE_TOKEN.findall(article.title) if names else ():
        word = _fold(token.rstrip(".").lower().replace("’", "'"))
        if word.endswith("'s"):
            word = word[:-2]
        if subject is None:
            subject = names.get(word)
        elif _is_act(word, token, names):
            return subject, _stem(word)
    return subject, None


def title_subject(article: Article) -> str | None:
    """The person :func:`title_event` finds first in the title, or None."""
    return title_event(article)[0]


def lede_phrases(title: str, lede: str) -> tuple[int, ...]:
    """Hashes of the first :data:`LEDE_PHRASES` word pairs of ``title`` and ``lede``
    (paragraphs joined by NUL): two content words in a row once stop words are left out
    (``the tweet was deleted`` -> ``tweet deleted``), neither written with a capital
    letter. A name is a term already, and a headline in title case is names only to
    this test; what is left is how the text words what happened."""
    seen: dict[int, None] = {}
    crc32 = zlib.crc32
    for text in (title, *lede.split("\0")):
        previous = None
        for token in _WORD.findall(text.replace("’", "'")):
            word = token.lower()
            if word.endswith("'s"):
                word = word[:-2]
            if len(word) <= 2 or word in _STOPWORDS:
                continue
            if token[0].isupper():
                previous = None
                continue
            if previous is not None:
                seen.setdefault(crc32(f"{previous} {word}".encode()), None)
                if len(seen) >= LEDE_PHRASES:
                    return tuple(seen)
            previous = word
    return tuple(seen)


def _lede(texts: list[str]) -> str:
    """The first :data:`LEDE_PARAGRAPHS` paragraphs, cut to :data:`LEDE_CHARS` at a
    space (never a copy of a long paragraph: only the part kept is sliced out)."""
    parts: list[str] = []
    size = 0
    for text in texts[:LEDE_PARAGRAPHS]:
        if size + len(text) > LEDE_CHARS:
            piece = text[: LEDE_CHARS - size]
            cut = piece.rfind(" ")
            parts.append(piece[:cut] if cut > 0 else piece)
            break
        parts.append(text)
        size += len(text) + 1
    return "\0".join(parts)


def article_features(article: Article, *, day: int | None = None) -> StoryFeatures:
    """The terms, quote shingles and day of ``article`` (``day`` when the article has no
    date of its own: the caller's fallback, such as the day it was imported)."""
    title_words = _words(article.title)
    texts = [paragraph.text for paragraph in article.paragraphs]
    counts: Counter[str] = Counter(title_words * 2)
    # The whole body, then the lede again (it says what happened: counted twice); a
    # piece at a time (a tuple of them was a copy of a 20 MB line's whole text, 40 MB).
    lede = _lede(texts)
    for piece in chain(_pieces(texts), (lede,)):
        counts.update(_words(piece))
        if _DIGIT.search(piece):
            counts.update(_numbers(piece))
    title_end = _title_end(article)
    for entity in article.entities:
        term = entity_term(entity, title_end)
        if term:
            counts[term] += max(1, len(entity.mentions))
    for mark in (*title_marks(title_words, _stem), *event_marks(article.title, lede)):
        counts[mark] = 1
    subject, predicate = title_event(article)
    if subject:
        counts[SUBJECT + subject] = 1
    if subject and predicate:
        counts[PREDICATE + predicate] = 1
    quotes: set[int] = set()
    for quote in article.quotes:
        words = [w.lower() for w in _WORD.findall(quote.text)]
        if len(words) < _SHINGLE + 1:
            continue
        quotes.update(_shingles(words, ""))
        speaker = _speaker_key(quote.speaker)
        if speaker:
            quotes.update(_shingles(words, speaker + "|"))
        if len(quotes) > _SHINGLES_HELD:  # a megabyte article: its sketch as it goes
            quotes = set(heapq.nsmallest(QUOTE_SKETCH, quotes))
    own_day = day_number(article.date)
    return StoryFeatures(
        day=own_day if own_day is not None else day,
        counts=tuple(sorted(counts.items())),
        quotes=tuple(heapq.nsmallest(QUOTE_SKETCH, quotes)),
        phrases=lede_phrases(article.title, lede),
    )


@dataclass(slots=True)
class Member:
    """A placed article as the scoring sees it."""

    story: int
    day: int | None
    vector: dict[str, float]
    quotes: frozenset[int]


def score(
    a_vector: dict[str, float],
    a_quotes: frozenset[int],
    a_day: int | None,
    b: Member,
    *,
    need_name: bool = False,
) -> float:
    """Evidence that two articles report the same development (0 = none).

    ``need_name``: a link also needs a name, number or quote in common (while the
    library is too small for document frequencies to tell ``sales`` from ``Huawei``).
    So does a link of a text of a few words (:data:`SHORT_TERMS`): the one or two words
    it shares with another weigh as much as a whole article's shared terms.
    """
    if a_day is not None and b.day is not None and abs(a_day - b.day) > WINDOW_DAYS:
        return 0.0
    a, b_vector = a_vector, b.vector
    common = a.keys() & b_vector.keys()  # set intersection in C: only shared terms looped
    cosine = sum([a[term] * b_vector[term] for term in common])
    marks = [term[0] for term in common if term[0] in _MARKS]
    if SUBJECT in marks:
        cosine += SUBJECT_BONUS  # the same (rare) person first in both titles
    elif PREDICATE in marks and BEAT_SUBJECT not in marks:
        cosine *= OTHER_ACTOR  # the same act, another actor
    need_name = need_name or _short(a) or _short(b_vector)
    named = any(term[0] in "@#" for term in common) if need_name else True
    shared = len(a_quotes & b.quotes) if a_quotes and b.quotes else 0
    if need_name and not named and not shared:
        return 0.0  # the same kind of news (sales figures), not the same news
    return cosine + QUOTE_BONUS * min(shared, QUOTE_CAP)


def best_candidates(hits: dict[str, float]) -> list[str]:
    """The :data:`MAX_CANDIDATES` keys with the highest partial scores (the weights of
    the probe terms they share with the article, plus shared quote shingles); ties in
    the order they were found. (``sorted`` is what ``heapq.nlargest`` is documented to
    equal, and quicker for a few hundred keys: this runs once per article placed.)"""
    return sorted(hits, key=hits.__getitem__, reverse=True)[:MAX_CANDIDATES]


def _probes(vector: dict[str, float]) -> list[str]:
    """The terms of a signature posted (and looked up) to find candidates: its
    :data:`PROBE_TERMS` heaviest, and its rare title subject (``!obama``, a mark of no
    weight, last): articles whose titles name the same person first are found even
    when they share no term of weight (see :data:`ACTOR_MEMBERS`)."""
    probes = [term for term in islice(vector, PROBE_TERMS) if term[0] not in _NO_PROBE]
    probes += [term for term in vector if term.startswith(_CONTEST)]  # the same contest
    for term in islice(reversed(vector), len(_MARKS)):  # the marks are last
        if term[0] == SUBJECT and term not in probes:
            probes.append(term)
    return probes


def _title_person(vector: dict[str, float]) -> str | None:
    """The rare person a signature's title names first (its title subject, not the
    beat's), by last name, or None. The marks are last: only they are looked at."""
    for term in islice(reversed(vector), len(_MARKS)):
        if term[0] == SUBJECT:
            return term[1:]
    return None


def _short(vector: dict[str, float]) -> bool:
    """Whether a signature has fewer than :data:`SHORT_TERMS` weighted terms (a text of
    a few words). Its weighted terms come first, heaviest first, its weightless marks
    after them: only the first few values are looked at (this runs for every pair)."""
    return not next(islice(vector.values(), SHORT_TERMS - 1, None), 0.0)


def _near(day: int | None, other: int | None) -> bool:
    """Within the story window of each other (an unknown day is near every day)."""
    return day is None or other is None or abs(day - other) <= WINDOW_DAYS


class StoryIndex:
    """The online grouper: articles in, story ids out, one placement per article.

    ``placements`` maps each article key to its story id. ``df``/``n_docs`` are the
    document frequencies the TF-IDF weights come from; :meth:`observe` adds an
    article's terms to them without placing it (a regroup from scratch observes the
    whole library first, so early articles are weighted like late ones).

    This class keeps everything in memory (benchmarks, regrouping from scratch); the
    library's index (:class:`tui.store.stories.LibraryStoryIndex`) overrides the
    storage hooks (``member``, ``candidates``, ``members_near``, ``_store``, ``remove``,
    ``new_story_id``) to keep it in SQLite, so placement reads only what it needs.
    """

    def __init__(
        self,
        *,
        burst: bool = True,
        model: tuple[Sequence[float], float, float] | None = None,
        frame: bool | None = None,
    ) -> None:
        #: Weigh terms by their burst in the window (False: plain TF-IDF, the method
        #: before; kept for the quality benchmark's side-by-side row).
        self.burst = burst
        #: The pair model's weights, bias and link probability (:mod:`.story_model`,
        #: :data:`PAIR_MODEL`), whose links stand beside the rules' where the library
        #: has a history; None (the default): the hand-set rules alone. Off until it
        #: beats the rules on months it was not fitted on (docs/stories.md).
        self.model = model
        #: The rules' links stand beside the model's (False: the model's alone).
        self.rules_too = True
        #: Signatures carry the marks only the pair model reads (title words, the event
        #: frame: see :func:`.story_model.event_marks`), and the contests they name are
        #: probes. None: when the model is on. The rules read neither, so with the model
        #: off they were work for nothing: the contest probes' extra candidates never
        #: changed a story of the rules on the PolNeAR labels (docs/stories.md,
        #: stories-upkeep), and the marks lengthened every signature kept and compared.
        #: The features keep the marks (:func:`article_features`), so the model can be
        #: switched on without working them out again.
        self.frame = model is not None if frame is None else frame
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.placements: dict[str, int] = {}
        self.members: dict[str, Member] = {}
        self.stories: dict[int, set[str]] = defaultdict(set)
        #: Story -> how many of its members (those in ``stories``) are of each day: how
        #: many are near a day is counted without going through them (a story of an
        #: undated import, all one day, can have thousands).
        self._story_days: dict[int, Counter[int | None]] = {}
        #: Story -> the story it was folded into (see :meth:`merge`).
        self.merged: dict[int, int] = {}
        # term -> [(key, day, weight)]; shingle -> [(key, day)]
        self._postings: dict[str, list[tuple[str, int | None, float]]] = {}
        self._quote_postings: dict[int, list[tuple[str, int | None]]] = {}
        #: Shingle -> its postings' count by day, for the long lists only (see
        #: :meth:`_quoted_near`).
        self._quote_days: dict[int, Counter[int | None]] = {}
        self._next_story = 1
        #: Story -> (first, last) day of its dated articles (see :meth:`span`).
        self._spans: dict[int, tuple[int, int]] = {}
        self._idf_cache: dict[str, float] = {}
        self._idf_cache_docs = -1
        # day -> signature-term counts and articles of that day (placed articles): the
        # window's own document frequencies, for the burst weighting.
        self._day_terms: dict[int, Counter[str]] = {}
        self._day_docs: Counter[int] = Counter()
        self._window_day: int | None = None
        self._window_terms: Counter[str] = Counter()
        self._window_docs = 0

    # -- document frequencies ---------------------------------------------------------

    def observe(self, features: StoryFeatures) -> None:
        """Count ``features``' terms in the document frequencies."""
        self.n_docs += 1
        self.df.update(term for term, _ in features.counts)

    def _idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        if self.n_docs >= MIN_DOCS_FOR_DF and df > MAX_DF_SHARE * self.n_docs:
            return 0.0
        return math.log((self.n_docs + 1) / (df + 1)) + 1.0

    def _idfs(self) -> dict[str, float]:
        """IDF by term, remembered while no article is observed (a batch observes all its
        articles first, then places them: each term's IDF is worked out once)."""
        if self._idf_cache_docs != self.n_docs:
            self._idf_cache.clear()
            self._idf_cache_docs = self.n_docs
        return self._idf_cache

    # -- the window's document frequencies (burst) ------------------------------------

    def load_day(self, day: int) -> tuple[Counter[str], int]:
        """Signature-term counts and number of the articles placed on ``day`` before
        this index was opened (none in memory; the library's index reads them)."""
        return Counter(), 0

    def _day(self, day: int) -> Counter[str]:
        counts = self._day_terms.get(day)
        if counts is None:
            counts, self._day_docs[day] = self.load_day(day)
            self._day_terms[day] = counts
        return counts

    def window(self, day: int) -> tuple[Counter[str], int]:
        """Signature-term counts and number of the placed articles within
        :data:`WINDOW_DAYS` of ``day`` (kept for the last day asked: a batch is mostly
        one day or a few in a row)."""
        if self._window_day != day:
            terms: Counter[str] = Counter()
            docs = 0
            for d in range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1):
                terms.update(self._day(d))
                docs += self._day_docs[d]
            self._window_day, self._window_terms, self._window_docs = day, terms, docs
        return self._window_terms, self._window_docs

    def _count_day(self, day: int | None, terms: Iterable[str], sign: int) -> None:
        if day is None:
            return
        counts = self._day(day)
        terms = list(terms)
        for term in terms:
            counts[term] += sign
        self._day_docs[day] += sign
        if self._window_day is not None and abs(self._window_day - day) <= WINDOW_DAYS:
            for term in terms:
                self._window_terms[term] += sign
            self._window_docs += sign

    def _burst_window(self, day: int | None) -> tuple[Counter[str], float]:
        """The window's term counts and its share of the library, or share 0 when the
        library has no history to tell a burst by (every term weighs the same)."""
        if not self.burst or day is None or self.n_docs < MIN_DOCS_FOR_DF:
            return Counter(), 0.0
        window, docs = self.window(day)
        share = (docs + 1) / self.n_docs
        return (window, share) if share < 0.5 else (Counter(), 0.0)

    def vector(self, features: StoryFeatures) -> dict[str, float]:
        """The article's signature: its heaviest terms, L2-normalised, heaviest first
        (the first :data:`PROBE_TERMS` are its postings).

        A term weighs its TF-IDF times its **burst**: how much more often it occurs in
        the articles of the window than its library-wide document frequency predicts.
        The names and words of a development (``Orlando``, ``Mateen``, ``Brexit``)
        crowd the few days after it; ``Clinton`` and ``campaign`` are as common that
        week as any other, so the development's own words outweigh the beat's."""
        idfs = self._idfs()
        window, share = self._burst_window(features.day)
        weighted = []
        marks = []
        frame = []
        for term, count in features.counts:
            if term[0] in _FRAME:
                frame.append(term)
                continue
            if term[0] == SUBJECT:
                rare = self._rare_subject(term)
                marks.append(term if rare else BEAT_SUBJECT + term[1:])
                continue
            if term[0] == PREDICATE:
                marks.append(term)
                continue
            idf = idfs.get(term)
            if idf is None:
                idf = idfs[term] = self._idf(term)
            if idf > 0.0:
                burst = BURST_FLOOR
                if share:
                    expected = self.df.get(term, 0) * share
                    burst += max(0.0, math.log((window.get(term, 0) + 2) / (expected + 1)))
                else:
                    burst += 1.0
                weighted.append((term, (1.0 + math.log(count)) * idf * burst))
        weighted.sort(key=lambda tw: (-tw[1], tw[0]))
        del weighted[SIGNATURE_TERMS:]
        norm = math.sqrt(sum(w * w for _, w in weighted)) or 1.0
        vector = {term: w / norm for term, w in weighted}
        if share:  # rare in the window: counted like the signature's terms (_count_day)
            for phrase in features.phrases:
                mark = f"{PHRASE}{phrase:x}"
                if window.get(mark, 0) < PHRASE_MAX_ARTICLES:
                    vector[mark] = 0.0
        if self.frame:  # weightless too, for the pair model; before the title subject
            for mark in frame:
                vector[mark] = 0.0
        for mark in marks:  # last, weightless: marks for score(), not probes
            vector[mark] = 0.0
        return vector

    def _rare_subject(self, term: str) -> bool:
        """A title subject few titles of the library have (not the beat's names);
        never while the library is too small to tell."""
        if self.n_docs < MIN_DOCS_FOR_DF:
            return False
        return self.df.get(term, 0) <= SUBJECT_MAX_SHARE * self.n_docs

    # -- storage hooks ----------------------------------------------------------------

    def member(self, key: str) -> Member:
        return self.members[key]

    def candidates(
        self, vector: dict[str, float], quotes: frozenset[int], day: int | None
    ) -> list[str]:
        """Keys of placed articles within the window sharing the most probe terms or a
        quote shingle with the article: never the whole library."""
        hits: dict[str, float] = defaultdict(float)
        postings = self._postings
        # _near(d, day) written out: the loop below is the hottest of a regroup.
        lo, hi = (day - WINDOW_DAYS, day + WINDOW_DAYS) if day is not None else (0, 0)
        for term in _probes(vector):
            posted = postings.get(term)
            if not posted or len(posted) > MAX_POSTINGS:
                continue  # in every other article of the week: it finds nothing in particular
            if day is None:
                for key, _d, other in posted:
                    hits[key] += other
                continue
            for key, d, other in posted:
                if d is None or lo <= d <= hi:
                    hits[key] += other
        for shingle in quotes:
            quoted = self._quote_postings.get(shingle)
            if not quoted:
                continue
            if (
                len(quoted) > MAX_POSTINGS
                and self._quoted_near(shingle, quoted, day) > MAX_POSTINGS
            ):
                continue  # counted by day, not gone through (see _quoted_near)
            near: list[str] = []
            for key, d in quoted:
                if d is None or day is None or lo <= d <= hi:
                    near.append(key)
                    if len(near) > MAX_POSTINGS:
                        break  # a stock phrase, or a text copied over and over: nothing
            if len(near) <= MAX_POSTINGS:  # in particular (an undated import is one day)
                for key in near:
                    hits[key] += QUOTE_BONUS
        return best_candidates(hits)

    def scored(
        self, vector: dict[str, float], quotes: frozenset[int], day: int | None
    ) -> list[tuple[str, float]]:
        """Each candidate (:meth:`candidates`) with its :func:`score`: what placing an
        article decides on. A hook: it needs only the placed articles' signatures, not
        their stories, so a regroup on two cores works it out in a second process
        (:mod:`tui.store.story_pipeline`) while this one decides."""
        need_name = self.n_docs < MIN_DOCS_FOR_DF
        member = self.member
        return [
            (other, score(vector, quotes, day, member(other), need_name=need_name))
            for other in self.candidates(vector, quotes, day)
        ]

    def _quoted_near(
        self, shingle: int, quoted: list[tuple[str, int | None]], day: int | None
    ) -> int:
        """How many of ``quoted`` (the postings of ``shingle``, a long list: a stock
        phrase) are within the window of ``day``: counted by day, from per-day counts
        made once per long list and kept as articles are stored. A stock phrase of an
        undated import (all one day) has every article of it: it was gone through to
        its 151st posting for every article placed, a cost that grew with the import."""
        days = self._quote_days.get(shingle)
        if days is None:
            days = self._quote_days[shingle] = Counter(d for _k, d in quoted)
        return sum(n for d, n in days.items() if _near(d, day))

    def span(self, story: int) -> tuple[int, int] | None:
        """The first and last day of ``story``'s dated articles (None: none dated). Kept
        as articles are placed and never narrowed when one leaves (a story stays as
        long as it was)."""
        return self._spans.get(story)

    def _widen(self, story: int, day: int | None) -> None:
        if day is None:
            return
        span = self._spans.get(story)  # in memory only: called for every article stored
        self._spans[story] = (min(span[0], day), max(span[1], day)) if span else (day, day)

    def members_near(self, story: int, day: int | None) -> int:
        """How many of ``story``'s articles are within the window of ``day``."""
        days = self._story_days.get(story)
        if not days:
            return 0
        return sum(n for d, n in days.items() if _near(d, day))

    def _leave_story(self, key: str, member: Member) -> None:
        keys = self.stories.get(member.story)
        if keys is not None and key in keys:
            keys.discard(key)
            self._count_member(member.story, member.day, -1)
            if not keys:
                del self.stories[member.story]

    def _count_member(self, story: int, day: int | None, sign: int) -> None:
        days = self._story_days.setdefault(story, Counter())
        days[day] += sign
        if not days[day]:
            del days[day]
            if not days:
                del self._story_days[story]

    def merge(self, story: int, other: int) -> None:
        """Fold story ``other`` into ``story`` (an article linked both). The members in
        memory move now; ``merged`` remembers it for placements made before (a regroup
        has written the articles behind its window with their old story number)."""
        self.merged[other] = story
        for day in self.span(other) or ():
            self._widen(story, day)
        keys = self.stories.pop(other, set())
        self.stories[story].update(keys)
        moved = self._story_days.pop(other, None)
        if moved:
            self._story_days.setdefault(story, Counter()).update(moved)
        for key in keys:
            self.members[key].story = story
            self.placements[key] = story

    def _within_window(self, joined: list[int], best: dict[int, float], day: int) -> list[int]:
        """The stories of ``joined`` the article can join keeping every story's articles
        within :data:`WINDOW_DAYS` of each other (a development is reported within a few
        days: a story must not creep from one development to the next a link a day), the
        best-linked first while the whole stays within the window."""
        first = last = day
        kept = []
        for story in sorted(joined, key=lambda s: (-best[s], s)):
            span = self.span(story)
            lo, hi = (min(first, span[0]), max(last, span[1])) if span else (first, last)
            if hi - lo <= WINDOW_DAYS:
                kept.append(story)
                first, last = lo, hi
        return kept

    def resolve(self, story: int) -> int:
        """The story ``story`` was folded into (itself if never merged)."""
        while story in self.merged:
            story = self.merged[story]
        return story

    def new_story_id(self) -> int:
        story = self._next_story
        self._next_story += 1
        return story

    def reserve(self, story: int) -> None:
        """Make sure new stories get ids above ``story`` (ids in use elsewhere)."""
        self._next_story = max(self._next_story, story + 1)

    def _store(self, key: str, member: Member) -> None:
        self.reserve(member.story)
        self._widen(member.story, member.day)
        self.members[key] = member
        keys = self.stories[member.story]
        if key not in keys:
            keys.add(key)
            self._count_member(member.story, member.day, 1)
        self._count_day(member.day, member.vector, 1)
        for term in _probes(member.vector):
            weight = member.vector[term] or SUBJECT_BONUS  # a title subject: no weight
            self._postings.setdefault(term, []).append((key, member.day, weight))
        quote_days = self._quote_days
        for shingle in member.quotes:
            self._quote_postings.setdefault(shingle, []).append((key, member.day))
            if shingle in quote_days:
                quote_days[shingle][member.day] += 1

    def remove(self, key: str) -> None:
        """Take an article out (it left the library or is being placed again)."""
        member = self.members.pop(key, None)
        self.placements.pop(key, None)
        if member is None:
            return
        self._leave_story(key, member)
        self._count_day(member.day, member.vector, -1)
        for term in _probes(member.vector):
            bucket = self._postings.get(term)
            if bucket:
                bucket[:] = [p for p in bucket if p[0] != key]
        for shingle in member.quotes:
            quoted = self._quote_postings.get(shingle)
            if quoted:
                quoted[:] = [p for p in quoted if p[0] != key]
            self._quote_days.pop(shingle, None)  # counted again when next asked

    def evict_before(self, day: int) -> list[tuple[str, Member]]:
        """Forget the members dated before ``day`` (they can no longer be candidates when
        articles arrive in date order), keeping their placements; the forgotten ones, for
        the caller to store. Keeps a regroup's memory to a window of articles."""
        old = [(k, m) for k, m in self.members.items() if m.day is not None and m.day < day]
        for key, member in old:
            del self.members[key]
            self._leave_story(key, member)

        def recent(postings: dict[Any, list[Any]]) -> None:
            for term in list(postings):
                kept = [p for p in postings[term] if p[1] is None or p[1] >= day]
                if kept:
                    postings[term] = kept
                else:
                    del postings[term]

        if old:  # else no posting is that old either (an undated import is one day)
            recent(self._postings)
            recent(self._quote_postings)
            self._quote_days.clear()
            # A story that ended before the window can take nothing more: its span goes.
            self._spans = {
                s: span for s, span in self._spans.items() if span[1] >= day - WINDOW_DAYS
            }
        for d in [d for d in self._day_terms if d < day - WINDOW_DAYS]:
            del self._day_terms[d]
            del self._day_docs[d]
        self._window_day = None
        return old

    def evict_excess(self, keep: int = WINDOW_MEMBERS) -> list[tuple[str, Member]]:
        """Forget all but the ``keep`` most recently placed members, keeping their
        placements; the forgotten ones, for the caller to store (as :meth:`evict_before`
        does for the days behind the window). In batches of ``keep // 4``, so the
        postings are not rewritten for every share."""
        if len(self.members) <= keep + keep // 4:
            return []
        gone = list(islice(self.members, len(self.members) - keep))
        old = [(key, self.members.pop(key)) for key in gone]
        for key, member in old:
            self._leave_story(key, member)
        forgotten = set(gone)

        def without(postings: dict[Any, list[Any]]) -> None:
            for term in list(postings):
                kept = [p for p in postings[term] if p[0] not in forgotten]
                if kept:
                    postings[term] = kept
                else:
                    del postings[term]

        without(self._postings)
        without(self._quote_postings)
        self._quote_days.clear()
        return old

    # -- placing ----------------------------------------------------------------------

    def _joined_by_rules(
        self, vector: dict[str, float], quotes: frozenset[int], day: int | None, history: bool
    ) -> tuple[list[int], dict[int, float]]:
        """The stories an article links to by the hand-set rules (see the module's
        docstring), and its best score per story: what decides while the library has no
        history to tell a burst by (the pair model was fitted on a library that has)."""
        if history:
            link_needed, story_needed = LINK_THRESHOLD, STORY_THRESHOLD
        else:
            link_needed, story_needed = LINK_THRESHOLD_NO_HISTORY, STORY_THRESHOLD_NO_HISTORY
        best: dict[int, float] = {}
        totals: dict[int, float] = defaultdict(float)
        counts: Counter[int] = Counter()
        linked = 0  # placed articles it links to
        actor = next((term for term in vector if term[0] == SUBJECT), None)
        actors: Counter[int] = Counter()  # story -> its members with the same title subject
        person = actor[1:] if actor is not None else None
        other_person: set[int] = set()  # stories it links to whose title names another first
        phrases = {term for term in vector if term[0] == PHRASE}
        worded: set[int] = set()  # stories it links to sharing a rare lede phrase
        for other, s in self.scored(vector, quotes, day):
            member = self.member(other)
            totals[member.story] += s
            counts[member.story] += 1
            if s > best.get(member.story, 0.0):
                best[member.story] = s
            linked += s >= link_needed
            if s >= link_needed and phrases and not phrases.isdisjoint(member.vector):
                worded.add(member.story)
            if actor is not None and s and actor in member.vector:
                actors[member.story] += 1
            if s >= link_needed and person is not None:
                theirs = _title_person(member.vector)
                if theirs is not None and theirs != person:
                    named = f"@{theirs}" in vector and f"@{person}" in member.vector
                    if not named:  # one of them never names the other's actor
                        other_person.add(member.story)
        near: dict[int, int] = {}
        joined = []
        for candidate, link in best.items():
            if link < link_needed:
                continue
            near[candidate] = self.members_near(candidate, day)
            if totals[candidate] / max(near[candidate], counts[candidate], 1) >= story_needed:
                joined.append(candidate)
        if linked < 2:  # one link: to a story of one article, only a strong one
            strong = link_needed * PAIR_LINK
            joined = [
                s
                for s in joined
                if near[s] >= 2
                or (s not in other_person and (best[s] >= strong or actors[s] or s in worded))
            ]
        joined += [s for s, n in actors.items() if n >= ACTOR_MEMBERS and s not in joined]
        return joined, best

    def _joined_by_model(
        self,
        model: tuple[Sequence[float], float, float],
        vector: dict[str, float],
        quotes: frozenset[int],
        day: int | None,
    ) -> tuple[list[int], dict[int, float]]:
        """The stories an article links to by the pair model (:mod:`.story_model`): a
        story one of whose candidate members the model links it to, and the best
        probability per story. A text of a few words links only on a shared name,
        number or quote (:func:`score` finds nothing else in common)."""
        weights, bias, threshold = model
        best: dict[int, float] = {}
        totals: dict[int, float] = defaultdict(float)
        counts: Counter[int] = Counter()
        short = _short(vector)
        for other, s in self.scored(vector, quotes, day):
            member = self.member(other)
            if not s and (short or _short(member.vector)):
                continue  # a text of a few words and no name, number or quote in common
            features = self.pair_evidence(vector, quotes, day, member)
            p = story_model.linked(features, weights, bias, 0.0)
            totals[member.story] += p
            counts[member.story] += 1
            if p >= threshold and p > best.get(member.story, 0.0):
                best[member.story] = p
        joined = [
            story
            for story in best
            if totals[story] / max(self.members_near(story, day), counts[story], 1)
            >= threshold * MODEL_STORY_SHARE
        ]
        return joined, best

    def pair_evidence(
        self, vector: dict[str, float], quotes: frozenset[int], day: int | None, member: Member
    ) -> list[float]:
        """The pair model's features of an article and a placed one (a hook: the fit
        script records them)."""
        return pair_features(
            vector,
            quotes,
            day,
            member.vector,
            member.quotes,
            member.day,
            self._mark_idf,
            quote_cap=QUOTE_CAP,
            signature_terms=SIGNATURE_TERMS,
        )

    def _mark_idf(self, term: str) -> float:
        idfs = self._idfs()
        idf = idfs.get(term)
        if idf is None:
            idf = idfs[term] = self._idf(term)
        return idf

    def place(
        self, key: str, features: StoryFeatures, *, observed: bool = False, reuse: int | None = None
    ) -> int:
        """Put one article into its story (an existing one or a new one); its story id.

        ``observed``: its terms are already counted in the document frequencies.
        An article placed before is taken out and placed again (a re-parse).
        ``reuse``: the article's story before it was taken out; if it starts a story,
        that id is taken again while no other article holds it (story ids survive a
        re-parse of the whole library).
        """
        self.remove(key)
        if not observed:
            self.observe(features)
        vector = self.vector(features)
        quotes = frozenset(features.quotes)
        day = features.day
        history = bool(self._burst_window(day)[1])
        joined, best = self._joined_by_rules(vector, quotes, day, history)
        if history and self.model is not None:
            by_model, chance = self._joined_by_model(self.model, vector, quotes, day)
            if not self.rules_too:
                joined, best = by_model, chance
            else:
                joined += [s for s in by_model if s not in joined]
                best = {
                    s: max(best.get(s, 0.0), chance.get(s, 0.0))
                    for s in best.keys() | chance.keys()
                }
        if day is not None:
            joined = self._within_window(joined, best, day)
        # Every story it links to is one story from now on (single link, as if the
        # library had been grouped at once): the oldest id stays.
        story = min(joined) if joined else 0
        for folded in sorted(joined)[1:]:
            self.merge(story, folded)
        if not story and reuse is not None and not self.members_near(reuse, None):
            story = reuse
        if not story:
            story = self.new_story_id()
        self.placements[key] = story
        self._store(key, Member(story, day, vector, quotes))
        return story


def group(items: Iterable[tuple[str, StoryFeatures]]) -> dict[str, int]:
    """Group a whole collection from scratch: document frequencies over everything
    first, then each article placed in date order (undated last). Key -> story id."""
    items = list(items)
    index = StoryIndex()
    for _, features in items:
        index.observe(features)
    items.sort(key=lambda kf: (kf[1].day is None, kf[1].day or 0))
    for key, features in items:
        index.place(key, features, observed=True)
    return {key: index.resolve(story) for key, story in index.placements.items()}

"""What each outlet of a story has: shared quotes, wording differences, sentences of its own.

A reader who triages a story reads it once and wants to see what each outlet added.
:func:`compare` lines up the quotes of the story's articles across outlets: the same
speaker's quotes are grouped when their words match (``rapidfuzz``: the same words,
or one a part of the other), and flagged when the wording differs between outlets; and
it lists the sentences that only one outlet has. Everything carries the article id and
the span, so a caller can jump to the place.

Nothing here imports textual or rich.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tui.model import Article, Quote, QuoteKind, Span
from tui.text import sentence_bounds

#: Two quotes with at least this ``fuzz.ratio`` (or this ``partial_ratio`` when one is a
#: part of the other) are the same words.
SAME_WORDS = 90
#: Quotes of one speaker this similar (``token_set_ratio``) but not the same words are
#: the same quote worded differently.
SIMILAR_WORDS = 60
#: A sentence with no sentence of another outlet this similar (``token_set_ratio``) is
#: one only its outlet has.
OWN_SENTENCE = 55
#: Sentences shorter than this (characters) are not compared (datelines, fragments).
MIN_SENTENCE = 40
#: Quotes compared per story (bounds the pairwise alignment).
MAX_QUOTES = 400
#: A sentence whose characters are at least this share quotes the comparison shows
#: (under their speaker, or aligned across outlets) is shown already: it is not listed
#: again as one only its outlet has. A sentence with a short quote in it still is.
QUOTED_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class QuoteAt:
    """One outlet's quote: where it is and what it says."""

    article: str
    outlet: str
    text: str
    span: Span
    speaker: str | None


@dataclass(frozen=True, slots=True)
class SharedQuote:
    """The same speaker's quote as several outlets give it; ``same_words`` is False when
    an outlet's wording differs from another's (``score``: the lowest ratio in it)."""

    speaker: str | None
    quotes: tuple[QuoteAt, ...]
    same_words: bool
    score: float


@dataclass(frozen=True, slots=True)
class OwnSentence:
    """A sentence only one outlet of the story has."""

    article: str
    outlet: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """One speaker quoted by several outlets: each outlet's quotes of them, side by side."""

    speaker: str
    by_outlet: dict[str, tuple[QuoteAt, ...]]


@dataclass(frozen=True, slots=True)
class Comparison:
    """``speakers``: everyone quoted, in order of first quote; ``side_by_side``: those
    quoted by two outlets or more; ``shared_quotes``: quotes aligned across outlets."""

    speakers: tuple[str, ...]
    side_by_side: tuple[SpeakerQuotes, ...]
    shared_quotes: tuple[SharedQuote, ...]
    own_sentences: tuple[OwnSentence, ...]
    quotes_by_outlet: dict[str, tuple[QuoteAt, ...]]


def _side_by_side(all_quotes: list[QuoteAt]) -> tuple[SpeakerQuotes, ...]:
    by_key: dict[str, dict[str, list[QuoteAt]]] = {}
    names: dict[str, str] = {}
    for q in all_quotes:
        key = _speaker_key(q.speaker)
        if not key or not q.speaker or not q.speaker[:1].isupper() or " " not in q.speaker.strip():
            continue  # roles and lone words are not one person across outlets
        names.setdefault(key, q.speaker)
        by_key.setdefault(key, {}).setdefault(q.outlet, []).append(q)
    return tuple(
        SpeakerQuotes(names[key], {o: tuple(qs) for o, qs in outlets.items()})
        for key, outlets in by_key.items()
        if len(outlets) >= 2
    )


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\"“”‘’'`«»]", " ", text).lower().split())


def _speaker_key(speaker: str | None) -> str:
    return speaker.split()[-1].lower() if speaker and speaker.split() else ""


def _same_speaker(a: QuoteAt, b: QuoteAt) -> bool:
    ka, kb = _speaker_key(a.speaker), _speaker_key(b.speaker)
    return not ka or not kb or ka == kb


def _words_match(a: str, b: str) -> tuple[bool, float]:
    """(same words, similarity 0-100) of two normalised quotes."""
    ratio = fuzz.ratio(a, b)
    if ratio >= SAME_WORDS:
        return True, ratio
    if min(len(a), len(b)) >= 20 and fuzz.partial_ratio(a, b) >= SAME_WORDS:
        return True, fuzz.partial_ratio(a, b)
    return False, fuzz.token_set_ratio(a, b)


def _quotes(article: Article, outlet: str, text_of: Callable[[Quote], str]) -> list[QuoteAt]:
    """The article's quotations (reported speech is a paraphrase: its wording is the
    outlet's, not the speaker's, so it is not compared)."""
    return [
        QuoteAt(article.id, outlet, text_of(q), q.span, q.speaker)
        for q in article.quotes
        if q.kind != QuoteKind.INDIRECT
    ]


def compare(
    articles: Sequence[Article], outlet_of: Callable[[Article], str], *, own: bool = True
) -> Comparison:
    """Line up the quotes and sentences of a story's ``articles`` across outlets.

    ``own=False`` leaves ``own_sentences`` empty: finding them compares every sentence
    with every other outlet's, nine tenths of the work, and the JSON lines of
    ``newsdesk stories`` do not list them."""
    by_outlet: dict[str, list[QuoteAt]] = {}
    for article in articles:
        by_outlet.setdefault(outlet_of(article), []).extend(
            _quotes(article, outlet_of(article), lambda q: q.text)
        )
    all_quotes = [q for qs in by_outlet.values() for q in qs][:MAX_QUOTES]
    normed = [_norm(q.text) for q in all_quotes]
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    scores: list[list[tuple[bool, float]]] = []
    for i, qi in enumerate(all_quotes):
        for j in range(i):
            qj = all_quotes[j]
            if qj.outlet == qi.outlet or not _same_speaker(qi, qj):
                continue
            same, score = _words_match(normed[i], normed[j])
            if not same and score < SIMILAR_WORDS:
                continue
            g = group_of.get(j)
            if g is None:
                g = len(groups)
                groups.append([j])
                scores.append([])
                group_of[j] = g
            if i not in group_of:
                groups[g].append(i)
                group_of[i] = g
            scores[g].append((same, score))
    shared = []
    for g, members in enumerate(groups):
        quotes = tuple(all_quotes[k] for k in sorted(members))
        if len({q.outlet for q in quotes}) < 2:
            continue
        speaker = next((q.speaker for q in quotes if q.speaker), None)
        shared.append(
            SharedQuote(
                speaker,
                quotes,
                all(same for same, _ in scores[g]),
                min(score for _, score in scores[g]),
            )
        )
    speakers = tuple(dict.fromkeys(q.speaker for q in all_quotes if q.speaker))
    side_by_side = _side_by_side(all_quotes)
    shown = [q for s in side_by_side for qs in s.by_outlet.values() for q in qs]
    shown += [q for group in shared for q in group.quotes]
    return Comparison(
        speakers=speakers,
        side_by_side=side_by_side,
        shared_quotes=tuple(shared),
        own_sentences=tuple(own_sentences(articles, outlet_of, shown)) if own else (),
        quotes_by_outlet={k: tuple(v) for k, v in by_outlet.items()},
    )


def sentences(article: Article) -> list[tuple[str, Span]]:
    """The article's body sentences with their spans (:func:`tui.text.sentence_bounds`)."""
    out = []
    for paragraph in article.paragraphs:
        base = paragraph.span.start
        for a, b in sentence_bounds(paragraph.text):
            if b - a >= MIN_SENTENCE:
                out.append((paragraph.text[a:b], Span(base + a, base + b)))
    return out


def _quoted(span: Span, quotes: Sequence[Span]) -> int:
    """How many characters of ``span`` the ``quotes`` cover (each counted once)."""
    covered, end = 0, span.start
    for q in sorted(quotes, key=lambda q: q.start):
        start, stop = max(q.start, end), min(q.end, span.end)
        if stop > start:
            covered += stop - start
            end = stop
    return covered


def own_sentences(
    articles: Sequence[Article],
    outlet_of: Callable[[Article], str],
    shown: Sequence[QuoteAt] = (),
) -> list[OwnSentence]:
    """Sentences of each outlet that no other outlet of the story has anything like,
    less those the ``shown`` quotes mostly are (:data:`QUOTED_SHARE`): a reader has
    them already, as quotes."""
    quotes: dict[str, list[Span]] = {}
    for q in shown:
        quotes.setdefault(q.article, []).append(q.span)
    per_article = [(a, outlet_of(a), sentences(a)) for a in articles]
    normed = [[_norm(t) for t, _ in ss] for _, _, ss in per_article]  # each sentence once
    out = []
    for (article, outlet, own), own_normed in zip(per_article, normed, strict=True):
        others = [
            n for (_, o, _), ns in zip(per_article, normed, strict=True) if o != outlet for n in ns
        ]
        if not others:
            continue
        quoted = quotes.get(article.id, [])
        for (text, span), norm in zip(own, own_normed, strict=True):
            if quoted and _quoted(span, quoted) >= QUOTED_SHARE * (span.end - span.start):
                continue
            if (
                process.extractOne(
                    norm, others, scorer=fuzz.token_set_ratio, score_cutoff=OWN_SENTENCE
                )
                is None
            ):
                out.append(OwnSentence(article.id, outlet, text, span))
    return out

"""Measuring quote extraction against a labelled set: matching, scores, a naive baseline.

A predicted quote matches a gold quote when they overlap by at least
:data:`MATCH_OVERLAP` of the gold quote's length; matching is one-to-one (greedy, best
overlap first), so one runaway quote cannot match two gold quotes. Precision is matched
over predicted, recall matched over gold, speaker accuracy the share of matched pairs
whose speaker is right (both none counts as right). Speakers compare after folding case,
spaces, curly apostrophes and a leading article (``The army`` = ``army``); a gold quote
may list alternate acceptable speakers for roles that can be cut in several ways.

The baseline is what a reader would get without rules: every span between a pair of
double quote marks, attributed to the nearest capitalised word run in its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.model import Paragraph, Quote, QuoteKind, Span

#: Overlap over the gold quote's length needed for a match.
MATCH_OVERLAP = 0.8


@dataclass(frozen=True, slots=True)
class GoldQuote:
    span: Span
    speaker: str | None
    kind: str
    alternates: tuple[str, ...] = ()


@dataclass(slots=True)
class Scores:
    """Counts over a labelled set; the ratios are properties so sets can be summed."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_right: int = 0
    kind_right: int = 0
    misses: list[tuple[str, GoldQuote]] = field(default_factory=list)
    false_alarms: list[tuple[str, Quote]] = field(default_factory=list)
    wrong_speakers: list[tuple[str, GoldQuote, Quote]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 1.0


_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def normalise_speaker(name: str | None) -> str | None:
    if name is None:
        return None
    folded = " ".join(name.replace("’", "'").split()).casefold()
    return _ARTICLE.sub("", folded)


def speaker_matches(gold: GoldQuote, predicted: str | None) -> bool:
    wanted = {normalise_speaker(gold.speaker)} | {normalise_speaker(a) for a in gold.alternates}
    return normalise_speaker(predicted) in wanted


def match(gold: Sequence[GoldQuote], predicted: Sequence[Quote]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, predicted index)`` pairs, best overlap first."""
    candidates: list[tuple[float, int, int]] = []
    for g, gq in enumerate(gold):
        length = max(1, len(gq.span))
        for p, pq in enumerate(predicted):
            overlap = min(gq.span.end, pq.span.end) - max(gq.span.start, pq.span.start)
            if overlap > 0 and overlap / length >= MATCH_OVERLAP:
                candidates.append((overlap / length, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _ratio, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


def score_document(
    scores: Scores, name: str, gold: Sequence[GoldQuote], predicted: Sequence[Quote]
) -> None:
    """Add one document's counts (and its errors, for reading) to ``scores``.

    The labels mark quoted speech (quote marks); an interview's turns have none, so
    they are outside what is scored."""
    predicted = [q for q in predicted if q.kind != QuoteKind.INTERVIEW]
    pairs = match(gold, predicted)
    scores.predicted += len(predicted)
    scores.gold += len(gold)
    scores.matched += len(pairs)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    for g, p in pairs:
        if speaker_matches(gold[g], predicted[p].speaker):
            scores.speaker_right += 1
        else:
            scores.wrong_speakers.append((name, gold[g], predicted[p]))
        if gold[g].kind == predicted[p].kind.value:
            scores.kind_right += 1
    scores.misses.extend((name, gq) for n, gq in enumerate(gold) if n not in matched_gold)
    scores.false_alarms.extend(
        (name, pq) for n, pq in enumerate(predicted) if n not in matched_pred
    )


_DOUBLE_PAIR = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_CAPITALISED_RUN = re.compile(r"[^\W\d_a-z][\w’'\-]*(?:\s+[^\W\d_a-z][\w’'\-]*)*")


def naive_quotes(text: str, paragraphs: Iterable[Paragraph]) -> tuple[Quote, ...]:
    """The baseline: every double-quoted span, speaker = nearest capitalised word run."""
    quotes: list[Quote] = []
    for paragraph in paragraphs:
        start, end = paragraph.span.start, paragraph.span.end
        pairs = list(_DOUBLE_PAIR.finditer(text, start, end))
        names = [
            m
            for m in _CAPITALISED_RUN.finditer(text, start, end)
            if not any(q.start() <= m.start() < q.end() for q in pairs)
        ]
        for pair in pairs:
            nearest = min(
                names,
                key=lambda m, q=pair: min(abs(m.end() - q.start()), abs(m.start() - q.end())),
                default=None,
            )
            quotes.append(
                Quote(
                    text=pair.group(0),
                    span=Span(pair.start(), pair.end()),
                    speaker=nearest.group(0) if nearest else None,
                    speaker_span=Span(nearest.start(), nearest.end()) if nearest else None,
                    cue=None,
                    kind=QuoteKind.DIRECT,
                    confidence=1.0,
                )
            )
    return tuple(quotes)

"""Quotes and their speakers, rule-based.

For each article, in order:

1. **Marks** (:mod:`tui.extract.quote_marks`): quoted spans, paired left to right in each
   paragraph; a quote runs on into the next paragraph only when that paragraph opens
   with a quote mark.
2. **Cues** (:mod:`tui.extract.quote_cues`), looked for in the paragraph with every
   quotation masked out, nearest first:
   - right after the quote: ``“…,” Ren said``, ``“…,” said cabinet minister Nikolai
     Astrup``, ``“…,” according to a spokesperson``;
   - right before it: ``Durbin said "…"``, ``He tweeted, "…"``, ``Ren said: “…”``;
   - earlier in the same sentence, for a quote inside a sentence: ``A Huawei executive
     told Reuters that … made them “no worse”`` (kind ``partial``);
   - later in the sentence: ``… “on track”, he added``.
3. **Continuation**: a quote with no cue of its own right after an attributed quote in
   its paragraph, or opening the paragraph after one, takes that quote's speaker
   (``“X,” he said. “Y.”``; ``“X,” he said, “Y.”``).
4. **Speakers** (:mod:`tui.extract.speaker_names`): pronouns resolve to the salient
   person, short names to full names, roles stay roles.
5. **Confidence**: see :data:`CONFIDENCE_THRESHOLD`. A quote with no speech act at all
   (scare quotes, titles, ``so-called “entity list”``) is kept with a low confidence:
   callers hide it unless asked for everything. Single marks (``‘…’``) are kept only
   with a cue right beside them; without one they are apostrophes or scare quotes.

Everything is linear in the article's length: each quote looks at bounded windows of its
own paragraph, and names are only gathered for articles that need them.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tui.extract.entities import EntityIndex
from tui.extract.foreign_marks import english_marks, has_foreign_marks
from tui.extract.gender import agrees, honorifics
from tui.extract.quote_cues import (
    CUE,
    JUDGING_VERBS,
    WEAK_VERBS,
    SpeakerPhrase,
    find_cues,
    is_person_role,
    noun_phrase_after,
    noun_phrase_before,
    noun_use,
    speaker_after,
    speaker_before,
)
from tui.extract.quote_marks import Marked, find_marked, may_quote
from tui.extract.reported import (
    Reported,
    before_refusal,
    clauses,
    is_refusal,
    object_run,
    subject_run,
)
from tui.extract.speaker_names import (
    PERSON_PRONOUNS,
    PRONOUNS,
    NameIndex,
    looks_like_org,
    name_from_run,
)
from tui.model import Entity, EntityKind, Paragraph, Quote, QuoteKind, Span, quote_of, span_of
from tui.text import sentence_ends, spaces_end, word_list

#: Quotes below this confidence are not speech as far as the rules can tell (scare
#: quotes, titles, unattributed fragments). ``newsdesk quotes`` hides them unless
#: ``--all``; the quality figures in docs/quotes.md count only quotes at or above it.
CONFIDENCE_THRESHOLD = 0.5

# Confidence of each way a quote can be attributed (see the module docstring).
_DIRECT = 0.95
_PRONOUN_PENALTY = 0.05
_CONTINUATION = 0.85
_PARTIAL = 0.8
_NO_SPEAKER = 0.6
_UNCLOSED_PENALTY = 0.15
_UNATTRIBUTED_SPEECH = 0.4
_SCARE = 0.15
_SO_CALLED = 0.05
_REPORTED = 0.75
#: What ends the words before a participle or an infinitive of saying whose subject
#: opens the clause: `…, saying`, `… and wrote`, `… to say`, `upon saying`.
_CLAUSE_LINKS = (",", " and", " but", " to", " upon", " while", " by", " after", " before")
#: Verbs of saying that also mean something else (``The renovation added a wing``): with
#: no ``that``, they report only when a person, named or ``he``/``she``, is the subject.
_COUNTING = frozenset(("added", "adds", "adding", "wrote", "writes", "noted", "noting"))
_EARLIER_SPEAKER = 0.7
_REPORTED_NO_SPEAKER = 0.45
#: A phrase read as a speaker that ends in a date is none (``according to a March 14,
#: 2019 press release`` read up to the date's comma). Other numbers may be speakers:
#: ``About 4 in 10 say``, ``42% say`` report a poll.
_DATE_LAST = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\W*$"
)

_WEAK = frozenset(WEAK_VERBS)
_JUDGING = frozenset(JUDGING_VERBS)
#: What may stand between a cue and the quote it introduces: punctuation, a short
#: adverbial (``said on Friday``, ``said in a statement``).
_ADJACENT_GAP = re.compile(
    r"\s*(?:,|:|—|–)?\s*"
    r"(?:(?:the\s+)?(?:[^\W\d_a-z][\w.’'\-]*\s*){1,4}|reporters\s*|journalists\s*"
    r"|the\s+press\s*|(?:local\s+|the\s+)?media\s*|parliament\s*)?"
    r"(?:(?:on|in|at|during|after|before|last|this|late|early|yesterday|today|"
    r"again|also|then|later|to\s+\w+)\b[^,.;:!?“”\"]{0,40}?)?\s*[,:—–]?\s*"
)
_AFTER_GAP = re.compile(r"[\s,—–]*")
#: A crowd's words: ``chants of “…”``, ``to shouts of “…”``.
_CROWD_BEFORE = re.compile(
    r"\b(chants|cries|shouts|calls|cheers|chanting|shouting|yelling|screaming)\s+of\s*$"
)
#: ``“…,” came shouts from the crowd``.
_CROWD_AFTER = re.compile(r"\s*,?\s*(?:came|rose|went\s+up)\s+(shouts|cries|chants|calls|cheers)\b")
_NAME_WORDS = r"((?:[^\W\d_a-z][\w.\-]*\s+){0,3}[^\W\d_a-z][\w.\-]*?)"
#: ``in Forbes’ words, “…”``, ``in Dana Whitfield's own words: “…”``.
_IN_WORDS = re.compile(
    r"\b[Ii]n\s+" + _NAME_WORDS + r"(?:’s|'s|’|')\s+(?:own\s+)?words\s*[,:]?\s*$"
)
#: ``Romney’s “…” comment``: a name's possessive before the quotation, then ...
_OWNER_BEFORE = re.compile(_NAME_WORDS + r"(?:’s|'s)\s*$")
#: ... a noun of speech after it.
_SPEECH_NOUN_AFTER = re.compile(
    r"\s*(?:comments?|remarks?|promises?|pledges?|vows?|quips?|claims?|warnings?|"
    r"statements?|assertions?|boasts?|tweets?|retorts?)\b"
)
#: A person's affiliation after their name: ``Dan Albin of the Institute``.
_AFFILIATION = re.compile(r"\s(?:of|from|at|with)\s")
#: An outlet in brackets closing a paragraph after a quotation: ``“…” [WaPo.]``.
_BRACKETED_SOURCE = re.compile(r"\s*\[\s*([^\W\d_a-z][^\[\]\n.]{0,38}?)\.?\s*\]\s*$")
#: A word of a name, its possessive and dots aside (``trump``, ``o'malley``).
_ENTITY_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
#: Phrases that name a term (``used the term``, ``coined a phrase``): like the weak
#: verbs, they attribute the words quoted after them only to a speaker named.
_TERM_CUES = ("used ", "uses ", "using ", "coined ")
#: A clause naming where the quotation after its colon is taken from.
_FROM_SOURCE = re.compile(r"\s*(?:From|Quoting)\s+(?=the\s|a\s|an\s|[^\W\d_a-z])")
#: A curly quotation inside a speaker's appositive, its words blanked by the mask.
_QUOTED_INSIDE = re.compile(r"“[^“”\"]*”")
#: What no speaker phrase between a quote and its cue holds (once titles' dots are gone).
_STOPS = re.compile(r'[.;:!?“”"]')
#: The dot of a web address (``founded harbourpolls.com``): no sentence's end.
_DOMAIN_DOT = re.compile(r"(?<=\w)\.(?=(?:com|org|net|gov|edu|us|uk)\b)")
#: A signature line after a quotation: ``- Clinton.``, ``— Senator Jo Marsh``.
_SIGNATURE = re.compile(r"\s*[-—–~]\s*((?:[^\W\d_a-z][\w’'.\-]*\s*){1,4}?)\.?\s*")
#: A signature right after a quotation in its paragraph: ``“…” -Michelle Marks, Ohio.``
_SIGNED_AFTER = re.compile(r"\s*[-—–~]\s*((?:[^\W\d_a-z][\w’'.\-]*\s*){1,4}?)\s*[,.](?:\s|$)")
#: A party and state after a politician's name: ``Harry M. Reid (D-Nev.) said``.
_PAREN_TAG = re.compile(r"\s*\([^()“”\"]{1,24}\)\s*$")
#: The same between commas: ``Mitch McConnell, R-Ky., said``.
_COMMA_TAG = re.compile(r",\s*[DRI]-[A-Z][A-Za-z.]{1,8},\s*$")
#: A name alone before a colon, opening its line or after a dash: ``Philip Bump: “…”``.
_NAME_COLON = re.compile(
    r"(?:^|\n|[-—–]\s*|\A)((?:[^\W\d_a-z][\w’'.\-]*\s+){0,3}[^\W\d_a-z][\w’'\-]*)\s*:\s*$"
)
#: Dots that end no sentence: titles (``Mr.``, ``Sen.``) and initials (``James A. Baker``).
_ABBREVIATED = re.compile(
    r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Rev|Lt|Col|Capt|Sgt|St|Jr|Sr|Prof|Adm|Maj|Cmdr"
    r"|Supt|Det|Insp|Hon|Pres|Atty|Amb)\."
)
_SO_CALLED_BEFORE = re.compile(r"(?:so-called|so called|dubbed|nicknamed|titled|entitled)\s*$")
_NAME_RUN = re.compile(r"[^\W\d_a-z][\w’'\-]*(?:[ \t]+[^\W\d_a-z][\w’'\-]*)+")
#: How many sentences back a pronoun may look for the person it means.
_SALIENCE_REACH = 40
#: How far (characters) after a named speaker's cue a pronoun may be and still take the
#: fast path: the cues between are read, and an unbounded window made it quadratic.
_MENTION_REACH = 1500
_ALNUM = re.compile(r"[^\W_]")
#: Words that may stand between a speaker's name and the cue in the salience fast path.
_SKIP_BETWEEN = frozenset(
    ("also", "reportedly", "later", "then", "had", "has", "have", "was", "yesterday", "today")
)
_CAP_WORD = r"[^\W\d_a-z][\w’'\-]*"
_CAPITALISED = re.compile(r"[^\W\d_a-z][\w’'\-]*(?:[ \t]+[^\W\d_a-z][\w’'\-]*)*")
_CLAUSE_WORDS = frozenset(("while", "and", "but", "as", "when", "because", "after", "although"))
_BY_AGENT = re.compile(r"\s+by\s+")
_ONLY_QUOTE = re.compile(r"[\s“”\"‘’',.!?—–\-]*")
_SKIP_THEN_CUE = re.compile(
    r" (?:(?:also|reportedly|later|then|had|has|have|was|yesterday|today|on \w+day) ){1,2}"
)
_PLAIN_WORD = re.compile(r"[^\W\d_][^\W\d_\-]*")
_PRONOUN_BEFORE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:[a-z]+\s+)?$")
#: Verbs whose subject may follow them at a sentence's end (``…, said Ren``).
_INVERTED_LATER = frozenset(word_list("said says added adds wrote writes noted notes explained"))
#: Words that put a name after a cue out of the subject's place (``said of Cruz``).
_NOT_BEFORE_SPEAKER = frozenset(word_list("of about to for with on at from by in that"))
#: How far back the previous-sentence rule reads (characters).
_PREVIOUS_REACH = 400
#: A statement announced before a quotation, then a comma: as good as a colon.
_STATEMENT_COMMA = re.compile(
    r"\b(?:issued|released|put out|sent)\s+(?:a|the following)\s+statement\s*,$"
)
#: Adverbs that open a sentence, capitalised there: never a speaker's name.
_OPENING_ADVERBS = frozenset(
    word_list(
        """
    immediately shortly recently subsequently separately previously finally initially
    originally eventually ultimately currently apparently clearly obviously notably
    importantly interestingly ironically unsurprisingly unfortunately fortunately
    naturally certainly consequently accordingly frankly honestly similarly likewise
    additionally meanwhile earlier later today yesterday
        """
    )
)
#: A sentence that looks back at the quotation before it (``That was how …``).
_LOOKS_BACK = re.compile(r"\s*(?:That|This|Those|These|Such|So|Thus)\b")
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


@dataclass(slots=True)
class _Attribution:
    speaker: str | None
    speaker_span: Span | None
    cue: str | None
    cue_start: int  # where the cue is, to tell "the same cue" apart; -1 when none
    pronoun: bool


class _Raw(NamedTuple):
    """A cue and its speaker phrase, not yet resolved to a name."""

    phrase: SpeakerPhrase | None
    cue: re.Match[str]


def find_quotes(
    text: str, paragraphs: Sequence[Paragraph], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Quotations in ``paragraphs`` with speakers resolved against ``entities``.

    Spans index ``text`` (the paragraphs' source); each quote's span covers its marks.
    Reported speech (kind ``indirect``) is not looked for here: it is found on demand
    by :func:`find_reported` (see docs/quotes.md, "Speed"), so parsing does not pay for
    it. Where a quotation's only clue is the speaker of reported speech just before it,
    that paragraph's reported speech is read (and only that paragraph's).
    """
    found = _article_quotes(text, paragraphs, entities)
    return () if found is None else found.quotations()


def find_reported(
    text: str, paragraphs: Sequence[Paragraph], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Reported speech in ``paragraphs`` (kind ``indirect``: ``Ren said the company
    would …``, the reported clause as the quote), quotations masked out; see
    :mod:`tui.extract.reported`."""
    found = _article_quotes(text, paragraphs, entities, need_marks=False)
    return () if found is None else tuple(found.reported())


def find_all_quotes(
    text: str, paragraphs: Sequence[Paragraph], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """:func:`find_quotes` and :func:`find_reported` together, in text order: each
    read with its own state (the marks, found once, shared), so that either one finds
    the same whether or not the other ran."""
    first = _article_quotes(text, paragraphs, entities, need_marks=False)
    if first is None:
        return ()
    quotations = first.quotations() if first.marks else ()
    second = first.fresh()
    reported = second.reported()
    if not reported:
        return quotations
    return tuple(sorted((*quotations, *reported), key=lambda q: q.span.start))


def _article_quotes(
    text: str,
    paragraphs: Sequence[Paragraph],
    entities: Sequence[Entity],
    *,
    need_marks: bool = True,
) -> _ArticleQuotes | None:
    """The article's shared state, or None when it holds neither a quote mark nor a
    verb of saying (one search each: most paragraphs of a dump stop here)."""
    if not paragraphs:
        return None
    lo, hi = paragraphs[0].span.start, paragraphs[-1].span.end
    source = text
    if has_foreign_marks(text, lo, hi):
        text = english_marks(text)  # `«…»`, `„…“` read as `“…”`: offsets unchanged
    quoting = may_quote(text, lo, hi)
    if need_marks and not quoting:
        return None  # quotations need a mark: most articles of a dump stop here
    spans = [(p.span.start, p.span.end) for p in paragraphs]
    marks = find_marked(text, spans) if quoting else []
    if need_marks and not marks:
        return None
    if not marks and CUE.search(text, lo, hi) is None:
        return None  # no quote and no verb of saying
    return _ArticleQuotes(text, spans, marks, entities, source=source)


class _ArticleQuotes:
    """The quotes of one article: the masked text, sentences and names they share.

    ``text`` is what the rules read: ``source`` (the article's text) with the marks of
    other typographies made English ones (:mod:`tui.extract.foreign_marks`), or
    ``source`` itself; each quote's own text is taken from ``source``."""

    def __init__(
        self,
        text: str,
        spans: list[tuple[int, int]],
        marks: list[Marked],
        entities: Sequence[Entity],
        sentences: dict[int, list[int]] | None = None,
        *,
        source: str | None = None,
    ) -> None:
        self.text = text
        self.source = text if source is None else source
        self.spans = spans
        self.base = spans[0][0]
        doubles = [m for m in marks if not m.single]
        self.masked = _mask(text, self.base, spans[-1][1], doubles)
        self.marks = marks
        self._doubles = doubles
        self._double_starts = [m.start for m in doubles]
        self._names: NameIndex | None = None
        self._entities = entities
        self._expanded: dict[str, str] = {}
        #: Names whose one entity answers for them (a speaker is named again and again).
        self._canonical_of: dict[str, str] = {}
        self._entity_index: EntityIndex | None = None
        self._entity_words: set[str] | None = None  # the words of every entity's names
        self._named: dict[str, list[Entity]] = {}  # name -> the entities named so
        self._mentions: tuple[list[int], list[str]] | None = None
        self._mention_ends: list[int] = []
        self._sentences: dict[int, list[int]] = {} if sentences is None else sentences
        self._para_starts = [s for s, _ in spans]
        self._titles: list[tuple[int, int]] = []  # masked spans of quoted titles
        self._reported_cache: dict[int, list[Quote]] = {}
        self._last_quoted: tuple[int, int, _Attribution] | None = None
        self._genders: dict[str, str] | None = None  # surname -> gender, from honorifics
        self._agreeing: dict[tuple[str, str], bool] = {}  # (name, he/she) -> agrees?
        #: Mention index -> the cue right after that person mention, or None.
        self._cue_after_mention: dict[int, re.Match[str] | None] = {}
        #: Mention index -> how far its cues were read: (every cue before this has a
        #: pronoun as its subject, where to read on from, the end of the cue that has not).
        self._speakers_read: dict[int, tuple[int, int, int | None]] = {}
        #: Whom each pronoun resolved so far meant (masked offset -> name, a person?).
        self._resolved: dict[int, tuple[str, bool]] = {}

    def fresh(self) -> _ArticleQuotes:
        """The same article read again with no state of this reading (names, pronouns),
        its masked text's sentences shared: they depend on nothing else."""
        return _ArticleQuotes(
            self.text, self.spans, self.marks, self._entities, self._sentences, source=self.source
        )

    @property
    def names(self) -> NameIndex:
        """Names learnt for this article (built on first need: most quotes never ask)."""
        if self._names is None:
            self._names = NameIndex(())  # the entities are resolved by EntityIndex
        return self._names

    # -- positions -----------------------------------------------------------------

    def m(self, position: int) -> int:
        """Absolute offset -> index into the masked copy."""
        return position - self.base

    def paragraph_of(self, position: int) -> int:
        return bisect.bisect_right(self._para_starts, position) - 1

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        """The sentence around ``position`` (absolute offsets), within its paragraph."""
        paragraph = self.paragraph_of(position)
        starts = self._sentence_starts(paragraph)
        k = bisect.bisect_right(starts, position - self.base) - 1
        end = starts[k + 1] if k + 1 < len(starts) else self.m(self.spans[paragraph][1])
        return starts[k] + self.base, end + self.base

    # -- the pass over the article ----------------------------------------------------

    def quotations(self) -> tuple[Quote, ...]:
        """Every quotation (not reported speech), in text order."""
        quotes: list[Quote] = []
        previous: tuple[Marked, _Attribution, int] | None = None  # mark, attribution, para
        for mark in self.marks:
            quote = self._quote(mark, previous)
            if quote is None:
                continue
            attribution, kept = quote
            if kept is not None:
                quotes.append(kept)
            if attribution is not None and (attribution.cue or attribution.speaker):
                previous = (mark, attribution, mark.last)
                if attribution.speaker is not None:
                    self._last_quoted = (mark.start, mark.last, attribution)
        return tuple(quotes)

    def reported(self) -> list[Quote]:
        """Reported speech (kind ``indirect``) in text order: see :mod:`tui.extract.reported`."""
        found: list[Quote] = []
        for paragraph in range(len(self.spans)):
            found += self._reported_in(paragraph)
        return found

    def _reported_in(self, paragraph: int) -> list[Quote]:
        """One paragraph's reported speech (cached: a quotation with no cue asks for the
        speakers of its own paragraph and the one before)."""
        cached = self._reported_cache.get(paragraph)
        if cached is not None:
            return cached
        found: list[Quote] = []
        self._reported_cache[paragraph] = found
        masked = self.masked
        p_lo, p_hi = self.spans[paragraph]
        lo, hi = self.m(p_lo), self.m(p_hi)
        cues = list(find_cues(masked, lo, hi))
        if not cues:
            return found
        starts = self._sentence_starts(paragraph)
        k = 0
        while k < len(cues):
            n = bisect.bisect_right(starts, cues[k].start()) - 1
            s_lo = starts[n]
            s_hi = starts[n + 1] if n + 1 < len(starts) else hi
            group = []
            while k < len(cues) and cues[k].start() < s_hi:
                group.append(cues[k])
                k += 1
            for clause in clauses(masked, s_lo, s_hi, iter(group)):
                quote = self._reported_quote(clause, s_lo, s_hi)
                if quote is not None:
                    found.append(quote)
        return found

    def _spoken_before(self, paragraph: int, position: int) -> tuple[int, int, _Attribution] | None:
        """The last speaker of reported speech before ``position`` in ``paragraph``
        (shown reported speech only: a speaker found, confidence at the threshold)."""
        last = None
        for q in self._reported_in(paragraph):
            if q.span.start >= position:
                break
            if q.speaker is not None and q.confidence >= CONFIDENCE_THRESHOLD:
                last = q
        if last is None:
            return None
        attribution = _Attribution(last.speaker, last.speaker_span, last.cue, -1, False)
        return last.span.start, paragraph, attribution

    def _reported_quote(self, clause: Reported, s_lo: int, s_hi: int) -> Quote | None:
        masked, cue = self.masked, clause.cue
        if clause.subject_lo < 0:
            phrase = self._subject_of(cue, s_lo, s_hi)
        elif clause.subject_lo >= cue.end():  # "…, said Ren." / "according to Ren, …"
            phrase = speaker_after(masked, clause.subject_lo, clause.subject_hi) or (
                noun_phrase_after(masked, clause.subject_lo, clause.subject_hi)
            )
        else:  # "…, Ren said."
            phrase = speaker_before(masked, clause.subject_lo, clause.subject_hi) or (
                noun_phrase_before(masked, clause.subject_lo, clause.subject_hi)
            )
        if phrase is None and clause.subject_lo >= cue.end():
            run = object_run(masked, clause.subject_lo, clause.subject_hi)  # "museum staff"
        elif phrase is None:
            lo = clause.subject_lo if 0 <= clause.subject_lo < cue.start() else s_lo
            run = subject_run(masked, lo, cue.start())
        if phrase is None:
            if run is None:
                return None
            phrase = SpeakerPhrase(masked[run[0] : run[1]], run[0], run[1], "role")
        if is_refusal(masked, clause.start, clause.end):
            return None  # "…, but he declined to comment": nobody said anything
        if (
            clause.subject_lo < 0
            and cue.group().casefold() in _COUNTING
            and phrase.kind not in ("name", "pronoun")
            and " that " not in masked[cue.end() - 1 : clause.start + 1]
        ):
            return None  # "The renovation added a new wing": adding, not saying
        if phrase.kind == "role" and _DATE_LAST.search(phrase.text):
            # "according to a March 14, 2019 NATO press release": the phrase stopped
            # at the date's comma
            attribution = self._attribution(None, cue)
        else:
            attribution = self._attribution(phrase, cue)
        if attribution.speaker is None:
            confidence = _REPORTED_NO_SPEAKER
        elif attribution.pronoun:
            confidence = _REPORTED - _PRONOUN_PENALTY
        else:
            confidence = _REPORTED
        start, end = clause.start + self.base, clause.end + self.base
        return quote_of(
            self.source[start:end],
            span_of(start, end),
            attribution.speaker,
            attribution.speaker_span,
            attribution.cue,
            QuoteKind.INDIRECT,
            _rounded(confidence),
        )

    def _quote(
        self, mark: Marked, previous: tuple[Marked, _Attribution, int] | None
    ) -> tuple[_Attribution | None, Quote | None] | None:
        text = self.text
        p_start = self.spans[mark.first][0]
        last_end = self.spans[mark.last][1]
        inner = text[mark.start + 1 : mark.end - (1 if mark.closed else 0)]
        alnum = _ALNUM.search(inner)
        if alnum is None:
            return None  # quote marks around nothing
        if (
            _is_title(text, mark, p_start, inner)
            and _CROWD_BEFORE.search(
                self.masked, max(self.m(p_start), self.m(mark.start) - 30), self.m(mark.start)
            )
            is None
        ) or _label(inner):
            self._titles.append((self.m(mark.start), self.m(mark.end)))
            quoted = self.source[mark.start : mark.end]
            span = span_of(mark.start, mark.end)
            return None, quote_of(quoted, span, None, None, None, QuoteKind.PARTIAL, _SCARE)
        # The sentence around the quote is found only when a rule needs it: most quotes
        # (`“…,” Ren said`, continuations) are decided without it.
        bounds: tuple[int, int] | None = None
        final = inner.rstrip()[-1:]
        after = self._cue_after(mark, last_end)
        chosen: _Raw | None = None
        # Whether the chosen cue stands right beside the quote; None: the cue before,
        # not yet checked (the check is a costly match, and most partial quotes never
        # need its answer).
        adjacent: bool | None = False
        early = after is None and previous is not None and self._follows_its_cue(mark, previous)
        if after is not None and (final in ",?!—–-" or text[mark.end : mark.end + 1] == ","):
            chosen, adjacent = after, True  # “…,” Ren said: nothing before can beat it
        elif early:
            pass  # “X,” he said. “Y.”: Y continues X, decided below without more reading
        else:
            bounds = self.sentence_bounds(mark.start)
            before = self._cue_before(mark, max(p_start, bounds[0]))
            if before is None:
                if after is not None:
                    chosen, adjacent = after, True
            elif after is not None and not (final in ".!?" and before.phrase is not None):
                # The cue before wins when it is adjacent; else the one after.
                # (`told the BBC "…." Sophie Obadia told`: the next sentence's cue is
                # hers, so a sentence-ending quote keeps the cue before.)
                if self._adjacent_before(before, mark):
                    chosen, adjacent = before, True
                else:
                    chosen, adjacent = after, True
            else:
                chosen, adjacent = before, None
        if chosen is not None:
            attribution = self._attribution(chosen.phrase, chosen.cue)
        elif early:
            attribution = None
        else:
            if bounds is None:
                bounds = self.sentence_bounds(mark.start)
            attribution = self._cue_later(mark, bounds[1])
            if attribution is None:
                attribution = self._colon_subject(mark, max(p_start, bounds[0]))
                adjacent = attribution is not None

        # The cue before is the previous quote's own cue: "“X,” he said, “Y.”"
        continuing = False
        if early and previous is not None:
            # _follows_its_cue has seen that only the previous quote's own cue stands
            # between the two, in one paragraph: a continuation.
            attribution, continuing = previous[1], True
        elif previous is not None:
            prev_mark, prev_attr, prev_para = previous
            same_cue = (
                attribution is not None
                and not (after is not None and chosen is after)
                and attribution.cue_start == prev_attr.cue_start
                and prev_mark.end <= attribution.cue_start < mark.start
            )
            no_cue = attribution is None
            opens_next = (
                mark.first == prev_para + 1
                and mark.start == p_start
                and prev_mark.last == prev_para
            )
            same_paragraph = mark.first == prev_para and mark.start >= prev_mark.end
            if (same_cue or no_cue) and (same_paragraph or opens_next):
                between = self._between(self.m(prev_mark.end), self.m(mark.start))
                if opens_next or _only_attribution_between(between, prev_attr):
                    attribution, continuing = prev_attr, True

        if (
            mark.single
            and adjacent is None
            and attribution is not None
            and not continuing
            and chosen is not None
        ):
            adjacent = self._adjacent_before(chosen, mark)
        if mark.single and not (adjacent and attribution is not None and not continuing):
            return None  # a single-mark pair with no cue beside it: not clearly a quote
        if mark.single and len(inner.split()) < 2:
            return None

        upper_start = _starts_upper(inner, alnum.group())
        named = (
            continuing
            and attribution is not None
            and _names_a_thing(text, mark, p_start, inner)
            and (
                not early  # `“X,” he said, calling it “a mess.”`: his words, partly
                or (bounds or self.sentence_bounds(mark.start))[0] > attribution.cue_start
            )
        )
        if named or (continuing and not early and not upper_start and len(inner.split()) < 4):
            # A word or two in lower case after someone's quote is a term being named
            # (`“moaning” or “nagging” … “moan”`), not more of their words; so are words
            # quoted inside running text (`waited in an “extraordinarily long line”`,
            # `wore the “Make the Pier Great” cap`) and a quoted term its sentence is
            # about (`“Top secret” is the highest level`).
            attribution, continuing = None, False
        if (
            not continuing
            and attribution is not None
            and attribution.speaker is None
            and attribution.cue in _JUDGING
        ):
            # `Thomas Gray, who cited only his rugby: "…"`: a judging verb whose subject
            # is not read; the clause before the colon may still name the speaker.
            bounds = bounds or self.sentence_bounds(mark.start)
            colon = self._colon_subject(mark, max(p_start, bounds[0]))
            if colon is not None:
                attribution, adjacent = colon, True
        if continuing:
            kind, confidence = QuoteKind.CONTINUATION, _CONTINUATION
        elif (
            attribution is not None
            and attribution.speaker is None
            and (attribution.cue in _WEAK or (attribution.cue or "").startswith(_TERM_CUES))
        ):
            attribution, kind, confidence = None, QuoteKind.PARTIAL, _SCARE
        elif attribution is not None:
            direct = (
                upper_start or mark.start <= (bounds or self.sentence_bounds(mark.start))[0]
            ) and (
                adjacent
                if adjacent is not None
                else chosen is not None and self._adjacent_before(chosen, mark)
            )
            kind = QuoteKind.DIRECT if direct else QuoteKind.PARTIAL
            confidence = _DIRECT if direct else _PARTIAL
            if (not direct or attribution.cue in _JUDGING) and _title_cased(inner):
                # `named “Criminal Minds,” “Game of Thrones”`, `the “Gang of Eight,”`,
                # `praised “The Long Pier,”`: a few words inside a sentence, or after a
                # verb that judges, every one capitalised, name something.
                attribution, confidence = None, _SCARE
            elif attribution.speaker is None:
                confidence = min(confidence, _NO_SPEAKER)
            elif attribution.pronoun:
                confidence -= _PRONOUN_PENALTY
        else:
            words = len(inner.split())
            speechlike = (
                upper_start
                and words >= 4
                and (
                    mark.start <= (bounds or self.sentence_bounds(mark.start))[0] or final in ".!?"
                )
            )
            kind = QuoteKind.DIRECT if speechlike else QuoteKind.PARTIAL
            confidence = _UNATTRIBUTED_SPEECH if speechlike else _SCARE
            if _SO_CALLED_BEFORE.search(text, max(p_start, mark.start - 12), mark.start):
                confidence = _SO_CALLED
            elif (framed := self._framed(mark, p_start, last_end)) is not None:
                attribution, kind = framed, QuoteKind.PARTIAL
                confidence = _PARTIAL if framed.speaker is not None else _NO_SPEAKER
            elif speechlike or (upper_start and final in ".!?," and not named):
                attribution = (
                    self._introduced(mark, p_start)
                    or self._signed(mark)
                    or self._earlier_speaker(mark, p_start)
                    or self._next_sentence_speaker(mark)
                    or self._previous_sentence_speaker(mark, bounds)
                )
                if attribution is not None:
                    kind, confidence = QuoteKind.CONTINUATION, _EARLIER_SPEAKER
        if not mark.closed:
            confidence -= _UNCLOSED_PENALTY
        confidence = _rounded(confidence)
        span = span_of(mark.start, mark.end)
        if attribution is None:
            quoted = self.source[mark.start : mark.end]
            return None, quote_of(quoted, span, None, None, None, kind, confidence)
        quote = quote_of(
            self.source[mark.start : mark.end],
            span,
            attribution.speaker,
            attribution.speaker_span,
            attribution.cue,
            kind,
            confidence,
        )
        return attribution, quote

    def _framed(self, mark: Marked, p_start: int, p_end: int) -> _Attribution | None:
        """Words framed as someone's by the words around them, with no verb: ``in
        Forbes’ words, “…”``, ``Romney’s “47 percent” comment`` (the name's), ``chants
        of “…”`` (a crowd's: no speaker named)."""
        masked, lo, hi = self.masked, self.m(mark.start), self.m(mark.end)
        window = max(self.m(p_start), lo - 60)
        # Each shape read only where a cheap test finds its last word (most quotes
        # that reach here are none of them).
        before = masked[max(window, lo - 8) : lo]
        crowd = (_CROWD_BEFORE.search(masked, window, lo) if "of" in before else None) or (
            _CROWD_AFTER.match(masked, hi, self.m(p_end))
        )
        if crowd is not None:
            return _Attribution(None, None, crowd.group(1), crowd.start(1) + self.base, False)
        if "words" in before:
            owner = _IN_WORDS.search(masked, window, lo)
        elif "s" in before and _SPEECH_NOUN_AFTER.match(masked, hi, self.m(p_end)):
            owner = _OWNER_BEFORE.search(masked, window, lo)
        else:
            return None
        if owner is None:
            return None
        run = owner.group(1)
        name = name_from_run(run.split())[0]  # `Mayor Lena Holm’s`: no title
        if name is None:
            return None
        start = owner.start(1) + run.rindex(name)
        phrase = SpeakerPhrase(name, start, start + len(name), "name")
        attribution = self._attribution(phrase, None)
        return attribution if attribution.speaker is not None else None

    def _introduced(self, mark: Marked, p_start: int) -> _Attribution | None:
        """A quotation opening the paragraph after one that ends with a colon (``Stated
        Stone:``, ``Breitbart News responded:``, ``President Clinton released the
        following statement:``): the speaker of that last sentence."""
        if mark.first == 0 or mark.start != p_start:
            return None
        lo, hi = self.spans[mark.first - 1]
        head = self.masked[self.m(lo) : self.m(hi)].rstrip()
        if not head.endswith(":"):
            return None
        colon = self.m(lo) + len(head) - 1
        sentence_lo = self.sentence_bounds(colon + self.base)[0]
        cues = list(CUE.finditer(self.masked, self.m(sentence_lo), colon))
        if cues:
            phrase = self._subject_of(cues[-1], self.m(sentence_lo), colon)
            if phrase is not None:
                attribution = self._attribution(phrase, cues[-1])
                if attribution.speaker is not None:
                    return attribution
        fake = Marked(
            start=colon + 1 + self.base,
            end=colon + 2 + self.base,
            first=mark.first - 1,
            last=mark.first - 1,
            closed=True,
            single=False,
        )
        return self._colon_subject(fake, sentence_lo)

    def _signed(self, mark: Marked) -> _Attribution | None:
        """A quotation whose paragraph is followed by a signature line, ``- Clinton.``:
        the name signed."""
        signed = _SIGNED_AFTER.match(
            self.masked, self.m(mark.end), self.m(self.spans[mark.last][1])
        )
        if signed is None:
            # `HEADLINE “…” [WaPo.]`: a digest's excerpt, its outlet in brackets after it
            outlet = _BRACKETED_SOURCE.match(
                self.masked, self.m(mark.end), self.m(self.spans[mark.last][1])
            )
            if outlet is not None:
                name = outlet.group(1)
                phrase = SpeakerPhrase(name, outlet.start(1), outlet.start(1) + len(name), "role")
                return self._attribution(phrase, None)
        if signed is None:  # `“…” -President Obama, tweeting after the speech.`
            if mark.last + 1 >= len(self.spans):
                return None
            lo, hi = self.spans[mark.last + 1]
            signed = _SIGNATURE.fullmatch(self.masked, self.m(lo), self.m(hi))
            if signed is None:
                return None
        name = name_from_run(signed.group(1).split())[0] or signed.group(1)  # no title
        end = signed.end(1)
        phrase = SpeakerPhrase(name.rstrip("."), end - len(name), end, "name")
        attribution = self._attribution(phrase, None)
        return attribution if attribution.speaker is not None else None

    def _earlier_speaker(self, mark: Marked, p_start: int) -> _Attribution | None:
        """A quotation with no cue of its own belongs to whoever spoke last before it in
        its paragraph (``Or maybe Jeb Bush, Phil Musser says. "Several surveys …"``), or,
        when it opens its paragraph and its paragraph names no speaker, to whoever spoke
        last in the paragraph before (a speaker introduced, then quoted alone)."""
        candidates = []
        # Only this paragraph's and the one before's speakers can answer (below).
        for paragraph in (mark.first, mark.first - 1):
            spoken = self._spoken_before(paragraph, mark.start) if paragraph >= 0 else None
            if spoken is not None:
                candidates.append(spoken)
                break
        if self._last_quoted is not None:
            candidates.append(self._last_quoted)
        if not candidates:
            return None
        _start, paragraph, attribution = max(candidates, key=lambda c: c[0])
        if paragraph == mark.first:
            return attribution
        opens = self.masked[self.m(p_start) : self.m(mark.start)].strip() == ""
        if opens and paragraph == mark.first - 1:
            return attribution
        return None

    def _next_sentence_speaker(self, mark: Marked) -> _Attribution | None:
        """A quotation with no cue, then a sentence that looks back at it and names its
        speaker: ``“…” That was how Dana Whitfield, the chief executive, described the
        merger.``, ``So said the mayor.`` The next sentence is the one after the quote's
        own, in its paragraph, or the paragraph after's first when the quote ends its
        paragraph; it opens with ``That``, ``This``, ``Those``, ``Such``, ``So`` or
        ``Thus`` and holds a cue (``described`` and ``called`` too) with a subject."""
        masked = self.masked
        end = self.m(mark.end)
        paragraph = mark.last
        p_hi = self.m(self.spans[paragraph][1])
        starts = self._sentence_starts(paragraph)
        k = bisect.bisect_right(starts, end)
        if k < len(starts):
            lo = starts[k]
            hi = starts[k + 1] if k + 1 < len(starts) else p_hi
        elif paragraph + 1 < len(self.spans) and self._ends_paragraph(mark):
            paragraph += 1
            lo = self.m(self.spans[paragraph][0])
            starts = self._sentence_starts(paragraph)
            hi = starts[1] if len(starts) > 1 else self.m(self.spans[paragraph][1])
        else:
            return None
        if _LOOKS_BACK.match(masked, lo, hi) is None:
            return None
        for cue in CUE.finditer(masked, lo, min(hi, lo + 200)):
            phrase = self._subject_of(cue, lo, hi)
            if phrase is not None and phrase.kind != "pronoun":
                attribution = self._attribution(phrase, cue)
                if attribution.speaker is not None:
                    return attribution
        return None

    def _previous_sentence_speaker(
        self, mark: Marked, bounds: tuple[int, int] | None
    ) -> _Attribution | None:
        """A quotation that is a sentence of its own, with no cue, right after a
        sentence whose subject is a person named at its start (``Mayor Lena Holm praised
        the engineers. “We need people who get things done.”``): that person. Only in
        one paragraph, and only a name the entities know as a person's."""
        if not self._entities:
            return None
        if bounds is None:
            bounds = self.sentence_bounds(mark.start)
        start = self.m(bounds[0])
        if start != self.m(mark.start):
            return None  # the quote must open its sentence
        paragraph = mark.first
        starts = self._sentence_starts(paragraph)
        k = bisect.bisect_left(starts, start) - 1
        end = start
        if k < 0:
            # A paragraph that is the quotation alone, after a paragraph whose last
            # sentence is about a person (`Mayor Lena Holm praised the engineers. ¶ “…”`).
            if paragraph == 0 or not self._quote_only(mark):
                return None
            paragraph -= 1
            starts = self._sentence_starts(paragraph)
            end = self.m(self.spans[paragraph][1])
            k = len(starts) - 1
        lo = max(starts[k], end - _PREVIOUS_REACH)  # bounded: one sentence may be long
        cues = list(find_cues(self.masked, lo, end))
        if cues:
            # `Or maybe Jeb Bush, consultant Phil Musser says. "Several surveys …"`: the
            # speaker of the sentence before, when it ends with its cue and speaker.
            cue = cues[-1]
            phrase = self._subject_of(cue, lo, end)
            if phrase is not None and phrase.kind != "name":
                return None
            tail = self.masked[max(cue.end(), phrase.end if phrase else 0) : end]
            if phrase and len(tail.split()) <= 6 and not any(ch in tail for ch in '“”"'):
                attribution = self._attribution(phrase, cue)
                return attribution if attribution.speaker is not None else None
            # The cue is not the sentence's end (`Lena Holm praised the engineers for
            # …`), or its subject was not read (`Sam Lau, the harbour's director said
            # in a statement.`): the sentence's subject, when a person opens it (below).
        mentions, people = self._person_mentions()
        n = bisect.bisect_left(mentions, lo)
        if n >= len(mentions) or mentions[n] >= end:
            return None
        head = self.masked[lo : mentions[n]].split()
        if any(w[:1].islower() for w in head) or (
            len(head) > 2 and not (len(head) <= 4 and head[-1].endswith(("’s", "'s")))
        ):
            # the sentence's subject, not a name further in (a possessive may stand
            # before it: `Valmora University's Dana Whitfield agreed.`)
            return None
        name = people[n]
        span = span_of(mentions[n] + self.base, self._mention_ends[n] + self.base)
        return _Attribution(name, span, None, -1, False)

    def _person_at(self, lo: int, hi: int) -> bool:
        """Is masked ``[lo, hi)`` (white space aside) one person mention (entities)?"""
        if not self._entities:
            return False
        starts, _people = self._person_mentions()
        lo = spaces_end(self.masked, lo, hi)
        k = bisect.bisect_left(starts, lo)
        return k < len(starts) and starts[k] == lo and self._mention_ends[k] == hi

    def _quote_only(self, mark: Marked) -> bool:
        """Is ``mark`` the whole of its paragraph?"""
        return mark.start == self.spans[mark.first][0] and self._ends_paragraph(mark)

    def _ends_paragraph(self, mark: Marked) -> bool:
        """Does ``mark`` end its paragraph (bounded: a long paragraph is read once)?"""
        end, p_hi = self.m(mark.end), self.m(self.spans[mark.last][1])
        return p_hi - end <= 3 and not self.masked[end:p_hi].strip(" \t.,!?")

    def _person_ending_at(self, colon: int) -> _Attribution | None:
        """The person (entities module) whose mention ends right before masked offset
        ``colon``, if any."""
        if not self._entities:
            return None
        starts, people = self._person_mentions()
        k = bisect.bisect_left(starts, colon) - 1
        if k < 0 or colon - self._mention_ends[k] > 3:
            return None
        if self.masked[self._mention_ends[k] : colon].strip():
            return None
        before = self.masked[max(0, starts[k] - 30) : starts[k]].split()
        if before and before[-1].casefold() in _NOT_BEFORE_SPEAKER:
            return None  # `delivered a blunt message to Trump:`: not the speaker
        span = span_of(starts[k] + self.base, self._mention_ends[k] + self.base)
        return _Attribution(people[k], span, None, -1, False)

    def _follows_its_cue(self, mark: Marked, previous: tuple[Marked, _Attribution, int]) -> bool:
        """Does ``mark`` come right after the previous quote's own cue in the same
        paragraph, with no other cue between (``“X,” he said. “Y.”``)?"""
        prev_mark, prev_attr, prev_para = previous
        cue = prev_attr.cue_start
        if mark.first != prev_para or cue < prev_mark.end or cue >= mark.start:
            return False
        lo, hi = self.m(cue), self.m(mark.start)
        first = CUE.match(self.masked, lo)
        return (
            first is not None
            and CUE.search(self.masked, first.end(), hi) is None
            and _only_attribution_between(self._between(self.m(prev_mark.end), hi), prev_attr)
        )

    def _between(self, lo: int, hi: int) -> str:
        """``masked[lo:hi]`` with the marks of quoted titles in it blanked: a show's
        name (``on ABC’s “This Week.”``) does not break a quote's continuation."""
        between = self.masked[lo:hi]
        for start, end in reversed(self._titles):
            if end <= lo:
                break
            if start >= lo and end <= hi:
                a, b = start - lo, end - lo
                between = between[:a] + " " * (b - a) + between[b:]
        return between

    # -- cues --------------------------------------------------------------------------

    def _cue_after(self, mark: Marked, p_end: int) -> _Raw | None:
        """``“…,” Ren said`` / ``“…,” said Ren`` / ``“…,” according to Ren``."""
        masked = self.masked
        lo = self.m(mark.end)
        hi = min(self.m(p_end), lo + 120)
        gap = _AFTER_GAP.match(masked, lo, hi)
        start = gap.end() if gap else lo
        cue = CUE.search(masked, start, hi)
        if cue is None:
            return None
        subject_end = cue.start()
        # Each tag read only where its closing character is (most subjects have none).
        tag = (
            _PAREN_TAG.search(masked, start, subject_end)
            if masked.find(")", start, subject_end) != -1
            else None
        ) or (
            _COMMA_TAG.search(masked, start, subject_end)
            if masked.find("-", start, subject_end) != -1
            else None
        )
        if tag is not None:
            subject_end = tag.start()  # "Harry M. Reid (D-Nev.) said", "Reid, D-Nev., said"
        between = masked[start:subject_end]
        words = between.split()
        if len(words) == 1 and _PLAIN_WORD.fullmatch(words[0]):
            # The common case, read without tokenising: `“…,” Ren said`, `“…,” he said`.
            word = words[0]
            kind = "pronoun" if word.casefold() in PRONOUNS else "name"
            if kind == "pronoun" or word[0].isupper():
                at = start + between.index(word)
                return _Raw(SpeakerPhrase(word, at, at + len(word), kind), cue)
        appositive = len(words) <= 20 and between.rstrip().endswith(",") and words[0][0].isupper()
        checked = between
        if appositive and "“" in between:
            # `Bill Eastland, wearing “Ted Cruz” pins, said`: a title quoted inside an
            # appositive (a curly pair, blanked) does not part the subject from its cue
            head, _, rest = between.partition(",")
            checked = head + "," + _QUOTED_INSIDE.sub("", rest)
        if (
            _STOPS.search(checked) is not None  # taking dots away makes no stop
            and _STOPS.search(_DOMAIN_DOT.sub("", _ABBREVIATED.sub("", checked))) is not None
        ):
            return None
        if (len(words) > 9 or "," in between) and not appositive:
            head_length = self._named_head(start, between)
            if head_length is not None:
                subject_end = start + head_length
                between = masked[start:subject_end]
                words = between.split()
            elif len(words) > 9:
                return None
        # The words of an appositive between commas (`Ann Dale, who works at a bait and
        # tackle shop, said`) are not the clause's: only the subject's words count.
        subject_words = between.split(",", 1)[0].split() if appositive else words
        if not _CLAUSE_WORDS.isdisjoint(subject_words) and not _joined_subject(subject_words):
            return None  # `“…” while Interior Minister Joachim Brudziński wrote`
        if cue.start() == start:  # inverted: said X
            phrase = speaker_after(masked, cue.end(), hi) or noun_phrase_after(
                masked, cue.end(), hi
            )
            if phrase is None:
                return None
        else:
            phrase = speaker_before(masked, start, subject_end) or noun_phrase_before(
                masked, start, subject_end, only_subject=True
            )
            if phrase is None or len(masked[start : phrase.start].split()) > 8:
                return None
        return _Raw(phrase, cue)

    def _named_head(self, start: int, between: str) -> int | None:
        """The length of a long subject's named head, read between a quote and its cue
        (masked ``between`` starting at ``start``): a person before an appositive left
        open (`Nate Silva, the pollster who founded harbourpolls.com tweeted`), or
        people before their affiliation (`experts Dan Albin and Sara Keller of the
        Institute … wrote`)."""
        if "," in between:
            head = between.split(",", 1)[0].rstrip()
            return len(head) if self._person_at(start, start + len(head)) else None
        cut = _AFFILIATION.search(between)
        if cut is None or len(between[: cut.start()].split()) > 6:
            return None
        named = between[: cut.start()].split()
        while named and named[0].islower() and named[0] not in _NOT_BEFORE_SPEAKER:
            named = named[1:]  # `experts`: a role before the names
        if len(named) < 2 or not all(w[:1].isupper() or w == "and" for w in named):
            return None
        return cut.start()

    def _cue_before(self, mark: Marked, lo: int) -> _Raw | None:
        """The last cue before the quote in its sentence (see :meth:`_adjacent_before`)."""
        masked = self.masked
        hi = self.m(mark.start)
        window_lo = max(self.m(lo), hi - 400)
        last = None
        # The last cue that is a verb: read from the end, so that only the cues after
        # it are asked whether they are nouns (``his comments``), not every cue.
        for cue in reversed(list(find_cues(masked, window_lo, hi))):
            if not noun_use(masked, cue):
                last = cue
                break
        if last is None:
            return None
        if last.group("according"):
            return _Raw(speaker_after(masked, last.end(), hi), last)
        return _Raw(self._subject_of(last, self.m(lo), hi), last)

    def _adjacent_before(self, before: _Raw, mark: Marked) -> bool:
        """Does the cue before a quote (from :meth:`_cue_before`) stand right beside it:
        ``said: “…”``, ``said on Friday, “…”``, ``according to Ren, “…”``?"""
        masked, hi = self.masked, self.m(mark.start)
        if before.cue.group("according"):
            phrase = before.phrase
            if phrase is None:
                return False
            return _ADJACENT_GAP.fullmatch(masked, phrase.end, hi) is not None
        return _ADJACENT_GAP.fullmatch(masked, before.cue.end(), hi) is not None

    def _subject_of(
        self, cue: re.Match[str], lo: int, hi: int, depth: int = 0
    ) -> SpeakerPhrase | None:
        """Who a cue's verb belongs to: the words before it; for a passive (``was told
        by Yevgeny Zinichev``) the agent after ``by``; for a participle or a second verb
        (``..., saying``, ``... and wrote``) the subject that opens the clause."""
        masked = self.masked
        if cue.group("verb"):
            by = _BY_AGENT.match(masked, cue.end(), hi)
            if by is not None:
                return speaker_after(masked, by.end(), hi)
        phrase = speaker_before(masked, lo, cue.start())
        if phrase is not None:
            return phrase
        if _ONLY_QUOTE.fullmatch(masked, lo, cue.start()):
            # "Remarked scientist Tierra Curry, ...", `"…," said study co-author Carl Lipo`
            return speaker_after(masked, cue.end(), hi)
        before = masked[max(lo, cue.start() - 40) : cue.start()].rstrip()
        for adverb in (" further", " also", " then", " later"):
            if before.endswith(adverb):
                before = before[: -len(adverb)].rstrip()
        if before.endswith(_CLAUSE_LINKS):
            reach = max(lo, cue.start() - 300)  # bounded: a run-on sentence has many cues
            if depth == 0:
                # `"…," Cruz said, adding: "…"`: the participle shares the earlier cue's
                # subject.
                cues = list(find_cues(masked, max(reach, cue.start() - 150), cue.start()))
                earlier = cues[-1] if cues else None
                if earlier is not None and earlier.end() < cue.start():
                    phrase = self._subject_of(earlier, lo, hi, depth=1)
                    if phrase is not None:
                        return phrase
            clause = max(reach, masked.rfind(";", reach, cue.start()) + 1)
            return self._clause_subject(clause, cue.start()) or speaker_after(
                masked, clause, cue.start()
            )
        # `The letter continues: "…"`, `In the excerpt, the author wrote, "…"` (not `a
        # process called "…"`: characterising verbs need a named speaker).
        if cue.group().casefold() in _WEAK:
            return None
        clause = max(
            lo, cue.start() - 80, masked.rfind(",", max(lo, cue.start() - 80), cue.start()) + 1
        )
        return noun_phrase_before(masked, clause, cue.start())

    def _clause_subject(self, lo: int, hi: int) -> SpeakerPhrase | None:
        """The person a clause is about, for a participle or infinitive at its end
        (``Before the convention, Chief Calvin Williams lobbied to suspend it, saying``;
        ``O'Malley interjected to say:``): the first name or pronoun that opens the
        clause or one of its comma-separated parts."""
        masked = self.masked
        starts = [lo]
        comma = masked.find(",", lo, hi)
        while comma != -1 and len(starts) < 6:
            starts.append(comma + 1)
            comma = masked.find(",", comma + 1, hi)
        for start in starts:
            phrase = speaker_after(masked, start, hi)
            if phrase is not None and phrase.text.casefold() in _OPENING_ADVERBS:
                continue  # `Immediately after the storm, Ren issued …`: the next part
            head = masked[start : phrase.start].split() if phrase is not None else []
            if (
                phrase is not None
                and phrase.kind in ("name", "pronoun")
                and (
                    all(w[:1].isupper() for w in head)
                    or (len(head) <= 3 and head[0][:1].isupper())  # `Republican nominee`
                )
            ):
                group = _group_after_name(masked, phrase, hi)
                return group or phrase  # at the part's start, or after its title (`Chief`)
        return None

    def _cue_later(self, mark: Marked, sentence_end: int) -> _Attribution | None:
        """``… “on track”, he added.``: a cue after a comma later in the sentence."""
        masked = self.masked
        lo = self.m(mark.end)
        hi = min(self.m(sentence_end), lo + 300)
        for cue in find_cues(masked, lo, hi):
            if cue.group("according"):  # `…, according to investigators.`
                if masked[lo : cue.start()].rstrip().endswith(","):
                    phrase = speaker_after(masked, cue.end(), hi)
                    if phrase is not None:
                        return self._attribution(phrase, cue)
                continue
            if masked[lo : cue.start()].rstrip().endswith(",") and cue.group("verb"):
                # `"…" if she did not win by more, said David Wasserman, an analyst.`
                if cue.group().casefold() not in _INVERTED_LATER:
                    continue  # `…, told CBS News`: the name after is not the speaker
                phrase = speaker_after(masked, cue.end(), hi)
                skipped = masked[cue.end() : phrase.start].split() if phrase else []
                if (
                    phrase is not None
                    and phrase.kind == "name"
                    and not any(w.casefold() in _NOT_BEFORE_SPEAKER for w in skipped)
                ):
                    return self._attribution(phrase, cue)
                continue
            phrase = speaker_before(masked, lo, cue.start())
            if phrase is None:
                continue
            comma = masked.rfind(",", lo, phrase.start)
            if comma >= 0 and not masked[comma + 1 : phrase.start].strip():
                return self._attribution(phrase, cue)
        return None

    def _colon_subject(self, mark: Marked, sentence_start: int) -> _Attribution | None:
        """``Jo Anne Val Tilburg disagreed with these findings: "…"``: a quote after a
        colon belongs to the subject of the clause the colon ends, whatever its verb."""
        masked = self.masked
        hi = self.m(mark.start)
        lo = self.m(sentence_start)
        head = masked[lo:hi].rstrip()
        if not head.endswith(":") and _STATEMENT_COMMA.search(head, max(0, len(head) - 60)) is None:
            return None  # `issued a statement, “…”` reads as a colon
        colon = lo + len(head) - 1
        named = _NAME_COLON.search(masked, max(lo, colon - 60), colon + 1)
        if named is not None:  # `Philip Bump: “…”`, `RAMOS: "…"`: a transcript's speaker
            name = SpeakerPhrase(named.group(1), named.start(1), named.end(1), "name")
            attribution = self._attribution(name, None)
            if attribution.speaker is not None:
                return attribution
        person = self._person_ending_at(colon)
        if person is not None:  # `… doesn’t surprise Republican pollster Daron Shaw: “…”`
            return person
        clause = max(lo, masked.rfind(";", lo, colon) + 1)
        source = _FROM_SOURCE.match(masked, clause, colon)
        if source is not None:  # `From the report: “…”`: the source it is taken from
            phrase = noun_phrase_after(masked, source.end(), colon) or speaker_after(
                masked, source.end(), colon
            )
            if phrase is None or masked[phrase.end : colon].strip():
                return None  # `From then on, the rule was:`: no source named
            attribution = self._attribution(phrase, None)
            return attribution if attribution.speaker is not None else None
        # `In response, Republican nominee Donald Trump issued the following statement:`
        phrase = speaker_after(masked, clause, colon)
        if phrase is not None and phrase.text.casefold() in _OPENING_ADVERBS:
            phrase = None  # `Immediately after the attacks, Ren …`: an adverb, not a name
        phrase = phrase or self._clause_subject(clause, colon)
        if phrase is None or (phrase.kind == "pronoun" and phrase.text.casefold() == "it"):
            return None
        if " " not in phrase.text and _adverb(phrase.text):
            return None  # `Unsurprisingly, …:` an adverb, not a name (Kelly is one)
        attribution = self._attribution(phrase, None)
        return attribution if attribution.speaker is not None else None

    # -- speakers ----------------------------------------------------------------------

    def _attribution(self, phrase: SpeakerPhrase | None, cue: re.Match[str] | None) -> _Attribution:
        cue_text = _cue_text(cue) if cue is not None else None
        cue_start = cue.start() + self.base if cue is not None else -1
        if phrase is None:
            return _Attribution(None, None, cue_text, cue_start, False)
        span = span_of(phrase.start + self.base, phrase.end + self.base)
        if phrase.kind == "pronoun":
            pronoun = phrase.text.casefold()
            speaker = None
            if pronoun in PERSON_PRONOUNS or pronoun == "it":
                speaker = self._salient(phrase.start, person=pronoun != "it", pronoun=pronoun)
                if speaker is not None:
                    self._resolved[phrase.start] = (speaker, pronoun != "it")
            return _Attribution(speaker, span, cue_text, cue_start, True)
        if phrase.kind == "role":
            # "A spokeswoman also declined to comment, saying …", "The senator declined
            # to call it “…”": the refusal is what the speaker did, not who they are.
            cut = before_refusal(self.masked, phrase.start, phrase.end)
            if cut <= phrase.start:
                return _Attribution(None, None, cue_text, cue_start, False)
            if cut < phrase.end:
                span = span_of(phrase.start + self.base, cut + self.base)
                return _Attribution(
                    self.masked[phrase.start : cut], span, cue_text, cue_start, False
                )
            return _Attribution(phrase.text, span, cue_text, cue_start, False)
        speaker = self._canonical(phrase.text, before=span.start)
        return _Attribution(speaker, span, cue_text, cue_start, False)

    # -- names -------------------------------------------------------------------------

    def _canonical(self, name: str, before: int | None = None) -> str:
        """The full name for ``name``: the entity it resolves to (entities module: aliases,
        short forms, titles), else, for one word, the first longer name in the article
        holding that word. ``before`` (an absolute offset) picks between two entities
        sharing a short form: the one named last before it."""
        known = self._canonical_of.get(name)
        if known is not None:
            return known
        if self._entities:
            entity = self._entity(name, before)
            if entity is not None:
                full = _display_name(entity)
                person_named = len(name.split()) >= 2 and not looks_like_org(name)
                found = None
                if entity.kind != EntityKind.PERSON and person_named:
                    found = name  # a person's name is not an organisation's
                elif name in entity.aliases or set(name.split()) <= set(full.split()):
                    found = full
                if found is not None:
                    if len(self._named[name]) == 1:  # the answer whatever ``before`` is
                        self._canonical_of[name] = found
                    return found
        canonical = self.names.canonical(name)
        if canonical != name or " " in name:
            return canonical
        found = self._expanded.get(name)
        if found is None:
            found = self._expanded[name] = self._expand(name)
        return found

    def _expand(self, word: str) -> str:
        masked = self.masked
        size, n = len(word), len(masked)
        pos = masked.find(word)
        while pos != -1:
            after = pos + size
            if (pos == 0 or not masked[pos - 1].isalnum()) and (
                after >= n or not masked[after].isalnum()
            ):
                for run in _CAPITALISED.finditer(masked, max(0, pos - 100), min(n, after + 60)):
                    if run.start() <= pos < run.end():
                        name = self._name_holding(word, run.group(0))
                        if name is not None:
                            self.names.learn(name)
                            return name
                        break
            pos = masked.find(word, pos + 1)
        return word

    @staticmethod
    def _name_holding(word: str, run: str) -> str | None:
        """The person's name in a capitalised run that holds ``word``, if any."""
        name, _role = name_from_run(run.split())
        if not name:
            return None
        for candidate in (name, " ".join(name.split()[-2:])):
            parts = candidate.split()
            if word in parts and len(parts) >= 2 and not looks_like_org(candidate):
                return candidate
        return None

    # -- who "he" is -----------------------------------------------------------------------

    def _sentence_starts(self, paragraph: int) -> list[int]:
        """Masked offsets of the sentences of one paragraph (cached)."""
        starts = self._sentences.get(paragraph)
        if starts is None:
            lo, hi = (self.m(x) for x in self.spans[paragraph])
            starts = [lo]
            for end in sentence_ends(self.masked, lo, hi):
                start = spaces_end(self.masked, end, hi)
                if start < hi:
                    starts.append(start)
            self._sentences[paragraph] = starts
        return starts

    def _salient(self, position: int, person: bool, pronoun: str = "") -> str | None:
        """Who a pronoun at masked offset ``position`` means: reading back sentence by
        sentence, the last named speaker of a cue, else the person a sentence opens
        with; a person for ``he``/``she`` (of that gender, when the text tells:
        :mod:`tui.extract.gender`), a body for ``it``."""
        fast = person and bool(self._entities)
        if fast:
            found = self._speaking_mention_before(position)
            if found is not None and self._agrees(found, pronoun):
                return found
        masked, base, sentences = self.masked, self.base, self._sentences
        paragraph = bisect.bisect_right(self._para_starts, position + base) - 1
        sentences_read = 0
        while paragraph >= 0:
            p_hi = self.spans[paragraph][1] - base
            starts = sentences.get(paragraph) or self._sentence_starts(paragraph)
            end = min(p_hi, position)
            for k in range(bisect.bisect_left(starts, position) - 1, -1, -1):
                if sentences_read >= _SALIENCE_REACH:
                    return None  # checked here too: one paragraph may hold every sentence
                start = starts[k]
                sentences_read += 1
                # Blanks and quote marks (a quotation opening the sentence) name no one.
                if _ALNUM.search(masked, start, end) is not None:
                    best = self._sentence_subject(start, end, p_hi, fast)
                    if best is not None and best[1] == person and self._agrees(best[0], pronoun):
                        return best[0]
                end = start
            paragraph -= 1
        return None

    def _agrees(self, name: str, pronoun: str) -> bool:
        """Can ``pronoun`` (``he``/``she``; anything else agrees) mean ``name``?"""
        if pronoun not in ("he", "she"):
            return True
        known = self._agreeing.get((name, pronoun))
        if known is None:
            if self._genders is None:
                self._genders = honorifics(self.masked)
            known = self._agreeing[name, pronoun] = agrees(name, pronoun, self._genders)
        return known

    def _sentence_subject(
        self, start: int, end: int, p_hi: int, fast: bool
    ) -> tuple[str, bool] | None:
        """Whom a sentence (masked ``[start, end)``, some letter in it) is about: the
        named speaker of its last cue, else the first person it names; with whether that
        is a person."""
        masked = self.masked
        cues = list(find_cues(masked, start, end))
        if not cues:
            return self._first_mention(start, min(end, start + 120))
        if fast:
            # The person the entities saw right before the last cue ("Ren said").
            found = self._mention_before(cues[-1].start(), start)
            if found is not None:
                return found, True
        best: tuple[str, bool] | None = None
        for cue in cues:
            pronoun = _PRONOUN_BEFORE.search(masked, max(start, cue.start() - 24), cue.start())
            if pronoun is not None:
                # "he added": the same person again; whom that "he" meant, when known (a
                # chain of "he said" resolves each link once: linear), else read back.
                best = self._resolved.get(pronoun.start(), best)
                continue
            phrase = self._subject_of(cue, start, p_hi)
            if phrase is None or phrase.kind == "pronoun":
                continue
            if phrase.kind == "role":
                cut = before_refusal(masked, phrase.start, phrase.end)
                if cut <= phrase.start:
                    continue
                role = masked[phrase.start : cut]  # "The senator declined": the senator
                best = (role, is_person_role(role))
            else:
                canonical = self._canonical(phrase.text)
                best = (canonical, self._is_person(canonical))
        if best is None:
            best = self._first_mention(start, min(end, start + 120))
        return best

    def _speaking_mention_before(self, position: int) -> str | None:
        """The fast answer to "who is *he*": the last person mention (entities module)
        that is the subject of a cue (``Ren said``, ``Zhengfei reportedly said``),
        provided every cue between it and ``position`` has ``he``/``she`` (or that
        mention) as its subject. None when unsure: the sentence walk decides."""
        starts, people = self._mentions or self._person_mentions()
        k = bisect.bisect_left(starts, position) - 1
        checked = 0
        while k >= 0 and checked < 6:
            checked += 1
            if k in self._cue_after_mention:
                cue = self._cue_after_mention[k]
            else:
                cue = self._cue_after_mention[k] = self._mention_cue(k)
            if cue is not None:
                if position - cue.end() > _MENTION_REACH:
                    return None  # too far to be sure: the bounded sentence walk decides
                return people[k] if self._only_pronouns_speak(k, cue.end(), position) else None
            k -= 1
        return None

    def _only_pronouns_speak(self, k: int, lo: int, position: int) -> bool:
        """Has every cue from masked ``lo`` (the end of person mention ``k``'s cue) to
        ``position`` ``he``/``she``/``they``/``it`` as its subject? Read on from where the
        last question about mention ``k`` stopped: a chain of ``he said`` after one
        ``Ren said`` reads each of its cues once, not once for every later pronoun."""
        masked = self.masked
        clear_to, resume, blocker = self._speakers_read.get(k, (lo, lo, None))
        if position <= clear_to:
            return True
        if blocker is not None:
            if position >= blocker:
                return False
            resume = lo  # a question inside the blocking cue: read it all again
        for later in self._cues_around_quotes(resume, position):
            if not _PRONOUN_BEFORE.search(masked, max(0, later.start() - 24), later.start()):
                self._speakers_read[k] = (later.start(), resume, later.end())
                return False  # someone else may speak in between
            resume = later.end()
        self._speakers_read[k] = (position, resume, None)
        return True

    def _mention_cue(self, k: int) -> re.Match[str] | None:
        """The cue right after person mention ``k`` (``Ren said``, ``Ren reportedly
        said``), if any: the same for every pronoun after it, so asked once."""
        masked, end = self.masked, self._mention_ends[k]
        cue = CUE.match(masked, end + 1) if end + 1 < len(masked) else None
        if cue is None:
            skip = _SKIP_THEN_CUE.match(masked, end)
            cue = CUE.match(masked, skip.end()) if skip else None
        elif masked[end : end + 1] != " ":
            cue = None
        return cue

    def _cues_around_quotes(self, lo: int, hi: int) -> Iterator[re.Match[str]]:
        """``CUE.finditer(masked, lo, hi)`` over a long window, the blanked insides of
        quotations skipped: the regular expression spends ~200 instructions on each
        blank, and a pronoun's speaker is looked for across whole quotations. The
        matches are the same: no cue holds a quote mark, and a blank follows one."""
        masked, base, pos = self.masked, self.base, lo
        first = max(0, bisect.bisect_right(self._double_starts, lo + base) - 1)
        for mark in itertools.islice(self._doubles, first, None):
            inner_start = mark.start + 1 - base
            if inner_start >= hi:
                break
            inner_end = (mark.end - 1 if mark.closed else mark.end) - base
            if inner_end <= pos:
                continue
            if pos < inner_start:
                yield from find_cues(masked, pos, inner_start)
            pos = max(pos, inner_end)
        if pos < hi:
            yield from find_cues(masked, pos, hi)

    def _mention_before(self, cue: int, sentence: int) -> str | None:
        """The person mentioned last before masked offset ``cue`` in its sentence, when
        no ``he``/``she`` stands between (that one would be the subject)."""
        starts, people = self._person_mentions()
        k = bisect.bisect_left(starts, cue) - 1
        if k < 0 or starts[k] < sentence or cue - starts[k] > 80:
            return None
        between = self.masked[self._mention_ends[k] : cue].split()
        if all(w.casefold() in _SKIP_BETWEEN for w in between):
            return people[k]  # "Ren said", "Zhengfei reportedly said"
        return None

    def _is_person(self, name: str) -> bool:
        entity = self._entity(name)
        if entity is not None:
            return entity.kind == EntityKind.PERSON
        return self.names.is_person(name)

    def _entity(self, name: str, before: int | None = None) -> Entity | None:
        if not self._entities:
            return None
        # The plain case, without building an index: one entity has this name or alias.
        found = self._named.get(name)
        if found is None:
            found = [e for e in self._entities if e.name == name or name in e.aliases]
            self._named[name] = found
        if len(found) == 1:
            return found[0]
        if not found and self._entity_index is None and not self._shares_a_word(name):
            # Every name the index knows (names, aliases, first and last names, short
            # forms) is made of the entities' own words: with none of them in ``name``
            # it resolves to nothing, and most articles never need the index built.
            return None
        if self._entity_index is None:
            self._entity_index = EntityIndex(self._entities)
        return self._entity_index.resolve(name, before=before)

    def _shares_a_word(self, name: str) -> bool:
        """Does ``name`` hold a word of an entity's name or alias (case aside)?"""
        if self._entity_words is None:
            self._entity_words = {
                w
                for e in self._entities
                for n in (e.name, *e.aliases)
                for w in _ENTITY_WORD.findall(n.casefold())
            }
        words = self._entity_words
        return any(
            w in words or w.removesuffix("’s").removesuffix("'s") in words
            for w in _ENTITY_WORD.findall(name.casefold())
        )

    def _person_mentions(self) -> tuple[list[int], list[str]]:
        """Masked offsets of every person mention the entities found, and whose."""
        if self._mentions is None:
            found = []
            base = self.base
            person = EntityKind.PERSON
            for entity in self._entities:
                if entity.kind == person:
                    name = _display_name(entity)
                    found += [(m.start - base, m.end - base, name) for m in entity.mentions]
            found.sort()
            self._mentions = ([s for s, _, _ in found], [n for _, _, n in found])
            self._mention_ends = [e for _, e, _ in found]
        return self._mentions

    def _first_mention(self, lo: int, hi: int) -> tuple[str, bool] | None:
        """The first person a sentence names before any ``he``/``she``."""
        masked, names = self.masked, self.names
        pronoun = _HE_SHE.search(masked, lo, hi)
        limit = pronoun.start() if pronoun else hi
        if self._entities:  # the entities module has found every person mention
            starts, people = self._person_mentions()
            n = bisect.bisect_left(starts, lo)
            return (people[n], True) if n < len(starts) and starts[n] < limit else None
        for match in _CAPITALISED.finditer(masked, lo, limit):
            run: list[str] = []
            for word in match.group(0).split():
                if word[:1].isupper():
                    run.append(word)
                elif run:
                    break
            if not run:
                continue
            name, _role = name_from_run(run)
            if name is None:
                continue
            canonical = self._canonical(name)
            if len(canonical.split()) < 2 and match.start() == lo:
                continue  # a sentence's first word is capitalised anyway
            if names.is_person(canonical):
                return canonical, True
        return None


#: What stands before the name of a show, book or programme: a possessive (``ABC’s``),
#: ``on``/``in``, or a word naming the kind of work.
_TITLE_BEFORE = frozenset(
    word_list(
        """
    on in podcast show program programme film movie book memoir novel series column
    op-ed essay article documentary album song titled entitled told the of with
    including called named
    """
    )
)
_TITLE_WORD = re.compile(r"[^\W_][\w’'\-]*")
#: Small words a title leaves in lower case.
_TITLE_SMALL = frozenset(word_list("a an and as at but by for in of on or the to with from"))


def _is_title(text: str, mark: Marked, p_start: int, inner: str) -> bool:
    """``on ABC’s “Good Morning America.”``, ``the podcast “Here’s the Thing.”``: a short
    quotation in title case after a possessive, ``on`` or a word naming a work is the
    name of a show or a book, not anybody's words."""
    if not inner[:1].isupper() or inner.count(" ") > 9:
        return False  # the common case, decided without reading the words
    before = text[max(p_start, mark.start - 40) : mark.start].rstrip().rstrip(",").rstrip()
    if not before.endswith(("’s", "'s")) and (
        not before or before.rsplit(None, 1)[-1].casefold() not in _TITLE_BEFORE
    ):
        return False  # read before the words: a quote opening a sentence stops here
    words = _TITLE_WORD.findall(inner)
    if not words or len(words) > 8 or not words[0][0].isupper():
        return False
    if any(not w[0].isupper() and w not in _TITLE_SMALL for w in words):
        return False
    return len(words) > 1 or inner.rstrip().endswith((".", ","))


#: A quoted term as the subject of its sentence: ``“Top secret” is the highest level``.
_TERM_SUBJECT = re.compile(r"\s+(?:is|was|are|were|has\s+been|have\s+been|remains)\b")


def _names_a_thing(text: str, mark: Marked, p_start: int, inner: str) -> bool:
    """Does a quotation with no cue of its own name something rather than continue
    someone's words: it stands inside running text (a word, not punctuation, right
    before it), or it is a short term its sentence is about?"""
    before = text[max(p_start, mark.start - 2) : mark.start].rstrip()
    if before and (before[-1].isalnum() or before[-1] in "’'"):
        return True  # `in an “extraordinarily long line”`, `NBC’s “Today”`
    if len(inner.split()) > 4 or inner.rstrip()[-1:] in ".,!?;:":
        return False
    return _TERM_SUBJECT.match(text, mark.end, mark.end + 16) is not None


def _label(inner: str) -> bool:
    """``“D,”``, ``"Related:"``, ``“VOTERS MAKE GOOD DECISIONS”``: a single letter, one
    word ending with a colon (a link's label) or words in capitals (a headline) are no
    one's words."""
    stripped = inner.strip(" ,.;")
    if len(stripped) == 1 or (stripped.endswith(":") and " " not in stripped):
        return True
    return stripped.count(" ") >= 2 and stripped.isupper()


def _title_cased(inner: str) -> bool:
    """A short run of words in title case (``Gang of Eight``, ``The View``): at most
    six words, each capitalised but the small ones, and no sentence inside."""
    words = _TITLE_WORD.findall(inner)
    if len(words) < 2 or len(words) > 6 or not words[0][0].isupper():
        return False  # one word (`“Soviet-style”`) may well be the speaker's
    if any(ch in inner for ch in "?!") or ". " in inner.strip():
        return False
    return all(w[0].isupper() or w in _TITLE_SMALL for w in words)


def _display_name(entity: Entity) -> str:
    """An entity's name as a speaker: a person's without a title left in it."""
    if entity.kind == EntityKind.PERSON:
        return _person_name(entity.name)
    return entity.name


@functools.lru_cache(maxsize=8192)
def _person_name(name: str) -> str:
    return name_from_run(name.split())[0] or name


def _joined_subject(words: list[str]) -> bool:
    """Is ``and`` (the only clause word in ``words``) inside one subject: two roles
    after a determiner (``the Florida senator and Republican candidate said``) or two
    names (``experts Dana Albany and Serena Kell wrote``)? Not ``and Trump said``."""
    if any(w in _CLAUSE_WORDS and w != "and" for w in words):
        return False
    for k, word in enumerate(words):
        if word != "and":
            continue
        if k == 0 or k + 1 >= len(words):
            return False
        named = words[k - 1][:1].isupper() and words[k + 1][:1].isupper()
        if not (words[0].casefold() in ("the", "a", "an") or named):
            return False
        if words[k + 1].casefold() in PRONOUNS:
            return False
    return True


def _only_attribution_between(between: str, attribution: _Attribution) -> bool:
    """Between two quotes only the first one's attribution (or nothing) stands."""
    if "“" in between or "”" in between or '"' in between:
        return False
    # 26 words need at least 51 characters: a shorter stretch is not split to count.
    return len(between) <= 50 or len(between.split()) <= 25


def _starts_upper(inner: str, first: str) -> bool:
    """Does the quotation open with a capital (or a figure)? ``first`` is its first
    letter or digit (``_ALNUM``'s match): the answer for nearly every quote, read
    without a loop."""
    if first.isalpha():
        return first.isupper()
    if first.isdigit():
        return True
    for ch in inner:  # a numeral that is neither (``½``): read on as before
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return True
    return False


#: ``round(confidence, 2)`` of each confidence seen: ``round`` to two places formats
#: the float (about 1 us), and a quote's confidence is one of a dozen values.
_ROUNDED: dict[float, float] = {}


#: How names that end in ``-ly`` end (Kelly, Reilly, Holly, Billy): adverbs end so
#: only in ``-ally``/``-ully`` (``really``, ``fully``).
_LY_NAMES = ("elly", "illy", "olly", "eily", "berly", "verly")


#: A plural noun after a one-word name, then a verb: ``Freight groups welcomed``,
#: ``Trump supporters cheered`` (not ``Smith plans to``, ``Smith wants the``).
_GROUP_AFTER = re.compile(
    r"\s+([a-z]{3,}(?<![su]s)s)\s+(?:[a-z]+ed|have|had|were|are|will|would|also|"
    r"said|say|told|warned|argued|welcomed|praised|criticised|criticized)\b"
)
_NOT_PLURALS = frozenset(word_list("says has was does goes wants plans hopes thinks knows"))


def _group_after_name(masked: str, phrase: SpeakerPhrase, hi: int) -> SpeakerPhrase | None:
    """The group a one-word name qualifies (``Freight groups``, ``Trump supporters``):
    they are the subject, not the name."""
    if phrase.kind != "name" or " " in phrase.text.strip():
        return None
    found = _GROUP_AFTER.match(masked, phrase.end, hi)
    if found is None or found.group(1) in _NOT_PLURALS:
        return None
    end = found.end(1)
    return SpeakerPhrase(masked[phrase.start : end], phrase.start, end, "role")


def _adverb(word: str) -> bool:
    """Is one capitalised word opening a clause an adverb (``Unsurprisingly``,
    ``Frankly``), not a name (``Kelly``, ``Reilly``, ``Emily``, ``Beverly``)?"""
    low = word.casefold()
    return low in _OPENING_ADVERBS or (low.endswith("ly") and not low.endswith(_LY_NAMES))


def _rounded(confidence: float) -> float:
    rounded = _ROUNDED.get(confidence)
    if rounded is None:
        rounded = _ROUNDED[confidence] = round(max(confidence, 0.0), 2)
    return rounded


def _cue_text(cue: re.Match[str]) -> str:
    kind = cue.lastgroup  # the one named group of CUE that matched
    if kind == "quoted":
        return "was quoted as saying"
    if kind == "according":
        return "according to"
    if kind == "pointed":
        return "pointed out"
    if kind == "phrase":  # `shot back`, `went on`, `put it`
        return " ".join(cue.group().lower().split())
    return cue.group().lower()


def _mask(text: str, lo: int, hi: int, marks: Sequence[Marked]) -> str:
    """``text[lo:hi]`` with every quotation's inside blanked (same length), keeping a
    final ``.!?`` so a sentence that ends inside a quote still ends."""
    pieces: list[str] = []
    pos = lo
    for mark in marks:
        inner_start = mark.start + 1
        inner_end = mark.end - 1 if mark.closed else mark.end
        if inner_end <= inner_start:
            continue
        pieces.append(text[pos:inner_start])
        final = text[inner_end - 1]
        if final in ".!?":
            pieces.append(" " * (inner_end - inner_start - 1) + final)
        else:
            pieces.append(" " * (inner_end - inner_start))
        pos = inner_end
    pieces.append(text[pos:hi])
    return "".join(pieces)

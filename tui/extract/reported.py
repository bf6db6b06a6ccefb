"""Reported (indirect) speech: ``Ren said the company would …`` -> the clause, and Ren.

News reports most of what people say without quote marks. A verb of saying whose
subject is a speaker introduces the reported clause after it (``X said (that) …``,
``X told reporters that …``), or closes it (``…, X said.``, ``…, according to X.``).
The clause runs to the end of its sentence. Everything reads the article's masked
text (quotations blanked, :mod:`tui.extract.quotes`), one sentence at a time, so the
work is linear in the article's length; a clause that is mostly a quotation is left to
the direct-quote rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from tui.extract.lexicon import ROLE_MODIFIERS
from tui.extract.quote_cues import noun_use, speaker_after
from tui.text import spaces_end, word_list

#: Verbs of saying that introduce or close a reported clause (``called``, ``asked``,
#: ``posted`` and the like do not: their object is not a clause).
REPORTING_VERBS = frozenset(
    word_list(
        """
     said says say saying told tells telling added adds adding wrote writes argued argues
     arguing warned warns warning insisted insists insisting noted noting claimed
     claiming stated explained explains suggested suggests acknowledged acknowledges
     admitted admits announced announces predicted predicts reported testified testifies
     confirmed confirms contended contends maintained maintains asserted asserts conceded
     concedes stressed stresses emphasized emphasised declared declares recalled recalls
     cautioned cautions countered alleged alleges promised vowed vows complained
     complains boasted boasts indicated indicates revealed reveals informed replied
     replies responded responds tweeted asked asks asking claim argue insist predict warn
     suggest contend acknowledge admit concede announce urged urges urging pledged pledges
     threatened vowing promising denied denies
        """
    )
) | {"pointed out", "point out"}
#: Verbs that report a clause without ``that`` (``Ren said the company would …``);
#: the others (``told reporters``, ``maintains the title``) need ``that``.
_PLAIN = frozenset(
    word_list(
        """
     said says say saying added adds adding wrote writes argued argues arguing warned
     warns warning claimed claiming insisted insists insisting explained explains
     predicted predicts suggested suggests noting tweeted claim argue insist
     predict warn suggest announced announces noted acknowledged confirmed denied denies
        """
    )
)
#: Verbs whose object, the person told, comes before the clause.
_TELLING = frozenset(word_list("told tells telling"))
#: A reported clause does not open with these (``said of the ban``, ``said in Ohio``).
_NOT_CLAUSE = frozenset(
    word_list(
        """
     of in on at during after before as with to from while when about for by
        """
    )
)
#: ``that`` before these is a demonstrative (``asked Trump about it that same day``),
#: not the word that opens a reported clause.
_THAT_DAY = (
    r"(?!(?:same\s+|very\s+)?(?:day|night|morning|afternoon|evening|week|weekend|month|"
    r"year|time|moment|point|date)\b)"
)
_THAT_LATER = re.compile(r"[^.;:!?“”\"]{0,60}?\bthat\s+" + _THAT_DAY)
#: ``said that``, ``said on Friday that``, ``said in a statement that``: a short
#: adverbial at most before ``that`` (``said he meets families in a city that …``: no).
_THAT_AHEAD = re.compile(
    r"(?:\s*,?\s*(?:on|in|at|during|after|before|last|this|earlier|later|again|also|then|"
    r"repeatedly|publicly|privately|recently|yesterday|today|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b[^.;:!?“”\",]{0,30}?)?\s*,?\s+that\s+" + _THAT_DAY
)
_WHEN_WORDS = (
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"last\s+(?:week|month|year|night))"
)
_DAY = re.compile(_WHEN_WORDS + r"\s+")
#: A time ending a source (``according to officials on Thursday.``; not ``data released
#: Friday by state regulators``).
_WHEN = re.compile(_WHEN_WORDS + r"\s*(?:[,.;]|$)")
#: What may stand before an opening "according to": nothing, or a conjunction.
_OPENERS = frozenset(("", "but", "and", "yet", "so", "but,", "and,"))
_QUOTATION = re.compile(r"[“\"]|''")
#: ``the princess, 67, announced``: an age set off by commas, not an inverted cue.
_AGE_BEFORE = re.compile(r",\s*\d{1,3}\s*,\s*$")
#: The comma of a date (``according to a March 14, 2019 NATO press release, …``).
_DATE_COMMA = re.compile(r"(?<=\d),(?=\s\d{4}\b)")


#: The person told, between ``told`` and what they were told: ``told POLITICO``,
#: ``told him``, ``told the court``, ``told reporters``.
_TOLD_OBJECT = re.compile(
    r"\s+(?:him|her|them|me|us|you|reporters|journalists|supporters|voters|"
    r"(?:the\s+)?[^\W\d_a-z][\w.’'&\-]*(?:\s+[^\W\d_a-z][\w.’'&\-]*){0,3}|the\s+[a-z]+)"
    r"(?:\s+(?:(?:on|in)\s+[^\W_a-z]\w*|(?:last|this)\s+\w+))?\s+(?=[a-z])"
)
#: An indirect question: ``asked (them) whether …``.
_ASKED_WHAT = re.compile(
    r"(?:\s+(?:him|her|them|me|us|you|reporters|[^\W\d_a-z][\w.’'\-]*))?\s+"
    r"(?=(?:whether|if|what|why|how|who|when|where)\b)"
)
_ASKING = frozenset(word_list("asked asks asking"))
#: Verbs that report a request: ``asked the congregation to stand``.
_REQUESTING = frozenset(word_list("asked asks asking urged urges urging told tells"))
#: Verbs that report a promise or a threat: ``vowed to fight on``.
_VOWING = frozenset(
    word_list("vowed vows vowing promised promises promising pledged pledges threatened")
)
_TO_NOW = re.compile(r"\s+to\s+[a-z]")
_OBJECT_TO = re.compile(r"\s+(?:[\w’'.\-]+\s+){1,5}?to\s+[a-z]")
_INVERTED_BEFORE = re.compile(r",\s*(?:[”\"]|'')?\s*$|(?:[”\"]|'')\s*$")
_QUOTE_BEFORE = re.compile(r"(?:[”\"]|'')\s*,?\s*$")
#: A closing quote mark, then a subject of one to six words, then the cue (``“…,” Rubio
#: said``): what the cue reports is the quotation, not what follows.
_QUOTE_THEN_SUBJECT = re.compile(r"(?:[”\"]|'')\s*[,—–]?\s*(?:[^\W\d_][\w’'.\-]*\s+){1,6}$")
#: What may follow a cue that closes its sentence: time and place (``…, Ren said on
#: Friday.``, ``… in a statement.``), never a clause.
_TAIL_OPENERS = frozenset(
    word_list(
        """
     on in at during after before this last yesterday today tonight recently earlier
     later then also again afterward afterwards while when as of
        """
    )
)
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their", "its", "one", "another"])
_WORD = re.compile(r"[^\W_][\w’'\-]*")
#: Enough words to be a clause (``he said so`` reports nothing).
_MIN_WORDS = 4
_CONJUNCTIONS = frozenset(("and", "but", "or", "nor", "yet", "so"))
#: Enough words to be a clause before its cue, a comma and the speaker (``Prices will
#: rise, said Anna Berg.``): what stands there is the sentence's opening clause.
_MIN_WORDS_BEFORE_CUE = 3
#: Reading back from a closing cue: the comma that ends the reported clause.
_CLOSING_REACH = 90
#: A cue closes its sentence only when the sentence ends within this many characters.
_TAIL_REACH = 160
#: The most words after a cue that closes its sentence (its speaker, a time, a place).
_CLOSING_WORDS = 8
#: The longest clause read (characters): sentences longer than this are not prose.
_CLAUSE_REACH = 1500


class Reported(NamedTuple):
    """A reported clause (masked offsets) and the cue that reports it."""

    start: int
    end: int
    cue: re.Match[str]
    before: bool  # the cue comes before the clause (``said that …``)
    subject_lo: int = -1  # where the speaker is written, when it is not the cue's subject
    subject_hi: int = -1


def clauses(masked: str, lo: int, hi: int, cues: Iterator[re.Match[str]]) -> Iterator[Reported]:
    """Reported clauses of one sentence ``masked[lo:hi]`` given its cues, in order."""
    if hi - lo > 2 * _CLAUSE_REACH:
        return  # not prose (a table, a run-on list): no clause of it would be kept
    for cue in cues:
        verb = cue.group("verb") or cue.group("pointed")
        according = cue.group("according")
        if verb is None and according is None:
            continue
        if verb is not None and verb.casefold() not in REPORTING_VERBS:
            continue
        if noun_use(masked, cue):
            continue  # "his claims", "the reports": nouns
        if verb is not None and _passive(masked, lo, hi, cue):
            continue  # "39 are confirmed dead": the subject is what was said, not who
        if _QUOTE_THEN_SUBJECT.search(masked, max(lo, cue.start() - 60), cue.start()):
            continue  # `“…,” Rubio said on Sunday as …`: the quote is what was said
        named = _after_appositive(masked, lo, cue.start()) if verb is not None else None
        if named is not None and _only_speaker_after(masked, cue, verb, hi):
            # "…, which hurt sales, said the economist.": a speaker, and nothing else,
            # after the cue: no appositive closed before it, the cue is inverted.
            named = None
        closing = (
            _closing(masked, lo, hi, cue)
            if hi - cue.end() <= _TAIL_REACH and named is None
            else None
        )
        if closing is not None:
            yield closing
            continue
        if (
            named is None
            and verb is not None
            and not verb.endswith("ing")  # "…, saying the turbines would …" is not inverted
            and _INVERTED_BEFORE.search(masked, max(lo, cue.start() - 8), cue.start())
            and not _AGE_BEFORE.search(masked, max(lo, cue.start() - 12), cue.start())
            and (_inverted_speaker(masked, cue.end(), hi) or _speaker_then_end(masked, cue, hi))
        ):
            # "…, said Robert Egge, executive director …": inverted, the speaker
            # follows; the clause is before the comma, if it is not a quotation.
            if not _QUOTE_BEFORE.search(masked, max(lo, cue.start() - 8), cue.start()):
                comma = masked.rfind(",", max(lo, cue.start() - 8), cue.start())
                found = _clause(masked, lo, comma, cue, False)
                if found is not None:
                    yield found._replace(subject_lo=cue.end(), subject_hi=hi)
            continue
        if (
            verb is not None
            and not verb.endswith("ing")  # `“…”, saying he intends to …` reports a clause
            and _QUOTE_BEFORE.search(masked, max(lo, cue.start() - 8), cue.start())
        ):
            # `“…,” said Ann [b]Lee[/b].`: what follows a quotation's cue is its speaker,
            # even one the inverted reading above could not read as a name.
            continue
        inside = _parenthetical(masked, lo, hi, cue)
        if inside is not None:
            yield inside
            continue
        if according is not None:
            opener = masked[max(lo, cue.start() - 12) : cue.start()].strip().casefold()
            if masked[lo : max(lo, cue.start() - 12)].strip() or opener not in _OPENERS:
                # "…, according to a count by The Associated Press, but …": the clause
                # before it, whatever follows the source.
                end = cue.start()
                while end > lo and masked[end - 1] in " ,\xa0":
                    end -= 1
                found = _clause(masked, lo, end, cue, False)
                if found is not None:
                    yield found._replace(subject_lo=cue.end(), subject_hi=hi)
                continue
            window = _DATE_COMMA.sub(_blank, masked[cue.end() : min(hi, cue.end() + 160)])
            comma = window.find(",")
            if comma != -1:
                comma += cue.end()
                found = _clause(masked, comma + 1, hi, cue, True)
                if found is not None:
                    yield found._replace(subject_lo=cue.end(), subject_hi=comma)
            continue
        start = cue.end()
        low = verb.casefold()
        ahead = _THAT_AHEAD.match(masked, start, hi)
        if ahead is None and low not in _PLAIN:
            ahead = _THAT_LATER.match(masked, start, hi)  # "warned voters that …"
        told = _TOLD_OBJECT.match(masked, start, hi) if low in _TELLING else None
        asked = _ASKED_WHAT.match(masked, start, hi) if low in _ASKING else None
        if ahead is not None:
            start = ahead.end()
        elif told is not None:
            start = told.end()  # "told POLITICO they were only leaning …"
        elif asked is not None:
            start = asked.end()  # "asked whether …": an indirect question
        elif low in _VOWING and _TO_NOW.match(masked, start, hi):
            start = spaces_end(masked, start, hi)  # "vowed to …": a promise
        elif low in _REQUESTING and _OBJECT_TO.match(masked, start, hi):
            start = spaces_end(masked, start, hi)  # "urged voters to …": a request
        elif low not in _PLAIN:
            continue  # "told reporters", "maintains the title": a clause needs "that"
        else:
            start = spaces_end(masked, start, hi)
            day = _DAY.match(masked, start, hi)
            if day is not None:
                start = day.end()
        found = _clause(
            masked, start, hi, cue, True, after_that=ahead is not None or asked is not None
        )
        if found is not None:
            if named is not None:  # the subject before the appositive, not in it
                found = found._replace(subject_lo=named[0], subject_hi=named[1])
            yield found
            return  # the clause runs to the sentence's end: later cues are inside it


_CAPITALISED = re.compile(
    r"\s*[^\W\d_a-z][\w’'.\-]*(?:\s+(?:(?:of|de|van|von|al)\s+)?[^\W\d_a-z][\w’'.\-]*){0,5}\s*"
)
#: A short subject that opens its sentence: ``The ministry``, ``Its owner`` (no verb).
_SHORT_SUBJECT = re.compile(
    r"\s*(?:the|a|an|its|his|her|their)\s+(?:(?![\w’'\-]*ed\b|will\b|would\b|is\b|are\b|"
    r"was\b|were\b|has\b|have\b|had\b)[^\W\d_][\w’'\-]*\s*){1,3}",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\s*(?:who|whose|which)\b", re.IGNORECASE)
_NAME_ONLY = re.compile(r"\s*(?:[^\W\d_a-z][\w’'.\-]*\s*){1,4}")
_APPOSITIVE = re.compile(r"\s*(?:a|an|the|who|whose|which|its|his|her|their|\d+)\b", re.IGNORECASE)


def _after_appositive(masked: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """Where the cue's subject is when the cue follows the comma that closes an
    appositive (``…, whose director, Dario Lemke, said the first 50 …``; ``Gov. John
    Kasich of Ohio, a Republican who …, said the family …``; ``Lena Sorvik, 54, said``):
    what follows the cue is then the clause, not an inverted speaker (``…, said the
    company’s chief.``). None for any other cue."""
    comma = cue_start
    while comma > lo and masked[comma - 1] in " \xa0":
        comma -= 1
    if comma <= lo or masked[comma - 1] != ",":
        return None
    comma -= 1
    opening = masked.rfind(",", max(lo, comma - 200), comma)
    if opening == -1:
        return None
    if _NAME_ONLY.fullmatch(masked, opening + 1, comma):
        return opening + 1, comma  # ", Dario Lemke, said": a name between commas
    if masked.find(",", lo, comma) != opening:
        return None
    if _CAPITALISED.fullmatch(masked, lo, opening) and _APPOSITIVE.match(
        masked, opening + 1, comma
    ):
        return lo, opening
    if _SHORT_SUBJECT.fullmatch(masked, lo, opening) and _RELATIVE.match(
        masked, opening + 1, comma
    ):
        return lo, opening  # "The ministry, which runs the port, said …"
    return None


_RUN_WORD = re.compile(r"\s*([^\W_][\w’'.\-]*(?:(?<=\d),\d{3}(?!\d))*)")  # 2,000: a word


def _inverted_speaker(masked: str, pos: int, hi: int) -> bool:
    """Does a speaker, and only a speaker, follow the cue (``said Robert Egge, director
    …``, ``said the company’s chief.``)? A short run of capitalised words or of words
    after a determiner, then a comma, a bracket or the sentence's end."""
    first = _RUN_WORD.match(masked, pos, hi)
    if first is None:
        return False
    word = first.group(1)
    if not (word[0].isupper() or word.casefold() in _DETERMINERS):
        return False
    capitalised = word[0].isupper()
    end, count = first.end(), 1
    while count < 9:
        nxt = _RUN_WORD.match(masked, end, hi)
        if nxt is None:
            break
        w = nxt.group(1)
        if capitalised and not (w[0].isupper() or w.casefold() in ("of", "de", "van", "von")):
            if w.casefold() not in ("said", "says") and not w[0].isdigit():
                return False  # "said Mexico must rebut …": a clause
            break
        if w.endswith(".") and len(w) > 3 and w[:-1].isalpha() and w[0].islower():
            return True
        end, count = nxt.end(), count + 1
    rest = masked[end : min(hi, end + 40)].lstrip()
    return not rest or rest[0] in ",(.;—–"


def _speaker_then_end(masked: str, cue: re.Match[str], hi: int) -> bool:
    """``…, said union leader Oskar Brandt at the plant on Monday.``: the speaker phrase
    after the cue, then nothing but its sentence's end, a comma or a time or place."""
    phrase = speaker_after(masked, cue.end(), hi)
    if phrase is None or phrase.kind == "pronoun":
        return False
    rest = masked[phrase.end : min(hi, phrase.end + 40)].lstrip()
    if not rest or rest[0] in ",(.;—–":
        return True
    first = _WORD.match(rest)
    return first is not None and first.group().casefold() in _TAIL_OPENERS


def _only_speaker_after(masked: str, cue: re.Match[str], verb: str, hi: int) -> bool:
    """Does the cue close its sentence with a speaker and nothing else after it (``…,
    said the economist.``, ``…, said Anna Berg, an economist at the bank.``)? Not a
    cue whose object follows it (``told POLITICO, “…”``, ``asked the secretary if …``),
    nor a clause (``said the group would focus on …``: too many words for a speaker)."""
    if verb.casefold() in _TELLING | _ASKING | _REQUESTING:
        return False
    tail = masked[cue.end() : hi]
    if len(_WORD.findall(tail)) > _CLOSING_WORDS or any(ch in tail for ch in ';:“”"'):
        return False
    phrase = speaker_after(masked, cue.end(), hi)
    if phrase is None or phrase.kind == "pronoun":
        return False
    # Only titles before the name (``said union leader Oskar Brandt``), not a clause's
    # words (``recalled numerous telephone calls with Trump``).
    if any(
        w.casefold() not in ROLE_MODIFIERS for w in _WORD.findall(tail, 0, phrase.start - cue.end())
    ):
        return False
    return _speaker_then_end(masked, cue, hi)


def _parenthetical(masked: str, lo: int, hi: int, cue: re.Match[str]) -> Reported | None:
    """``Freeing her husband, he promised, was one of his top priorities.``: a cue set
    off by commas inside the clause it reports; the clause is the whole sentence."""
    if cue.group("according"):
        return None  # its source follows it: ``, killing 20 according to officials,``
    comma = masked.rfind(",", max(lo, cue.start() - 60), cue.start())
    if comma == -1 or not masked[comma + 1 : cue.start()].strip():
        return None
    after = masked.find(",", cue.end(), min(hi, cue.end() + 30))
    if after == -1 or len(_WORD.findall(masked[cue.end() : after])) > 3:
        return None
    if len(_WORD.findall(masked[comma + 1 : cue.start()])) > 6:
        return None
    if not _at_least(masked, after, hi, 2):
        return None  # "…, Ren said, adding" is not inside anything
    following = _WORD.search(masked, after, hi)
    if following is not None and following.group().casefold() in _FOLLOW_UPS:
        # "39 are dead, officials told state media, adding that …": the clause is
        # before the speaker; "adding that …" is a clause of its own
        found = _clause(masked, lo, comma, cue, False)
    else:
        found = _clause(masked, lo, hi, cue, False)
    if found is None:
        return None
    return found._replace(subject_lo=comma + 1, subject_hi=cue.start())


#: Participles that open a second reported clause after a parenthetical cue.
_FOLLOW_UPS = frozenset(word_list("adding saying noting warning explaining insisting arguing"))


def _closing(masked: str, lo: int, hi: int, cue: re.Match[str]) -> Reported | None:
    """``…, Ren said.`` / ``…, said Ren.`` / ``…, according to Ren.``: the cue closes the
    sentence, a comma before its speaker ends the clause, which opens the sentence."""
    if cue.group().endswith("ing"):
        return None  # "…, saying the turbines would …": a participle opens its clause
    tail = masked[cue.end() : hi].rstrip().removesuffix(":")
    tail_words = _WORD.findall(tail)
    longest = 16 if cue.group("according") else _CLOSING_WORDS  # "according to data by …"
    if len(tail_words) > longest or any(ch in tail for ch in ';:“”"') or "''" in tail:
        return None
    comma = masked.rfind(",", max(lo, cue.start() - _CLOSING_REACH), cue.start())
    if comma == -1:
        return None
    subject = masked[comma + 1 : cue.start()]
    if cue.group("according") and subject.strip():
        return None  # "…, killing at least 20 according to officials.": the clause's end
    if tail_words and not (
        tail_words[0][0].isupper()
        or tail_words[0].casefold() in _TAIL_OPENERS
        or (not subject.strip() and tail_words[0].casefold() in _DETERMINERS)
        or _told_whom(cue, tail_words)
    ):
        return None  # "…, Bennett said he could not …": the clause comes after the cue
    if len(_WORD.findall(subject)) > 7 or any(ch in subject for ch in ';:“”"'):
        return None
    found = _clause(masked, lo, comma, cue, False)
    if found is None:
        return None
    if subject.strip():
        return found._replace(subject_lo=comma + 1, subject_hi=cue.start())
    return found._replace(subject_lo=cue.end(), subject_hi=hi)  # "…, said Ren."


def _blank(match: re.Match[str]) -> str:
    """As many spaces as the match: offsets stay where they were."""
    return " " * len(match.group())


def _told_whom(cue: re.Match[str], tail: list[str]) -> bool:
    """``…, officials told state media.``: after ``told`` at a sentence's end, a few
    words naming who was told (not ``told a joke``)."""
    return (
        cue.group().casefold() in _TELLING
        and len(tail) <= 3
        and tail[0].casefold() not in ("a", "an")
    )


def _clause(
    masked: str,
    start: int,
    end: int,
    cue: re.Match[str],
    before: bool,
    after_that: bool = False,
) -> Reported | None:
    """The clause ``masked[start:end]`` trimmed, if it is one: enough words, not a
    quotation (those are direct quotes), not an introduction to one (``said:``)."""
    if end - start > _CLAUSE_REACH:
        return None  # not a sentence: a run on (and reading it would cost each cue)
    while start < end and masked[start] in " \t\n,\xa0":
        start += 1  # "said that, if its claims are true, …"
    end = _trimmed_end(masked, start, end)
    if end <= start or masked[start] in '“"‘,:—–-(':
        return None
    quoted = _QUOTATION.search(masked, start, end)
    if quoted is not None:
        # A quotation inside: the clause ends before it (`…, whom he described as "…"`;
        # `… new pool. ''Without …`), or it is the direct rules' case.
        cut = max(
            masked.rfind(",", start, quoted.start()), masked.rfind(".", start, quoted.start())
        )
        if cut <= start:
            return None
        end = _trimmed_end(masked, start, cut)
    # No quotation is left in [start, end): the first one, if any, was cut off above.
    first = _WORD.match(masked, start, end)
    if first is None or (not after_that and first.group().casefold() in _NOT_CLAUSE):
        return None
    if not _at_least(masked, start, end, _MIN_WORDS):
        # Three words make a clause only when a verb of saying and its speaker follow
        # them (not "But, he said, “…”": a parenthetical cut off before its quotation;
        # not "One child was, according to …": the sentence goes on after the source)
        # and they open with no adverbial (``But on Tuesday, he stood … and urged …``).
        if before or quoted is not None or end > cue.start() or cue.group("according"):
            return None  # too short to report anything
        if not _at_least(masked, start, end, _MIN_WORDS_BEFORE_CUE):
            return None
        words = _WORD.findall(masked, start, end)
        if words[0].casefold() in _CONJUNCTIONS and words[1].casefold() in _NOT_CLAUSE:
            return None
    return Reported(start, end, cue, before)


def _trimmed_end(masked: str, start: int, end: int) -> int:
    """``end`` moved back over spaces, punctuation and closing marks, but not over the
    bracket that closes one the clause opened (``… a project it valued at NOK12.4 billion
    (US$1.16 billion)``: the clause ended ``(US$1.16 billion``)."""
    while end > start and masked[end - 1] in ' \t\n.,;:!?)”"’':
        if masked[end - 1] == ")" and masked.count("(", start, end) > masked.count(
            ")", start, end - 1
        ):
            break
        end -= 1
    return end


#: ``are confirmed``, ``was reported``, ``is said``: a verb of saying in the passive.
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.IGNORECASE)
_CLAUSE_NEXT = re.compile(r"[^.;:!?“”\"]{0,40}?\b(?:that|whether|if|what|why|how|who|when|where)\b")


def _passive(masked: str, lo: int, hi: int, cue: re.Match[str]) -> bool:
    """Is the cue's verb a passive participle with no clause of its own (``A total of
    39 are confirmed dead``, ``the deal was announced on Monday``)? Its subject is what
    was said, never the speaker. ``are saying`` is no passive; ``was told that …`` and
    ``was asked whether …`` still report a clause (the annotated news counts them)."""
    if cue.group().endswith("ing"):
        return False
    if _PASSIVE.search(masked, max(lo, cue.start() - 8), cue.start()) is None:
        return False
    return _CLAUSE_NEXT.match(masked, cue.end(), hi) is None


def _at_least(masked: str, lo: int, hi: int, count: int) -> bool:
    """Are there ``count`` words in ``masked[lo:hi]``? Reads only that many (a clause
    may run to 1,500 characters, and every cue asks)."""
    return any(n >= count for n, _word in enumerate(_WORD.finditer(masked, lo, hi), 1))


#: The longest subject read without a name in it (``Majorities of Democrats in five
#: states say``).
_SUBJECT_WORDS = 10
_SUBJECT_SKIP = frozenset(
    word_list(
        """
     also reportedly have has had would will could may might once previously earlier
     later recently then still repeatedly publicly privately often long and but
        """
    )
)
_SUBJECT_STOP = frozenset(
    word_list(
        """
     who which that when while because if although since where as
        """
    )
)


def subject_run(masked: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The words that open a clause and end at its cue, when no name, pronoun or known
    role was found there (``22 percent said``, ``Military analysts say``, ``…, political
    scientists say.``): at most ten words, after the last comma, no conjunction."""
    lo = max(lo, cue_start - 150)  # ten words at most: never read the whole sentence
    start = max(lo, masked.rfind(",", lo, cue_start) + 1, masked.rfind("(", lo, cue_start) + 1)
    words = list(_WORD.finditer(masked, start, cue_start))
    while words and words[-1].group().casefold() in _SUBJECT_SKIP:
        words.pop()
    while words and words[0].group().casefold() in ("and", "but", "so", "yet"):
        words.pop(0)
    if not words or len(words) > _SUBJECT_WORDS:
        return None
    if any(w.group().casefold() in _SUBJECT_STOP for w in words):
        return None
    return words[0].start(), words[-1].end()


def object_run(masked: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The source after ``according to`` or an inverted cue when no name or role was
    read there (``…, according to museum staff.``): up to eight words, to the sentence's
    end or a comma."""
    words: list[re.Match[str]] = []
    for word in _WORD.finditer(masked, lo, min(hi, lo + 120)):
        if masked[lo : word.start()].count(",") or len(words) == 8:
            break
        if words and _WHEN.match(masked, word.start(), hi):
            break  # "according to harbour officials on Thursday.": when, not who
        words.append(word)
    if not words or words[0].group().casefold() in _SUBJECT_STOP | _PREPOSITIONS:
        return None  # `said in a statement`: where, not who
    return words[0].start(), words[-1].end()


#: Words that open an adverbial after a cue, never its inverted subject.
_PREPOSITIONS = frozenset(
    word_list("in on at during after before to with for from by of about into over via")
)


#: A refusal to speak: ``declined to comment``, ``did not respond to a request for
#: comment``, ``could not be reached``. Reported as a clause, it says nothing anyone said;
#: in a speaker's phrase (``A spokeswoman also declined to comment, saying …``) it is
#: what the speaker did, not who they are.
REFUSAL = re.compile(
    r"\b(?:(?:also\s+|again\s+)?(?:declined|declines|refused|refuses|would\s+not|wouldn['’]t|"
    r"did\s+not|didn['’]t|has\s+not|hasn['’]t|have\s+not|haven['’]t|could\s+not|"
    r"couldn['’]t)\b)",
    re.IGNORECASE,
)
_REFUSAL_CLAUSE = re.compile(
    r"(?:[^\W_][\w’'.\-]*\s+){0,6}?(?:also\s+|again\s+)?(?:(?:declined|declines|refused|"
    r"refuses)\s+to\s+(?:comment|respond|answer|elaborate|discuss\s+(?:it|the\s+\w+))|"
    r"(?:did|does|would|has|have|could)\s*(?:not|n['’]t)\s+(?:immediately\s+|yet\s+)?"
    r"(?:comment|respond|reply|return|answer)|could\s*(?:not|n['’]t)\s+be\s+reached|"
    r"(?:had|has|have|offered|gave|made)\s+no\s+(?:immediate\s+)?comment)\b[^.;:!?]{0,80}$",
    re.IGNORECASE,
)


def is_refusal(masked: str, start: int, end: int) -> bool:
    """Is the clause ``masked[start:end]`` a refusal to speak (``he declined to
    comment``, ``the company did not respond to a request for comment``)?"""
    return end - start <= 160 and _REFUSAL_CLAUSE.fullmatch(masked, start, end) is not None


def before_refusal(masked: str, start: int, end: int) -> int:
    """Where a speaker phrase ``masked[start:end]`` ends once a refusal in it is cut
    off (``A spokeswoman for Janney also declined to comment`` -> ``A spokeswoman for
    Janney``, ``The Vermont senator declined`` -> ``The Vermont senator``); ``end``
    when it holds none, ``start`` when nothing is left."""
    found = REFUSAL.search(masked, start, end)
    if found is None:
        return end
    cut = found.start()
    while cut > start and masked[cut - 1] in " ,\xa0":
        cut -= 1
    return cut

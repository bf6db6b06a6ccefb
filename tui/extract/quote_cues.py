"""Speech cues (``said``, ``told``, ``according to``...) and the phrase naming the speaker.

Everything here reads bounded windows of one paragraph's text in which quotations have
been masked out, so a cue word inside a quotation never counts and no search can run
away. Speaker phrases are read token by token backwards from a cue (``Cabinet minister
Nikolai Astrup told`` -> ``Nikolai Astrup``; ``A spokesperson for subsidiary Tata
Electronics Pvt yesterday said`` -> the whole role) or forwards after an inverted cue
(``said cabinet minister Nikolai Astrup``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from tui.extract.lexicon import DOCUMENT_WORDS
from tui.extract.speaker_names import (
    PRONOUNS,
    TITLE_WORDS,
    is_capitalised,
    looks_like_org,
    name_from_run,
    strip_possessive,
)
from tui.text import word_list

#: A trie of characters: each key a character, "" marking a word's end.
_Trie = dict[str, "_Trie"]

#: Verbs of speech and writing that attribute a quotation, in every form news uses.
SPEECH_VERBS = word_list(
    """
    said says say saying told tells telling added adds adding wrote writes writing asked
    asks asking explained explains explaining insisted insists warned warns warning
    noted notes stated states claimed claims declared declares remarked remarks tweeted
    tweets posted replied replies responded responds continued continues argued argues
    suggested suggests commented comments announced announces acknowledged acknowledges
    admitted admits observed observes recalled recalls concluded concludes cautioned
    cautions conceded concedes confirmed confirms emphasised emphasized emphasises
    emphasizes stressed stresses urged urges vowed vows promised promises predicted
    predicts reported reports revealed reveals testified testifies conceded countered
    counters shouted shouts yelled wrote exclaimed exclaims pleaded pleads joked jokes
    mused muses boasted boasts complained complains indicated indicates answered answers
    announcing adding explaining insisting alleged alleges add tell explain note warn
    insist ask write informed informs talked spoke remarking commenting reads read
    fumed snapped quipped quips opined opines beamed gushed scoffed sighed laughed
    bragged brags lamented marveled marvelled retorted interjected protested
    reasoned elaborated thundered contended contends maintained maintains
    asserted asserts chimed chided texted emailed e-mailed messaged recounted recounts
    remembered wondered acknowledging noting urging vowing declaring arguing tweeting
    cautioning conceding recalling predicting claiming stating pleading boasting
    complaining suggesting responding replying proclaimed proclaims summed announce claim argue
    predict suggest contend acknowledge admit concede barked barks mocked mocks confessed
    confesses pressed yelling shouting screamed cried whispered murmured grumbled growled
    sneered taunted hollered reacted assured assures riffed riffs chanted chants chanting
    chant sang sings quip
    """
)

#: Verbs that characterise rather than report speech: they attribute a *partial*
#: quotation (``called it "a non-starter"``) only when a speaker is named.
WEAK_VERBS = word_list(
    """
    called calling calls described describing describes dubbed termed labelled labeled
    branded characterised characterized characterising characterizing referred
    """
)
#: Verbs that judge or thank (``blasted Disney for its "outrageous practices"``): like
#: :data:`WEAK_VERBS`, the words quoted after them are the named subject's; a title in
#: title case after them (``praised "The Long Pier"``) names a work.
JUDGING_VERBS = word_list(
    """
    blasted blasting blasts denounced denouncing denounce denounces praised praising
    praises slammed slamming slams criticized criticised criticizing criticising
    thanked thanking welcomed welcoming welcomes pledged pledging pledges derided
    deriding labeling labelling touted touting touts decried decrying decries condemned
    condemning condemns lambasted hailed hailing ripped offered offering cited citing
    echoed echoing repeated repeating supports opposes seeks
    """
)
WEAK_VERBS += JUDGING_VERBS

#: Verbs that may open a sentence, inverted: ``Remarked scientist Tierra Curry, "…"``.
_OPENING_VERBS = [
    v.capitalize()
    for v in [
        "said",
        "says",
        "remarked",
        "added",
        "asked",
        "wrote",
        "explained",
        "noted",
        "continued",
    ]
]
_VERBS = sorted(set(SPEECH_VERBS) | set(WEAK_VERBS) | set(_OPENING_VERBS), key=len, reverse=True)


def _trie_pattern(words: list[str]) -> str:
    """An alternation matching exactly ``words``, as a trie (``sa(?:id|y(?:s|ing)?)``).

    The regular-expression engine tries a flat alternation's words one by one at every
    word start; the trie reads each character once. Used where the match must be the
    whole word (``\\b`` on both sides), so which of two words sharing a prefix is tried
    first cannot change the match.
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)


#: The letters a cue can start with: the lookahead lets the engine skip every other
#: position cheaply (cues are searched for in many windows of every quoting article).
_CUE_FIRST = "".join(sorted({v[0] for v in _VERBS} | set("wiabAaPpsfhgp")))
_CUE_FIRST_LETTER = r"(?=[" + _CUE_FIRST + r"])"
_CUE_WORDS = (
    r"(?:(?P<quoted>(?:was|were|is|are|been)\s+quoted\b[^.;“”\"]{0,80}?\bas\s+saying)"
    r"|(?P<according>[Aa]ccording\s+to)"
    r"|(?P<pointed>[Pp]ointed\s+out)"
    r"|(?P<phrase>(?:shot|fired|hit)\s+back|went\s+on(?=\s*[,.:;—–]|\s*$)"
    r"|puts?\s+it(?=\s*[,:])"
    r"|(?:used|uses|using)\s+the\s+(?:terms?|phrases?|words?|expression|line|slogan)"
    r"|coined\s+(?:a|the)\s+(?:new\s+)?(?:term|phrase|expression))"
    r"|(?<!-)(?P<verb>" + _trie_pattern(_VERBS) + r"))\b"
)
CUE = re.compile(_CUE_FIRST_LETTER + r"\b" + _CUE_WORDS)
#: A cue, found from the character before it: one that is not an ASCII letter, digit
#: or ``_`` (a word boundary then holds, or :func:`find_cues` sees that it does not).
#: A pattern that opens with a plain character set lets the engine pass over every
#: character outside it in C, here the letters inside words; ``CUE`` starts a match
#: attempt at each of them (about 400 machine instructions a character of prose).
_CUE_AFTER_GAP = re.compile(r"[^0-9A-Za-z_]" + _CUE_FIRST_LETTER + _CUE_WORDS)


def find_cues(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The matches of ``CUE.finditer(text, lo, hi)``, found with about a quarter fewer
    instructions in running text; no fewer in blank runs (a space is in the set), and
    dearer to start, so worth it only on long windows."""
    cue = CUE.match(text, lo, hi)  # a cue right at ``lo``: the one not after a gap here
    if cue is not None:
        yield cue
        lo = cue.end()
    search, match = _CUE_AFTER_GAP.search, CUE.match
    while True:
        gap = search(text, lo, hi)
        if gap is None:
            return
        cue = match(text, gap.start() + 1, hi)
        if cue is None:  # after a letter outside ASCII (``é``): no word boundary
            lo = gap.start() + 1
            continue
        yield cue
        lo = cue.end()


_WEAK = frozenset(WEAK_VERBS)
_VERB_SET = frozenset(_VERBS)

#: Words allowed between a speaker and the cue (``Ren yesterday said``, ``had said``).
#: Nouns ending in ``-ly``: the subject's head (``His family said``), not an adverb
#: between it and the cue (``Clinton emphatically said``).
_LY_NOUNS = frozenset(
    word_list("family ally assembly supply rally monopoly anomaly tally bully homily")
)
_SKIP_BEFORE_CUE = frozenset(
    word_list(
        """
    also reportedly later then previously earlier further again had has have was were is
    are would will could can might may must should did does do once subsequently yesterday
    today tonight recently separately now still
    apparently publicly privately repeatedly simply only just already jointly too last
    this on in monday tuesday wednesday thursday friday saturday sunday morning
    afternoon evening night week month year
        went go goes going on to
    """
    )
)

_ROLE_NOUNS = frozenset(
    word_list(
        """
    spokesperson spokesman spokeswoman spokespeople executive executives official
    officials source sources minister ministers statement report police officer officers
    company ministry government agency analyst analysts expert experts witness witnesses
    resident residents researcher researchers scientist scientists doctor doctors lawyer
    lawyers representative representatives aide aides adviser advisers advisor advisors
    diplomat diplomats friend friends relative relatives member members leader leaders
    employee employees worker workers manager managers director directors person people
    man woman men women student students investigator investigators prosecutor
    prosecutors authorities spokespersons lecturer academic academics critic critics
    supporter supporters firm group organisers organizers team teams club board
    commission army navy military court study report paper survey newspaper website
    ministry office council committee department agency head chief chairman chairwoman
    president secretary mayor governor commander coach founder party palace authority
    campaign administration editorial union association strategist strategists
    consultant consultants pollster pollsters activist activists protester protesters
    demonstrators delegate delegates voter voters senator senators lawmaker lawmakers
    economist economists professor professors candidate candidates nominee
    """
    )
)
_DETERMINERS = frozenset(
    word_list(
        """
    a an the its his her their one another
    """
    )
)
#: A role phrase read backwards never crosses these.
_ROLE_BARRIERS = frozenset(
    word_list(
        """
    that and but while who which when because after as said says told if or than
    """
    )
)
_PREPOSITIONS = frozenset(
    word_list(
        """
    for of at from with within in
    """
    )
)
_ABBREVIATIONS = frozenset(
    word_list(
        """
    dr. mr. mrs. ms. st. jr. sr. prof. gen. gov. sen. rep. lt. col. rev. sgt. capt. adm.
    maj. cmdr. supt. det. insp. hon. atty. amb.
    """
    )
)
#: A word (``62,000`` one word: the thousands' comma is no barrier), or a barrier mark.
_TOKENS = re.compile(r"[^\W_][\w’'.&\-]*(?:(?<=\d),\d{3}(?!\d))*|[,()“”\":;]")
#: Tokens no speaker phrase crosses.
_BARRIER_TOKENS = frozenset(',()“”":;')
_PARTICLES = frozenset(
    word_list(
        """
    de del der van von bin al da di la le du dos das ben ibn
    """
    )
)
#: A role phrase after an inverted cue stops at these words.
_ROLE_STOP = frozenset(
    word_list(
        """
    in on at to during after before when while that who which as and but
    """
    )
)


class SpeakerPhrase(NamedTuple):
    """What the attribution rests on: a name, a pronoun or a role, and where it is.
    (A named tuple: one is made for every cue read, and a tuple is made fastest.)"""

    text: str  # the name (titles stripped), the pronoun or the role as written
    start: int
    end: int
    kind: str  # "name" | "pronoun" | "role"


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """The tokens of ``text[lo:hi]`` with their offsets into ``text``."""
    return [(m[0], m.start(), m.end()) for m in _TOKENS.finditer(text, lo, hi)]


def _ends_sentence(token: str) -> bool:
    return token.endswith(".") and len(token) > 2 and token.casefold() not in _ABBREVIATIONS


#: Words capitalised only because they open a sentence: never the start of a name
#: (``At Sunday's rally Trump said``, ``As Blumenthal said``, ``When Trump said``).
_SENTENCE_OPENERS = frozenset(
    word_list(
        """
    at as when because and but in on then from after before while if though although
    since so yet for with by during until unless where whether also still now here
    there this that these those however meanwhile instead later earlier asked speaking
    appearing writing monday tuesday wednesday thursday friday saturday sunday today
    yesterday tonight january february march april june july august september october
    november december each every it its
    """
    )
)


def _name_phrase(run: list[tuple[str, int, int]]) -> SpeakerPhrase | None:
    while run and run[0][0].casefold() in _SENTENCE_OPENERS:
        run = run[1:]
    if not run:
        return None
    words = [t for t, _, _ in run]
    if looks_like_org(" ".join(words)):
        while run and run[0][0].casefold() in ("the", "a", "an"):
            run = run[1:]
        if not run:
            return None
        text = " ".join(t for t, _, _ in run).rstrip(".")
        return SpeakerPhrase(text, run[0][1], run[0][1] + len(text), "name")
    name, _role = name_from_run(words)
    if not name:
        return None
    n = len(name.split())
    tail = run[-n:]
    end = tail[-1][2]
    if name.endswith(".") and len(name.split()[-1]) > 2:  # "said Oskar Brandt."
        name, end = name[:-1], end - 1
    return SpeakerPhrase(name, tail[0][1], end, "name")


#: A document its issuer put out: ``issued a statement``, ``released a letter``.
_ISSUED = re.compile(
    r"\b(?:issued|released|put\s+out|sent|posted|published|distributed)\s+"
    r"(?:a|an|the|its|his|her|their)\s+(?:[\w’'\-]+\s+){0,2}?(?:statement|letter|release)\b"
)
_DOCUMENTS = ("statement", "letter", "release")


def speaker_before(masked: str, lo: int, cue_start: int) -> SpeakerPhrase | None:
    """The subject of a cue: read backwards from ``cue_start`` to at most ``lo``.

    A document its issuer put out is not the speaker: ``Jessica Mackler issued a
    statement saying …`` is Mackler's, ``the campaign released a letter saying …``
    the campaign's (PolNeAR's annotators name the issuer; a statement that is itself
    the subject, ``the statement said``, stays the speaker)."""
    phrase = _speaker_before(masked, lo, cue_start)
    if phrase is None or phrase.kind != "role" or not any(d in phrase.text for d in _DOCUMENTS):
        return phrase
    issued = None
    for found in _ISSUED.finditer(masked, max(lo, phrase.start - 40), phrase.end):
        issued = found
    if issued is None or issued.end() <= phrase.start:
        return phrase
    if phrase.start < issued.start():
        # `The Democratic National Convention released a statement` read as one role:
        # the words before the verb, as they stand (read again, a title word could cut
        # them short: ‹Convention›).
        words = masked[phrase.start : issued.start()].split()
        while words and words[-1].casefold() in _SKIP_BEFORE_CUE:
            words.pop()  # `The company also released`
        if words:
            end = masked.rfind(words[-1], phrase.start, issued.start()) + len(words[-1])
            return SpeakerPhrase(masked[phrase.start : end], phrase.start, end, "role")
    return _speaker_before(masked, lo, issued.start()) or phrase


def _speaker_before(masked: str, lo: int, cue_start: int) -> SpeakerPhrase | None:
    lo = max(lo, cue_start - 170)
    tokens = _tokens(masked, lo, cue_start)
    i = len(tokens) - 1
    # Skip adverbs, auxiliaries and time phrases between the subject and the cue.
    while i >= 0:
        word = tokens[i][0]
        low = word.casefold()
        if low in _SKIP_BEFORE_CUE or (
            len(low) > 4 and low.endswith("ly") and word.islower() and low not in _LY_NOUNS
        ):
            i -= 1  # "Ren yesterday said", "Clinton emphatically proclaimed"
        elif word == "," and i >= 2 and tokens[i - 1][0].isdigit() and tokens[i - 2][0] == ",":
            i -= 3  # "Adamowicz, 53, said"
        elif word == ")" and any(t == "(" for t, _, _ in tokens[max(0, i - 8) : i]):
            # "Hanbit Semiconductor Co (한빛반도체) said", "Harry Reid (D-Nev.) said"
            i = max(j for j in range(max(0, i - 8), i) if tokens[j][0] == "(") - 1
        elif word == "," and (adverbial := _adverbial_before(tokens, i)) is not None:
            i = adverbial  # "The ministry has, in a statement, called"
        elif word.isdigit() and i >= 1 and tokens[i - 1][0].casefold() in ("on", "in"):
            i -= 1
        else:
            break
    if i < 0:
        return None
    word, start, end = tokens[i]
    if word.casefold() in PRONOUNS:
        return SpeakerPhrase(word, start, end, "pronoun")
    if word == ",":
        return _appositive(tokens, i)
    if word.casefold() in ("which", "who") and i >= 1 and tokens[i - 1][0] == ",":
        return _appositive(tokens, i - 1, relative=True)  # "Toronto Police, which said"
    run_end = i
    while (
        i >= 0
        and _is_name_token(tokens[i][0])
        and not (i < run_end and _ends_sentence(tokens[i][0]))
    ):
        i -= 1
    person = _person_of_org(tokens, i)
    if person is not None:
        return person  # "George Kimbrell of the Center for Food Safety said"
    run = tokens[i + 1 : run_end + 1]
    while run and run[0][0].casefold() in _PARTICLES:
        run = run[1:]
    if (
        len(run) >= 3
        and i >= 1
        and tokens[i][0] in ("to", "of", "for")
        and tokens[i - 1][0].casefold() in TITLE_WORDS
    ):
        run = run[1:]  # "Ambassador to Germany Richard Grenell": Germany is the title's
    if run:
        place = _role_in_place(tokens, i, run)
        if place is not None:
            return place  # "Officials in Puerto Rico said": the officials, not the island
        phrase = _name_phrase(run)
        if phrase is not None:
            before = tokens[i][0].casefold() if i >= 0 else ""
            if i >= 0:
                # "A Huawei executive", "A spokesperson for subsidiary Tata Electronics
                # Pvt": a role whose words include a name.
                role = _role_before(tokens, run_end)
                if role is not None and (
                    before in _DETERMINERS
                    or any(w.casefold() in _PREPOSITIONS for w in role.text.split())
                ):
                    return role
            if before in ("of", "from", "at") and i >= 1:
                # "Tristan Smith of University College London": the person, not the org.
                k = i - 1
                while k >= 0 and _is_name_token(tokens[k][0]):
                    k -= 1
                person_run = tokens[k + 1 : i]
                if person_run and looks_like_org(phrase.text):
                    return _name_phrase(person_run) or phrase
            return phrase
    return _role_before(tokens, run_end)


def _role_in_place(
    tokens: list[tuple[str, int, int]], i: int, run: list[tuple[str, int, int]]
) -> SpeakerPhrase | None:
    """``Officials in Puerto Rico``, ``the police in Ohio``: a role noun, a preposition
    and a place (a word of the capitalised ``run`` a place's), ending at the cue;
    the role is the speaker, with its place."""
    from tui.extract.lexicon import PLACES

    if i < 1 or tokens[i][0].casefold() not in ("in", "of", "from", "for", "at"):
        return None
    if not any(w.casefold() in PLACES for w, _, _ in run):
        return None
    j = i - 1
    if not _role_noun(tokens[j][0]):
        return None
    if j >= 1 and tokens[j - 1][0].casefold() in _DETERMINERS:
        j -= 1
    elif j >= 1 and _is_name_token(tokens[j - 1][0]):
        return None  # "The National Transportation Safety Committee of Indonesia": a name
    start, end = tokens[j][1], run[-1][2]
    words = [t for t, _, _ in tokens[j : i + 1]] + [t for t, _, _ in run]
    return SpeakerPhrase(" ".join(words), start, end, "role")


_CONNECTORS = frozenset(("of", "for", "the", "and", "at", "from"))


def _person_of_org(tokens: list[tuple[str, int, int]], i: int) -> SpeakerPhrase | None:
    """Token ``i`` ends the words before a capitalised run; when connectors and more
    capitalised words precede it (``George Kimbrell of the Center for``), and the
    first part is a person's name followed by ``of``/``from``/``at``, that person."""
    person_end: int | None = None
    while i >= 1 and tokens[i][0] in _CONNECTORS:
        k = i
        while k >= 0 and tokens[k][0] in _CONNECTORS:
            if tokens[k][0] in ("of", "from", "at"):
                person_end = k
            k -= 1
        if k < 0 or not _is_name_token(tokens[k][0]):
            return None
        m = k
        while m >= 0 and _is_name_token(tokens[m][0]) and not _ends_sentence(tokens[m][0]):
            m -= 1
        i = m
    if person_end is None:
        return None
    segment = tokens[i + 1 : person_end]
    words = [t for t, _, _ in segment]
    if (
        len(segment) >= 2
        and all(_is_name_token(w) for w in words)
        and not looks_like_org(" ".join(words))
        and not any(w.casefold() in TITLE_WORDS for w in words[1:])
    ):
        return _name_phrase(segment)
    return None


def _adverbial_before(tokens: list[tuple[str, int, int]], comma: int) -> int | None:
    """``, in a statement,`` ending at token ``comma``: the index before its first comma."""
    j = comma - 1
    while j >= 0 and comma - j <= 6 and tokens[j][0] != ",":
        j -= 1
    if j < 1 or tokens[j][0] != "," or j == comma - 1:
        return None
    if tokens[j + 1][0].casefold() not in ("in", "on", "at", "during", "earlier", "later"):
        return None
    return j - 1


def _possessive_name(word: str) -> bool:
    """``Ryan’s`` (in ``Ryan’s office said``): a name that determines a role after it."""
    return word[:1].isupper() and word.endswith(("’s", "'s", "s’", "s'"))


def _is_name_token(word: str) -> bool:
    """Capitalised, a particle (``de``, ``van``) or written in CJK (no case there)."""
    return is_capitalised(word) or word.casefold() in _PARTICLES or "\u3400" <= word[0] <= "\u9fff"


def _appositive(
    tokens: list[tuple[str, int, int]], comma: int, relative: bool = False
) -> SpeakerPhrase | None:
    """``Mike Pence, said``? No: ``The Vice President, Mike Pence, said`` and
    ``Tomasz Kubiak, a fire service spokesman, told``: read what the commas enclose."""
    if relative:
        j = comma
        inner = []
    else:
        j = comma - 1
        while j >= 0 and tokens[j][0] != ",":
            j -= 1
        inner = tokens[j + 1 : comma]
        if not inner:
            return None
    if comma - j > 14:
        return None
    if inner and all(_is_name_token(t) for t, _, _ in inner):
        phrase = _name_phrase(inner)
        if phrase is not None and inner[0][0].casefold() not in _DETERMINERS:
            return phrase
    if j < 0:
        role = _role_before(tokens, comma - 1)
        return role
    # The appositive describes the subject before it.
    k = j - 1
    run_end = k
    while k >= 0 and _is_name_token(tokens[k][0]):
        k -= 1
    run = tokens[k + 1 : run_end + 1]
    if run:
        phrase = _name_phrase(run)
        if phrase is not None and k >= 1 and tokens[k][0] in ("of", "from", "at"):
            m = k - 1
            while m >= 0 and _is_name_token(tokens[m][0]):
                m -= 1
            person = tokens[m + 1 : k]
            if person and looks_like_org(phrase.text):
                return _name_phrase(person) or phrase
        return phrase
    return _role_before(tokens, j - 1)


def _role_before(tokens: list[tuple[str, int, int]], last: int) -> SpeakerPhrase | None:
    """``A spokesperson for subsidiary Tata Electronics Pvt``: a determiner, at most
    nine words, a role noun among them, ending at token ``last``."""
    if last < 0:
        return None
    found: SpeakerPhrase | None = None
    for j in range(last, max(-1, last - 10), -1):
        word = tokens[j][0]
        low = word.casefold()
        if word in _BARRIER_TOKENS or low in _ROLE_BARRIERS or low in _VERB_SET:
            break
        if _ends_sentence(word) and j < last:
            break
        if low in _DETERMINERS or (j < last and _possessive_name(word)):
            end = last
            while end > j and tokens[end][0].casefold() in _SKIP_BEFORE_CUE:
                end -= 1  # "The Emergencies Ministry has"
            words = [t for t, _, _ in tokens[j : end + 1]]
            if any(_role_noun(w) for w in words[1:]):
                found = SpeakerPhrase(" ".join(words), tokens[j][1], tokens[end][2], "role")
    if found is not None:
        return _author_of_document(found)
    # No determiner: a bare plural role ("Officials said", "Police said").
    word = tokens[last][0]
    if word.casefold() in _ROLE_NOUNS and (last == 0 or tokens[last - 1][0] in (",",)):
        return SpeakerPhrase(word, tokens[last][1], tokens[last][2], "role")
    return None


#: Role nouns that name a body, not a person: never the "he" or "she" of a later cue.
_BODY_NOUNS = frozenset(
    word_list(
        """
        company ministry government agency army navy military court study report paper
        survey newspaper website office council committee department firm group team
        club board commission police authorities statement authority campaign
        administration editorial union association
        """
    )
)


def is_person_role(role: str) -> bool:
    """Can ``he``/``she`` refer back to this role (``The head of ...``: yes)?"""
    words = [w.casefold() for w in role.split()]
    nouns = [w for w in words if _role_noun(w)]
    return bool(nouns) and nouns[0] not in _BODY_NOUNS and not nouns[0].endswith("s")


#: Nouns naming what is written or said, not who: after a possessive role (``The
#: family's statement``) the possessor is the speaker.
_DOCUMENT_NOUNS = DOCUMENT_WORDS | frozenset(
    word_list("letter letters message messages post posts tweet tweets email note")
)


def _author_of_document(role: SpeakerPhrase) -> SpeakerPhrase:
    """``The family's statement on the death`` -> ``The family``: a role phrase whose
    possessive is followed by a document noun is that possessor's."""
    words = role.text.split()
    for n, word in enumerate(words[:-1]):
        if _POSSESSIVE_END.search(word) and words[n + 1].casefold() in _DOCUMENT_NOUNS:
            owner_words = [*words[:n], _POSSESSIVE_END.sub("", word)]
            owner = " ".join(owner_words)
            # ``Holm's statement``: a name, resolved as names are; ``The family``: a role.
            kind = "name" if all(map(is_capitalised, owner_words)) and n < 3 else role.kind
            return SpeakerPhrase(owner, role.start, role.start + len(owner), kind)
    return role


_POSSESSIVE_END = re.compile(r"(?:’s|'s)$")


@functools.lru_cache(maxsize=4096)
def _role_noun(word: str) -> bool:
    word = word.casefold().rstrip(".")
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word in _ROLE_NOUNS


def _title_bridge(tokens: list[tuple[str, int, int]], j: int) -> bool:
    """Is token ``j`` a lowercase title word or ``of`` inside a title, with a name
    still to come (``deputy director Michael Morell``)?"""
    k = j
    while k < len(tokens) and k < j + 3:
        word = tokens[k][0]
        if _is_name_token(word):
            return True
        if word in ("of", "for"):
            if tokens[k - 1][0].casefold() not in TITLE_WORDS:
                return False
        elif word.casefold() not in TITLE_WORDS:
            return False
        k += 1
    return False


def speaker_after(masked: str, cue_end: int, hi: int) -> SpeakerPhrase | None:
    """The speaker written after an inverted cue (``said cabinet minister Nikolai
    Astrup``, ``according to a spokesperson for the firm``)."""
    hi = min(hi, cue_end + 160)
    tokens = _tokens(masked, cue_end, hi)
    if not tokens:
        return None
    first = tokens[0][0]
    if first.casefold() in PRONOUNS:
        return SpeakerPhrase(first, tokens[0][1], tokens[0][2], "pronoun")
    by = _agent_after(tokens)
    if by is not None:
        return speaker_after(masked, by, hi)  # "data collected by the Weather Service"
    if first.casefold() in _DETERMINERS:
        end = 0
        crossed = False
        for j in range(1, min(len(tokens), 12)):
            word = tokens[j][0]
            if word.casefold() == "and" and _name_and_name(tokens, j):
                crossed = True
                continue  # "the National Oceanic and Atmospheric Administration"
            if word in _BARRIER_TOKENS or word.casefold() in _ROLE_STOP:
                break
            if word.casefold() in _VERB_SET or (word.endswith("ed") and word.islower()):
                break  # "The palace issued ...": the phrase ends at its verb
            end = j
        while crossed and end and tokens[end][0] in _SKIP_BEFORE_CUE:
            end -= 1  # "The High Court of England and Wales also ruled"
        words = [t for t, _, _ in tokens[: end + 1]]
        if end + 1 < len(tokens) and tokens[end + 1][0] == ",":
            named = _person_after(tokens, end + 2)  # "said his father, Abdullah Kurdi,"
            if named is not None:
                return named
        if (
            end
            and "and" in words
            and all(_is_name_token(w) or w == "and" for w in words[1:])
            and looks_like_org(strip_possessive(" ".join(words)))
        ):
            # "the National Oceanic and Atmospheric Administration's": a body's name.
            text = strip_possessive(" ".join(words[1:]))
            return SpeakerPhrase(text, tokens[1][1], tokens[1][1] + len(text), "name")
        if end and any(_role_noun(w) for w in words[1:]):
            text, stop = " ".join(words), tokens[end][2]
            if _ends_sentence(words[-1]):
                text, stop = text[:-1], stop - 1
            return SpeakerPhrase(text, tokens[0][1], stop, "role")
        if end and all(_is_name_token(w) for w in words[1:]):
            run = tokens[1 : end + 1]
            return _name_phrase(run)
        # "according to a tweet on Monday by US Secretary of State Mike Pompeo"
        for j in range(1, min(len(tokens), 10)):
            if tokens[j][0] in _BARRIER_TOKENS:
                break
            if tokens[j][0] == "by":
                return speaker_after(masked, tokens[j][2], hi)
        return None
    alone = len(tokens) == 1 or first.endswith(".") or tokens[1][0] in _BARRIER_TOKENS
    if alone and _role_noun(first.rstrip(".")) and not _is_name_token(first):
        # "according to investigators."
        word, start = first.rstrip("."), tokens[0][1]
        return SpeakerPhrase(word, start, start + len(word), "role")
    # Lowercase role words, then the name: "cabinet minister Nikolai Astrup".
    i = 0
    while i < len(tokens) and i < 4 and not _is_name_token(tokens[i][0]):
        if tokens[i][0] in _BARRIER_TOKENS or tokens[i][0].casefold() in _ROLE_STOP:
            return None
        i += 1
    j = i
    while j < len(tokens):
        word = tokens[j][0]
        if _is_name_token(word):
            j += 1
            if _ends_sentence(word):
                break
        elif j > i and _title_bridge(tokens, j):
            j += 1  # "Secretary of State Mike Pompeo", "CIA deputy director Michael Morell"
        else:
            break
    run = tokens[i:j]
    if not run:
        return None
    phrase = _name_phrase(run)
    if (
        phrase is None
        or looks_like_org(" ".join(t for t, _, _ in run))
        or (len(run) == 1 and j < len(tokens) and tokens[j][0] in ("of", "for", ","))
    ):
        # "Rutgers University political scholar Kelly Dittmar", "University of
        # California, San Diego's chancellor, Pradeep Khosla": the person comes later.
        later = _person_after(tokens, j)
        if later is not None:
            return later
    if len(run) == 1:
        named = _role_words_then_name(tokens, j)
        if named is not None:
            return named
        if j < len(tokens) and tokens[j][0].islower() and _role_noun(tokens[j][0]):
            # "according to Philippine officials": an adjective and the role, not a
            # name ("Philippine" was taken for the Philippine Red Cross)
            start, end = run[0][1], tokens[j][2]
            return SpeakerPhrase(masked[start:end].rstrip("."), start, end, "role")
    return phrase


def _agent_after(tokens: list[tuple[str, int, int]]) -> int | None:
    """Where the agent starts in ``data collected by …``, ``figures compiled by one of
    the …``: lower-case words, a participle and ``by`` open the source, and the source
    is who did it (the end of ``by``, or of ``one of`` after it); None otherwise."""
    if len(tokens) < 4 or tokens[0][0].casefold() in _DETERMINERS:
        return None
    for j in range(1, 3):
        if tokens[j][0] == "by" and tokens[j - 1][0].endswith("ed"):
            if not all(t.islower() for t, _, _ in tokens[:j]):
                return None
            k = j + 1
            if k + 2 < len(tokens) and [t.casefold() for t, _, _ in tokens[k : k + 2]] == [
                "one",
                "of",
            ]:
                k += 2  # "by one of the …": the body the one is of
            return tokens[k - 1][2]
    return None


def _name_and_name(tokens: list[tuple[str, int, int]], j: int) -> bool:
    """Is ``and`` at ``j`` inside one capitalised name (``Oceanic and Atmospheric``)?"""
    return (
        0 < j < len(tokens) - 1
        and is_capitalised(tokens[j - 1][0])
        and is_capitalised(tokens[j + 1][0])
    )


#: Lower-case words naming a politician's standing (``Republican nominee Donald Trump``).
_CANDIDACY = frozenset(word_list("nominee candidate frontrunner front-runner hopeful challenger"))


def _role_words_then_name(tokens: list[tuple[str, int, int]], j: int) -> SpeakerPhrase | None:
    """``Republican nominee Donald Trump``: after one capitalised word, one to three
    lower-case words holding a role noun, then a name of two words or more: that
    person (the capitalised word was an adjective)."""
    k = j
    while k < len(tokens) and k - j < 3 and tokens[k][0].islower():
        if tokens[k][0] in _ROLE_STOP:
            return None
        k += 1
    if k == j or not any(
        _role_noun(t) or t in TITLE_WORDS or t in _CANDIDACY for t, _, _ in tokens[j:k]
    ):
        return None
    m = k
    while m < len(tokens) and _is_name_token(tokens[m][0]) and m - k < 4:
        m += 1
        if _ends_sentence(tokens[m - 1][0]):
            break
    run = tokens[k:m]
    if len(run) < 2 or looks_like_org(" ".join(t for t, _, _ in run)):
        return None
    return _name_phrase(run)


def _person_after(tokens: list[tuple[str, int, int]], j: int) -> SpeakerPhrase | None:
    """A person's name within the next dozen tokens of an organisation's name, after
    role words or a comma, ending the phrase."""
    limit = min(len(tokens), j + 14)
    k = j
    while k < limit:
        word = tokens[k][0]
        if word in _BARRIER_TOKENS and word != ",":
            return None
        if word.casefold() in _ROLE_STOP and word not in ("of", "for", "and"):
            return None  # `former Ohio Gov. and Harbour Board Chairman Ed Palmer`: on
        if _is_name_token(word) and (k == j or not _is_name_token(tokens[k - 1][0])):
            m = k
            while m < len(tokens) and _is_name_token(tokens[m][0]):
                m += 1
                if _ends_sentence(tokens[m - 1][0]):
                    break
            run = tokens[k:m]
            ends_phrase = (
                m >= len(tokens)
                or tokens[m][0] in _BARRIER_TOKENS
                or (tokens[m][0].casefold() in _ROLE_STOP)
                or _ends_sentence(tokens[m - 1][0])
            )
            text = " ".join(t for t, _, _ in run)
            if ends_phrase and len(run) >= 2 and not looks_like_org(text):
                return _name_phrase(run)
            titled = [n for n, (t, _, _) in enumerate(run) if t.casefold() in TITLE_WORDS]
            if ends_phrase and titled and len(run) - titled[-1] > 2:
                # `National Harbour Board Chairman Ed Palmer`: the name after the title
                person = run[titled[-1] + 1 :]
                if not looks_like_org(" ".join(t for t, _, _ in person)):
                    return _name_phrase(person)
            k = m
            continue
        k += 1
    return None


#: Words that open a noun phrase naming a speaker with no name in it.
_PHRASE_OPENERS = _DETERMINERS | frozenset(
    word_list("this that these those some many several both each every no other")
)


def noun_phrase_before(
    masked: str, lo: int, cue_start: int, only_subject: bool = False
) -> SpeakerPhrase | None:
    """``“…,” the Republican presidential candidate said``: between a closing quote and
    its cue only the subject can stand, so any short noun phrase opened by a determiner
    (or a possessive: ``Ryan’s office``) is the speaker, whether or not its noun is a
    known role. ``only_subject`` says that ``masked[lo:cue_start]`` is such a gap: then
    a bare plural (``federal prosecutors wrote``) and adjectives between commas (``the
    bespectacled, 71-year-old diplomat said``) are the subject too."""
    tokens = _tokens(masked, lo, cue_start)
    while tokens and tokens[-1][0].casefold() in _SKIP_BEFORE_CUE:
        tokens.pop()
    if not tokens or len(tokens) > 8:
        return None
    first = tokens[0][0]
    opens = first.casefold() in _PHRASE_OPENERS or (_possessive_name(first) and len(tokens) > 1)
    if not opens and not (only_subject and _bare_plural(tokens)):
        return None
    for k, (t, _, _) in enumerate(tokens):
        low = t.casefold()
        if low == "and" and 0 < k < len(tokens) - 1 and tokens[k + 1][0].casefold() not in PRONOUNS:
            continue  # one subject with two roles: `the Ohio senator and party chairman`
        if (
            t == ","
            and only_subject
            and 0 < k < len(tokens) - 1
            and tokens[k - 1][0].islower()
            and tokens[k + 1][0][:1].islower() | tokens[k + 1][0][:1].isdigit()
        ):
            continue  # `the bespectacled, 71-year-old diplomat`: adjectives
        if t in _BARRIER_TOKENS or low in _ROLE_BARRIERS:
            return None
    if len(tokens) < 2:
        return None
    text = masked[tokens[0][1] : tokens[-1][2]]
    return SpeakerPhrase(text, tokens[0][1], tokens[-1][2], "role")


def _bare_plural(tokens: list[tuple[str, int, int]]) -> bool:
    """``federal prosecutors``, ``party officials``: up to three lower-case words ending
    in a plural noun (or a known role), no determiner."""
    words = [t for t, _, _ in tokens]
    if len(words) > 3 or not all(w.isalpha() and w.islower() for w in words):
        return False
    last = words[-1]
    return _role_noun(last) or (last.endswith("s") and not last.endswith("ss"))


#: A word that is a whole speaker after an inverted cue when the sentence ends there.
_ALONE_SPEAKERS = frozenset(("one.", "another.", "others.", "many.", "some."))


def noun_phrase_after(masked: str, cue_end: int, hi: int) -> SpeakerPhrase | None:
    """``“…,” says a narrator.``, ``said one party activist, who …``: after an inverted
    cue, a short noun phrase opened by a determiner and closed by the sentence or a
    comma is the speaker."""
    tokens = _tokens(masked, cue_end, min(hi, cue_end + 120))
    if tokens and tokens[0][0].casefold() in _ALONE_SPEAKERS:
        # `“…,” read one.`, `said another,`: a pronoun-like speaker, one of those named
        word, start, stop = tokens[0]
        word = word.rstrip(".")
        return SpeakerPhrase(word, start, start + len(word), "role")
    if not tokens or tokens[0][0].casefold() not in _PHRASE_OPENERS:
        return None
    for j in range(1, min(len(tokens), 9)):
        word = tokens[j][0]
        low = word.casefold()
        if word in _BARRIER_TOKENS or low in _ROLE_STOP or _ends_sentence(word):
            end = j + 1 if _ends_sentence(word) else j
            if end < 2:
                return None  # `said a strategist who spoke …`: the phrase ends at `who`
            start, stop = tokens[0][1], tokens[end - 1][2]
            text = masked[start:stop]
            if text.endswith("."):
                text, stop = text[:-1], stop - 1
            return SpeakerPhrase(text, start, stop, "role")
        if low in _VERB_SET:
            return None
    if len(tokens) <= 8 and len(tokens) >= 2 and tokens[-1][2] >= hi - 1:
        start, stop = tokens[0][1], tokens[-1][2]
        return SpeakerPhrase(masked[start:stop], start, stop, "role")
    return None


#: The word before a cue that makes it a noun: ``his comments``, ``the reports``,
#: ``Clinton's claims``, ``these statements``.
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|our|my|your|these|those|such|whose)|[’']s)\s+$",
    re.IGNORECASE,
)


def noun_use(text: str, cue: re.Match[str]) -> bool:
    """Is this cue word a noun here (``Bill Clinton's comments come``, ``to chants
    of``), not a verb?"""
    return _NOUN_BEFORE.search(text, max(0, cue.start() - 12), cue.start()) is not None or (
        cue.group().endswith("s") and text.startswith(" of ", cue.end())
    )

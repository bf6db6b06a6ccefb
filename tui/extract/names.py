"""Capitalised runs of words and what they name, one run at a time.

A *run* is what :data:`RUN` matches: capitalised words joined by single spaces (with
name particles such as ``of``, ``van``, ``bin`` allowed between two of them), plus an
optional parenthetical right after it (``(任正非)``, ``(TSMC, 台積電)``). Possessives end a
run before the apostrophe: ``Donald Trump’s`` gives the run ``Donald Trump``.

:func:`analyse_run` splits a run into *parts* and says what each one is, from the run's
words alone (so results are cached by the run's text):

- ``ORG``: ends with a legal-form suffix (``Nokia Oyj``, ``Cisco Systems Inc``; a run
  holding two companies, ``Nokia Oyj and ...`` is cut after the suffix), with a company
  tail word (``Huawei Technologies``), or names a public body (``Investigative
  Committee``, ``Bank of ...``).
- ``PERSON``: one to four name words after a title (``US President Donald Trump`` gives
  role ``US President`` and name ``Donald Trump``; ``President Trump`` gives a one-word
  name, which the caller first tries to resolve to a known person).
- ``MAYBE_PERSON``: two to four name-shaped words, none of them a common, place, month
  or sentence-opening word (:data:`tui.extract.lexicon.NOT_NAME_WORDS`) nor the plural
  of a party or group noun (``Republicans``). The caller accepts it as a person unless
  it is another form of a known entity. A run ending in an abbreviated title before its
  dot and a name (``Ohio Gov`` of ``Ohio Gov. John Kasich``) is a title, not a person.
- ``LOOKUP``: anything else (a single word, ``Hang Seng Index``): not an entity by
  itself, only a possible mention of one the article names elsewhere (``Huawei``,
  ``Ren``, ``TSMC``).

:func:`role_before` extends a role backwards over the words before a run
(``Chelyabinsk regional`` + ``Deputy Governor``; ``Stanford lecturer``), and
:func:`paren_aliases` reads CJK names and acronyms out of a parenthetical.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from tui.extract.lexicon import (
    DEMONYMS,
    GROUP_NOUNS,
    HONORIFICS,
    INSTITUTIONS,
    NON_PERSON_TAILS,
    NOT_NAME_WORDS,
    ORG_GENERIC,
    ORG_HEADS,
    ORG_SUFFIXES,
    ORG_TAILS,
    PLACES,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    STOPWORDS,
    TITLE_ABBREVIATIONS,
    WEAK_ROLE_NOUNS,
)

#: Entries each of this module's caches keeps (least recently used go). A parse
#: worker lives for the whole import: with 65,536 entries each the caches of runs,
#: parentheticals and short forms held ~50 MB after 100,000 articles, in every worker
#: (the import's memory grew with its articles); the names that recur are the recent
#: ones, kept.
CACHE_ENTRIES = 8192

_ORG_ENDS = ORG_SUFFIXES | ORG_TAILS | INSTITUTIONS | ORG_HEADS

ORG = "organisation"
PERSON = "person"
MAYBE_PERSON = "maybe-person"
LOOKUP = "lookup"

#: Scripts whose words are capitalised: Latin (with extensions), Greek, Cyrillic.
_SCRIPT_RANGES = ((0x41, 0x24F), (0x370, 0x52F), (0x1E00, 0x1FFF))


def _char_class(predicate: Callable[[str], bool]) -> str:
    """A regex character class of the code points in ``_SCRIPT_RANGES`` that pass."""
    parts: list[str] = []
    for lo, hi in _SCRIPT_RANGES:
        start = None
        for code in range(lo, hi + 2):
            ok = code <= hi and predicate(chr(code))
            if ok and start is None:
                start = code
            elif not ok and start is not None:
                a, b = re.escape(chr(start)), re.escape(chr(code - 1))
                parts.append(a if start == code - 1 else f"{a}-{b}")
                start = None
    return "[" + "".join(parts) + "]"


_UPPER = _char_class(str.isupper)
_LETTER = _char_class(str.isalpha)[:-1] + r"\d]"
_TOKEN_TAIL = rf"{_LETTER}*(?:['’]{_UPPER}{_LETTER}*)?(?:-{_LETTER}+)*"
#: Initials (``C.C.``, ``W.``) count only inside a run: a capitalised word must follow.
_INITIALS_TAIL = rf"\.(?:{_UPPER}\.)*(?=[ \u00a0]{_UPPER})"
_ITEM = rf"{_UPPER}(?:{_INITIALS_TAIL}|{_TOKEN_TAIL})"
#: The first word: the look-behind (no letter, digit or dot before it) comes after the
#: capital so that the regex engine can skip ahead to capitals (three times faster).
_FIRST_ITEM = rf"{_UPPER}(?<![\w.]{_UPPER})(?:{_INITIALS_TAIL}|{_TOKEN_TAIL})"
_PARTICLES = ("of", "de", "da", "van", "von", "der", "den", "du", "di", "la", "le", "bin", "del")
_PARTICLE = "(?:" + "|".join(_PARTICLES) + ")"
PARTICLES = frozenset(_PARTICLES)

_SEP = rf"[ \u00a0](?:{_PARTICLE}[ \u00a0])?"

#: One capitalised run (its first word in group 1, the others in group 2) and the
#: parenthetical right after it (group 3, ``paren``). ``Match.lastindex`` tells them
#: apart cheaply: most matches are lone words (1: sentence openers, ``Huawei``).
RUN = re.compile(
    rf"(?P<first>{_FIRST_ITEM})(?P<more>(?:{_SEP}{_ITEM})+)?"
    r"(?:[ \u00a0]?\((?P<paren>[^()\n]{1,60})\))?"
)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.\-]{1,9}\Z")
_PAREN_ITEM = re.compile(r"[^,;、，；]+")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z\d$]")


class Part(NamedTuple):
    """One thing a run names. Offsets are into the run's text. (A named tuple: made
    by the hundred thousand, it is several times cheaper than a frozen dataclass.)"""

    kind: str
    start: int
    end: int
    name: str
    #: The title written before the name inside the run (``US President``), if any.
    role: str | None = None
    #: Where the role starts in the run (for the sentence-start test), or -1.
    role_start: int = -1
    #: (offset, word) of each word, for LOOKUP parts and one-word names.
    words: tuple[tuple[int, str], ...] = ()


_TWO_CAPITALS = re.compile(rf"{_UPPER}{{2}}")


def _is_title_case(word: str) -> bool:
    """``Zhengfei``, ``McDonald``, ``O’Brien``: a capital then mostly lower case
    (not ``TSMC``, not ``RecORD``)."""
    return (
        len(word) > 1
        and word[0].isupper()
        and not word.isupper()
        and _TWO_CAPITALS.search(word, 1) is None
    )


def _is_initials(word: str) -> bool:
    return word.endswith(".") and word.replace(".", "").isupper()


def _plural_group(low: str) -> bool:
    """``republicans``, ``democrats``, ``americans``, ``senators``: the plural of a
    party, nationality, group or title noun names many people, never one (``House
    Republicans``, ``Reagan Democrats``)."""
    if len(low) < 4 or not low.endswith("s") or low.endswith("ss"):
        return False
    stem = low[:-1]
    return stem in GROUP_NOUNS or stem in DEMONYMS or stem in ROLE_NOUNS


@lru_cache(maxsize=65536)
def _name_word(word: str) -> bool:
    """Can ``word`` be one of a person's names? (Cached: the same words recur across
    thousands of runs.)"""
    if "-" in word:  # ``Smith-Jones`` yes, ``France-Presse`` no
        return all(_name_word(piece) for piece in word.split("-") if piece[:1].isupper())
    if not (_is_title_case(word) or _is_initials(word)):
        return False
    low = word.lower()
    return low not in NOT_NAME_WORDS and not _plural_group(low)


def is_role_noun(word: str, previous: str | None) -> bool:
    """Is ``word`` a title (``President``, ``minister``, ``CEO``)?

    Weak ones (``General``, ``Head``) count capitalised only after another title word
    (``Attorney General``), since capitalised they also open names (``General Motors``).
    """
    low = word.lower()
    if low not in ROLE_NOUNS:
        return False
    if low in WEAK_ROLE_NOUNS and word[0].isupper():
        return previous is not None and previous.lower() in ROLE_MODIFIERS
    return True


def _split_words(run: str) -> list[tuple[int, str]]:
    """(offset, word) for each word of ``run`` (words are one separator apart)."""
    out = []
    offset = 0
    for word in run.split():
        out.append((offset, word))
        offset += len(word) + 1
    return out


def _groups(words: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Cut a run after each legal-form suffix (``Nokia Oyj`` | ``and``...), keeping
    suffixes that follow one another (``Co Ltd``) together."""
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, item in enumerate(words):
        current.append(item)
        if (
            len(current) > 1
            and item[1].lower() in ORG_SUFFIXES
            and (i + 1 == len(words) or words[i + 1][1].lower() not in ORG_SUFFIXES)
        ):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _strip_leading(group: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop sentence openers and particles before a name (``The``, ``But``, ``of``),
    keeping words that may open a role (``Former``, ``Chief``)."""
    i = 0
    while i < len(group):
        word = group[i][1]
        if word in PARTICLES or (word in STOPWORDS and word.lower() not in ROLE_MODIFIERS):
            i += 1
            continue
        break
    return group[i:]


def _text(run: str, words: list[tuple[int, str]]) -> str:
    """The words joined by single spaces. ``words`` are consecutive words of ``run``,
    one separator (a space or a no-break space) apart, so this is a slice of ``run``."""
    if not words:
        return ""
    text = run[words[0][0] : words[-1][0] + len(words[-1][1])]
    return text.replace("\u00a0", " ") if "\u00a0" in text else text


def _span_part(kind: str, run: str, items: list[tuple[int, str]], **extra: Any) -> Part:
    start = items[0][0]
    end = items[-1][0] + len(items[-1][1])
    text = run[start:end]
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    return Part(kind, start, end, text, **extra)


def _classify(run: str, group: list[tuple[int, str]], title_dot: bool = False) -> list[Part]:
    group = _strip_leading(group)
    if not group:
        return []
    lows = [w.lower() for _, w in group]
    if title_dot and len(group) > 1 and lows[-1] in TITLE_ABBREVIATIONS:
        # ``Ohio Gov`` of ``Ohio Gov. John Kasich``: a place and a title, no one's name.
        return [_span_part(LOOKUP, run, group[:-1], words=tuple(group[:-1]))]
    # Organisation with a legal form: ``Huawei Technologies Co``.
    if len(group) > 1 and lows[-1] in ORG_SUFFIXES:
        i = 0
        while i < len(group) - 1 and (lows[i] in DEMONYMS or group[i][1] in STOPWORDS):
            i += 1
        if i < len(group) - 1:
            return [_span_part(ORG, run, group[i:])]
    # A title before a name: ``US President Donald Trump``, ``President Trump``.
    role_end = -1
    for i in range(len(group) - 2, -1, -1):
        if is_role_noun(group[i][1], group[i - 1][1] if i else None):
            role_end = i
            break
    if role_end >= 0:
        name = group[role_end + 1 :]
        if len(name) > 1 and name[-1][1].lower() in _ORG_ENDS:
            # ``CEO of Huawei Technologies``: a company after a title.
            while len(name) > 2 and name[0][1] in PARTICLES:
                name = name[1:]
            return [_span_part(ORG, run, name)]
        # ``President of Russia Vladimir Putin``, ``Mayor of Koszalin Piotr Jedlinski``:
        # what the title is of belongs to the title.
        moved = 0
        if len(name) > 2 and name[0][1] == "of":
            moved = 2
        while moved < len(name) - 1 and (
            name[moved][1] in PARTICLES
            or name[moved][1].lower() in PLACES
            or name[moved][1].lower() in DEMONYMS
            or (moved and not _name_word(name[moved][1]))
        ):
            moved += 1
        name = name[moved:]
        role_words = group[: role_end + 1 + moved]
        if 1 <= len(name) <= 4 and all(_name_word(w) for _, w in name):
            honorific_only = len(role_words) == 1 and lows[0] in HONORIFICS
            role = None if honorific_only else _text(run, role_words)
            return [
                _span_part(
                    PERSON,
                    run,
                    name,
                    role=role,
                    role_start=-1 if role is None else role_words[0][0],
                    words=tuple(name),
                )
            ]
        return [_span_part(LOOKUP, run, name or group, words=tuple(name or group))]
    if len(group) > 1:
        # A company without its legal form, or a public body.
        if lows[-1] in ORG_TAILS or lows[-1] in INSTITUTIONS or lows[-1] in ORG_HEADS:
            return [_span_part(ORG, run, group)]
        if lows[0] in INSTITUTIONS and "of" in lows:
            return [_span_part(ORG, run, group)]
        # Name-shaped words: a person unless shown otherwise.
        i = 0
        while i < len(group) and not _name_word(group[i][1]):
            i += 1
        rest = group[i:]
        if (
            2 <= len(rest) <= 4
            and _is_title_case(rest[-1][1])
            and rest[-1][1].lower() not in ROLE_NOUNS
            and all(_name_word(w) or (w in PARTICLES and w != "of") for _, w in rest)
            and rest[-1][1] not in PARTICLES
            and rest[0][1] not in PARTICLES
        ):
            return [_span_part(MAYBE_PERSON, run, rest, words=tuple(rest))]
    return [_span_part(LOOKUP, run, group, words=tuple(group))]


@lru_cache(maxsize=CACHE_ENTRIES)
def analyse_run(run: str, title_dot: bool = False) -> tuple[Part, ...]:
    """What the capitalised run ``run`` names (see the module docstring).

    ``title_dot``: a dot and a name follow the run (:func:`title_dot_after`), so a last
    word that is an abbreviated title (``Ohio Gov``) is that title, not a surname.
    """
    words = _split_words(run)
    parts: list[Part] = []
    groups = _groups(words)
    last = len(groups) - 1
    for i, group in enumerate(groups):
        parts.extend(_classify(run, group, title_dot and i == last))
    return tuple(parts)


_NEXT_WORD = re.compile(rf"[ \u00a0]({_UPPER}{_LETTER}*)")


def title_dot_after(text: str, run: str, end: int) -> bool:
    """Does the run ``run``, ending at ``end`` in ``text``, end with an abbreviated title
    and its dot, followed by a name (``Ohio Gov. John Kasich``)? A dot before a sentence
    opener (``said Hun Sen. He``) ends a sentence instead."""
    if not text.startswith(".", end):
        return False
    cut = max(run.rfind(" "), run.rfind("\u00a0"))
    if cut < 0 or run[cut + 1 :].lower() not in TITLE_ABBREVIATIONS:
        return False
    m = _NEXT_WORD.match(text, end + 1)
    return m is not None and m[1] not in STOPWORDS


@lru_cache(maxsize=CACHE_ENTRIES)
def paren_aliases(content: str) -> tuple[tuple[int, str, bool], ...]:
    """(offset, alias, is_cjk) for each CJK name or acronym in a parenthetical.

    ``TSMC, 台積電`` gives the acronym and the CJK name; anything else (``US$57.93
    billion``, ``the company``) gives nothing.
    """
    out = []
    for m in _PAREN_ITEM.finditer(content):
        item = m.group()
        stripped = item.strip()
        if not stripped:
            continue
        offset = m.start() + item.index(stripped)
        if _CJK.search(stripped) and not _LATIN_OR_DIGIT.search(stripped):
            out.append((offset, stripped, True))
        elif _ACRONYM.match(stripped) and sum(c.isupper() for c in stripped) >= 2:
            out.append((offset, stripped, False))
    return tuple(out)


_SENTENCE_END = frozenset(".!?:;")
_OPENERS = frozenset(" \u00a0“\"‘'(«—–-")


def at_sentence_start(text: str, pos: int, floor: int) -> bool:
    """Does ``pos`` open a sentence (only openers and spaces since one ended)?"""
    i = pos - 1
    while i >= floor and text[i] in _OPENERS:
        i -= 1
    return i < floor or text[i] in _SENTENCE_END


_PLACE_PREPOSITIONS = frozenset(
    ("in", "at", "near", "outside", "inside", "across", "throughout", "around", "into", "the")
)
#: Articles before which a name-shaped run is a job, a kind or a title (``as a
#: Production Assistant``): no one is *a* Dale Fenwick.
_ARTICLES = frozenset(("a", "an"))


def after_place_preposition(text: str, pos: int, floor: int) -> bool:
    """Is the run at ``pos`` the object of ``in``, ``at``, ``near``..., or after
    ``the``? Then a two-word name is a place or a title (``in Tamil Nadu``, ``the
    Evening Ledger``), unless shown to be a person elsewhere."""
    window = text[max(floor, pos - 12) : pos]
    if not window.endswith((" ", "\u00a0")):
        return False
    words = window.split()
    return bool(words) and words[-1] in _PLACE_PREPOSITIONS


_LOWER_WORD_AFTER = re.compile(r"[ \u00a0]([^\W\d_A-Z][\w'’\-]*)")
_FUNCTION_WORDS = frozenset(w.lower() for w in STOPWORDS)


def _noun_after(text: str, end: int) -> bool:
    """Does a lower-case word other than a function word follow ``end`` (the noun a
    name before it modifies: ``supporter`` of ``a Donald Trump supporter``)?"""
    m = _LOWER_WORD_AFTER.match(text, end)
    return m is not None and m[1] not in _FUNCTION_WORDS


def after_article(text: str, pos: int, end: int, floor: int) -> bool:
    """Is the run ``text[pos:end]`` after ``a``/``an`` and no modifier of a noun after
    it? Then it is a job, a kind or a title (``worked as a Production Assistant.``); a
    name before a noun is a person's still (``a Donald Trump supporter``)."""
    window = text[max(floor, pos - 5) : pos].rstrip("\"“‘'")  # ``a "Tropical Depression"``
    if not window.endswith((" ", "\u00a0")):
        return False
    words = window.split()
    return bool(words) and words[-1] in _ARTICLES and not _noun_after(text, end)


def the_inside_sentence(text: str, run: str, start: int, floor: int) -> bool:
    """Does ``run`` (at ``start``) open with ``The`` capitalised inside a sentence? Then
    the words after it title a work, a band or a show (``with The Rolling Stones``,
    ``called it "The Impeachment Hoax"``), not a person."""
    return run.startswith("The ") and not at_sentence_start(text, start, floor)


def verb_form_first(words: tuple[tuple[int, str], ...], text: str, lo: int, hi: int) -> bool:
    """Is the first of two or more ``words`` an ``-ing`` form the text ``[lo:hi]`` also
    writes in lower case as a verb (``playing``, ``played``)? Then it opens a headline's
    clause (``Celebrating Hillary Clinton``, ``Playing Trump``), not a name: given names
    in ``-ing`` (``Channing``, ``Irving``, ``Sterling``) are no verb the text uses."""
    if len(words) < 2:
        return False
    word = words[0][1]
    if len(word) < 6 or not word.endswith("ing") or not word[:-3].isalpha():
        return False
    stem = word[:-3].lower()
    forms = {stem + "ing", stem + "ed", stem + "d"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.add(stem[:-1] + "ed")  # "rolling": "rolled"; "bashing": "bashed"
    found = re.compile(r"(?<![\w\-])(?:" + "|".join(sorted(forms)) + r")(?![\w\-])")
    return found.search(text, lo, hi) is not None


_ROLE_WINDOW = 80
_ROLE_WORDS = 6


def _is_title(low: str) -> bool:
    """A lower-cased word that is a title (``lecturer``). Not an abbreviated one
    (``Gov.``) yet: made the role of the name after it, it moved the story grouping
    (PolNeAR train pairwise R .747 -> .690, through the quotes' speakers)."""
    return low in ROLE_NOUNS


def role_before(
    text: str, pos: int, floor: int, *, have_role: bool = False
) -> tuple[str, int] | None:
    """The role written just before ``pos`` (a run's start) and where it starts.

    Walks back over at most six words: the nearest must be a title (``lecturer``)
    unless the run already opened with one (``have_role``); the others may be titles,
    role modifiers (``chief``, ``regional``) or capitalised words (``Stanford``); a
    capitalised possessive (``Huawei’s``) ends the walk. Punctuation stops it.
    """
    if pos <= floor or text[pos - 1] not in " \u00a0":
        return None
    if not have_role:  # the common case, answered without splitting anything
        cut = text.rfind(" ", max(floor, pos - 24), pos - 1)
        if not _is_title(text[cut + 1 : pos - 1].lower()):
            return None
    lo = max(floor, pos - _ROLE_WINDOW)
    words = text[lo : pos - 1].split(" ")
    if lo > floor:
        words = words[1:]  # the first may be cut
    taken = 0
    length = 0  # characters taken, separators included
    need_title = not have_role
    for word in reversed(words[-_ROLE_WORDS:]):
        if not word:
            break
        low = word.lower()
        if need_title:
            if not _is_title(low):
                return None
            need_title = False
        elif low.endswith(("’s", "'s")) and word[0].isupper() and low[:-2].isalpha():
            taken += 1
            length += len(word) + 1
            break
        elif not (
            low in ROLE_MODIFIERS
            or (
                word[0].isupper()
                and word.isalpha()
                and (word not in STOPWORDS or low in PLACES)  # ``New York``
            )
        ):
            break
        if not word.replace("-", "").isalpha():
            break
        taken += 1
        length += len(word) + 1
    if not taken:
        return None
    start = pos - length
    return text[start : pos - 1].replace("\u00a0", " "), start


@lru_cache(maxsize=16384)
def org_short_forms(name: str) -> tuple[str, ...]:
    """Shorter names an organisation goes by: without its legal form (``Huawei
    Technologies``), and the words before its first generic word (``Huawei``, ``Hon
    Hai``), when those are not common or place words."""
    words = name.split()
    out: list[str] = []
    end = len(words)
    while end > 1 and words[end - 1].lower() in ORG_SUFFIXES:
        end -= 1
    if end < len(words):
        out.append(" ".join(words[:end]))
    head = 0
    while head < end and words[head].lower() not in ORG_GENERIC:
        head += 1
    if 0 < head < end and all(w.lower() not in NOT_NAME_WORDS for w in words[:head]):
        out.append(" ".join(words[:head]))
    return tuple(dict.fromkeys(s for s in out if s != name))


@lru_cache(maxsize=CACHE_ENTRIES)
def person_short_forms(name: str) -> tuple[str, ...]:
    """First and last name of a person (``Ren`` and ``Zhengfei`` of ``Ren Zhengfei``:
    either part may be the family name), unless one is a common word."""
    words = [w for w in name.split() if not _is_initials(w) and w not in PARTICLES]
    if len(words) < 2:
        return ()
    forms = (words[0], words[-1])
    return tuple(dict.fromkeys(w for w in forms if len(w) > 1 and w.lower() not in NOT_NAME_WORDS))


def non_person_tail(words: tuple[tuple[int, str], ...]) -> bool:
    return bool(words) and words[-1][1].lower() in NON_PERSON_TAILS


def name_word(word: str) -> bool:
    """A word that can be one of a person's names (public for the resolver)."""
    return _name_word(word)

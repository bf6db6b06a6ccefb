"""Who a speaker phrase names: full names for short ones, people for pronouns.

The entities module (:mod:`tui.extract.entities`) knows the article's people and their
aliases (``Ren`` and ``Zhengfei`` for ``Ren Zhengfei``); this module uses that when it
is given, and otherwise falls back on a light reading of its own: runs of capitalised
words, titles (``President``, ``Minister``) stripped, organisations recognised by their
suffixes. Either way a short name resolves to the one longer name in the article that
contains it as a word.

Pronouns resolve to the *salient* person: the last person who was a sentence's subject
or a speech verb's speaker before the pronoun. "The most recent person named" alone
would pick up objects (``his eldest daughter, Meng Wanzhou``) that a reader never takes
the ``he`` in the next sentence to mean.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.model import Entity, EntityKind
from tui.text import word_list

#: Words that are titles or roles written before a name, never part of it.
TITLE_WORDS = frozenset(
    word_list(
        """
    president vice minister deputy secretary senator sen sen. representative rep rep.
    governor gov gov. mayor chairman chairwoman chair ceo cfo coo cto founder co-founder
    cofounder director
    spokesman spokeswoman spokesperson prosecutor judge justice chief officer police
    general gen gen. colonel col col. captain capt capt. lieutenant lt lt. sergeant sgt
    dr dr. mr mr. mrs mrs. ms ms. prof prof. professor sir dame lord lady king queen
    prince princess pope bishop archbishop cardinal rev rev. reverend father sister
    premier chancellor ambassador commissioner inspector superintendent detective coach
    manager leader speaker head emeritus former acting interim prime state foreign
    interior health finance defence defense justice education emergency situations
    regional federal national executive lecturer academic analyst economist researcher
    scientist doctor professor mp mep congressman congresswoman councillor councilor
    attorney lawyer sheriff constable deputy-governor
        engineer historian farmer owner teacher nurse activist author writer journalist
    reporter editor architect designer artist actor actress singer player striker
    goalkeeper pilot driver soldier student resident witness survivor campaigner
    economist physician surgeon
        assemblyman assemblywoman congressman congresswoman councilman councilwoman
    alderman selectman chancellor scholar
    """
    )
)

#: Words that end organisation names: a run holding one of them is not a person.
ORG_WORDS = frozenset(
    word_list(
        """
    co co. corp corp. inc inc. ltd ltd. llc plc pvt oyj ab ag sa gmbh group company
    technologies technology systems solutions holdings bank ministry department agency
    commission committee council university institute association union party government
    court police army navy force forces service services office authority news times
    post press reuters afp tass bbc cnn network networks channel radio television tv
    magazine journal herald tribune foundation organisation organization church school
    college hospital club team fund board bureau agency parliament congress senate house
    assembly administration center centre
    """
    )
)

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
PERSON_PRONOUNS = frozenset({"he", "she"})

_TOKEN = re.compile(r"[^\W\d_][\w’'.\-]*")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


def is_capitalised(token: str) -> bool:
    return bool(token) and token[0].isupper()


def strip_possessive(token: str) -> str:
    return _POSSESSIVE.sub("", token)


def name_from_run(tokens: Sequence[str]) -> tuple[str | None, str | None]:
    """``("Deputy", "Minister", "Alexander", "Chupriyan")`` -> (name, role).

    The name is what follows the last title word; the role is the title words before
    it. ``(None, role)`` when only titles are left.
    """
    words = [strip_possessive(t) for t in tokens]
    last_title = -1
    for n, word in enumerate(words):
        if word.casefold() in TITLE_WORDS and not _surname(words, n):
            last_title = n
    name_words = words[last_title + 1 :]
    role = " ".join(words[: last_title + 1]) or None
    while name_words and name_words[0].casefold() in ("the", "a", "an"):
        name_words = name_words[1:]
    name = " ".join(name_words) or None
    return name, role


#: Titles that are also surnames (Amy Pope, Stephen King, Ray Bishop).
_SURNAME_TITLES = frozenset(word_list("pope king bishop prince cardinal judge"))


def _surname(words: Sequence[str], n: int) -> bool:
    """Is the title word ``words[n]`` a surname: the last word, after a given name
    (``Amy Pope``), not after another title (``Archbishop … Cardinal``)?"""
    return (
        n == len(words) - 1
        and n >= 1
        and words[n].casefold() in _SURNAME_TITLES
        and words[n - 1][:1].isupper()
        and words[n - 1].casefold() not in TITLE_WORDS
    )


def looks_like_org(name: str) -> bool:
    return any(w.casefold().strip(".,") in ORG_WORDS for w in name.split())


class NameIndex:
    """The article's names: canonical full names and their short forms.

    Built once per article from the entities (when the entities module found any) and
    from names seen in subject or speaker position; :meth:`canonical` turns any form
    into the full name.
    """

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._alias: dict[str, str] = {}
        self._people: set[str] = set()
        self._orgs: set[str] = set()
        self._short: dict[str, str] = {}
        for entity in entities:
            canonical = entity.name
            self._alias[canonical.casefold()] = canonical
            for alias in entity.aliases:
                self._alias.setdefault(alias.casefold(), canonical)
            if entity.kind == EntityKind.PERSON:
                self._people.add(canonical)
                self._add_short_forms(canonical)
            else:
                self._orgs.add(canonical)

    def _add_short_forms(self, full: str) -> None:
        words = full.split()
        if len(words) < 2:
            return
        for word in words:
            if len(word) > 1 and is_capitalised(word):
                self._short.setdefault(word.casefold(), full)

    def learn(self, name: str) -> None:
        """Remember a full name seen in the text (two words or more, not an org).

        From a long run of capitalised words (``Senate Minority Whip Dick Durbin``) the
        last two words are learnt too: a person's name usually ends such a run.
        """
        words = name.split()
        if len(words) >= 2 and not looks_like_org(name):
            key = name.casefold()
            if key not in self._alias:
                self._alias[key] = name
                self._people.add(name)
                self._add_short_forms(name)
        if len(words) > 2:
            self.learn(" ".join(words[-2:]))

    def canonical(self, name: str) -> str:
        """The full name for ``name`` (an alias or a short form), else ``name`` itself."""
        key = name.casefold()
        if key in self._alias:
            return self._alias[key]
        words = key.split()
        if len(words) == 1 and key in self._short:
            return self._short[key]
        if len(words) > 2:  # "Germany Richard Grenell": a place before a known name
            tail = " ".join(words[-2:])
            if tail in self._alias:
                return self._alias[tail]
        return name

    def is_person(self, name: str) -> bool:
        canonical = self.canonical(name)
        if canonical in self._people:
            return True
        if canonical in self._orgs or looks_like_org(canonical):
            return False
        return len(canonical.split()) >= 2

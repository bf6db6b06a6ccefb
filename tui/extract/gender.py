"""Whether ``he`` or ``she`` can mean a person: evidence of a person's gender in the text.

``she said`` must not resolve to the man named last. The evidence, strongest first: an
honorific written before the person's surname anywhere in the article (``Mr. Okafor``,
``Ms. Haddad``), then a common given name (a short list of English given names that are
rarely used for the other gender). Without evidence anyone agrees with either pronoun.
"""

from __future__ import annotations

import re

from tui.text import word_list

#: Each title opens with its first letter, then the word boundary before it as a
#: look back (``(?<!\w.)``: no word character before that letter), so that the engine
#: passes over every other letter in C (a pattern opening with ``\b`` or a look ahead
#: is tried at every position): the whole article is read the first time a pronoun
#: needs a gender. The same matches as ``\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)``.
_HONORIFIC = re.compile(
    r"(M(?<!\w.)(?:r|rs|s|iss)|S(?<!\w.)ir|D(?<!\w.)ame|L(?<!\w.)(?:ady|ord))\.?\s+"
    r"((?:[^\W\d_a-z][\w’'\-]*\.?\s+){0,2}[^\W\d_a-z][\w’'\-]+)"
)
_FEMALE_TITLES = frozenset(("Mrs", "Ms", "Miss", "Dame", "Lady"))
#: What every honorific starts with: one search for these skips the expression above
#: for most articles, which hold none. One search, not an ``in`` test per stem: seven
#: scans of a text that is not plain ASCII (curly quotes, CJK) cost several times
#: one, which passes over every letter but ``M``, ``S``, ``D`` and ``L`` in C.
_STEMS = re.compile("Mr|Ms|Miss|Sir|Dame|Lady|Lord")

#: Given names that almost always belong to one gender (English-language news).
_MALE_NAMES = frozenset(
    word_list(
        """
    john james robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory frank alexander raymond
    patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter
    kyle walter harold jeremy ethan carl keith roger gerald christian terry sean arthur
    austin noah lawrence jesse joe bryan billy bruce albert willie gabriel logan alan
    juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny
    ted mike chris bill rick ben jim tom bob
        """
    )
)
_FEMALE_NAMES = frozenset(
    word_list(
        """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela
    helen anna brenda pamela nicole emma samantha katherine christine debra rachel
    catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia
    kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline
    frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
    judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany
    natalie isabella charlotte rose alexis kayla sheryl elena
        """
    )
)


def honorifics(text: str) -> dict[str, str]:
    """Surname -> ``"m"`` or ``"f"`` from the honorifics written before it in ``text``."""
    found: dict[str, str] = {}
    if _STEMS.search(text) is None:
        return found
    for match in _HONORIFIC.finditer(text):
        surname = match.group(2).split()[-1]  # "Mr. Erik Lindqvist": Lindqvist
        found.setdefault(surname, "f" if match.group(1) in _FEMALE_TITLES else "m")
    return found


def gender_of(name: str, by_surname: dict[str, str]) -> str | None:
    """``"m"``, ``"f"`` or None (no evidence) for a person's name."""
    words = name.split()
    if not words:
        return None
    known = by_surname.get(words[-1])
    if known is not None:
        return known
    first = words[0].casefold()
    if first in _MALE_NAMES:
        return "m"
    if first in _FEMALE_NAMES:
        return "f"
    return None


def agrees(name: str, pronoun: str, by_surname: dict[str, str]) -> bool:
    """Can ``he``/``she`` (``pronoun``, any case) refer to ``name``?"""
    gender = gender_of(name, by_surname)
    if gender is None:
        return True
    return gender == ("m" if pronoun.casefold() == "he" else "f")

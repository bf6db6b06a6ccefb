"""Interviews and transcripts: each speaker-tagged turn is a quote of that speaker.

An interview is laid out as turns, each paragraph opening with its speaker's tag:
``((WN)) Why ...?``, ``((Aparna Garg)) I think ...``, ``Natasha Gownaris: I've
wanted ...``, ``NG: This study ...``, ``Q: ...`` / ``A: ...``. No quotation marks, no
reporting verb: the tag is the attribution. Such a paragraph becomes one quote (kind
``interview``) covering the words after the tag, said by the tag's speaker.

An article is an interview when at least :data:`MIN_TURNS` paragraphs open with a tag,
so a lone ``Note: ...`` or ``Update: ...`` line is not taken for one. A short tag is
resolved to the longer name a tag used earlier (``NG`` -> ``Natasha Gownaris``, ``WN``
-> ``Wikinews``); others (``Q``, ``A``) keep their name as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.model import Paragraph, Quote, QuoteKind, quote_of, span_of
from tui.text import word_set

MIN_TURNS = 2
#: A turn is certain from its layout, less so than a quote with a verb and a name.
CONFIDENCE = 0.9

_TAG = re.compile(
    r"""(?x)
    (?:
        \(\((?P<paren>[^()\n]{1,40})\)\)                          # ((Name))
      | (?P<colon>(?:[A-Z][\w.'’-]*)(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:  # Name: / NG: / Q:
    )
    [ \t]*(?=\S)
    """
)
#: Words that make a ``Word:`` opening a label, not a speaker.
_LABELS = word_set(
    """note update editor correction warning source sources photo image contributing
    contributors credit credits caption related"""
)


def _tag(text: str) -> tuple[str, int, int, int] | None:
    """(speaker as tagged, tag start, tag end, where the words start) or None."""
    match = _TAG.match(text[:64])
    if match is None:
        return None
    name = (match["paren"] or match["colon"]).strip()
    if name.casefold() in _LABELS or name.rsplit(None, 1)[-1].casefold() in _LABELS:
        return None  # ``Note:``, and a caption's credit: ``Trafalgar Square. Image: ...``
    group = "paren" if match["paren"] else "colon"
    return name, match.start(group), match.end(group), match.end()


def _abbreviates(short: str, name: str) -> bool:
    """``NG`` for ``Natasha Gownaris``, ``WN`` for ``Wikinews``: the short tag's letters
    in order in the name, the first one its first letter."""
    if not (2 <= len(short) <= 4 and short.isupper() and short != name):
        return False
    rest = name.casefold()
    if not rest.startswith(short[0].casefold()):
        return False
    at = 0
    for letter in short.casefold():
        at = rest.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def interview_turns(paragraphs: Sequence[Paragraph]) -> tuple[Quote, ...]:
    """The turns of an interview as quotes (none when the article is no interview)."""
    tagged = []
    for paragraph in paragraphs:
        found = _tag(paragraph.text)
        if found is not None and found[3] < len(paragraph.text):
            tagged.append((paragraph, found))
    if len(tagged) < MIN_TURNS:
        return ()
    names: list[str] = []  # the longer names tagged so far, first seen first
    quotes = []
    for paragraph, (name, tag_start, tag_end, words_start) in tagged:
        speaker = next((full for full in names if _abbreviates(name, full)), name)
        if speaker == name and len(name) > 4 and name not in names:
            names.append(name)
        base = paragraph.span.start
        quotes.append(
            quote_of(
                paragraph.text[words_start:],
                span_of(base + words_start, paragraph.span.end),
                speaker,
                span_of(base + tag_start, base + tag_end),
                None,
                QuoteKind.INTERVIEW,
                CONFIDENCE,
            )
        )
    return tuple(quotes)


def asks_questions(quotes: Sequence[Quote]) -> bool:
    """Are ``quotes`` (one speaker's) an interviewer's: mostly interview turns, at least
    half of those questions (Wikinews's ``((WN)) Why ...?``, ``Q: ...?``)? They are what
    the interviewer asked, not what a person in the news said. (An outlet's name is
    also a speaker now and then: ``Wikinews asked whether ...``.)"""
    turns = [q for q in quotes if q.kind == QuoteKind.INTERVIEW]
    if 2 * len(turns) <= len(quotes):
        return False
    return 2 * sum(q.text.rstrip().endswith("?") for q in turns) >= len(turns)

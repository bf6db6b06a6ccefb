"""People and organisations an article names, with their aliases, roles and mentions.

Rule-based and linear: one compiled regex (:data:`tui.extract.names.RUN`) over each
paragraph finds capitalised runs; what a run names is decided from its words (cached by
the run's text, see :mod:`tui.extract.names`) and a few words before it; the rest is
dictionary look-ups. No models, no word lists of particular names.

Rules, in the order they apply to an article:

1. **Organisations** end with a legal form (``Co``, ``Inc``, ``Corp``, ``Ltd``, ``Oyj``,
   ``AB``, ``Pvt``, ``Group``...: ``Nokia Oyj``, ``Cisco Systems Inc``), a company word
   (``Huawei Technologies``) or name a public body (``Investigative Committee``).
2. **People** follow a title (``US President Donald Trump`` -> ``Donald Trump``, role
   ``US President``; ``cabinet minister Nikolai Astrup``; ``Stanford lecturer Jerry
   Kaplan``; ``chief financial officer Meng Wanzhou``). A title may be one word before
   the name (``President Trump``): that word is first resolved to a known person. When
   a person's title is written several ways, one written mid-sentence wins over one
   opening a sentence (``Cabinet minister`` at a sentence start, ``cabinet minister``
   later gives ``cabinet minister``).
3. **Parentheticals** right after a name give aliases: CJK names (``Ren Zhengfei
   (任正非)``) and acronyms (``Taiwan Semiconductor Manufacturing Co (TSMC, 台積電)``).
   Money and other text in parentheses gives nothing.
4. **Other two-to-four-word capitalised names** (``Jerry Kaplan``) are people, unless a
   word is a common, place, month, day or sentence-opening word (``Hang Seng Index``,
   ``Hong Kong``, ``The Chinese``), or the run is another form of a known entity
   (``Hon Hai`` of ``Hon Hai Precision Industry Co``). A CJK parenthetical makes such a
   run a person for sure; an acronym one makes it an organisation.
5. **Single capitalised words are never entities by themselves** (sentence openers,
   countries, months, ``Photo``...). A single word is a *mention* when it is a name,
   alias or short form of an entity the article names elsewhere (before or after):
   a person's first or last name (``Ren``, ``Zhengfei``: either part of a Chinese-order
   name), an organisation's name without its legal form or its head before the first
   generic word (``Huawei`` of ``Huawei Technologies Co``, ``Amkor`` of ``Amkor
   Technology Inc``), an acronym or CJK alias (``TSMC``). A short form shared by two
   entities (``Tata`` of ``Tata Group`` and ``Tata Electronics Pvt``) goes to the one
   named last before it. The one exception: a single word followed by a CJK
   parenthetical (``Largan (大立光)``) is an organisation.
6. Possessives mention the entity without the ``’s`` (``Trump’s`` -> ``Trump``).

Every mention span slices ``text`` back to one of the entity's names: its ``name`` or
one of its ``aliases``. ``aliases`` hold CJK names and acronyms given in parentheticals,
both name parts of a person (``Ren``, ``Zhengfei``), and the short forms of an
organisation that the article uses. Entities come in order of first mention.

Resolving a name (for quotes and speakers)
------------------------------------------
``resolve(name, entities, *, before=None) -> Entity | None`` finds the entity a
mention string means: its full name, any alias (CJK or acronym), a person's first or
last name, an organisation's short form; also with a possessive (``Ren’s``), a title
(``President Trump``, ``US President Donald Trump``) or different case. When several
entities answer to the name, the one mentioned last before offset ``before`` wins
(default: the first in article order). Building :class:`EntityIndex` once and calling
``index.resolve(...)`` is cheaper for many look-ups in the same article.
Each entity's ``kind`` is :class:`tui.model.EntityKind` (``person`` or ``organisation``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import starmap
from operator import attrgetter

from tui.extract.names import (
    LOOKUP,
    MAYBE_PERSON,
    ORG,
    PARTICLES,
    PERSON,
    RUN,
    Part,
    after_article,
    after_place_preposition,
    analyse_run,
    at_sentence_start,
    name_word,
    non_person_tail,
    org_short_forms,
    paren_aliases,
    person_short_forms,
    role_before,
    the_inside_sentence,
    title_dot_after,
    verb_form_first,
)
from tui.model import Entity, EntityKind, Paragraph, entity_of, span_of

__all__ = ["EntityIndex", "find_entities", "resolve"]

#: (paren content start, ((offset, alias, is_cjk), ...)) or None.
_Paren = tuple[int, tuple[tuple[int, str, bool], ...]] | None


class _Draft:
    """An entity while the article is read."""

    __slots__ = ("aliases", "first", "kind", "mentions", "name", "roles", "shorts")

    def __init__(self, name: str, kind: str, first: int) -> None:
        self.name = name
        self.kind = kind
        self.first = first
        self.aliases: dict[str, None] = {}
        self.mentions: list[tuple[int, int]] = []
        self.roles: list[tuple[str, bool]] = []
        #: The short forms of ``name`` (set when registered under it).
        self.shorts: tuple[str, ...] = ()


_FIRST = attrgetter("first")
_PERSON_KIND = EntityKind.PERSON
_ORGANISATION_KIND = EntityKind.ORGANISATION


def _pick(bucket: list[_Draft], pos: int) -> _Draft:
    """Of several entities sharing a short form, the one named last before ``pos``."""
    if len(bucket) == 1:
        return bucket[0]
    best = None
    for candidate in bucket:
        if candidate.first <= pos and (best is None or candidate.first > best.first):
            best = candidate
    return best or bucket[0]


class _Builder:
    """Reads one article's paragraphs; see the module docstring for the rules.

    One pass of :data:`RUN` over the paragraphs decides what each run of several words
    names and keeps the lone words aside; once every entity is known, the lone words
    that are one of their forms become mentions (plain dictionary look-ups).
    """

    __slots__ = ("by_name", "by_short", "drafts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.drafts: list[_Draft] = []
        self.by_name: dict[str, _Draft] = {}
        self.by_short: dict[str, list[_Draft]] = {}

    # -- registry ---------------------------------------------------------------------

    def _register(self, draft: _Draft, shorts: tuple[str, ...]) -> None:
        """Index ``draft`` by its name and ``shorts``, the short forms of that name."""
        self.by_name.setdefault(draft.name, draft)
        draft.shorts = shorts
        for short in shorts:
            bucket = self.by_short.setdefault(short, [])
            if draft not in bucket:
                bucket.append(draft)

    def _find(self, name: str, pos: int) -> _Draft | None:
        draft = self.by_name.get(name)
        if draft is None:
            bucket = self.by_short.get(name)
            if bucket is not None:
                draft = _pick(bucket, pos)
        return draft

    def _upgrade(self, name: str, kind: str, shorts: tuple[str, ...]) -> _Draft | None:
        """An entity known by a shorter form of ``name`` (``Trump`` before ``Donald
        Trump``, ``Huawei Technologies`` before ``Huawei Technologies Co``); ``shorts``
        are the short forms of ``name``."""
        for short in shorts:
            draft = self.by_name.get(short)
            if draft is not None and draft.kind == kind and len(draft.name) < len(name):
                draft.aliases[draft.name] = None
                draft.name = name
                self._register(draft, shorts)
                return draft
        return None

    def _add(
        self,
        kind: str,
        pos: int,
        part: Part,
        role: str | None = None,
        initial: bool = False,
        paren: _Paren = None,
    ) -> _Draft:
        """Mention ``part`` (at ``pos``) of the entity it names, created when new."""
        name = part.name
        draft = self.by_name.get(name)
        if draft is None:
            bucket = self.by_short.get(name)
            if bucket is not None:
                draft = _pick(bucket, pos)
            else:
                shorts = person_short_forms(name) if kind == PERSON else org_short_forms(name)
                draft = self._upgrade(name, kind, shorts)
                if draft is None:
                    draft = _Draft(name, kind, pos)
                    self.drafts.append(draft)
                    self._register(draft, shorts)
        draft.mentions.append((pos, pos + part.end - part.start))
        if pos < draft.first:
            draft.first = pos
        if name != draft.name:
            draft.aliases[name] = None
        if role is not None and draft.kind == PERSON:
            draft.roles.append((role, initial))
        if paren is not None:
            self._attach(draft, paren)
        return draft

    def _attach(self, draft: _Draft, paren: _Paren) -> None:
        """CJK names and acronyms of a parenthetical: aliases, and mentions."""
        if paren is None:
            return
        base, items = paren
        for offset, alias, _cjk in items:
            self.by_name.setdefault(alias, draft)
            draft.aliases[alias] = None
            draft.mentions.append((base + offset, base + offset + len(alias)))

    # -- reading ----------------------------------------------------------------------

    def read(self, paragraphs: Sequence[Paragraph]) -> None:
        text = self.text
        singles: list[re.Match[str]] = []
        maybes: list[tuple[int, Part, _Paren]] = []
        titled: list[tuple[int, Part, str | None, bool, _Paren]] = []
        lookups: list[tuple[int, Part, _Paren]] = []
        finditer = RUN.finditer
        analyse = analyse_run
        add = self._add
        single = singles.append
        lo = paragraphs[0].span.start if paragraphs else 0
        hi = paragraphs[-1].span.end if paragraphs else 0
        for paragraph in paragraphs:
            span = paragraph.span
            floor = span.start
            for m in finditer(text, floor, span.end):
                if m.lastindex == 1:  # a lone word
                    single(m)
                    continue
                start = m.start()
                more = m.end(2)
                run = text[start : more if more >= 0 else m.end(1)]
                paren = m[3]
                info: _Paren = None if paren is None else (m.start(3), paren_aliases(paren))
                parts = analyse(run, title_dot_after(text, run, start + len(run)))
                last = len(parts) - 1
                for i, part in enumerate(parts):
                    pinfo = info if i == last and part.end == len(run) else None
                    kind = part.kind
                    pos = start + part.start
                    if kind == ORG:
                        add(ORG, pos, part, paren=pinfo)
                    elif kind == PERSON:
                        role, initial = self._role(part, start, floor)
                        if len(part.words) == 1:
                            titled.append((pos, part, role, initial, pinfo))
                        else:
                            add(PERSON, pos, part, role, initial, pinfo)
                    elif kind == MAYBE_PERSON:
                        found = role_before(text, start, floor) if part.start == 0 else None
                        if found is not None:
                            initial = at_sentence_start(text, found[1], floor)
                            add(PERSON, pos, part, found[0], initial, pinfo)
                        elif pinfo is not None and any(cjk for _, _, cjk in pinfo[1]):
                            add(PERSON, pos, part, paren=pinfo)
                        elif pinfo is not None and pinfo[1]:
                            add(ORG, pos, part, paren=pinfo)
                        elif (
                            after_place_preposition(text, start, floor)
                            or after_article(text, start, start + part.end, floor)
                            if part.start == 0
                            else the_inside_sentence(text, run, start, floor)
                        ) or verb_form_first(part.words, text, lo, hi):
                            lookups.append((start, part, pinfo))
                        else:
                            maybes.append((pos, part, pinfo))
                    else:
                        lookups.append((start, part, pinfo))
        if maybes:
            self._read_maybes(maybes, lookups)
        for pos, part, role, initial, pinfo in titled:
            add(PERSON, pos, part, role, initial, pinfo)
        if lookups:
            self._read_lookups(lookups)
        if singles and (self.by_name or self.by_short):
            self._read_singles(singles)

    def _role(self, part: Part, start: int, floor: int) -> tuple[str | None, bool]:
        """The part's role, extended backwards when the run opens with it."""
        if part.role is None:
            return None, False
        role, role_at = part.role, start + part.role_start
        if part.role_start == 0:
            found = role_before(self.text, start, floor, have_role=True)
            if found is not None:
                role, role_at = f"{found[0]} {role}", found[1]
        return role, at_sentence_start(self.text, role_at, floor)

    def _read_maybes(
        self, maybes: list[tuple[int, Part, _Paren]], lookups: list[tuple[int, Part, _Paren]]
    ) -> None:
        """Name-shaped runs: people, unless they are another form of a known entity
        (``Hon Hai``) or hold an organisation's name (``Huawei Mate``)."""
        by_name = self.by_name
        by_short = self.by_short
        add = self._add
        headline = _verb_openers(maybes, by_name)
        for pos, part, pinfo in maybes:
            if headline and part.name in headline:
                lookups.append((pos - part.start, part, pinfo))  # "Playing Trump"
            elif part.name not in by_name and part.name not in by_short:  # not _find(...)
                for _, word in part.words:
                    draft = by_name.get(word)
                    if draft is None:
                        bucket = by_short.get(word)
                        if bucket is None:
                            continue
                        draft = _pick(bucket, pos)
                    if draft.kind == ORG:
                        lookups.append((pos - part.start, part, pinfo))
                        break
                else:
                    add(PERSON, pos, part, paren=pinfo)
            else:
                add(PERSON, pos, part, paren=pinfo)

    def _read_lookups(self, lookups: list[tuple[int, Part, _Paren]]) -> None:
        """Runs that name nothing by themselves: another form of a known entity
        (``Hon Hai``), words that are (``Huawei`` of ``Huawei Mate``), or an
        organisation when a parenthetical alias follows (``Largan (大立光)``)."""
        for start, part, pinfo in lookups:
            pos = start + part.start
            draft = self._find(part.name, pos)
            if draft is not None:
                self._add(draft.kind, pos, part, paren=pinfo)
                continue
            last = None
            for offset, word in part.words:
                found = self._find(word, start + offset)
                if found is not None:
                    found.mentions.append((start + offset, start + offset + len(word)))
                    found.first = min(found.first, start + offset)
                    if word != found.name:
                        found.aliases[word] = None
                last = found
            if pinfo is None or not pinfo[1]:
                continue
            if last is not None:
                self._attach(last, pinfo)  # ``TSMC (台積電)``
            elif self._paren_names_org(part, pinfo):
                self._add(ORG, pos, part, paren=pinfo)

    @staticmethod
    def _paren_names_org(part: Part, pinfo: _Paren) -> bool:
        """``Largan (大立光)``, ``Federal Tax Office (FTO)``: a parenthetical alias
        after a run that names nothing else makes it an organisation."""
        assert pinfo is not None
        words = part.words
        if not words or non_person_tail(words):
            return False
        if len(words) == 1:
            return name_word(words[0][1]) and any(cjk for _, _, cjk in pinfo[1])
        return True

    def _read_singles(self, singles: list[re.Match[str]]) -> None:
        """Lone words that are a name, alias or short form: ``Ren``, ``TSMC’s``."""
        # One look-up per word: a name's draft, else a short form's bucket.
        known: dict[str, _Draft | list[_Draft]] = {**self.by_short, **self.by_name}
        for m in singles:
            word = m[1]
            found = known.get(word)
            if found is None:
                continue
            start = m.start()
            draft = _pick(found, start) if isinstance(found, list) else found
            draft.mentions.append((start, start + len(word)))
            if start < draft.first:
                draft.first = start
            if word != draft.name:
                draft.aliases[word] = None

    # -- result -----------------------------------------------------------------------

    def entities(self) -> tuple[Entity, ...]:
        drafts = self.drafts
        if not drafts:
            return ()
        out = []
        if len(drafts) > 1:
            drafts = sorted(drafts, key=_FIRST)
        for draft in drafts:
            aliases = draft.aliases
            if draft.kind == PERSON:
                for short in draft.shorts:  # person_short_forms(draft.name)
                    aliases.setdefault(short, None)
                kind = _PERSON_KIND
            else:
                kind = _ORGANISATION_KIND
            if aliases:
                aliases.pop(draft.name, None)
            role = None
            if draft.roles:
                mid = [r for r, initial in draft.roles if not initial]
                role = mid[0] if mid else draft.roles[0][0]
            mentions = draft.mentions
            if len(mentions) > 1:
                mentions = sorted(set(mentions))
            out.append(
                entity_of(
                    draft.name,
                    kind,
                    tuple(aliases),
                    tuple(starmap(span_of, mentions)),
                    role,
                )
            )
        return tuple(out)


def _verb_openers(
    maybes: list[tuple[int, Part, _Paren]], by_name: dict[str, _Draft]
) -> frozenset[str]:
    """The name-shaped runs whose first word, in ``-ing``, stands before the name of
    someone else the article names (``Celebrating Hillary Clinton``, ``Playing Trump``
    where ``Donald Trump`` is named): a headline's verb, not a given name. ``Channing
    Tatum`` stays: no other name ends in ``Tatum``."""
    candidates = [
        part
        for _, part, _ in maybes
        if len(part.words) > 1
        and len(part.words[0][1]) >= 6
        and part.words[0][1].endswith("ing")
        and part.words[0][1][:-3].isalpha()
    ]
    if not candidates:
        return frozenset()
    names = {part.name for _, part, _ in maybes}
    names.update(draft.name for draft in by_name.values() if draft.kind == PERSON)
    tails: dict[tuple[str, ...], set[str]] = {}
    for name in names:
        words = tuple(name.split())
        for i in range(len(words)):
            tails.setdefault(words[i:], set()).add(words[0])
    found = set()
    for part in candidates:
        first = part.words[0][1]
        rest = tuple(word for _, word in part.words[1:])
        if any(other != first for other in tails.get(rest, ())):
            found.add(part.name)
    return frozenset(found)


def find_entities(text: str, paragraphs: Sequence[Paragraph]) -> tuple[Entity, ...]:
    """People and organisations named in ``paragraphs`` (spans index into ``text``)."""
    builder = _Builder(text)
    builder.read(paragraphs)
    return builder.entities()


# -- resolving names --------------------------------------------------------------------


def _clean(name: str) -> str:
    name = " ".join(name.split())
    for tail in ("’s", "'s", "’", "'"):
        if name.endswith(tail):
            return name[: -len(tail)]
    return name


class EntityIndex:
    """Every name of every entity of one article, for repeated :meth:`resolve` calls."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = tuple(entities)
        self._exact: dict[str, list[Entity]] = {}
        self._folded: dict[str, list[Entity]] = {}
        for entity in self.entities:
            shorts = (
                person_short_forms(entity.name)
                if entity.kind == EntityKind.PERSON
                else org_short_forms(entity.name)
            )
            for key in dict.fromkeys((entity.name, *entity.aliases, *shorts)):
                for table, k in ((self._exact, key), (self._folded, key.casefold())):
                    bucket = table.setdefault(k, [])
                    if entity not in bucket:
                        bucket.append(entity)

    def _pick(self, bucket: list[Entity] | None, before: int | None) -> Entity | None:
        if not bucket:
            return None
        if len(bucket) == 1 or before is None:
            return bucket[0]
        best, best_at = None, -1
        for entity in bucket:
            starts = [m.start for m in entity.mentions]
            i = bisect.bisect_left(starts, before)
            if i and starts[i - 1] > best_at:
                best, best_at = entity, starts[i - 1]
        return best or bucket[0]

    def _lookup(self, name: str, before: int | None) -> Entity | None:
        found = self._pick(self._exact.get(name), before)
        if found is None:
            found = self._pick(self._folded.get(name.casefold()), before)
        return found

    def resolve(self, name: str, *, before: int | None = None) -> Entity | None:
        """The entity ``name`` refers to, or None (see the module docstring)."""
        name = _clean(name)
        if not name:
            return None
        found = self._lookup(name, before)
        if found is not None:
            return found
        # A title or sentence opener around the name: ``President Trump``.
        for part in analyse_run(name):
            if part.kind != LOOKUP or part.name != name:
                found = self._lookup(part.name, before)
                if found is not None:
                    return found
        words = name.split()
        # Only a name's own words: ``Northwind executive`` is not Northwind.
        if len(words) > 1 and all(w[0].isupper() or w in PARTICLES for w in words):
            for word in (words[-1], words[0]):
                found = self._lookup(word, before)
                if found is not None:
                    return found
        return None


def resolve(name: str, entities: Sequence[Entity], *, before: int | None = None) -> Entity | None:
    """The entity of ``entities`` that ``name`` refers to (full name, alias, first or
    last name, short form), or None. See the module docstring."""
    return EntityIndex(entities).resolve(name, before=before)

"""The article model every layer shares.

Frozen dataclasses with slots: cheap to build by the hundred thousand, safe to pass
between threads, and hashable. Every located thing carries a :class:`Span` of character
offsets into the source file's text *as decoded* (BOM removed, line endings normalised
to ``\\n``), so paragraphs, quotes, entity mentions, highlights and search hits can all
be jumped to and found again.

Nothing here imports textual or rich.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into the decoded source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span ({self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def shifted(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)

    def of(self, text: str) -> str:
        """The slice of ``text`` this span covers."""
        return text[self.start : self.end]


#: A split below this confidence is flagged in the article list for the user to check.
LOW_SPLIT_CONFIDENCE = 0.75


class ArticleKind(StrEnum):
    STORY = "story"
    BRIEF = "brief"


class ParagraphRole(StrEnum):
    BODY = "body"
    CAPTION = "caption"
    RELATED = "related"
    BOILERPLATE = "boilerplate"


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    PARTIAL = "partial"
    CONTINUATION = "continuation"
    INDIRECT = "indirect"  # reported speech: the clause, no quote marks
    INTERVIEW = "interview"  # a turn of a speaker-tagged interview or transcript


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    span: Span
    role: ParagraphRole = ParagraphRole.BODY


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or organisation, with every way the article names it.

    ``name`` is the canonical full name (``Ren Zhengfei``); ``aliases`` are the other
    forms seen (``任正非``, ``Ren``, ``Zhengfei``); ``role`` is a title written before the
    name (``US President``); ``mentions`` locate every occurrence of any form.
    """

    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation. ``span`` covers the quoted text including its quote marks.

    ``speaker`` is the canonical full name, a role (``A Huawei executive``) or None;
    ``speaker_span`` is the mention the attribution rests on (the pronoun itself when a
    pronoun was resolved); ``cue`` is the reporting verb or phrase (``said``,
    ``according to``).
    """

    text: str
    span: Span
    speaker: str | None
    speaker_span: Span | None
    cue: str | None
    kind: QuoteKind
    confidence: float


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str
    span: Span
    kind: ArticleKind
    title: str
    title_inferred: bool
    paragraphs: tuple[Paragraph, ...]
    kicker: str | None = None
    dek: str | None = None
    date: str | None = None
    captions: tuple[Paragraph, ...] = ()
    related: tuple[Paragraph, ...] = ()
    boilerplate: tuple[Paragraph, ...] = ()
    truncated: bool = False
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())
    #: Where the article says it comes from, when the input says so (CSV/JSON columns,
    #: HTML metadata, feed entries); ``outlet`` falls back to the URL's host or the
    #: file's name for such inputs, and is None for text dumps.
    url: str | None = None
    author: str | None = None
    outlet: str | None = None
    #: ``"file"``: spans index the input file's decoded text (text dumps).
    #: ``"extracted"``: the text was taken out of a CSV cell, a JSON string, an HTML page
    #: or a feed entry; spans index the *extracted* text the library keeps for the
    #: document (the records' texts one after another), not the file's bytes.
    text_origin: str = "file"
    #: How sure the reader is that the article starts where it does (the split before
    #: it): 1.0 for a file's first article or a title line, less for a split found from
    #: a dateline, a byline or the text's cohesion (see :mod:`tui.ingest.boundaries`).
    confidence: float = 1.0

    @property
    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def doubtful_split(self) -> bool:
        """Was the article split off from the text before it on weak evidence?"""
        return self.confidence < LOW_SPLIT_CONFIDENCE


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight, note or tag the user attached to an article.

    ``anchor_text`` keeps the text the span covered when the annotation was made, so it
    can be re-anchored when the article's text moves. ``orphaned`` marks one that could
    not be found again: it is kept and listed, never dropped.
    """

    id: int
    article_id: str
    kind: str  # highlight | note | tag
    span: Span | None
    anchor_text: str
    label: str | None = None
    note: str | None = None
    created: float = 0.0
    orphaned: bool = False


# -- building many objects fast ---------------------------------------------------------
#
# A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` and
# then runs ``__post_init__``. A 100 MB dump builds millions of spans, paragraphs and
# entity mentions, so the reader and the extractors build those through the slots' own
# descriptors instead: the same objects (equal, hashable, frozen: nothing else differs),
# made 1.65-1.75x faster (100,000 each, under load, best of 7: Span 130 -> 76 ms,
# Paragraph 229 -> 130 ms, Entity 185 -> 112 ms; ``/tmp`` script in the cleanup report).
# They do not validate: use them only for values known good (offsets of regex matches
# and lines, a paragraph's own span). Articles (one per story) are built with
# ``Article(...)``: too few for the difference to show. tests/test_model.py checks that
# each builder makes exactly what the constructor makes.

_new = object.__new__
_SPAN_START = Span.__dict__["start"].__set__
_SPAN_END = Span.__dict__["end"].__set__
_PARA_TEXT = Paragraph.__dict__["text"].__set__
_PARA_SPAN = Paragraph.__dict__["span"].__set__
_PARA_ROLE = Paragraph.__dict__["role"].__set__
_ENTITY_NAME = Entity.__dict__["name"].__set__
_ENTITY_KIND = Entity.__dict__["kind"].__set__
_ENTITY_ALIASES = Entity.__dict__["aliases"].__set__
_ENTITY_MENTIONS = Entity.__dict__["mentions"].__set__
_ENTITY_ROLE = Entity.__dict__["role"].__set__
_QUOTE_TEXT = Quote.__dict__["text"].__set__
_QUOTE_SPAN = Quote.__dict__["span"].__set__
_QUOTE_SPEAKER = Quote.__dict__["speaker"].__set__
_QUOTE_SPEAKER_SPAN = Quote.__dict__["speaker_span"].__set__
_QUOTE_CUE = Quote.__dict__["cue"].__set__
_QUOTE_KIND = Quote.__dict__["kind"].__set__
_QUOTE_CONFIDENCE = Quote.__dict__["confidence"].__set__


def span_of(start: int, end: int) -> Span:
    """``Span(start, end)`` without the bounds check, for ``0 <= start <= end``."""
    span: Span = _new(Span)
    _SPAN_START(span, start)
    _SPAN_END(span, end)
    return span


def paragraph_of(
    text: str, start: int, end: int, role: ParagraphRole = ParagraphRole.BODY
) -> Paragraph:
    """``Paragraph(text, Span(start, end), role)`` built as :func:`span_of` does."""
    paragraph: Paragraph = _new(Paragraph)
    _PARA_TEXT(paragraph, text)
    _PARA_SPAN(paragraph, span_of(start, end))
    _PARA_ROLE(paragraph, role)
    return paragraph


def entity_of(
    name: str,
    kind: EntityKind,
    aliases: tuple[str, ...] = (),
    mentions: tuple[Span, ...] = (),
    role: str | None = None,
) -> Entity:
    """``Entity(...)`` (same arguments) built as :func:`span_of` does."""
    entity: Entity = _new(Entity)
    _ENTITY_NAME(entity, name)
    _ENTITY_KIND(entity, kind)
    _ENTITY_ALIASES(entity, aliases)
    _ENTITY_MENTIONS(entity, mentions)
    _ENTITY_ROLE(entity, role)
    return entity


def quote_of(
    text: str,
    span: Span,
    speaker: str | None,
    speaker_span: Span | None,
    cue: str | None,
    kind: QuoteKind,
    confidence: float,
) -> Quote:
    """``Quote(...)`` (same arguments) built as :func:`span_of` does."""
    quote: Quote = _new(Quote)
    _QUOTE_TEXT(quote, text)
    _QUOTE_SPAN(quote, span)
    _QUOTE_SPEAKER(quote, speaker)
    _QUOTE_SPEAKER_SPAN(quote, speaker_span)
    _QUOTE_CUE(quote, cue)
    _QUOTE_KIND(quote, kind)
    _QUOTE_CONFIDENCE(quote, confidence)
    return quote


def with_analysis(
    article: Article, entities: tuple[Entity, ...], quotes: tuple[Quote, ...]
) -> Article:
    """``article`` with the entities and quotes the extractors found in it."""
    return replace(article, entities=entities, quotes=quotes)


def with_quotes_added(article: Article, quotes: Sequence[Quote]) -> Article:
    """``article`` with ``quotes`` (its reported speech, found apart) among its quotes,
    in text order (ties: its own first)."""
    if not quotes:
        return article
    merged = tuple(sorted((*article.quotes, *quotes), key=lambda q: q.span.start))
    return replace(article, quotes=merged)


_WS = re.compile(r"\s+")


def _whitespace_folded(text: str) -> str:
    """``text`` with each run of whitespace one space, none at the edges.

    ``" ".join(text.split())``; text that is printable (so holds no whitespace but
    U+0020) with no double or edge spaces is already folded and is returned as it is
    (most paragraphs: the split and join would copy them for nothing).
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def normalize_for_id(text: str) -> str:
    """Whitespace-folded, case-folded text: what an article's identity rests on."""
    return _whitespace_folded(text).casefold()


#: Every ASCII byte. Deleting them from UTF-8 leaves exactly the bytes of the text's
#: other characters (an ASCII byte never occurs inside a multi-byte sequence).
_ASCII_BYTES = bytes(range(128))


def make_article_id(text: str) -> str:
    """Stable content-based id: the same story text gives the same id in any file.

    The id is a digest of the UTF-8 bytes of :func:`normalize_for_id`.
    """
    if len(text) > _ID_CHUNK:
        return _long_article_id(text)
    return hashlib.blake2b(_id_bytes(text), digest_size=8).hexdigest()


#: Texts longer than this are hashed a piece at a time (see :func:`_long_article_id`).
_ID_CHUNK = 1 << 20


def _id_bytes(text: str) -> bytes:
    """The UTF-8 of :func:`normalize_for_id`, made faster: when every non-ASCII character
    of the text is its own case fold (curly quotes, CJK, ``€``: the usual case), the
    folded bytes are lower-cased as bytes (exactly ``casefold`` for ASCII) instead of
    case folding the ``str``. Ids of 1,334 articles (2.5 MB) under load: 134 ms with
    ``normalize_for_id(text).encode()``, 114 ms this way (1.17x)."""
    data = _whitespace_folded(text).encode("utf-8")
    others = data.translate(None, _ASCII_BYTES)
    if others:
        rest = others.decode("utf-8")
        if rest.casefold() != rest:
            return data.decode("utf-8").casefold().encode("utf-8")
    return data.lower()


def _long_article_id(text: str) -> str:
    """:func:`make_article_id` of a long text (a one-line file of many megabytes) in
    pieces cut at whitespace: the same bytes are hashed, but memory stays a few pieces'
    worth instead of a list of every word (12 times the text's size)."""
    digest = hashlib.blake2b(digest_size=8)
    start = 0
    wrote = False
    while start < len(text):
        cut = start + _ID_CHUNK
        while cut < len(text) and not text[cut].isspace():
            cut += 1  # a piece ends at whitespace, so no word is cut in two
        piece = text[start:cut]
        start = cut
        if piece.strip():
            if wrote:
                digest.update(b" ")
            digest.update(_id_bytes(piece))
            wrote = True
    return digest.hexdigest()


def to_jsonable(value: Any) -> Any:
    """Turn model objects into plain JSON-ready data (spans become ``{start, end}``)."""
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end}
    if isinstance(value, StrEnum):
        return value.value
    if hasattr(value, "__dataclass_fields__"):
        return {name: to_jsonable(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {key: to_jsonable(v) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value

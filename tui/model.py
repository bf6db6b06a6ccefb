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
from dataclasses import MISSING, dataclass, field, fields
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
# then runs ``__post_init__``: about 0.5 us for a Span, 3 us for an Article. A 100 MB
# dump builds millions of them, so the reader and the entity finder use these builders,
# which create the same objects (equal, hashable, frozen: nothing else differs) through
# the slots' own descriptors at about half the cost. They do not validate: use them only
# for values known good (offsets of regex matches and lines, a paragraph's own span).

_new = object.__new__
_SPAN_START = Span.start.__set__  # type: ignore[attr-defined]
_SPAN_END = Span.end.__set__  # type: ignore[attr-defined]
_PARA_TEXT = Paragraph.text.__set__  # type: ignore[attr-defined]
_PARA_SPAN = Paragraph.span.__set__  # type: ignore[attr-defined]
_PARA_ROLE = Paragraph.role.__set__  # type: ignore[attr-defined]


def _slot_function(
    cls: type, name: str, params: list[str], values: dict[str, str], namespace: dict[str, Any]
) -> Any:
    """Generate ``def name(params)`` returning a new ``cls`` whose every field is set,
    through its slot's descriptor, to the expression ``values[field]``."""
    namespace.update(_new=_new, _cls=cls)
    body = [f"def {name}({', '.join(params)}):", "    obj = _new(_cls)"]
    for f in fields(cls):
        namespace[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        body.append(f"    _set_{f.name}(obj, {values[f.name]})")
    body.append("    return obj")
    exec("\n".join(body) + "\n", namespace)
    return namespace[name]


def _slot_builder(cls: type, name: str) -> Any:
    """A function taking ``cls``'s fields as ``__init__`` does (same order, same
    defaults) that sets them through the slots' descriptors (like the dataclass's own
    ``__init__``, minus ``object.__setattr__`` and ``__post_init__``)."""
    namespace: dict[str, Any] = {}
    params = []
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: default factories are not supported")
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
    values = {f.name: f.name for f in fields(cls)}
    return _slot_function(cls, name, params, values, namespace)


def _slot_replacer(cls: type, changed: tuple[str, ...], name: str) -> Any:
    """A function ``(obj, *new values of changed)`` returning a copy of ``obj`` with
    those fields replaced: ``dataclasses.replace`` for a fixed set of fields, set
    through the slots' descriptors (several times faster)."""
    values = {f.name: f.name if f.name in changed else f"old.{f.name}" for f in fields(cls)}
    return _slot_function(cls, name, ["old", *changed], values, {})


#: ``Entity(...)``, ``Quote(...)`` and ``Article(...)`` (same arguments) built as
#: :func:`span_of` does.
entity_of = _slot_builder(Entity, "entity_of")
quote_of = _slot_builder(Quote, "quote_of")
article_of = _slot_builder(Article, "article_of")
#: ``dataclasses.replace(article, entities=..., quotes=...)``, built the same way.
with_analysis = _slot_replacer(Article, ("entities", "quotes"), "with_analysis")


def span_of(start: int, end: int) -> Span:
    """``Span(start, end)`` without the bounds check, for ``0 <= start <= end``."""
    span = _new(Span)
    _SPAN_START(span, start)
    _SPAN_END(span, end)
    return span


def paragraph_of(
    text: str, start: int, end: int, role: ParagraphRole = ParagraphRole.BODY
) -> Paragraph:
    """``Paragraph(text, Span(start, end), role)`` built as :func:`span_of` does."""
    paragraph = _new(Paragraph)
    _PARA_TEXT(paragraph, text)
    _PARA_SPAN(paragraph, span_of(start, end))
    _PARA_ROLE(paragraph, role)
    return paragraph


_WS = re.compile(r"\s+")


def normalize_for_id(text: str) -> str:
    """Whitespace-folded, case-folded text: what an article's identity rests on.

    ``" ".join(text.split())`` is exactly ``_WS.sub(" ", text).strip()`` (both split on
    ``str.isspace`` characters), several times faster on long texts. Text that is
    printable (so holds no whitespace but U+0020) with no double or edge spaces is
    already folded: it skips the split.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.casefold()
    return " ".join(text.split()).casefold()


#: Every ASCII byte. Deleting them from UTF-8 leaves exactly the bytes of the text's
#: other characters (an ASCII byte never occurs inside a multi-byte sequence).
_ASCII_BYTES = bytes(range(128))


def make_article_id(text: str) -> str:
    """Stable content-based id: the same story text gives the same id in any file.

    The id is a digest of the UTF-8 bytes of :func:`normalize_for_id`. Case folding
    text with any non-ASCII character costs about 15 times its ASCII cost, so the
    whitespace-folded bytes are lower-cased as bytes (exactly ``casefold`` for ASCII)
    when every non-ASCII character of the text is its own case fold (curly quotes, CJK,
    ``€``...: the usual case); otherwise the text is case folded as ``str``. Either way
    the bytes hashed, and so the ids stored in libraries, are the same.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        data = text.encode("utf-8")
    else:
        data = " ".join(text.split()).encode("utf-8")
    others = data.translate(None, _ASCII_BYTES)
    if others:
        rest = others.decode("utf-8")
        if rest.casefold() != rest:
            data = data.decode("utf-8").casefold().encode("utf-8")
    return hashlib.blake2b(data.lower(), digest_size=8).hexdigest()


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

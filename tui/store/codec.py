"""Article <-> stored form: compact JSON, zlib-compressed.

:func:`tui.model.to_jsonable` writes the JSON shape; :func:`article_from_jsonable` is its
inverse. Bodies are compressed because they are read one at a time (on demand) and a
library of 100,000 articles should stay small on disk.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from functools import partial
from typing import Any, NamedTuple

from tui.gc_pause import gc_paused
from tui.model import (
    Article,
    ArticleKind,
    Entity,
    EntityKind,
    Paragraph,
    ParagraphRole,
    Quote,
    QuoteKind,
    Span,
    quote_of,
    span_of,
)
from tui.store.rows import DOUBTFUL_SPLIT_BIT, TRUNCATED_BIT

_LEVEL = 3  # fast; bodies are small and mostly text
#: Text is encoded this many characters at a time: a big document's text (or article)
#: is never held a second time as UTF-8 bytes.
_PIECE = 1 << 20


def _span(data: dict[str, int] | None) -> Span | None:
    return None if data is None else Span(data["start"], data["end"])


def _paragraphs(items: list[dict[str, Any]]) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(p["text"], Span(p["span"]["start"], p["span"]["end"]), ParagraphRole(p["role"]))
        for p in items
    )


# Entities' mentions and quotes are built with the model's unchecked builders
# (:func:`tui.model.span_of`): the stored spans are the ones this module wrote from valid
# spans, and a 10 MB one-line article is ~120,000 mentions and ~50,000 quotes (their
# checked constructors were half of reading it back: 0.35 of 0.7 CPU-s).


def _span_fast(data: dict[str, int] | None) -> Span | None:
    return None if data is None else span_of(data["start"], data["end"])


_QUOTE_KINDS = {kind.value: kind for kind in QuoteKind}


def _entity(data: dict[str, Any]) -> Entity:
    return Entity(
        name=data["name"],
        kind=EntityKind(data["kind"]),
        aliases=tuple(data.get("aliases", ())),
        mentions=tuple(span_of(m["start"], m["end"]) for m in data.get("mentions", ())),
        role=data.get("role"),
    )


def _quote(data: dict[str, Any]) -> Quote:
    span = data["span"]
    kind = data["kind"]
    return quote_of(
        data["text"],
        span_of(span["start"], span["end"]),
        data.get("speaker"),
        _span_fast(data.get("speaker_span")),
        data.get("cue"),
        _QUOTE_KINDS.get(kind) or QuoteKind(kind),
        float(data["confidence"]),
    )


def article_from_jsonable(data: dict[str, Any]) -> Article:
    """The inverse of :func:`tui.model.to_jsonable` for an :class:`Article`.

    Fields the model gained after the data was written take their defaults; fields it
    no longer has are ignored, so an old cache still loads (and is re-parsed anyway when
    ``PARSER_VERSION`` changes).
    """
    known = Article.__dataclass_fields__
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    values["span"] = Span(data["span"]["start"], data["span"]["end"])
    values["kind"] = ArticleKind(data["kind"])
    for name in ("paragraphs", "captions", "related", "boilerplate"):
        values[name] = _paragraphs(data.get(name, ()))
    values["entities"] = tuple(_entity(e) for e in data.get("entities", ()))
    values["quotes"] = tuple(_quote(q) for q in data.get("quotes", ()))
    return Article(**values)


def _one_level(value: Any, offset: int = 0) -> Any:
    """``to_jsonable`` one level deep, for the JSON encoder's ``default``: the encoder
    converts each model object as it reaches it, so no copy of the whole article as
    dicts is ever built (an article of 100,000 entity mentions is many megabytes)."""
    if isinstance(value, Span):
        return {"start": value.start + offset, "end": value.end + offset}
    if hasattr(value, "__dataclass_fields__"):
        return {name: getattr(value, name) for name in value.__dataclass_fields__}
    raise TypeError(f"cannot store a {type(value).__name__}")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_one_level)


def encode_article(article: Article, offset: int = 0) -> bytes:
    """The stored form of ``article`` (the JSON of :func:`tui.model.to_jsonable`), every
    span moved by ``offset`` (an article read from a part of its file that starts there).

    An article of more than a million characters (one line of 20 MB is one article) is
    encoded and compressed piece by piece (:func:`_pieces`): the same bytes once
    decompressed, without its whole JSON (and that again as UTF-8) in memory at once."""
    encoder = _ENCODER
    if offset:
        encoder = json.JSONEncoder(
            ensure_ascii=False, separators=(",", ":"), default=partial(_one_level, offset=offset)
        )
    if article.span.end - article.span.start <= _PIECE:
        return zlib.compress(encoder.encode(article).encode("utf-8"), _LEVEL)
    compressor = zlib.compressobj(_LEVEL)
    out = [compressor.compress(piece.encode("utf-8")) for piece in _pieces(article, encoder)]
    out.append(compressor.flush())
    return b"".join(out)


def _big(value: Any) -> bool:
    """Whether ``value`` holds a string longer than :data:`_PIECE` at its top level."""
    if isinstance(value, str):
        return len(value) > _PIECE
    if isinstance(value, tuple | list):
        return len(value) > 1000 or any(_big(item) for item in value)
    fields = getattr(value, "__dataclass_fields__", None)
    return (
        fields is not None
        and not isinstance(value, Span)
        and any(isinstance(v, str) and len(v) > _PIECE for v in (getattr(value, f) for f in fields))
    )


def _pieces(value: Any, encoder: json.JSONEncoder) -> Iterator[str]:
    """The JSON of ``value`` as ``encoder`` writes it, in pieces: long strings in slices,
    long lists item by item, and the objects that hold them field by field."""
    if not (isinstance(value, Article) or _big(value)):
        yield encoder.encode(value)
    elif isinstance(value, str):
        yield '"'
        for i in range(0, len(value), _PIECE):
            yield encoder.encode(value[i : i + _PIECE])[1:-1]
        yield '"'
    elif isinstance(value, tuple | list):
        for n, item in enumerate(value):
            yield "," if n else "["
            yield from _pieces(item, encoder)
        yield "]"
    else:
        for n, name in enumerate(value.__dataclass_fields__):
            yield ("," if n else "{") + encoder.encode(name) + ":"
            yield from _pieces(getattr(value, name), encoder)
        yield "}"


def decode_article(blob: bytes) -> Article:
    """The article stored as ``blob`` by :func:`encode_article`.

    The collector is paused meanwhile (:func:`tui.gc_pause.gc_paused`): a 10 MB one-line
    article is ~500,000 acyclic dicts and objects, and the collections their allocation
    set off walked the growing heap again and again (about a third of reading it back)."""
    with gc_paused():
        return article_from_jsonable(json.loads(zlib.decompress(blob).decode("utf-8")))


def encode_text(text: str) -> bytes:
    if len(text) <= _PIECE:
        return zlib.compress(text.encode("utf-8"), _LEVEL)
    compressor = zlib.compressobj(_LEVEL)
    out = [
        compressor.compress(text[i : i + _PIECE].encode("utf-8"))
        for i in range(0, len(text), _PIECE)
    ]
    out.append(compressor.flush())
    return b"".join(out)


def decode_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


class PreparedArticle(NamedTuple):
    """An article as the library stores it: its list columns and its encoded body.

    Built where the article was parsed (a worker process of an import), so what crosses
    to the writer is a flat tuple with one ``bytes`` (cheap to pickle) instead of
    thousands of model objects, and the writer has nothing left to encode.
    """

    id: str
    title: str
    shown_source: str  # the list's source column: the outlet, else the source
    date: str | None
    kind: str
    flags: int  # the list's bits of the article itself (truncated, doubtful split)
    n_quotes: int
    start: int
    end: int
    body: bytes
    #: What the library's ``on_prepare`` hook made of the article where it was parsed
    #: (the search index's document), handed to the ``on_stored`` listeners, so the
    #: writer never decodes ``body`` again for them; None without such a hook.
    extra: Any = None
    #: The article's reported speech, found where it was parsed, in its stored form
    #: (:mod:`tui.store.reported`; b"": none); None: not looked for (found on demand).
    reported: bytes | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @classmethod
    def of(
        cls,
        article: Article | PreparedArticle,
        extra: Any = None,
        offset: int = 0,
        reported: bytes | None = None,
    ) -> PreparedArticle:
        """``article`` ready to store; ``extra`` and ``reported`` travel with it (see the
        fields); ``offset`` moves its spans (read from a part of its file that starts
        there)."""
        if isinstance(article, PreparedArticle):
            return article
        return cls(
            article.id,
            article.title,
            article.outlet or article.source,
            article.date,
            str(article.kind),
            (TRUNCATED_BIT if article.truncated else 0)
            | (DOUBTFUL_SPLIT_BIT if article.doubtful_split else 0),
            len(article.quotes),
            article.span.start + offset,
            article.span.end + offset,
            encode_article(article, offset),
            extra,
            reported,
        )

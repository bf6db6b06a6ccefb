"""The units a hit's context is chosen from come back from the index exactly as stored."""

from __future__ import annotations

import dataclasses

from tui.model import Entity, EntityKind, Span
from tui.search.index import _document, unpack_units


def _units_of(article, text):
    document = _document(article, text, 0)
    as_dict = document.to_dict()
    return unpack_units(as_dict["layout"][0], as_dict["text"][0].decode())


def test_units_round_trip_with_spans_speakers_and_quotes_inside_paragraphs(make_article):
    article, text = make_article(
        "wire/a.txt",
        [
            "Harbour plan approved.",
            'The mayor said "we will rebuild the harbour" on Monday.',
            "Ren Zhengfei spoke too.",
        ],
        quotes=[("we will rebuild the harbour", "Ren Zhengfei"), ("spoke too", "Ren Zhengfei")],
        entities=(Entity("Ren Zhengfei", EntityKind.PERSON, ("任正非",)),),
    )
    # a quote not where its paragraph says (stored as text of its own), a span longer
    # than its text (quote marks), and a title that is not in the text (no span)
    moved = dataclasses.replace(article.quotes[1], text="spoke", span=Span(3, 20))
    article = dataclasses.replace(article, quotes=(article.quotes[0], moved), title="Elsewhere")
    units = _units_of(article, text)
    names = "Ren Zhengfei"  # as quoted: a speaker: query brings the names its alias stands for
    first = article.quotes[0].span
    assert units == [
        ("t", None, None, "Elsewhere", None),
        *(("p", p.span.start, p.span.end, p.text, None) for p in article.paragraphs),
        ("q", first.start, first.end, "we will rebuild the harbour", names),
        ("q", 3, 20, "spoke", names),
    ]

"""The dump reader: decoded text -> articles, every span indexing that text.

The rules are general heuristics about how dumps are laid out, never matches on the
wording of particular articles. In order:

1. **Units** (:mod:`tui.ingest.units`): the text is read in *line layout* (one paragraph
   per line, as wire dumps) or *block layout* (paragraphs separated by blank lines, as
   saved web pages), decided from the file's own shape.
2. **Articles**: a file may hold several articles, each opening with an explicit title
   line (:func:`tui.ingest.titles.is_title_line`: short, alone, no final punctuation).
   Bodies also hold short lone lines (photo captions, pull-quote credits, legends), so a
   later title line only starts an article when the file's first article shows how:

   - if the first title is followed by a dateline, a later one must be too (and a line
     with a dateline after it is a title whatever its last mark: ``Who won?``);
   - otherwise it must follow a finished paragraph (or furniture, or a brief) and be
     followed by at least two paragraphs of prose; a dateline after it also suffices,
     and so does prose before and after it that does not carry on the same story
     (:func:`tui.ingest.cohesion.gap_probability`), when a caption or list closes the
     story before it.

   A run of units that does not open with a title may still hold several stories:
   :mod:`tui.ingest.boundaries` splits it at dateline lines, wire datelines, bylines,
   kickers, closing furniture, and where the text's cohesion drops; each article keeps
   the confidence of the split before it (``Article.confidence``; 1.0 after a title).
3. **Dateline**: a line holding only a date right after the title (or first) goes to
   ``Article.date`` as ISO ``YYYY-MM-DD``, not into the paragraphs.
4. **Furniture** (:mod:`tui.ingest.furniture`): photo credits become captions, promos
   boilerplate, and the trailing run of ellipsis-cut teasers related links; trailing
   ``Sources``/``External links`` sections (:mod:`tui.ingest.sections`) too.
5. **Briefs** (:mod:`tui.ingest.briefs`, line layout only): the trailing run of long
   lines that stop mid-sentence become articles of their own (kind ``brief``,
   ``truncated``), with kicker and dek when they have them.
6. **Titles**: an explicit title is used as is; otherwise the main story's title is
   inferred from its first sentence, and a brief's is its dek or first sentence
   (``title_inferred=True``).

``Article.id`` is :func:`tui.model.make_article_id` of the article's own text (its
title, dateline, paragraphs and furniture; a brief's whole line), so the same story
gives the same id wherever it is found. ``Article.span`` runs from the article's first
line to its last; a story's furniture may come after its briefs, so a story's span can
enclose them. Every step is linear in the text's length; the per-paragraph checks look
at bounded windows. The cyclic garbage collector is paused while articles are built
(:func:`gc_paused`): that more than doubles the speed on large dumps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tui.gc_pause import gc_paused
from tui.ingest.boundaries import find_story_starts, is_byline
from tui.ingest.briefs import is_brief_line, split_brief
from tui.ingest.cohesion import WINDOW, gap_probability
from tui.ingest.cues import ends_sentence, starts_with_leader, word_count
from tui.ingest.furniture import MAX_CAPTION, MAX_PROMO, is_caption, is_promo, is_related
from tui.ingest.sections import section_start
from tui.ingest.titles import infer_title, is_title_line, is_titleish_line, trim_title
from tui.ingest.units import Unit, split_units
from tui.model import (
    Article,
    ArticleKind,
    Paragraph,
    ParagraphRole,
    make_article_id,
    paragraph_of,
    span_of,
)

#: Captions and promos are never longer than this.
_SHORT = max(MAX_CAPTION, MAX_PROMO)
#: A paragraph of prose, for the article-splitting rule: this many words at least.
_PROSE_WORDS = 8


def _is_title(unit: Unit) -> bool:
    return unit.alone and unit.date is None and is_title_line(unit.text)


def _is_prose(unit: Unit) -> bool:
    return (
        unit.date is None
        and not starts_with_leader(unit.text)
        and word_count(unit.text) >= _PROSE_WORDS
    )


def _closes_article(unit: Unit) -> bool:
    """Can an article end with this unit (so a title may follow it)?"""
    text = unit.text
    return (
        (_is_prose(unit) and ends_sentence(text))
        or is_brief_line(text)
        or is_related(text)
        or is_promo(text)
        or is_caption(text)
    )


def _is_dated_title(units: Sequence[Unit], i: int) -> bool:
    """A line standing alone with a dateline after it is a title, whatever its last mark."""
    unit = units[i]
    return (
        i + 1 < len(units)
        and units[i + 1].date is not None
        and unit.alone
        and unit.date is None
        and is_titleish_line(unit.text)
    )


def _article_starts(units: Sequence[Unit]) -> list[int]:
    """Indexes of the units that open an article."""
    if not units:
        return []
    starts = [0]
    dated = len(units) > 1 and (_is_title(units[0]) or _is_dated_title(units, 0))
    dated = dated and units[1].date is not None
    for i in range(1, len(units) - 1):
        unit = units[i]
        if not unit.alone:
            continue
        followed_by_date = units[i + 1].date is not None
        if not _is_title(unit):
            if _is_dated_title(units, i) and _closes_article(units[i - 1]):
                starts.append(i)
            continue
        if dated:
            opens = followed_by_date
        else:
            opens = (
                followed_by_date
                or (
                    _closes_article(units[i - 1])
                    and i + 2 < len(units)
                    and _is_prose(units[i + 1])
                    and _is_prose(units[i + 2])
                )
                or _title_by_cohesion(units, i)
            )
        if opens:
            starts.append(i)
    return starts


#: A title line the layout rule doubts opens an article when the text's cohesion
#: across it is at least this likely a story boundary.
_TITLE_COHESION = 0.3


def _title_by_cohesion(units: Sequence[Unit], i: int) -> bool:
    """A title line followed by prose, where the prose before and after it do not
    carry on the same story (a caption or list may close the story before)."""
    if not _is_prose(units[i + 1]):
        return False
    # Prose on either side, over at most 40 units (a story may end in a run of captions).
    before = [u.text for u in units[max(0, i - 40) : i] if _is_prose(u)][-WINDOW:]
    after = [u.text for u in units[i + 1 : i + 41] if _is_prose(u)][:WINDOW]
    return len(before) >= 1 and gap_probability(before, after) >= _TITLE_COHESION


def _paragraph(unit: Unit, role: ParagraphRole = ParagraphRole.BODY) -> Paragraph:
    return paragraph_of(unit.text, unit.start, unit.end, role)


def _brief(unit: Unit, source: str) -> Article:
    parts = split_brief(unit.text)
    body_text = unit.text[parts.body_start :]
    body = paragraph_of(body_text, unit.start + parts.body_start, unit.end)
    title = trim_title(parts.dek) if parts.dek else infer_title(body_text)
    return Article(
        id=make_article_id(unit.text),
        source=source,
        span=span_of(unit.start, unit.end),
        kind=ArticleKind.BRIEF,
        title=title,
        title_inferred=True,
        paragraphs=(body,),
        kicker=parts.kicker,
        dek=parts.dek,
        truncated=True,
    )


def _read_article(
    units: Sequence[Unit], source: str, line_layout: bool, confidence: float = 1.0
) -> list[Article]:
    """One article (and the briefs glued after it) from its units; ``confidence`` is how
    sure the split before it is."""
    title: str | None = None
    index = 0
    if len(units) > 1 and (_is_title(units[0]) or _is_dated_title(units, 0)):
        title = units[0].text
        index = 1
    date: str | None = None
    if index < len(units) and units[index].date is not None:
        date = units[index].date
        index += 1
    rest = list(units[index:])

    # Trailing sections (Sources, External links...): kept with the related links.
    sections = section_start(rest)
    section = rest[sections:]
    rest = rest[:sections]
    # Trailing furniture: related teasers, promos and credits after the story.
    end = len(rest)
    while end > 0 and (
        is_related(rest[end - 1].text)
        or is_promo(rest[end - 1].text)
        or is_caption(rest[end - 1].text)
    ):
        end -= 1
    furniture = rest[end:]
    # Trailing briefs, just before the furniture.
    brief_start = end
    if line_layout:
        while brief_start > 0 and is_brief_line(rest[brief_start - 1].text):
            brief_start -= 1
        if brief_start == 0 and title is not None and end > 0:
            brief_start = 1  # a titled story keeps its first paragraph
    briefs = rest[brief_start:end]

    body: list[Paragraph] = []
    captions: list[Paragraph] = []
    boilerplate: list[Paragraph] = []
    related: list[Paragraph] = []
    for unit in rest[:brief_start]:
        text = unit.text
        # Furniture lines are short: most paragraphs skip the checks at once.
        if len(text) <= _SHORT and is_caption(text):
            captions.append(_paragraph(unit, ParagraphRole.CAPTION))
        elif len(text) <= _SHORT and is_promo(text):
            boilerplate.append(_paragraph(unit, ParagraphRole.BOILERPLATE))
        else:
            body.append(paragraph_of(text, unit.start, unit.end))
    for unit in furniture:
        if is_related(unit.text):
            related.append(_paragraph(unit, ParagraphRole.RELATED))
        elif is_promo(unit.text):
            boilerplate.append(_paragraph(unit, ParagraphRole.BOILERPLATE))
        else:
            captions.append(_paragraph(unit, ParagraphRole.CAPTION))
    related.extend(_paragraph(unit, ParagraphRole.RELATED) for unit in section)
    furniture = [*furniture, *section]

    articles: list[Article] = []
    # The story's own units: everything but the briefs glued into it.
    own = [*units[: index + brief_start], *furniture]
    if body or title is not None or furniture or not briefs:
        if title is None:
            lede = next((p.text for p in body if not is_byline(p.text)), None)
            source_text = lede or (body[0].text if body else own[0].text)
            story_title, inferred = infer_title(source_text), True
        else:
            story_title, inferred = title, False
        articles.append(
            Article(
                id=make_article_id(" ".join([u.text for u in own])),  # same id as "\n"
                source=source,
                span=span_of(own[0].start, own[-1].end),
                kind=ArticleKind.STORY,
                title=story_title,
                title_inferred=inferred,
                paragraphs=tuple(body),
                date=date,
                captions=tuple(captions),
                related=tuple(related),
                boilerplate=tuple(boilerplate),
                confidence=confidence,
            )
        )
    for unit in briefs:
        brief = _brief(unit, source)
        if not articles:  # the split before this unit is the brief's own
            brief = replace(brief, confidence=confidence)
        articles.append(brief)
    return articles


def read_dump(text: str, source: str) -> list[Article]:
    """Split decoded, cleaned ``text`` into articles whose spans index into ``text``."""
    with gc_paused():
        return _read_dump(text, source)


def _read_dump(text: str, source: str) -> list[Article]:
    units, line_layout = split_units(text)
    starts = _article_starts(units)
    articles: list[Article] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(units)
        segment = units[start:end]
        if len(segment) > 1 and (_is_title(segment[0]) or _is_dated_title(segment, 0)):
            # A title line says where its article starts: the file marks stories so.
            articles.extend(_read_article(segment, source, line_layout))
            continue
        pieces = [(0, 1.0), *find_story_starts(segment)]
        for m, (piece_start, confidence) in enumerate(pieces):
            piece_end = pieces[m + 1][0] if m + 1 < len(pieces) else len(segment)
            piece = segment[piece_start:piece_end]
            articles.extend(_read_article(piece, source, line_layout, confidence))
    articles.sort(key=lambda a: a.span.start)
    return articles

"""Property tests over the parsers (issue 15, "Keep it that way"): whatever the input,
no exception escapes but the documented one, every offset finds its text again
(``text[start:end]`` is what was reported), and the same input gives the same output."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from tui.errors import InputError
from tui.extract.entities import find_entities
from tui.extract.pipeline import parse_document
from tui.extract.quotes import find_quotes
from tui.ingest.decode import clean_text, decode_bytes
from tui.ingest.dump import read_dump
from tui.model import Span
from tui.search.query import QueryError, parse_query

from .strategies import line_paragraphs, news_text, queries, yaml_text

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "big5", "shift_jis", "latin-1"]


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


raw_inputs = st.one_of(
    st.binary(max_size=600),
    st.builds(_encoded, news_text, st.sampled_from(ENCODINGS)),
)


@given(raw_inputs)
def test_decoder_gives_clean_text_or_one_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert "\r" not in text and "\x1b" not in text
    assert all(ch in "\n\t" or ch >= " " for ch in text if ord(ch) < 0x20)
    assert decode_bytes(data, "fuzz.txt") == text


def _check_span(text: str, span: Span, reported: str | None = None) -> None:
    assert 0 <= span.start <= span.end <= len(text)
    if reported is not None:
        assert text[span.start : span.end] == reported


@given(news_text)
def test_dump_reader_spans_find_their_text(raw: str) -> None:
    text = clean_text(raw)
    articles = read_dump(text, "fuzz.txt")
    for article in articles:
        _check_span(text, article.span)
        for paragraph in (*article.paragraphs, *article.captions, *article.related):
            _check_span(text, paragraph.span, paragraph.text)
    assert read_dump(text, "fuzz.txt") == articles


@given(news_text)
def test_entity_extractor_mentions_are_inside_the_text(raw: str) -> None:
    text = clean_text(raw)
    paragraphs = line_paragraphs(text)
    entities = find_entities(text, paragraphs)
    for entity in entities:
        assert entity.name
        for mention in entity.mentions:
            _check_span(text, mention)
            assert text[mention.start : mention.end].strip()
    assert find_entities(text, paragraphs) == entities


@given(news_text)
def test_quote_extractor_spans_find_their_text(raw: str) -> None:
    text = clean_text(raw)
    paragraphs = line_paragraphs(text)
    entities = find_entities(text, paragraphs)
    quotes = find_quotes(text, paragraphs, entities)
    for quote in quotes:
        _check_span(text, quote.span, quote.text)
        if quote.speaker_span is not None:
            _check_span(text, quote.speaker_span)
        assert 0.0 <= quote.confidence <= 1.0
    assert find_quotes(text, paragraphs, entities) == quotes


@given(news_text)
def test_whole_pipeline_is_deterministic_with_valid_offsets(raw: str) -> None:
    text = clean_text(raw)
    articles = parse_document(text, "fuzz.txt")
    for article in articles:
        for paragraph in article.paragraphs:
            _check_span(text, paragraph.span, paragraph.text)
        for quote in article.quotes:
            _check_span(text, quote.span, quote.text)
    assert parse_document(text, "fuzz.txt") == articles


@given(queries)
def test_query_parser_parses_or_points_at_the_fault(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as exc:
        assert 0 <= exc.position <= len(text)
        assert "\n" not in exc.message
        return
    assert parse_query(text) == query


@given(yaml_text)
@example("! |\n 0\n")  # a tagged block scalar once echoed its line break
def test_config_loader_reports_errors_never_raises(text: str) -> None:
    from tui.config.loader import load_config

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loaded = load_config(path, themes={})
        again = load_config(path, themes={})
    assert [str(e) for e in loaded.errors] == [str(e) for e in again.errors]
    for error in loaded.errors:
        assert "\n" not in str(error).strip()

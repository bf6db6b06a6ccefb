"""The story features each article keeps in the library (tui.store.story_features)."""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from array import array

import pytest

from tui.extract.pipeline import parse_document
from tui.extract.stories import FEATURES_VERSION, LEDE_CHARS, StoryFeatures, article_features
from tui.model import Article, ArticleKind, Paragraph
from tui.store import story_features

from .conftest import SAMPLES


def _sample_features() -> list[StoryFeatures]:
    out = []
    for file in sorted(SAMPLES.glob("*.txt")):
        text = file.read_text(encoding="utf-8")
        out.extend(article_features(a) for a in parse_document(text, file.name))
    return out


def test_packed_features_read_back_as_they_were() -> None:
    for features in _sample_features():
        assert story_features.unpack(story_features.pack(features)) == features


def test_an_undated_article_takes_the_day_it_was_added() -> None:
    features = StoryFeatures(None, (("tidal", 3),), (7,))
    assert story_features.unpack(story_features.pack(features), 20_000).day == 20_000
    dated = StoryFeatures(19_000, (("tidal", 3),))
    assert story_features.unpack(story_features.pack(dated), 20_000).day == 19_000


def test_what_the_compact_form_cannot_hold_is_kept_as_json() -> None:
    odd = StoryFeatures(5, (("@two\nlines", 1), ("#big", 2**40)), (1, 2))
    assert story_features.unpack(story_features.pack(odd)) == odd


def test_lede_phrases_are_kept_and_features_packed_before_them_still_read() -> None:
    """An import's waiting features (``story_pending``) outlive a version change: the
    packed form from before lede phrases reads back with none."""
    features = StoryFeatures(3, (("tidal", 2),), (7,), (11, 12))
    assert story_features.unpack(story_features.pack(features)) == features
    # marker 1, then day, terms, quote hashes, counts, quotes, terms (no phrases)
    raw = struct.pack("<iII", 3, 1, 1) + array("I", [2, 7]).tobytes() + b"tidal"
    old = b"\x01" + zlib.compress(raw, 1)
    assert story_features.unpack(old) == StoryFeatures(3, (("tidal", 2),), (7,))
    odd = StoryFeatures(5, (("@two\nlines", 1),), (1,), (4,))
    assert story_features.unpack(story_features.pack(odd)) == odd


def test_features_kept_before_the_compact_form_still_read() -> None:
    features = StoryFeatures(3, (("ren", 2), ("zhengfei", 1)), (99,))
    blob = zlib.compress(json.dumps([3, features.counts, features.quotes]).encode(), 1)
    assert story_features.unpack(blob) == features


def test_the_features_version_pins_what_the_terms_are() -> None:
    """Kept features are read instead of the articles: when the way terms are read
    changes, FEATURES_VERSION must change too (kept ones are then worked out again).
    If this fails: raise FEATURES_VERSION and put the new digest here."""
    digest = hashlib.sha256(
        json.dumps([(f.day, f.counts, f.quotes, f.phrases) for f in _sample_features()]).encode()
    ).hexdigest()[:16]
    assert (FEATURES_VERSION, digest) == (7, DIGEST)


DIGEST = "9ac40fc0de95c944"


def test_another_version_is_dropped_and_waiting_features_are_kept(tmp_path) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    conn.execute("CREATE TABLE story_features_v0(article_id TEXT PRIMARY KEY, features BLOB)")
    conn.execute("CREATE TABLE story_pending(article_id TEXT PRIMARY KEY, features BLOB)")
    conn.execute("INSERT INTO story_pending VALUES ('a', x'01')")
    story_features.ensure(conn)
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {story_features.TABLE}
    assert story_features.read(conn, ["a", "b"]) == {"a": b"\x01"}


def test_a_one_paragraph_article_counts_only_its_first_sentences_twice() -> None:
    """A file on one line is one paragraph: its lede is its first few sentences, not its
    whole text read a second time (that doubled the cost of a megabyte line)."""
    body = "Harbour turbines spin. " * 50 + "Lighthouse keepers rest. " * 20_000
    article = Article(
        id="a",
        source="one-line.txt",
        span=(0, len(body)),
        kind=ArticleKind.STORY,
        title="",
        title_inferred=False,
        paragraphs=(Paragraph(body, (0, len(body))),),
    )
    counts = dict(article_features(article).counts)
    assert counts["turbines"] == 100  # all in the lede: counted twice
    assert counts["lighthouse"] < 20_000 + LEDE_CHARS // 10


def test_the_quote_sketch_of_thousands_of_quotes_is_their_smallest_shingles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file of tens of thousands of quotes keeps its shingle sketch as it hashes them
    (never every shingle in one set): the sketch is still the smallest of them all."""
    from tui.extract import stories
    from tui.model import Quote, QuoteKind, Span

    quotes = tuple(
        Quote(
            text=f"we will build harbour number {n} and lighthouse {n * 7} before winter",
            span=Span(n * 100, n * 100 + 70),
            speaker=f"Speaker{n % 50}",
            speaker_span=None,
            cue=None,
            kind=QuoteKind.DIRECT,
            confidence=1.0,
        )
        for n in range(3000)
    )
    article = Article(
        id="a",
        source="quotes.txt",
        span=Span(0, 300_000),
        kind=ArticleKind.STORY,
        title="",
        title_inferred=False,
        paragraphs=(),
        quotes=quotes,
    )
    bounded = article_features(article).quotes
    monkeypatch.setattr(stories, "_SHINGLES_HELD", 10**9)  # every shingle in one set
    assert bounded == article_features(article).quotes
    assert len(bounded) == stories.QUOTE_SKETCH


def test_a_megabyte_line_is_read_for_features_without_a_copy_of_its_text() -> None:
    """A file on one line is one paragraph of megabytes: its words are counted a piece
    at a time, never with all its pieces (a copy of the whole text) held at once (issue
    17: a 20 MB line imported in <= 200 MB)."""
    import sys
    import tracemalloc

    from tui.extract.stories import article_features
    from tui.ingest.dump import read_dump

    line = " ".join(f"Harbour{n % 997} ferries “run” {n % 991} times" for n in range(60_000))
    (article,) = read_dump(line + "\n", "line.txt")
    assert len(article.paragraphs[0].text) > 1_000_000
    tracemalloc.start()
    try:
        features = article_features(article)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert features.counts
    assert peak < sys.getsizeof(line) / 2

"""A megabyte article's search document is made a window at a time (issue 17: a 20 MB
line imported in bounded memory), and finds and locates what the whole one did."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

import tui.extract.pipeline as pipeline
import tui.extract.windows as windows
import tui.store.split as split
from tui.extract.pipeline import parse_document, with_reported
from tui.extract.quotes import find_reported
from tui.model import Article, Entity, Paragraph, Quote
from tui.search import engine, run_query
from tui.search.context import Unit
from tui.search.follow import indexing
from tui.search.index import SearchIndex, document_fields, prepared_document, unpack_units
from tui.search.streamed import StreamedDocument
from tui.store import Library

WINDOW = 2000


def _word(n: int) -> str:
    """A word of letters of its own for each ``n`` (``kab``, ``kac``...)."""
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters += chr(97 + r)
        if not n:
            return "k" + letters + "q"


#: One line of unique words with no sentence end (windows are cut at a space), quotes
#: and reported speech through it, and the words of a window's edge found below.
_SPEECH = 'Ines Soranmi said that the harbour would reopen, and "the ferry will run," she said. '
LINE = (
    " ".join(_word(n) + (" " + _SPEECH if n % 40 == 39 else "") for n in range(1, 2400))
    + " the pier closed"
)


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windows, "WINDOW", WINDOW)


def _article() -> tuple[str, Article]:
    text = LINE + "\n"
    (article,) = parse_document(text, "line.txt")
    return text, article


def _units(fields: dict[str, Any]) -> list[Unit]:
    return unpack_units(fields["layout"], fields["text"].decode())


def test_a_big_article_is_one_document_a_window_with_the_whole_documents_units(
    small_windows: None,
) -> None:
    """A document a window (the last the article's own): between them the quotes of the
    document made whole, unit for unit; their body units the article's text at their
    spans; the speakers, aliases and flags of the whole on the last."""
    text, article = _article()
    made = prepared_document(article, text)
    assert isinstance(made, StreamedDocument)
    assert pickle.loads(pickle.dumps(made)) is None  # a worker's: made again where written
    parts = list(made.parts())
    whole = document_fields(with_reported(article, text), text)
    assert len(parts) > 5  # several windows
    assert [p["kind"] for p in parts] == [engine.PART] * (len(parts) - 1) + [engine.ARTICLE]
    for fields in parts:
        assert fields["split"] == engine.SPLIT
        for name in ("key", "date", "title", "source"):
            assert fields[name] == whole[name], name
    head = parts[-1]
    for name in ("flags", "speakers", "src", "heading"):
        assert head[name] == whole[name], name
    assert sorted(head["alias"]) == sorted(whole["alias"])
    quotes = [u for fields in parts for u in _units(fields) if u[0] == "q"]
    assert quotes == [u for u in _units(whole) if u[0] == "q"]
    covered = 0
    for fields in parts:
        body = [u for u in _units(fields) if u[0] == "p"]
        assert body[0][1] <= covered  # no text left out between windows
        for _kind, start, end, unit_text, _speaker in body:
            assert text[start:end] == unit_text
            covered = max(covered, end)
    assert covered == len(LINE)
    words = {w for fields in parts for value in fields["all"] for w in value.split()}
    assert words == set(whole["all"].split())


def test_reported_speech_is_found_as_the_document_is_written(
    small_windows: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Making a big article's document finds none of its reported speech; writing it
    finds it a window at a time (never the article's every reported quote at once)."""
    text, article = _article()
    calls: list[int] = []

    def finding(text: str, part: list[Paragraph], entities: list[Entity]) -> tuple[Quote, ...]:
        calls.append(sum(len(p.text) for p in part))
        return find_reported(text, part, entities)

    monkeypatch.setattr(pipeline, "find_reported", finding)
    made = prepared_document(article, text)
    assert calls == [] and isinstance(made, StreamedDocument)
    index = SearchIndex(tmp_path / "index")
    with engine.writing(index.index) as writer:
        made.write(writer, 1)
    assert len(calls) > 5 and max(calls) <= WINDOW


def test_a_phrase_across_a_window_edge_is_found_and_hits_hold(
    small_windows: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Imported as a one-line file: a phrase whose words are either side of a window's
    edge is found, and every hit's context and highlights are the text at their spans."""
    monkeypatch.setattr(split, "SPLIT_BYTES", 1000)  # read a part at a time, here
    text, article = _article()
    parts = list(windows.windows(article.paragraphs))
    last, first = parts[0][-1].text.split()[-1], parts[1][0].text.split()[0]
    line = tmp_path / "line.txt"
    line.write_text(text, encoding="utf-8")
    with Library.open(tmp_path / "lib.db") as lib:
        with indexing(lib):
            report = lib.import_paths([str(line)], jobs=1)
        assert report.added == 1 and not report.errors
        for query in (f'"{last} {first}"', '"pier closed"', "kbq", 'quote:"ferry will run"'):
            hits = run_query(lib, query)
            assert len(hits) == 1, query
            hit = hits[0]
            assert hit.context_span is not None
            assert text[hit.context_span.start : hit.context_span.end] == hit.context
            words = [text[span.start : span.end] for span in hit.highlights]
            assert words and all(w.replace(" ", "").isalpha() for w in words), query
            for span in hit.highlights:  # whole words at their offsets
                assert not text[span.start - 1].isalnum() and not text[span.end].isalnum()
        hits = run_query(lib, f'"{last} {first}"')
        assert f"{last} {first}" in " ".join(text[s.start : s.end] for s in hits[0].highlights)


def test_only_the_names_of_speakers_an_entity_goes_by_are_kept_for_the_aliases(
    small_windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last document's aliases need the speakers some entity goes by, and of them
    only their names: no quote (a 20 MB line's thousands of speakers, one quote each,
    were 8 MB kept to the end), and the aliases are those of the whole article's."""
    import tui.search.streamed as streamed
    from tui.search.aliases import alias_terms, entities_by_form

    mayor = " The mayor said that the port would stay shut for a week. "
    ren = " Ren Zhengfei (任正非) said that the ferry would run. "
    line = " ".join(_word(n) + (mayor if n % 40 == 19 else "") for n in range(1, 1200))
    text = LINE + mayor + ren + line + "\n"
    (article,) = parse_document(text, "line.txt")
    article = with_reported(article, text)  # a speaker no entity goes by among them
    forms = entities_by_form(article)
    assert any(q.speaker and q.speaker not in forms for q in article.quotes)
    heard: list[Any] = []
    terms = streamed.alias_terms

    def noting(*args: Any, **kwargs: Any) -> list[str]:
        heard.append(kwargs.get("speakers"))
        return terms(*args, **kwargs)

    monkeypatch.setattr(streamed, "alias_terms", noting)
    made = prepared_document(article, text)
    assert isinstance(made, StreamedDocument)
    *_parts, last = made.parts()
    (speakers,) = heard
    assert speakers and all(isinstance(s, str) and s in forms for s in speakers)
    assert last["alias"] == alias_terms(article) == ["任 正 非\x1fRen Zhengfei"]


def test_the_streamed_document_holds_no_entity_mentions(small_windows: None) -> None:
    """The index reads an entity's names, never its mentions: a megabyte article's
    streamed document holds its entities without them (a 20 MB line's 134,000 spans
    held through the indexing), and makes the same documents as with them."""
    text, article = _article()
    article = with_reported(article, text)
    assert any(e.mentions for e in article.entities)
    made = prepared_document(article, text)
    assert isinstance(made, StreamedDocument)
    held = made.article
    assert held is not None
    assert [(e.name, e.kind, e.aliases, e.role) for e in held.entities] == [
        (e.name, e.kind, e.aliases, e.role) for e in article.entities
    ]
    assert not any(e.mentions for e in held.entities)
    assert list(made.parts()) == list(StreamedDocument(article, text).parts())


def test_a_hit_in_a_long_unit_shows_a_bounded_window_around_its_match(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A window's piece of a one-line article (here 8,000 characters; 110,000 at the
    real window) is not a hit's context: at most ``CONTEXT_CHARS`` around the match,
    whole words, still the source text at its span."""
    from tui.search.context import CONTEXT_CHARS

    monkeypatch.setattr(windows, "WINDOW", 8000)
    text = LINE + "\n"
    line = tmp_path / "line.txt"
    line.write_text(text, encoding="utf-8")
    with Library.open(tmp_path / "lib.db") as lib:
        with indexing(lib):
            lib.import_paths([str(line)], jobs=1)
        for word in (_word(3), _word(1200), "pier"):
            (hit,) = run_query(lib, word)
            span = hit.context_span
            assert span is not None and text[span.start : span.end] == hit.context
            assert 0 < len(hit.context) <= CONTEXT_CHARS, word
            first = hit.highlights[0]
            assert span.start <= first.start and first.end <= span.end
            assert text[first.start : first.end] == word
            for edge in (span.start - 1, span.end):  # cut between words
                assert edge < 0 or edge >= len(text) or not text[edge].isalnum(), word

"""Quotation marks of other typographies: «…», „…“, »…«, ‚…‘, ‹…› (tui.extract.foreign_marks)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.extract.foreign_marks import english_marks, has_foreign_marks
from tui.extract.quotes import CONFIDENCE_THRESHOLD, find_all_quotes, find_quotes
from tui.model import QuoteKind

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_quotes_rules import _paragraphs


def _shown(text: str, indirect: bool = False) -> list:
    finder = find_all_quotes if indirect else find_quotes
    found = finder(text, _paragraphs(text), ())
    for quote in found:
        assert quote.span.of(text) == quote.text  # offsets index the text as written
    return [q for q in found if q.confidence >= CONFIDENCE_THRESHOLD]


@pytest.mark.parametrize(
    ("written", "english"),
    [
        ("«Nous allons gagner», a dit", "“Nous allons gagner”, a dit"),
        ("« We will win », he said", "“ We will win ”, he said"),
        ("„Wir schaffen das“, sagte sie", "“Wir schaffen das”, sagte sie"),
        ("„Nie damy się”, said Tusk", "“Nie damy się”, said Tusk"),
        ("»Vi kommer igen«, sagde han", "“Vi kommer igen”, sagde han"),
        ("‚Ja‘, sagte er", "‘Ja’, sagte er"),
        ("‹Oui›, dit-il", "‘Oui’, dit-il"),
        ("«Il a dit ‹non› hier», dit-elle", "“Il a dit ‘non’ hier”, dit-elle"),
    ],
)
def test_each_typography_reads_as_english_marks(written: str, english: str) -> None:
    assert english_marks(written) == english


@pytest.mark.parametrize(
    "text",
    [
        "Home » News » World",  # a breadcrumb
        "Read the whole story »",
        "He lost 5‚000 votes",  # `‚` as a comma
        "Huawei‚s new phone",
        "»Weiter lesen",  # no `«` hugging a word after it
    ],
)
def test_marks_that_quote_nothing_are_left_alone(text: str) -> None:
    assert english_marks(text) == text


def test_each_line_decides_which_way_its_guillemets_point() -> None:
    text = "«Oui», dit-il.\n»Ja«, sagde hun."
    assert english_marks(text) == "“Oui”, dit-il.\n“Ja”, sagde hun."


def test_has_foreign_marks_reads_only_its_range() -> None:
    text = "plain words «quoted»"
    assert has_foreign_marks(text, 0, len(text))
    assert not has_foreign_marks(text, 0, 11)


def test_guillemet_quotes_keep_their_offsets_and_speakers() -> None:
    text = (
        "Minister Jean Dupont spoke in Paris on Monday.\n"
        "« We will not give up », said Jean Dupont.\n"
        "Ana Kovač said: «The bridge opens in May.»"
    )
    quotes = _shown(text)
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("« We will not give up »", "Jean Dupont", QuoteKind.DIRECT),
        ("«The bridge opens in May.»", "Ana Kovač", QuoteKind.DIRECT),
    ]
    assert text[quotes[0].span.start] == "«" and text[quotes[0].span.end - 1] == "»"


def test_low_and_reversed_marks_are_quotations_with_speakers() -> None:
    text = (
        "Donald Tusk spoke in Warsaw.\n"
        "„We will not be divided,” Tusk said on Friday.\n"
        "„It is a good day“, said Angela Merkel.\n"
        "»We are coming back«, Lars Hansen said."
    )
    quotes = _shown(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("„We will not be divided,”", "Donald Tusk"),
        ("„It is a good day“", "Angela Merkel"),
        ("»We are coming back«", "Lars Hansen"),
    ]


def test_a_guillemet_quotation_runs_on_into_the_next_paragraph() -> None:
    text = "«The first part of it\n«and the rest,» said Jean Dupont."
    quotes = _shown(text)
    assert [(q.text, q.speaker) for q in quotes] == [(text[: text.index("»") + 1], "Jean Dupont")]


def test_reported_speech_and_guillemets_in_one_reading() -> None:
    text = "Jean Dupont said the government would pass the plan next week. «Yes», said Ana Kovač."
    quotes = _shown(text, indirect=True)
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        (QuoteKind.INDIRECT, "the government would pass the plan next week", "Jean Dupont"),
        (QuoteKind.DIRECT, "«Yes»", "Ana Kovač"),
    ]

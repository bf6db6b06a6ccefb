"""Interview turns become quotes of the tagged speaker (kind ``interview``)."""

from __future__ import annotations

from dataclasses import replace

from tui.extract.interview_turns import asks_questions, interview_turns
from tui.extract.pipeline import parse_document
from tui.model import QuoteKind

INTERVIEW = """Wikinews interviews a harbour engineer

The harbour authority of Valmora said on Monday that a new container terminal would open.

((Wikinews)) Why did the authority choose the eastern quay?

((Ines Brandt)) Because the water there is deep enough for the largest ships.

((WN)) And what happens to the old cranes?

IB: They will be moved east and tested there for two months.
"""


def test_turns_are_quotes_of_their_speakers() -> None:
    [article] = parse_document(INTERVIEW, "interview.txt")
    turns = [q for q in article.quotes if q.kind == QuoteKind.INTERVIEW]
    assert [q.speaker for q in turns] == ["Wikinews", "Ines Brandt", "Wikinews", "Ines Brandt"]
    assert turns[1].text == "Because the water there is deep enough for the largest ships."
    for quote in turns:
        assert INTERVIEW[quote.span.start : quote.span.end] == quote.text
        assert quote.speaker_span is not None
    assert INTERVIEW[turns[3].speaker_span.start : turns[3].speaker_span.end] == "IB"


def test_one_labelled_line_is_no_interview() -> None:
    text = "Quay opens\n\nThe quay opened on Monday after two years of work.\n\nNote: it is new.\n"
    [article] = parse_document(text, "note.txt")
    assert interview_turns(article.paragraphs) == ()


def test_a_credit_line_is_no_turn() -> None:
    """`Contributing: NAME` at the foot of a story credits a reporter: nobody speaks."""
    text = INTERVIEW + "\nContributing: Mara Quill.\n"
    [article] = parse_document(text, "interview.txt")
    turns = [q for q in article.quotes if q.kind == QuoteKind.INTERVIEW]
    assert "Contributing" not in {q.speaker for q in turns}
    assert len(turns) == 4


def test_a_caption_credit_is_no_turn() -> None:
    """``Trafalgar Square. Image: NAME`` under a picture credits it: nobody speaks."""
    text = INTERVIEW + "\nHarbour Square. Image: Mara Quill.\n"
    [article] = parse_document(text, "interview.txt")
    turns = [q for q in article.quotes if q.kind == QuoteKind.INTERVIEW]
    assert [q.speaker for q in turns] == ["Wikinews", "Ines Brandt", "Wikinews", "Ines Brandt"]


def test_an_interviewers_questions_are_told_apart() -> None:
    [article] = parse_document(INTERVIEW, "interview.txt")
    turns = [q for q in article.quotes if q.kind == QuoteKind.INTERVIEW]
    assert asks_questions([q for q in turns if q.speaker == "Wikinews"])
    assert not asks_questions([q for q in turns if q.speaker == "Ines Brandt"])
    assert not asks_questions([])
    wikinews = [q for q in turns if q.speaker == "Wikinews"]
    reported = replace(wikinews[0], kind=QuoteKind.INDIRECT, text="the quay was chosen")
    assert asks_questions([*wikinews, *wikinews, reported])  # mostly questions
    assert not asks_questions([wikinews[0], reported, reported])

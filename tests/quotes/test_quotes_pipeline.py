"""What the rest of the reader sees: parse_document keeps only speech unless asked."""

from tui.extract.pipeline import parse_document
from tui.extract.quotes import CONFIDENCE_THRESHOLD

TEXT = (
    "Harbour plan approved\n\n"
    "The council approved the harbour plan on Monday after a long debate.\n\n"
    "“This is a good day for the town,” said mayor Ilse Brandt after the vote.\n\n"
    "The port was put on the so-called “watch list” in May. The festival opened with "
    "the documentary “The Long Night” on Saturday.\n"
)


def test_articles_hold_only_speech_by_default() -> None:
    (article,) = parse_document(TEXT, "harbour.txt")
    assert [(q.text, q.speaker) for q in article.quotes] == [
        ("“This is a good day for the town,”", "Ilse Brandt")
    ]


def test_all_quotes_keeps_scare_quotes_with_low_confidence() -> None:
    (article,) = parse_document(TEXT, "harbour.txt", all_quotes=True)
    low = [q for q in article.quotes if q.confidence < CONFIDENCE_THRESHOLD]
    assert [q.text for q in low] == ["“watch list”", "“The Long Night”"]
    assert all(q.speaker is None for q in low)


REPORTED = (
    "Ferry fares to rise\n\n"
    "Lena Holm said the company would raise fares by four percent in June.\n\n"
    "“Fuel has never cost more,” she said. The union said the rise was unfair to "
    "islanders who have no other way to the mainland.\n\n"
    "“We will fight it,” Holm's deputy Jonas Ekberg told the Harbour Gazette.\n"
)


def test_reported_speech_is_found_only_when_asked_and_the_same_either_way() -> None:
    """Parsing leaves reported speech for the places that show quotes; asking for it
    at parse time or afterwards gives the same quotes, and the quotations do not change."""
    from tui.extract.pipeline import with_reported
    from tui.model import QuoteKind

    (plain,) = parse_document(REPORTED, "fares.txt")
    (full,) = parse_document(REPORTED, "fares.txt", reported=True)
    assert all(q.kind is not QuoteKind.INDIRECT for q in plain.quotes)
    indirect = [q for q in full.quotes if q.kind is QuoteKind.INDIRECT]
    assert [q.speaker for q in indirect] == ["Lena Holm", "The union"]
    assert [q for q in full.quotes if q.kind is not QuoteKind.INDIRECT] == list(plain.quotes)
    assert with_reported(plain, REPORTED) == full
    assert with_reported(full, REPORTED) is full  # already holds it: as it is

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

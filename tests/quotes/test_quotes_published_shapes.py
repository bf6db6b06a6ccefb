"""Issue 13's third round: shapes of published news the rules missed, each on sentences
written for the test (never PolNeAR text): speakers after the quote that are long or
plain, verbs and phrases of speech, marks typed wrongly or nested."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.extract.entities import find_entities
from tui.model import QuoteKind

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_quotes_rules import _paragraphs, quotes_of

OPENING = "The harbour council met on Monday to discuss the pier.\n"


def _entities(text: str):
    return find_entities(text, _paragraphs(text))


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        # an inverted speaker phrase ended by a relative clause or `who`
        (
            '"The money is there," said a harbour strategist who spoke on condition of '
            "anonymity to speak freely about the vote.",
            "a harbour strategist",
            "said",
        ),
        (
            '"We were told lies," said one owner of a shop that sells nets who declined '
            "to be named.",
            "one owner of a shop",
            "said",
        ),
        # a party tag between commas is not the speaker
        ('"The ferry will run again," Senator Tomas Reyes, R-Ohio, said.', "Tomas Reyes", "said"),
        # a possessive opens the speaker's phrase
        ('"The ferry will run again," Lind’s office said in a statement.', "Lind’s office", "said"),
        # a bare plural, adjectives between commas
        (
            '"The harm is beyond measure," federal prosecutors wrote.',
            "federal prosecutors",
            "wrote",
        ),
        (
            '"From day one, the pier came first," the bespectacled, 71-year-old engineer said.',
            "the bespectacled, 71-year-old engineer",
            "said",
        ),
        # a role holding a place keeps it: the authority of Valmora, not Valmora
        (
            '"The ferry will run again," the harbour authority of Valmora said.',
            "the harbour authority of Valmora",
            "said",
        ),
        # verbs and phrases of speech
        ('"The pier is safe," Dana Whitfield assured the crowd.', "Dana Whitfield", "assured"),
        ('"Let me help you out," the harbour master riffed.', "the harbour master", "riffed"),
        ('"Hey, hey! Ho, ho! The fees have got to go!" some protesters chanted.', None, "chanted"),
        ('"That was only the start," Dana Whitfield went on.', "Dana Whitfield", "went on"),
    ],
)
def test_the_speaker_after_the_quote(sentence: str, speaker: str | None, cue: str) -> None:
    (quote,) = quotes_of(OPENING + sentence)
    assert quote.cue == cue
    if speaker is not None:
        assert quote.speaker == speaker
    else:
        assert quote.speaker is not None


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        (
            'After the mayor criticised the plan, Lind shot back, "I suppose I could have '
            'built a bigger pier."',
            "Lind",
            "shot back",
        ),
        ('As the Valmora Herald put it, "The pier is the heart."', "Valmora Herald", "put it"),
        (
            'The vote was so late that a spokesman for the mayor could only quip: "I guess '
            'the holidays were booked."',
            "a spokesman for the mayor",
            "quip",
        ),
    ],
)
def test_the_cue_before_the_quote(sentence: str, speaker: str, cue: str) -> None:
    (quote,) = quotes_of(OPENING + sentence)
    assert (quote.speaker, quote.cue, quote.kind) == (speaker, cue, QuoteKind.DIRECT)


def test_said_in_a_statement_names_no_one() -> None:
    """``X, the harbour master, said in a statement. "…"``: the statement is no speaker
    (reported speech once read ``said in a statement`` as ``said Ren``)."""
    text = (
        OPENING + "Ken Oduya, the harbour master, said in a statement. "
        '"There are no boats to count. The ferry will run again."'
    )
    (quote,) = quotes_of(text, _entities(text))
    assert quote.speaker == "Ken Oduya"


def test_a_quotation_nested_in_a_curly_one_stays_inside_it() -> None:
    text = (
        OPENING + "Ada Lind wrote, “If you care about the pier, show it even when “your "
        "team” needs to be held to account. Otherwise nothing counts.” Her post spread."
    )
    (quote,) = quotes_of(text)
    assert quote.text.endswith("nothing counts.”")
    assert quote.text.count("“") == 2
    assert quote.speaker == "Ada Lind"


def test_a_right_mark_opening_a_paragraph_opens_a_quote() -> None:
    text = OPENING + "” … the ferry will not run again,” Dana Whitfield said in December."
    (quote,) = quotes_of(text)
    assert quote.text.startswith("” … the ferry")
    assert quote.speaker == "Dana Whitfield"


def test_a_stray_straight_mark_before_a_curly_one_swallows_nothing() -> None:
    text = (
        OPENING + '"“You don’t win the harbour by counting boats,” Lind responded before '
        "adding more."
    )
    (quote,) = quotes_of(text)
    assert quote.text == "“You don’t win the harbour by counting boats,”"
    assert (quote.speaker, quote.cue) == ("Lind", "responded")


@pytest.mark.parametrize(
    "sentence",
    [
        # words quoted inside running text after someone's quote name something
        '"It was shameful," said Lena Holm. She waited in an "extraordinarily long line '
        'snaking around" the town hall.',
        '"We will fix it," said Lena Holm, showing off the "Make the Pier Great" cap.',
        "“The pier is ours,” Lena Holm told NBC’s “Morning Harbour” on Monday.",  # as before
        # a title after the, of, with, including, called
        "“The pier is ours,” said Lena Holm, author of “The Long Pier,” a history.",
        "“The pier is ours,” said Lena Holm, in another interview with “The Harbour Hour,” on "
        "Monday.",
    ],
)
def test_a_title_or_term_in_running_text_is_not_a_quote(sentence: str) -> None:
    quotes = quotes_of(OPENING + sentence)
    assert all(q.text.count(" ") >= 2 or q.kind != QuoteKind.CONTINUATION for q in quotes)
    assert not [q for q in quotes if q.text[1:2].isupper() and q.text[-2:-1] != ","] or all(
        q.speaker is not None for q in quotes
    )
    spoken = {"“The pier is ours,”", '"It was shameful,"', '"We will fix it,"'}
    assert {q.text for q in quotes} <= spoken


def test_a_quoted_term_its_sentence_is_about_is_not_a_quote() -> None:
    text = (
        OPENING + '"We will not release the files," the harbour master said.\n'
        '"Top secret" is the highest level of the port’s classification.'
    )
    (quote,) = quotes_of(text)
    assert quote.text == '"We will not release the files,"'


def test_an_appositive_with_and_in_it_still_ends_at_the_cue() -> None:
    text = (
        OPENING + '"Working our way up will help me," Ann Dale, who works at a bait and '
        'tackle shop in Valmora, said on a call. "A gradual rise would also let me save."'
    )
    first, second = quotes_of(text)
    assert (first.speaker, first.cue) == ("Ann Dale", "said")
    assert (second.speaker, second.kind) == ("Ann Dale", QuoteKind.CONTINUATION)


def test_an_opening_adverb_is_not_the_one_issuing_a_statement() -> None:
    text = (
        OPENING + "Immediately after the storm, Dana Whitfield issued a statement, "
        '"Last night, our town was hit hard. The pier is gone."'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Dana Whitfield"


def test_two_titles_joined_by_and_before_the_name() -> None:
    text = (
        OPENING + '"We will rebuild," said former Ohio Gov. and Harbour Board Chairman Ed Palmer.'
    )
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.cue) == ("Ed Palmer", "said")

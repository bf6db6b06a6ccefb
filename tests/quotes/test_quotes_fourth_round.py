"""Issue 13's fourth round: news conventions train's misses showed, each on sentences
written for the test (never PolNeAR text)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.extract.entities import find_entities
from tui.model import QuoteKind

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_quotes_rules import _paragraphs, quotes_of

OPENING = "The harbour council met on Monday to discuss the pier.\n"


def _shown(text: str):
    return quotes_of(text, find_entities(text, _paragraphs(text)))


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("Mayor Lena Holm blasted the council for its “outrageous delays” in the repairs.", 0),
        ("Lena Holm thanked the divers for “stepping up when the council would not.”", 0),
        ("Lena Holm, for her part, is labeling the plan “a reckless waste of money.”", 0),
        ("Lena Holm welcomed “the news that the ferry will run all winter.”", 0),
    ],
)
def test_words_quoted_after_a_verb_that_judges_are_the_subjects(sentence: str, quoted: int) -> None:
    """``X blasted Y for its “…”``: verbs that praise, condemn or thank report the
    words quoted after them as the subject's (a partial quotation), as ``called`` does."""
    (quote,) = _shown(OPENING + sentence)
    assert (quote.speaker, quote.kind) == ("Lena Holm", QuoteKind.PARTIAL)


def test_a_title_after_a_judging_verb_stays_a_title() -> None:
    """``praised “The Long Pier,”``: a title in title case names a work, not words said."""
    assert _shown(OPENING + "Lena Holm praised “The Long Pier,” a film about the harbour.") == []


def test_a_quote_alone_in_its_paragraph_after_a_sentence_about_a_person() -> None:
    text = (
        OPENING + "Mayor Lena Holm praised the engineers after the storm and their skill.\n"
        "“We need someone who is going to cut through the noise and get it done.”"
    )
    (quote,) = _shown(text)
    assert quote.speaker == "Lena Holm"


def test_a_quote_that_only_ends_a_paragraph_is_not_taken_across() -> None:
    """Only a paragraph that is the quotation alone looks back to the paragraph before."""
    text = (
        OPENING + "Mayor Lena Holm praised the engineers after the storm and their skill.\n"
        "The ferry company took out an advert that read “We need someone who can steer.” "
        "It ran for a week."
    )
    assert all(q.speaker != "Lena Holm" for q in _shown(text))


def test_a_possessive_before_the_person_opening_the_previous_sentence() -> None:
    text = (
        OPENING + "Valmora State University's Dana Whitfield agreed. "
        '"The boats are running out of time to find a berth before the storm."'
    )
    (quote,) = _shown(text)
    assert quote.speaker == "Dana Whitfield"


@pytest.mark.parametrize("name", ["Kelly", "Reilly", "Holly"])
def test_a_one_word_speaker_ending_in_ly_before_a_colon(name: str) -> None:
    """``Kelly disagreed: "…"``: a name, not an adverb such as ``Frankly``."""
    (quote,) = _shown(OPENING + f'{name} disagreed with these findings: "The pier is not safe."')
    assert quote.speaker == name


def test_an_adverb_before_a_colon_is_still_no_speaker() -> None:
    assert _shown(OPENING + 'Frankly, the findings were wrong: "The pier is not safe."') == []


def test_a_title_word_as_a_surname() -> None:
    text = OPENING + "“We need more boats this winter,” Ana Pope, deputy harbour master, said."
    (quote,) = _shown(text)
    assert quote.speaker == "Ana Pope"


def test_a_title_quoted_inside_the_speakers_appositive() -> None:
    text = (
        OPENING + "“We had better meetings than this one,” Valmora delegate Bill Easton, "
        "wearing a cap and “Pier First” pins, said calmly."
    )
    (quote,) = _shown(text)
    assert quote.speaker == "Bill Easton"


@pytest.mark.parametrize(
    ("clause", "speaker"),
    [("From the report", "the report"), ("Quoting the Valmora Herald", "the Valmora Herald")],
)
def test_from_a_source_then_a_colon(clause: str, speaker: str) -> None:
    text = OPENING + f"{clause}: “In general, ports with more staff produced better results.”"
    (quote,) = _shown(text)
    assert quote.speaker == speaker


def test_from_then_a_colon_names_no_source() -> None:
    assert _shown(OPENING + "From then on, the rule was clear: “The money is not there.”") == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Lena Holm supports “a fair rent for every berth” and lower fees.", "Lena Holm"),
        ("Lena Holm offered “my thoughts and prayers for every family on the pier.”", "Lena Holm"),
        ("When Lena Holm used the words, “I am not quite there yet,” she meant it.", "Lena Holm"),
        ("Lena Holm has coined a new phrase, “harbour fatigue,” for it.", "Lena Holm"),
    ],
)
def test_more_verbs_and_phrases_before_a_partial_quote(sentence: str, speaker: str) -> None:
    quotes = _shown(OPENING + sentence)
    assert quotes and quotes[0].speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The pier stays because, in Forbes’ words, “it is the most lively place on the coast.”",
            "Forbes",
        ),
        ("Mayor Lena Holm’s “47 percent” comment was as dismissive as the rest.", "Lena Holm"),
    ],
)
def test_words_framed_as_someones_without_a_verb(sentence: str, speaker: str) -> None:
    (quote,) = _shown(OPENING + sentence)
    assert (quote.speaker, quote.kind) == (speaker, QuoteKind.PARTIAL)


def test_a_possessive_before_a_title_is_no_speaker() -> None:
    """Only a noun of speech after the quote frames it: ``Holm’s “Long Pier” film`` no."""
    assert _shown(OPENING + "Lena Holm’s “Long Pier” film opens in May.") == []


def test_a_crowds_chant_is_shown_without_a_speaker() -> None:
    (quote,) = _shown(
        OPENING + "Walking into the hall to chants of “Pier! Pier!,” the mayor smiled."
    )
    assert (quote.text, quote.speaker, quote.cue) == ("“Pier! Pier!,”", None, "chants")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "“The council needs a plan,” Nate Silva, the pollster who founded "
            "harbourpolls.com tweeted on Wednesday.",
            "Nate Silva",
        ),
        (
            "“Tritium makes the boats faster,” experts Dan Albin and Sara Keller of the "
            "Institute for Harbour Safety wrote in September.",
            "Sara Keller",
        ),
    ],
)
def test_a_long_subject_after_the_quote_is_read_to_its_named_head(
    sentence: str, speaker: str
) -> None:
    (quote,) = _shown(OPENING + sentence)
    assert (quote.speaker, quote.kind) == (speaker, QuoteKind.DIRECT)


def test_a_name_further_into_the_words_after_a_quote_is_not_its_head() -> None:
    """``“mistake” in the check for Dan Roe, Holm has said``: Holm, not Dan Roe."""
    text = (
        OPENING + "Mayor Lena Holm spoke first.\n"
        "The office made a “mistake” in the check for boatman Dan Roe, Holm has said."
    )
    (quote,) = _shown(text)
    assert quote.speaker == "Lena Holm"


def test_a_digests_excerpt_takes_the_outlet_in_brackets() -> None:
    text = (
        OPENING + "HOW THE PIER WAS SAVED “The council found the money in a week, and the "
        "divers did the rest of the work for free.” [Valmora Herald.]"
    )
    (quote,) = _shown(text)
    assert quote.speaker == "Valmora Herald"


def test_it_now_says() -> None:
    (quote,) = _shown(OPENING + '"This is your pier," it now says, beside a photo of the divers.')
    assert quote.cue == "says"


def test_a_straight_mark_opens_after_a_full_stop_with_no_space() -> None:
    text = (
        OPENING + '"It was all lies," said one owner of a shop who declined to be named.'
        '"We were deceived into coming here."'
    )
    quotes = _shown(text)
    assert [q.text for q in quotes] == [
        '"It was all lies,"',
        '"We were deceived into coming here."',
    ]
    assert quotes[1].speaker == "one owner of a shop"


def test_one_or_another_alone_after_an_inverted_cue() -> None:
    text = OPENING + "“The pier is ours! Holm is wrong,” read one. “Anybody but Holm,” was another."
    quotes = _shown(text)
    assert [(q.speaker, q.cue) for q in quotes] == [("one", "read"), ("one", "read")]


def test_shouts_from_the_crowd_after_the_quote() -> None:
    (quote,) = _shown(OPENING + "“Call the roll,” came shouts from the crowd, as the crowd booed.")
    assert (quote.speaker, quote.cue) == (None, "shouts")


def test_a_term_used_by_no_one_named_stays_hidden() -> None:
    """``used the term “…”`` attributes only to a speaker named, like ``called``."""
    text = (
        OPENING + "The council debated three bills, and selected the one posed by the "
        "harbour's cabinet, which used the word “marriage,” over the two posed by others, "
        "which used the terms “harbour union” and “berth family.”"
    )
    assert _shown(text) == []


def test_a_judging_verb_in_a_relative_clause_before_a_colon() -> None:
    """``Thomas Gray, who cited only his rugby: “…”``: the colon's clause names him."""
    text = (
        OPENING + "Another was tour manager Thomas Gray, 24, who cited only his rugby: "
        "“I did what any Londoner would do and tried to put a stop to it.”"
    )
    (quote,) = _shown(text)
    assert quote.speaker is not None and "Thomas Gray" in quote.speaker


def test_a_statement_read_out_is_its_authors() -> None:
    """``The family's statement on the death read: "…"`` (Wikinews): the speaker is who
    the statement is of (‹The family›), not the statement and what it is about."""
    text = OPENING + "The family's statement on the loss read: “Lena loved the harbour.”"
    (quote,) = _shown(text)
    assert quote.speaker == "The family"
    text = OPENING + "Lena Holm spoke first. Holm's statement read: “The pier is safe.”"
    (quote,) = _shown(text)
    assert quote.speaker == "Lena Holm"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Lena Holm issued a statement saying the pier would reopen in May.", "Lena Holm"),
        (
            "The harbour board released a statement on Monday saying the pier was safe.",
            "The harbour board",
        ),
        (
            "Later, the Holm campaign put out a statement saying the ferry would run.",
            "the Holm campaign",
        ),
        (
            "The Harbour National Council also released a statement saying the pier is safe.",
            "The Harbour National Council",
        ),
        ("The statement said the ferry would run all winter.", "The statement"),
    ],
)
def test_a_statement_put_out_is_its_issuers(sentence: str, speaker: str) -> None:
    """``On Friday, the Task Force released a statement saying …`` (Wikinews): what a
    statement says that someone issued is the issuer's, as PolNeAR's annotators mark it
    (‹a statement› was the speaker); a statement that is itself the subject stays one."""
    found = quotes_of(OPENING + sentence, indirect=True)
    assert [q.speaker for q in found if q.kind is QuoteKind.INDIRECT] == [speaker]


def test_reports_and_a_family_stay_the_speakers_of_what_they_report() -> None:
    """``according to a report``, ``The report said``, ``The family said``: PolNeAR
    annotates a report, a poll or a statement as the source of what it says (train:
    ‹the poll› 26 times, ‹the report› 14, ‹the statement› 14), so they stay speakers."""
    text = (
        OPENING
        + "The pier was closed for a week, according to a report by the harbour board.\n"
        + "The family said they planned a private service for Holm."
    )
    quotes = [q for q in quotes_of(text, indirect=True) if q.kind is QuoteKind.INDIRECT]
    assert [q.speaker for q in quotes] == ["a report by the harbour board", "The family"]


def test_a_centre_keeps_its_whole_name_as_speaker() -> None:
    """``The National Hurricane Center said …`` (Wikinews): ``National`` is a title
    before a person's name, but inside an organisation's name it stays (‹Hurricane
    Center› was the speaker)."""
    text = OPENING + "The National Harbour Center said: “The pier will reopen in May.”"
    (quote,) = _shown(text)
    assert quote.speaker == "National Harbour Center"


def test_data_collected_by_a_body_are_that_bodys() -> None:
    """``According to data collected by one of the National Oceanic and Atmospheric
    Administration's "Hurricane Hunters", Humberto had …`` (Wikinews): the source is the
    body, not ‹data collected by one of the National Oceanic› (eight words cut)."""
    text = (
        OPENING + "According to data collected by one of the National Harbour and Weather "
        "Administration's “Storm Hunters”, Orla had winds of 75 miles per hour.\n"
    )
    (quote,) = [q for q in quotes_of(text, indirect=True) if q.kind == QuoteKind.INDIRECT]
    assert quote.speaker == "National Harbour and Weather Administration"


def test_a_body_named_with_and_is_one_speaker() -> None:
    """``The High Court of England and Wales also ruled …: "…"`` (Wikinews) gave ‹The
    High Court of England›: ``and`` between capitalised words is inside the name, and
    the adverb after it is not."""
    text = OPENING + "The Harbour Court of Varga and Pell also ruled on Monday: “The pier stays.”"
    (quote,) = _shown(text)
    assert quote.speaker == "The Harbour Court of Varga and Pell"

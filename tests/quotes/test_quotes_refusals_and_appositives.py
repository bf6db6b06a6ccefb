"""Reported speech a newcomer met on saved pages and the team left noted: refusals,
an inverted reading after an appositive, ``that`` as a demonstrative, a quotation's
cue followed by a speaker the name rules cannot read, ``-ly`` nouns, places."""

from __future__ import annotations

from tui.extract.pipeline import parse_text
from tui.model import QuoteKind


def reported(body: str) -> list[tuple[str | None, str]]:
    """(speaker, text) of the reported speech of a one-article dump with ``body``."""
    text = f"A headline for the test\n\n{body}\n"
    parsed = parse_text(text, "t.txt", reported=True)
    found = []
    for article in parsed.articles:
        for quote in article.quotes:
            assert quote.span.of(text) == quote.text
            if quote.kind == QuoteKind.INDIRECT:
                found.append((quote.speaker, quote.text))
    return found


def persons(body: str) -> set[str]:
    parsed = parse_text(f"A headline for the test\n\n{body}\n", "t.txt")
    return {e.name for a in parsed.articles for e in a.entities if e.kind.value == "person"}


def test_a_refusal_is_not_reported_speech() -> None:
    assert (
        reported(
            "The press asked the mayor about it that same day, but he declined to comment. "
            "A spokesman said the company does not comment on pending cases. "
            "Harbour officials did not respond to a request for comment."
        )
        == []
    )


def test_a_refusal_is_cut_off_the_speaker_phrase() -> None:
    assert reported(
        "A spokeswoman for the bank also declined to comment, saying that nobody "
        "involved remains at the firm. The Vermont senator declined to say whether "
        "the court should rule before the vote."
    ) == [
        ("A spokeswoman for the bank", "nobody involved remains at the firm"),
        ("The Vermont senator", "whether the court should rule before the vote"),
    ]


def test_a_refusal_is_no_part_of_the_speaker_a_pronoun_goes_back_to() -> None:
    text = (
        "A headline for the test\n\nThe Vermont senator declined to say whether it is "
        'fair. But he told reporters that the plan was a "total disaster."\n'
    )
    parsed = parse_text(text, "t.txt", reported=True)
    speakers = {q.speaker for q in parsed.articles[0].quotes}
    assert speakers == {"The Vermont senator"}


def test_that_before_a_time_is_no_clause() -> None:
    """``asked the mayor about it that same day``: the day, not what was said."""
    assert reported("Reporters asked the mayor about it that same day, before the vote.") == []


def test_a_cue_after_an_appositive_reports_what_follows() -> None:
    """The words after `said` are the clause, not an inverted speaker, when the cue
    closes an appositive of its subject."""
    assert reported(
        "The buses will be built by Corvex Motors Ltd, whose regional director, Dario "
        "Lemke, said the first 50 would arrive in the autumn.\n"
        "Gov. Jonas Merila of Ohio, a Democrat who has refused to endorse anyone, said "
        "the family deserved better.\n"
        "Mayor Lena Sorvik, 54, said the tram would open in 2027.\n"
        "The ministry, which runs the port, said the strike was over.\n"
        "The plant will close in May, said the company's chief executive."
    ) == [
        ("Dario Lemke", "the first 50 would arrive in the autumn"),
        ("Jonas Merila", "the family deserved better"),
        ("Lena Sorvik", "the tram would open in 2027"),
        ("The ministry", "the strike was over"),
        ("the company's chief executive", "The plant will close in May"),
    ]


def test_words_after_a_quotations_cue_are_its_speaker_not_a_clause() -> None:
    text = '"It is fine," said Ann [b]Lee[/b] on Monday.'
    parsed = parse_text(f"A headline for the test\n\n{text}\n", "t.txt", reported=True)
    [quote] = parsed.articles[0].quotes
    assert (quote.kind, quote.text) == (QuoteKind.DIRECT, '"It is fine,"')
    # A participle after a quotation still reports its own clause.
    assert reported(
        'The result was called by Mayor Ines Taravo a "historic mandate", saying she '
        "intends to open the line by the end of January."
    ) == [("Ines Taravo", "she intends to open the line by the end of January")]


def test_a_noun_ending_in_ly_heads_its_subject() -> None:
    assert reported("The flood hit on Monday. His family said he was a kind man.") == [
        ("His family", "he was a kind man")
    ]


def test_places_are_no_one_and_officials_in_a_place_are_the_speaker() -> None:
    body = (
        "Officials in Puerto Rico said power would return by Friday. Former Alaska "
        "Gov. and senator Ruth Kelso spoke later."
    )
    assert reported(body) == [("Officials in Puerto Rico", "power would return by Friday")]
    found = persons(body)
    assert not {"Puerto Rico", "Alaska Gov"} & found
    # A role noun ending a longer name is that name, place and all.
    [(speaker, _text)] = reported(
        "The National Transportation Safety Committee of Indonesia on Monday announced "
        "the recorder from the flight had been recovered."
    )
    assert speaker == "The National Transportation Safety Committee of Indonesia"


def test_a_group_a_word_qualifies_is_the_participles_subject() -> None:
    """``Freight groups welcomed the news, saying …``: the groups, not ‹Freight›."""
    assert reported(
        "Freight groups welcomed the news, saying it would take lorries off the roads.\n"
        "Harbour supporters cheered, saying the vote was fair.\n"
        "Mayor Ines Taravo plans to leave, saying the job was done."
    ) == [
        ("Freight groups", "it would take lorries off the roads"),
        ("Harbour supporters", "the vote was fair"),
        ("Ines Taravo", "the job was done"),
    ]


def test_a_short_clause_before_a_post_posed_speaker_is_reported() -> None:
    """``Prices will rise, said Anna Berg, the economist.``: three words before the cue
    are a clause (a subject and its verb); after a cue they are still too few."""
    assert reported(
        "Prices will rise, said Anna Berg, the economist.\n"
        "The vote failed, Mara Quist said on Monday.\n"
        "Ines Taravo said it was."
    ) == [
        ("Anna Berg", "Prices will rise"),
        ("Mara Quist", "The vote failed"),
    ]


def test_a_title_after_the_cue_is_the_speaker_not_an_appositives_clause() -> None:
    """``The company cut jobs, which hurt sales, said the economist.``: the relative
    clause is no appositive of a subject when a speaker, and nothing else, follows the
    cue; a clause after the cue still reads the appositive way."""
    assert reported(
        "The company cut jobs, which hurt sales, said the economist.\n"
        "The port closed, which hurt trade, said Anna Berg, an economist at the bank.\n"
        "The ministry, which runs the port, said the strike was over."
    ) == [
        ("the economist", "The company cut jobs, which hurt sales"),
        ("Anna Berg", "The port closed, which hurt trade"),
        ("The ministry", "the strike was over"),
    ]


def test_a_death_announced_by_the_family_is_what_the_family_said() -> None:
    """Wikinews ``Don Imus dies``: ``X died on …, his family reported.`` reports the
    whole clause, as PolNeAR annotates it (a fact said by a source is an attribution:
    21 of train's 23 sentences ``…, the/his NOUN said.`` have the clause as content)."""
    lead = (
        "Radio host and philanthropist Orm Pell, known to fans as the O-Man, died on "
        "Friday at the Valdora Medical Center after being admitted on Christmas Eve"
    )
    assert reported(f"{lead}, his family reported. He was 79.") == [("his family", lead)]

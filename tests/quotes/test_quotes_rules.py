"""Each rule of the quote finder on small articles written for the test."""

from __future__ import annotations

import pytest

from tui.extract.quotes import CONFIDENCE_THRESHOLD, find_all_quotes, find_quotes
from tui.model import Entity, EntityKind, Paragraph, QuoteKind, Span


def _paragraphs(text: str) -> list[Paragraph]:
    paragraphs, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(line, Span(start, start + len(line))))
        start += len(line) + 1
    return paragraphs


def quotes_of(text: str, entities=(), shown_only=True, indirect=False):
    """The quotes of ``text``; reported speech (kind indirect) only when asked for: these
    rules are about quotations."""
    finder = find_all_quotes if indirect else find_quotes
    found = finder(text, _paragraphs(text), entities)
    for quote in found:
        assert quote.span.of(text) == quote.text
        if quote.speaker_span is not None:
            assert 0 <= quote.speaker_span.start < quote.speaker_span.end <= len(text)
    if shown_only:
        return [q for q in found if q.confidence >= CONFIDENCE_THRESHOLD]
    return list(found)


def reported_of(text: str) -> list:
    """The reported speech (kind indirect) of ``text`` shown, in text order."""
    return [q for q in quotes_of(text, indirect=True) if q.kind == QuoteKind.INDIRECT]


def test_curly_and_straight_pairs_cover_their_marks() -> None:
    text = (
        "Mayor Ines Moravec spoke on Monday.\n"
        "“The bridge opens in May,” Moravec said.\n"
        'Engineer Pavel Dunai said: "It is the longest in the region."'
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "“The bridge opens in May,”",
        '"It is the longest in the region."',
    ]
    assert [q.speaker for q in quotes] == ["Ines Moravec", "Pavel Dunai"]
    assert all(q.kind == QuoteKind.DIRECT for q in quotes)


def test_quote_split_by_its_attribution_gives_two_quotes_one_speaker() -> None:
    text = "Union leader Oskar Brandt spoke.\n“We want a plan,” he said, “and we want it now.”"
    first, second = quotes_of(text)
    assert (first.speaker, second.speaker) == ("Oskar Brandt", "Oskar Brandt")
    assert first.kind == QuoteKind.DIRECT
    assert second.kind == QuoteKind.CONTINUATION
    assert first.speaker_span == second.speaker_span
    assert first.speaker_span is not None and first.speaker_span.of(text) == "he"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("“The vote is final,” Greta Sollis said.", "said"),
        ("“The vote is final,” said Greta Sollis.", "said"),
        ("“The vote is final,” Greta Sollis told reporters.", "told"),
        ("“The vote is final,” Greta Sollis added.", "added"),
        ("“The vote is final,” wrote Greta Sollis.", "wrote"),
        ("“Is the vote final?” asked Greta Sollis.", "asked"),
        ("“The vote is final,” Greta Sollis explained.", "explained"),
        ("“The vote is final,” Greta Sollis insisted.", "insisted"),
        ("“The vote is final,” Greta Sollis warned.", "warned"),
        ("“The vote is final,” Greta Sollis noted.", "noted"),
        ("Greta Sollis says: “The vote is final.”", "says"),
        ("Greta Sollis said on Friday “The vote is final.”", "said"),
        ("According to Greta Sollis, “the vote is final.”", "according to"),
        ("“The vote is final,” according to Greta Sollis.", "according to"),
        (
            "Greta Sollis was quoted by the Evening Ledger as saying “the vote is final.”",
            "was quoted as saying",
        ),
    ],
)
def test_cues_before_and_after_with_the_speaker_on_either_side(sentence: str, cue: str) -> None:
    [quote] = quotes_of(sentence)
    assert quote.speaker == "Greta Sollis"
    assert quote.cue == cue
    assert quote.speaker_span is not None
    assert quote.speaker_span.of(sentence) == "Greta Sollis"


def test_title_before_an_inverted_name_is_kept_out_of_the_name() -> None:
    text = "“That is not an option,” said cabinet minister Nikolai Varga in an interview."
    [quote] = quotes_of(text)
    assert quote.speaker == "Nikolai Varga"


def test_pronoun_resolves_to_the_salient_person_not_the_last_named() -> None:
    text = (
        "Mining founder Viktor Halloran has stepped down.\n"
        "Halloran, 71, will hand the firm to his daughter, chief operating officer Rhea Halloran.\n"
        "“It is time to let go,” he said."
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Viktor Halloran"
    assert quote.speaker_span is not None and quote.speaker_span.of(text) == "he"


def test_pronoun_follows_the_latest_speaker() -> None:
    text = (
        "Coach Dario Neves named his squad.\n"
        "Analyst Soren Kappel said the squad was young.\n"
        "“They are ready,” he said."
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Soren Kappel"


def test_short_names_resolve_to_the_full_name() -> None:
    text = (
        "Huawei founder Ren Zhengfei spoke to academics.\n"
        "“We are ready,” Ren said.\n"
        "“We will wait,” Zhengfei said."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ren Zhengfei", "Ren Zhengfei"]


def test_entity_aliases_resolve_names_the_text_never_spells_out() -> None:
    text = "“We are ready,” 任正非 said."
    ren = Entity("Ren Zhengfei", EntityKind.PERSON, aliases=("任正非", "Ren", "Zhengfei"))
    [quote] = quotes_of(text, [ren])
    assert quote.speaker == "Ren Zhengfei"
    assert quote.speaker_span is not None and quote.speaker_span.of(text) == "任正非"


def test_roles_stay_roles() -> None:
    text = (
        "A spokesperson for subsidiary Tata Electronics Pvt yesterday said work would resume "
        "in “many areas of the facility today.”\n"
        "A Huawei executive told Reuters the parts were “no worse”.\n"
        "“We are checking every line,” said a senior plant manager."
    )
    assert [q.speaker for q in quotes_of(text)] == [
        "A spokesperson for subsidiary Tata Electronics Pvt",
        "A Huawei executive",
        "a senior plant manager",
    ]


def test_continuation_in_the_same_paragraph_and_the_next() -> None:
    text = (
        "“This squad is young,” coach Dario Neves said. “Some were at school.”\n"
        "“They will learn fast.”\n"
        "Captain Elin Sorvik was left out."
    )
    quotes = quotes_of(text)
    assert [q.kind for q in quotes] == [
        QuoteKind.DIRECT,
        QuoteKind.CONTINUATION,
        QuoteKind.CONTINUATION,
    ]
    assert {q.speaker for q in quotes} == {"Dario Neves"}


def test_partial_quotes_take_the_sentence_speaker() -> None:
    text = (
        "Health minister Tala Okonjo told parliament the plan would make waiting lists "
        "“shorter than they have been for a decade” and promised “real money for nurses”.\n"
        "The plan is the “first step” in a reform, Okonjo added."
    )
    quotes = quotes_of(text)
    assert [(q.text, q.kind) for q in quotes] == [
        ("“shorter than they have been for a decade”", QuoteKind.PARTIAL),
        ("“real money for nurses”", QuoteKind.PARTIAL),
        ("“first step”", QuoteKind.PARTIAL),
    ]
    assert {q.speaker for q in quotes} == {"Tala Okonjo"}


def test_a_quote_over_several_paragraphs_is_one_quote() -> None:
    text = (
        "Retired judge Helena Corbin spoke at the launch.\n"
        "“I sent a young man to prison for stealing bread.\n"
        "“That was when I understood.\n"
        "“Every judge should visit a prison,” she said.\n"
        "The memoir is out next month."
    )
    [quote] = quotes_of(text)
    assert quote.text.startswith("“I sent") and quote.text.endswith("prison,”")
    assert quote.speaker == "Helena Corbin"


def test_scare_quotes_and_titles_are_hidden() -> None:
    text = (
        "The company was put on the so-called “entity list” in May.\n"
        "The festival opened with the documentary “The Long Night” on Saturday.\n"
        "Critics liked the “bold” colours."
    )
    assert quotes_of(text) == []
    every = quotes_of(text, shown_only=False)
    assert [q.text for q in every] == ["“entity list”", "“The Long Night”", "“bold”"]
    assert all(q.confidence < CONFIDENCE_THRESHOLD for q in every)
    assert all(q.speaker is None for q in every)


def test_single_marks_only_when_clearly_a_quotation() -> None:
    text = (
        "‘We have lost half the wheat,’ said farmer Cora Dahl.\n"
        "The Brams’ farm, next to Dahl’s, says it’s the ’90s again; prices are ‘crazy’.\n"
        "Minister Lukas Ferrer said: ‘The government will help.’"
    )
    quotes = quotes_of(text, shown_only=False)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("‘We have lost half the wheat,’", "Cora Dahl"),
        ("‘The government will help.’", "Lukas Ferrer"),
    ]


def test_unbalanced_marks_never_cross_into_a_paragraph_without_a_quote_mark() -> None:
    text = (
        'Councillor Faris Adeyemi said "the lanes will save ten minutes a day.\n'
        "Critics say the lanes will hurt shops.\n"
        "“We were not consulted,” said shop owner Mira Castel.\n"
        "The signs are 6'6\" tall. A stray ” closing mark and a stray “ opening one."
    )
    quotes = quotes_of(text, shown_only=False)
    paragraphs = _paragraphs(text)
    for quote in quotes:
        assert any(p.span.contains(quote.span) for p in paragraphs)
    shown = [q for q in quotes if q.confidence >= CONFIDENCE_THRESHOLD]
    assert [q.speaker for q in shown] == ["Faris Adeyemi", "Mira Castel"]
    assert shown[0].text.endswith("a day.")


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    text = "“My friend told me ‘stay where you are’, and I believed him,” Ana Ferreira said."
    [quote] = quotes_of(text, shown_only=False)
    assert quote.text.startswith("“My friend") and quote.text.endswith("him,”")
    assert quote.speaker == "Ana Ferreira"


def test_quote_marks_around_nothing_give_nothing() -> None:
    text = 'He said “” and "" and “   ” and “…” then left.\n“”\n""'
    assert quotes_of(text, shown_only=False) == []


def test_a_ten_thousand_character_quote() -> None:
    body = "word " * 2000
    text = f"Speaker Lena Park spoke.\n“{body.strip()},” Park said.\nThe end."
    [quote] = quotes_of(text)
    assert len(quote.text) > 9_900
    assert quote.speaker == "Lena Park"


def test_many_unbalanced_marks_stay_in_their_paragraphs() -> None:
    """Thousands of unbalanced marks per paragraph (speed: benchmarks/bench_quotes.py)."""
    text = ("x “a " * 20_000) + "\n" + ('x " b' * 20_000) + "\n" + ("x ‘c " * 20_000)
    found = find_quotes(text, _paragraphs(text), ())
    assert found
    assert all("\n" not in q.text for q in found)


def test_no_paragraphs_or_no_marks() -> None:
    assert find_quotes("", [], ()) == ()
    assert quotes_of("Plain text with no quotation at all.") == []


# -- issue 13: shapes of published news ------------------------------------------------


def test_honorific_and_surname_resolve_to_the_full_name() -> None:
    text = "Senator Dana Okafor spoke in Ohio.\n“The fund has the money,” Mr. Okafor said."
    [quote] = quotes_of(text)
    assert quote.speaker == "Dana Okafor"


def test_a_noun_phrase_beside_the_cue_is_the_speaker() -> None:
    text = "“Sign up today, it is good,” says a narrator.\n“We are live,” the host said."
    assert [q.speaker for q in quotes_of(text)] == ["a narrator", "the host"]


def test_a_party_tag_does_not_hide_the_speaker() -> None:
    text = "“We will vote no,” Senate leader Harry M. Reid (D-Nev.) said in a statement."
    [quote] = quotes_of(text)
    assert quote.speaker == "Harry M. Reid"


def test_show_titles_after_a_possessive_are_not_quotes() -> None:
    text = "“We are ready,” Lena Holm said on ABC’s “Good Morning America.” “We will win.”"
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["“We are ready,”", "“We will win.”"]
    assert {q.speaker for q in quotes} == {"Lena Holm"}


def test_a_quote_after_a_colon_paragraph_belongs_to_its_speaker() -> None:
    text = "The council released the following statement:\n“We regret the delay.”"
    [quote] = quotes_of(text)
    assert quote.speaker == "The council"


def test_a_transcript_line_names_its_speaker() -> None:
    text = "The interview went on - Philip Bump: “Two weeks ago, the South was strongest.”"
    [quote] = quotes_of(text)
    assert quote.speaker == "Philip Bump"


def test_a_quote_alone_takes_the_speaker_of_the_paragraph_before() -> None:
    text = (
        "Mayor Ilse Brandt said the ferry would run all winter.\n"
        "“We have waited long enough for this crossing.”"
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Ilse Brandt"


def test_she_does_not_resolve_to_a_man() -> None:
    text = (
        "Ms. Sara Haddad, the chief executive, met the union.\n"
        "Mr. Erik Lindqvist, the union leader, said the talks had stalled.\n"
        "“We are still talking,” she said."
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Sara Haddad"


def test_reported_speech_is_the_clause_with_its_speaker() -> None:
    text = (
        "Ren Zhengfei said the company would survive without US chips.\n"
        "The plant will close in May, a spokesperson for the firm said.\n"
        "According to the ministry, exports fell by a third last year."
    )
    reported = reported_of(text)
    assert [(q.text, q.speaker) for q in reported] == [
        ("the company would survive without US chips", "Ren Zhengfei"),
        ("The plant will close in May", "a spokesperson for the firm"),
        ("exports fell by a third last year", "the ministry"),
    ]
    for quote in reported:
        assert quote.span.of(text) == quote.text


def test_an_inverted_cue_after_a_quote_reports_nothing_more() -> None:
    text = "“It is over,” said Robert Egge, director of the institute, on Monday."
    quotes = quotes_of(text, indirect=True)
    assert [q.kind for q in quotes] == [QuoteKind.DIRECT]


def test_adding_a_wing_is_not_saying_and_staff_are_a_source() -> None:
    text = (
        "The renovation added a new wing for the museum's pottery collection.\n"
        "More than 4,000 visitors came on the first day, according to museum staff."
    )
    reported = reported_of(text)
    assert [(q.text, q.speaker) for q in reported] == [
        ("More than 4,000 visitors came on the first day", "museum staff")
    ]


def test_a_participle_or_infinitive_takes_the_clause_subject() -> None:
    text = (
        "Before the vote, Chief Calvin Weller lobbied to suspend the rule, "
        "saying, “The fewer guns, the better.”\n"
        "Mayor Ines Ortiz interjected to say: “We have both been inconsistent.”"
    )
    assert [q.speaker for q in quotes_of(text)] == ["Calvin Weller", "Ines Ortiz"]


def test_a_participle_is_never_an_inverted_cue_and_brackets_hide_no_speaker() -> None:
    text = (
        "Fishermen in the strait have opposed the project, saying the turbines would "
        "disturb spawning grounds for cod.\n"
        "Memory maker Hanbit Semiconductor Co (한빛반도체) yesterday said its operating "
        "profit had tripled."
    )
    reported = reported_of(text)
    assert [(q.text, q.speaker) for q in reported] == [
        ("the turbines would disturb spawning grounds for cod", "Fishermen"),
        ("its operating profit had tripled", "Hanbit Semiconductor Co"),
    ]


# -- issue 13, second round: shapes of published news ----------------------------------


def _speakers(text: str, entities=()) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes_of(text, entities)]


def test_a_left_mark_typed_as_the_closing_one_keeps_both_quotes_attributed() -> None:
    text = "“Apparently not,“ said Mira Castell. “A leopard does not change its spots.”"
    assert _speakers(text) == [
        ("“Apparently not,“", "Mira Castell"),
        ("“A leopard does not change its spots.”", "Mira Castell"),
    ]


def test_two_roles_joined_by_and_are_one_speaker() -> None:
    text = (
        '"We have been warning about the dams for years," the Ohio senator and '
        "party chairman said in a statement."
    )
    assert _speakers(text) == [
        (
            '"We have been warning about the dams for years,"',
            "the Ohio senator and party chairman",
        )
    ]


@pytest.mark.parametrize("verb", ["barked", "mocked", "confessed", "pressed", "whispered"])
def test_more_verbs_of_speech(verb: str) -> None:
    text = f"“Go back to your seat,” Tomas Brandt {verb}."
    assert _speakers(text) == [("“Go back to your seat,”", "Tomas Brandt")]


def test_the_next_sentence_names_the_speaker_of_a_quote_only_paragraph() -> None:
    text = (
        "The two banks agreed to merge on Friday after months of talks.\n"
        "“It is the best day in the history of this company and a new start.”\n"
        "That was how Dana Whitfield, the chief executive, described the merger.\n"
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Dana Whitfield"
    assert quote.kind == QuoteKind.CONTINUATION
    assert quote.speaker_span is not None and quote.speaker_span.of(text) == "Dana Whitfield"


def test_a_next_sentence_that_does_not_look_back_names_nobody() -> None:
    text = (
        "“It is the best day in the history of this company and a new start.”\n"
        "Dana Whitfield, the chief executive, described the merger on Friday.\n"
    )
    assert quotes_of(text) == []


def _mentions(text: str, name: str) -> Entity:
    spans = []
    at = text.find(name)
    while at != -1:
        spans.append(Span(at, at + len(name)))
        at = text.find(name, at + 1)
    return Entity(name, EntityKind.PERSON, mentions=tuple(spans))


def test_the_previous_sentence_subject_speaks_a_quote_that_is_its_own_sentence() -> None:
    text = (
        "Mayor Lena Holm praised the engineers for their work on the bridge. "
        "“We need people who get things done and bring the town together.”"
    )
    [quote] = quotes_of(text, (_mentions(text, "Lena Holm"),))
    assert (quote.speaker, quote.kind) == ("Lena Holm", QuoteKind.CONTINUATION)


def test_a_person_named_inside_the_previous_sentence_is_not_its_subject() -> None:
    text = (
        "The storm closed the harbour before Lena Holm could leave on Monday. "
        "“Nobody will sail until the wind drops again.”"
    )
    assert quotes_of(text, (_mentions(text, "Lena Holm"),)) == []


def test_a_curly_quotation_inside_a_straight_one_is_nested() -> None:
    text = (
        'Dr. Lena Ward stated: "The office isn’t about “Equal Justice Under Law” anymore. '
        'It is about politics."'
    )
    [quote] = quotes_of(text)
    assert quote.text.startswith('"The office') and quote.text.endswith('politics."')
    assert quote.speaker == "Lena Ward"


def test_a_straight_quotation_closed_by_a_curly_mark_still_closes() -> None:
    text = '"The floor is only the start,” Mira Castell said.'
    assert _speakers(text) == [('"The floor is only the start,”', "Mira Castell")]


@pytest.mark.parametrize(
    "opening",
    [
        "In response to the storm, Republican nominee Tomas Brandt issued the following statement:",
        "After the storm, Tomas Brandt issued a statement,",
    ],
)
def test_a_statement_announced_before_a_quote(opening: str) -> None:
    text = f"{opening} “Last night, our town was hit by the worst storm in a century.”"
    assert _speakers(text) == [
        ("“Last night, our town was hit by the worst storm in a century.”", "Tomas Brandt")
    ]


def test_a_signature_after_the_quote_in_its_paragraph() -> None:
    text = "“Great speech. She is tested. She is ready.” -President Tomas Brandt, on Twitter."
    assert _speakers(text) == [("“Great speech. She is tested. She is ready.”", "Tomas Brandt")]


def test_an_adjective_before_a_role_is_not_the_speakers_name() -> None:
    text = "“We will win the state,” said Republican nominee Tomas Brandt on Monday."
    assert _speakers(text) == [("“We will win the state,”", "Tomas Brandt")]


def test_an_inverted_cue_later_in_the_sentence() -> None:
    text = (
        '"Many would call that a defeat for the mayor" if she won by less, said Ola Berg, '
        "an analyst at the institute."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ola Berg"]


def test_said_of_someone_later_in_the_sentence_does_not_name_the_speaker() -> None:
    text = "“He had a lot of supporters here,” Senator Brandt, after a long pause, said of Cruz."
    assert [q.speaker for q in quotes_of(text)] != ["Cruz"]


def test_the_speaker_who_ends_the_sentence_before_speaks_the_next_quote() -> None:
    text = (
        'Or maybe the harbour, consultant Ola Berg says. "Several surveys suggest a second '
        'look at the plan."'
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ola Berg"]


def test_a_person_named_right_before_a_colon_speaks() -> None:
    text = (
        "The result does not surprise pollster Ola Berg: “Lesser-known candidates gain the "
        "most after early wins.”"
    )
    [quote] = quotes_of(text, (_mentions(text, "Ola Berg"),))
    assert quote.speaker == "Ola Berg"


def test_a_person_the_colon_addresses_does_not_speak() -> None:
    text = (
        "Speaker Mira Castell delivered a blunt message to Ola Berg: “It is time to stop "
        "attacking the people you competed with.”"
    )
    entities = (_mentions(text, "Ola Berg"), _mentions(text, "Mira Castell"))
    [quote] = quotes_of(text, entities)
    assert quote.speaker == "Mira Castell"


def test_title_cased_words_inside_a_sentence_name_something() -> None:
    text = (
        "Senator Ola Berg told reporters that the “Gang of Eight,” a group of senators, had failed."
    )
    assert quotes_of(text) == []
    [scare] = quotes_of(text, shown_only=False)
    assert scare.speaker is None


@pytest.mark.parametrize("inner", ["R,", "Related:", "VOTERS MAKE GOOD DECISIONS"])
def test_a_letter_or_a_label_is_no_quote(inner: str) -> None:
    text = f"“{inner}” Mira Castell wrote above the list of links."
    assert [q.text for q in quotes_of(text)] == []


@pytest.mark.parametrize(
    ("sentence", "clause", "speaker"),
    [
        # What stands between a comma and "according to" ends the clause: its source
        # comes after the cue (it was read as the speaker ‹killing at least 20›).
        (
            "The storm crossed the islands on Tuesday, killing at least 20 according "
            "to harbour officials on Thursday.",
            "The storm crossed the islands on Tuesday, killing at least 20",
            "harbour officials",
        ),
        (
            "The ferry is registered in Valmora, and was built in 1944 according to "
            "Harbour Authority records.",
            "The ferry is registered in Valmora, and was built in 1944",
            "Harbour Authority",
        ),
        # A verb of saying in the passive: its subject is what was said, not who.
        (
            "A total of 39 are confirmed dead, officials told state media.",
            "A total of 39 are confirmed dead",
            "officials",
        ),
        # An adjective and a role name a group, not the country's other entities.
        (
            "Seventeen boats reached the harbour on Monday, according to Valmoran officials.",
            "Seventeen boats reached the harbour on Monday",
            "Valmoran officials",
        ),
    ],
)
def test_a_reported_speaker_is_who_said_it_never_a_number(
    sentence: str, clause: str, speaker: str
) -> None:
    reported = [q for q in quotes_of(sentence, indirect=True) if q.kind == QuoteKind.INDIRECT]
    assert [(q.text, q.speaker) for q in reported] == [(clause, speaker)]


def test_a_date_in_the_source_is_not_where_it_ends_and_a_number_is_no_speaker() -> None:
    text = (
        "According to a March 14, 2019 council report, the harbour handled 2.1 million "
        "tonnes of cargo in 2018."
    )
    [quote] = quotes_of(text, indirect=True, shown_only=False)
    assert quote.text == "the harbour handled 2.1 million tonnes of cargo in 2018"
    assert quote.speaker != "a March 14"


def test_an_age_set_off_by_commas_is_not_an_inverted_cue() -> None:
    """``the princess, 67, announced her candidacy``: not ``…, announced X``."""
    text = (
        "This past Friday, the princess, 67, announced her candidacy for the prime "
        "ministry under the Valmoran Unity Party, making her the first royal to seek office."
    )
    reported = quotes_of(text, indirect=True, shown_only=False)
    assert not any(q.speaker and q.speaker.startswith("her candidacy") for q in reported)
    assert all(q.text != "This past Friday, the princess, 67" for q in reported)


def test_a_family_or_an_office_is_a_speaker() -> None:
    """``his family reported``, ``his office said``: a group who speaks for a person is
    who a reader needs to see (kept as written)."""
    text = (
        "Radio host Don Imus died on Friday in College Station, his family reported.\n"
        "He died at a hospice in Baltimore early on Thursday, his office said."
    )
    reported = reported_of(text)
    assert [q.speaker for q in reported] == ["his family", "his office"]


def test_a_participle_after_a_parenthetical_cue_is_a_clause_of_its_own() -> None:
    text = (
        "Strong winds made the crossing hard, Zapata said, adding it took much "
        "endurance to stay airborne."
    )
    reported = reported_of(text)
    assert [q.text for q in reported] == [
        "Strong winds made the crossing hard",
        "it took much endurance to stay airborne",
    ]


def test_told_an_outlet_in_an_interview_reports_no_clause() -> None:
    """``Ramos, 58, told AFP in an interview in Mexico City``: ``interview in …`` is
    where he told it, not what."""
    text = "“We were wrong,” Ramos, 58, told AFP in an interview in Mexico City on Monday."
    reported = quotes_of(text, indirect=True, shown_only=False)
    assert [q.kind for q in reported] == [QuoteKind.DIRECT]


def test_a_source_keeps_a_day_inside_it() -> None:
    text = (
        "Casino revenue rose 3.5 percent in ten months, according to data released "
        "Friday by state gaming regulators."
    )
    [quote] = quotes_of(text, indirect=True)
    assert quote.speaker == "data released Friday by state gaming regulators"


def test_a_thousands_comma_ends_neither_a_source_nor_a_speaker() -> None:
    """Two of the bundled samples: ``according to a study of 62,000 adults`` was said
    by ‹a study of 62›, and ``Souza, said the dam would flood the land of about 2,000
    smallholders`` read as an inverted cue whose speaker was ‹the dam would flood the
    land of about›."""
    text = (
        "Walkers are a third less likely to develop heart disease, according to a study of "
        "62,000 adults published on Thursday.\n"
        "His challenger, former mayor Beatriz Souza, said the dam would flood the land of "
        "about 2,000 smallholders and that cheaper options had been ignored."
    )
    reported = reported_of(text)
    assert [q.speaker for q in reported] == ["a study of 62,000 adults", "Beatriz Souza"]
    assert reported[1].text.startswith("the dam would flood")


def test_a_clause_keeps_the_bracket_it_opened() -> None:
    """The bundled sample's first quote read ``… NOK12.4 billion (US$1.16 billion``."""
    text = (
        "Nordvik Energi said yesterday it would build the plant, a project it valued at "
        "NOK12.4 billion (US$1.16 billion)."
    )
    [quote] = reported_of(text)
    assert quote.text.endswith("NOK12.4 billion (US$1.16 billion)")


def test_a_co_founder_is_a_title_not_part_of_the_name() -> None:
    """The bundled sample listed ‹Co-founder Chiamaka Obi› and ‹Chiamaka Obi› apart."""
    text = (
        "Co-founder Chiamaka Obi said the company now processed payments for 90,000 shops. "
        "“Most of our merchants had never taken a card payment,” she said."
    )
    speakers = {q.speaker for q in quotes_of(text, indirect=True)}
    assert speakers == {"Chiamaka Obi"}

"""Entities: people and organisations, aliases, roles and mention spans.

Fixtures are sentences written here (invented names); the seeds and the Wikinews
corpus are read through the ``shared_dir`` fixture when ../shared is present.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tui.extract.entities import EntityIndex, find_entities, resolve
from tui.model import Entity, EntityKind, Paragraph, Span

_LINE = re.compile(r"[^\n]*\S[^\n]*")


def _paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-empty line, as the placeholder reader builds them."""
    return [Paragraph(m.group(0), Span(m.start(), m.end())) for m in _LINE.finditer(text)]


def _entities(text: str) -> dict[str, Entity]:
    entities = find_entities(text, _paragraphs(text))
    _assert_spans_name_the_entity(text, entities)
    return {e.name: e for e in entities}


def _assert_spans_name_the_entity(text: str, entities) -> None:
    for entity in entities:
        assert entity.mentions, entity
        names = {entity.name, *entity.aliases}
        for span in entity.mentions:
            assert text[span.start : span.end] in names, (entity.name, span)


def _forms(text: str, entity: Entity) -> list[str]:
    return [text[s.start : s.end] for s in entity.mentions]


# -- aliases ------------------------------------------------------------------------------


def test_cjk_parenthetical_after_a_name_is_an_alias_and_short_names_resolve() -> None:
    text = (
        "Brindlecor Holdings Co (布林) founder Guo Tianming (郭天明) spoke on Monday.\n"
        "Guo said the plan would go ahead.\n"
        "Tianming added that nothing had been decided.\n"
    )
    people = _entities(text)
    guo = people["Guo Tianming"]
    assert guo.kind == EntityKind.PERSON
    assert {"郭天明", "Guo", "Tianming"} <= set(guo.aliases)
    assert _forms(text, guo) == ["Guo Tianming", "郭天明", "Guo", "Tianming"]
    assert guo.role == "founder"


def test_acronym_and_cjk_parenthetical_give_both_aliases() -> None:
    text = (
        "Northwind Semiconductor Manufacturing Co (NSMC, 北風電) is building a plant.\n"
        "NSMC said its customers wanted NSMC’s chips sooner.\n"
    )
    org = _entities(text)["Northwind Semiconductor Manufacturing Co"]
    assert org.kind == EntityKind.ORGANISATION
    assert {"NSMC", "北風電"} <= set(org.aliases)
    assert _forms(text, org).count("NSMC") == 3
    assert "北風電" in _forms(text, org)


@pytest.mark.parametrize("suffix", ["Co", "Inc", "Corp", "Ltd", "Oyj", "AB", "Pvt", "Group"])
def test_organisation_suffixes(suffix: str) -> None:
    text = f"Analysts compared Quillon Robotics {suffix} with its peers.\nQuillon declined.\n"
    org = _entities(text)[f"Quillon Robotics {suffix}"]
    assert org.kind == EntityKind.ORGANISATION
    assert _forms(text, org) == [f"Quillon Robotics {suffix}", "Quillon"]


def test_two_companies_joined_by_and_stay_two() -> None:
    text = "Europe has rivals such as Fennick Oyj and Garrow Signal AB in the market.\n"
    found = _entities(text)
    assert set(found) == {"Fennick Oyj", "Garrow Signal AB"}


def test_company_word_without_legal_form_and_its_head() -> None:
    text = "The chief of Marrowind Technologies, Ola Brekke, spoke.\nMarrowind is growing.\n"
    found = _entities(text)
    org = found["Marrowind Technologies"]
    assert org.kind == EntityKind.ORGANISATION
    assert "Marrowind" in _forms(text, org)
    assert found["Ola Brekke"].kind == EntityKind.PERSON


def test_bare_capitalised_word_is_only_a_mention_of_a_known_name() -> None:
    alone = "Zorvex said it would expand.\nZorvex shares rose.\n"
    assert _entities(alone) == {}
    text = alone + "Zorvex Holdings Inc made the announcement.\n"
    org = _entities(text)["Zorvex Holdings Inc"]
    assert _forms(text, org) == ["Zorvex", "Zorvex", "Zorvex Holdings Inc"]
    assert "Zorvex" in org.aliases


def test_shared_short_form_goes_to_the_entity_named_last() -> None:
    text = "Marlow Group opened a plant. Its unit Marlow Electronics Pvt said Marlow would hire.\n"
    found = _entities(text)
    electronics = found["Marlow Electronics Pvt"]
    assert "Marlow" in _forms(text, electronics)
    assert _forms(text, found["Marlow Group"]) == ["Marlow Group"]


# -- roles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "It followed an order from US President Alma Reyes last week.",
            "Alma Reyes",
            "US President",
        ),
        (
            "He spoke with Harbourside lecturer Dana Whitcombe.",
            "Dana Whitcombe",
            "Harbourside lecturer",
        ),
        (
            "His daughter, chief financial officer Mei Tanaka, was held.",
            "Mei Tanaka",
            "chief financial officer",
        ),
        (
            "Regional Deputy Governor Oleg Marinov said so.",
            "Oleg Marinov",
            "Regional Deputy Governor",
        ),
        (
            "It was confirmed by Mayor of Carnholt Piet Ravel yesterday.",
            "Piet Ravel",
            "Mayor of Carnholt",
        ),
    ],
)
def test_role_before_a_name_is_kept(sentence: str, name: str, role: str) -> None:
    person = _entities(sentence + "\n")[name]
    assert person.kind == EntityKind.PERSON
    assert person.role == role


def test_role_written_mid_sentence_wins_over_sentence_start_capital() -> None:
    text = (
        "Cabinet minister Tor Haugland told reporters there would be no ban.\n"
        "“That is not an option,” cabinet minister Tor Haugland said.\n"
    )
    person = _entities(text)["Tor Haugland"]
    assert person.role == "cabinet minister"
    assert len(person.mentions) == 2


def test_title_with_one_word_name_resolves_to_the_full_name() -> None:
    text = "Alma Reyes won the vote.\nLater, President Reyes thanked her staff.\n"
    person = _entities(text)["Alma Reyes"]
    assert _forms(text, person) == ["Alma Reyes", "Reyes"]
    assert person.role == "President"


# -- possessives and false positives -----------------------------------------------------


def test_possessives_mention_the_entity_without_the_apostrophe() -> None:
    text = (
        "US President Alma Reyes’s administration accused Fennick Oyj of spying.\n"
        "Fennick’s gear and Reyes' aides were discussed.\n"
    )
    found = _entities(text)
    assert _forms(text, found["Alma Reyes"]) == ["Alma Reyes", "Reyes"]
    assert _forms(text, found["Fennick Oyj"]) == ["Fennick Oyj", "Fennick"]


def test_common_capitalised_words_do_not_become_people() -> None:
    text = (
        "The Chinese army said on Monday that it would act.\n"
        "But Officials in Hong Kong and New York disagreed in March.\n"
        "Photo: Staff\n"
        "On Tuesday The Global Times ran the story from Karl Marx Avenue.\n"
        "Meanwhile Europe waited. Yesterday Norway said no.\n"
        "It rose in Tamil Nadu and fell at Hang Seng Index levels.\n"
        "He told the Harbour Clarion about it.\n"
    )
    people = [e.name for e in find_entities(text, _paragraphs(text)) if e.kind == "person"]
    assert people == []


def _people(text: str) -> dict[str, Entity]:
    return {name: e for name, e in _entities(text).items() if e.kind == EntityKind.PERSON}


def test_abbreviated_title_after_a_place_is_a_title_not_a_surname() -> None:
    text = (
        "Ohio Gov. Dale Fenwick said on Monday that he would run.\n"
        "Former New Jersey Gov. Tom Brandt and Texas Sen. Mara Quist disagreed.\n"
        "Arden Rep. Kit Lomax voted no.\n"
    )
    people = _people(text)
    assert set(people) == {"Dale Fenwick", "Tom Brandt", "Mara Quist", "Kit Lomax"}


def test_abbreviation_at_a_sentence_end_is_still_a_surname() -> None:
    text = "The prize went to Ravi Sen. He thanked the jury.\n"
    assert set(_people(text)) == {"Ravi Sen"}


def test_organisation_and_place_heads_are_not_people() -> None:
    text = (
        "Planned Parenthood staff met aides on Capitol Hill on Monday.\n"
        "Black Lives Matter marched past the White House, Pew Research said.\n"
        "The Capitol Hill Club was closed.\n"
    )
    found = _entities(text)
    assert not [e.name for e in found.values() if e.kind == EntityKind.PERSON]
    assert "White House" not in found  # a building, as ``Karl Marx Avenue`` is
    for name in ("Planned Parenthood", "Black Lives Matter", "Pew Research"):
        assert found[name].kind == EntityKind.ORGANISATION


def test_a_document_named_after_someone_is_not_a_person() -> None:
    """``Hurricane Humberto Advisory Number 14`` (a Wikinews hurricane story): words
    naming a document (advisory, number, bulletin, statement, update...) end a
    document's name, never a person's; the storm's name alone stays no one too."""
    text = (
        "The NHC's Hurricane Orla Advisory Number 14 placed Orla west of Bermuda.\n"
        "The Storm Orla Intermediate Advisory Number 25A followed, as did the Kestrel "
        "Weather Bulletin and a Joint Pell Statement.\n"
        "Mara Quist read the Tanner Forecast Discussion and the Quist Release Notice.\n"
    )
    assert set(_people(text)) == {"Mara Quist"}


def test_a_sentence_adverb_or_conjunction_before_a_name_is_not_part_of_it() -> None:
    """``Whether Donald Trump …``, ``Longtime Imus in the Morning writer …`` (PolNeAR,
    Wikinews): capitalised at a sentence's start, these words open no one's name."""
    text = (
        "Whether Dale Fenwick runs is unclear. Certainly Mara Quist will.\n"
        "Longtime Fenwick aides agreed. Besides Quist, nobody spoke.\n"
    )
    assert set(_people(text)) == {"Dale Fenwick", "Mara Quist"}


def test_plural_party_and_group_nouns_are_not_people() -> None:
    text = (
        "House Republicans and Reagan Democrats met on Tuesday.\n"
        "Native Americans and Establishment Republicans were polled, as were Iowa Democrats.\n"
    )
    assert _people(text) == {}


def test_party_labels_and_house_titles_stay_out_of_the_name() -> None:
    text = (
        "Democrat Lena Varga, House Speaker Owen Pratt and Senate Majority Leader Ida Crane"
        " spoke.\nFollow Ivo Hanak on Twitter.\n"
    )
    people = _people(text)
    assert set(people) == {"Lena Varga", "Owen Pratt", "Ida Crane", "Ivo Hanak"}
    assert people["Owen Pratt"].role == "House Speaker"
    assert people["Ida Crane"].role == "Senate Majority Leader"


def test_text_in_parentheses_that_is_not_an_alias_is_ignored() -> None:
    text = "Dalbrook Co reported NT$1.85 trillion (US$57.93 billion) in sales (AI) servers.\n"
    org = _entities(text)["Dalbrook Co"]
    assert org.aliases == ()


def test_spans_index_the_whole_text_not_the_paragraph() -> None:
    text = "Intro line without names.\n\nThen Lotte Vang (王樂) spoke, and Vang left.\n"
    person = _entities(text)["Lotte Vang"]
    assert person.mentions[0].start == text.index("Lotte Vang")


def test_only_the_given_paragraphs_are_read() -> None:
    text = "Photo: Lotte Vang\nNothing here.\n"
    paragraphs = _paragraphs(text)[1:]
    assert find_entities(text, paragraphs) == ()


def test_one_huge_paragraph_with_many_names_is_read_whole() -> None:
    names = [f"Corvel{i:04d}x Labs Inc".replace("0", "o") for i in range(2000)]
    text = " ".join(f"{name} rose, and {name.split()[0]} said so." for name in names)
    found = _entities(text)
    assert set(found) == set(names)
    first = found[names[0]]
    assert _forms(text, first) == [names[0], names[0].split()[0]]


# -- resolve -----------------------------------------------------------------------------


def test_resolve_finds_entities_by_any_name() -> None:
    text = (
        "Northwind Semiconductor Manufacturing Co (NSMC, 北風電) hired founder Guo Tianming "
        "(郭天明).\nUS President Alma Reyes objected.\n"
    )
    entities = find_entities(text, _paragraphs(text))
    names = {
        "Guo": "Guo Tianming",
        "Tianming": "Guo Tianming",
        "郭天明": "Guo Tianming",
        "guo tianming": "Guo Tianming",
        "Guo’s": "Guo Tianming",
        "NSMC": "Northwind Semiconductor Manufacturing Co",
        "北風電": "Northwind Semiconductor Manufacturing Co",
        "Northwind": "Northwind Semiconductor Manufacturing Co",
        "President Reyes": "Alma Reyes",
        "US President Alma Reyes": "Alma Reyes",
    }
    for name, expected in names.items():
        found = resolve(name, entities)
        assert found is not None and found.name == expected, name
    assert resolve("Nobody Else", entities) is None
    assert resolve("a Northwind executive", entities) is None
    assert resolve("Northwind executive", entities) is None
    assert resolve("Alma", entities).name == "Alma Reyes"
    assert resolve("", entities) is None


def test_resolve_prefers_the_entity_named_last_before_an_offset() -> None:
    text = "Ana Holm met Erik Holm.\nLater Ana Lind arrived.\n"
    entities = find_entities(text, _paragraphs(text))
    index = EntityIndex(entities)
    assert index.resolve("Holm", before=text.index("Erik") + 10).name == "Erik Holm"
    assert index.resolve("Holm", before=5).name == "Ana Holm"
    assert index.resolve("Ana", before=len(text)).name == "Ana Lind"


# -- real input --------------------------------------------------------------------------


def _seed(shared_dir: Path, prefix: str) -> str:
    (path,) = sorted((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def test_seed_000_entities(shared_dir: Path) -> None:
    text = _seed(shared_dir, "000")
    found = _entities(text)
    expectations = {
        "Ren Zhengfei": (EntityKind.PERSON, {"任正非", "Ren", "Zhengfei"}),
        "Taiwan Semiconductor Manufacturing Co": (EntityKind.ORGANISATION, {"TSMC", "台積電"}),
        "Huawei Technologies Co": (EntityKind.ORGANISATION, {"華為", "Huawei"}),
        "Meng Wanzhou": (EntityKind.PERSON, {"孟晚舟"}),
        "Hon Hai Precision Industry Co": (EntityKind.ORGANISATION, {"鴻海精密"}),
    }
    for name, (kind, aliases) in expectations.items():
        assert found[name].kind == kind
        assert aliases <= set(found[name].aliases), name
    for name in [
        "Nokia Oyj",
        "Ericsson AB",
        "Cisco Systems Inc",
        "Amkor Technology Inc",
        "Tata Electronics Pvt",
        "Tata Group",
    ]:
        assert found[name].kind == EntityKind.ORGANISATION
    assert found["Donald Trump"].role == "US President"
    assert found["Jerry Kaplan"].role == "Stanford lecturer"
    assert found["Meng Wanzhou"].role == "chief financial officer"
    assert _forms(text, found["Ren Zhengfei"]).count("Ren") >= 4
    assert _forms(text, found["Taiwan Semiconductor Manufacturing Co"]).count("TSMC") >= 5
    assert "Huawei" in _forms(text, found["Huawei Technologies Co"])
    people = {e for e, v in found.items() if v.kind == EntityKind.PERSON}
    assert not {"The Chinese", "Photo", "Hong Kong", "Tamil Nadu", "Sales RecORD"} & people


def test_seed_004_entities(shared_dir: Path) -> None:
    text = _seed(shared_dir, "004")
    found = _entities(text)
    ren = found["Ren Zhengfei"]
    assert {"Ren", "Zhengfei"} <= set(ren.aliases)
    assert _forms(text, ren).count("Zhengfei") >= 6
    assert found["Nikolai Astrup"].role == "cabinet minister"
    assert found["Donald Trump"].role == "US President"
    assert "Huawei" in _forms(text, found["Huawei Technologies"])


def test_wikinews_corpus(shared_dir: Path) -> None:
    csv.field_size_limit(1 << 26)
    path = shared_dir / "corpora" / "wikinews_2019.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 100
    for row in rows:
        found = _entities(row["text"])  # spans checked inside
        for entity in found.values():
            assert entity.kind in (EntityKind.PERSON, EntityKind.ORGANISATION)
    first = _entities(rows[0]["text"])
    assert first["Vladimir Putin"].role == "President"
    assert first["Vladimir Putin"].kind == EntityKind.PERSON
    assert "FSB" in first["Federal Security Service"].aliases


def test_a_title_after_an_article_is_not_a_person() -> None:
    """``worked … as a Production Assistant``, ``with The Rolling Stones``, ``called the
    vote "The Impeachment Hoax"`` (Wikinews): a name-shaped run after ``a``/``an``, or
    after ``The`` capitalised inside a sentence, is a job, a band or a title; a person
    named so elsewhere keeps the mention (``The Mara Quist Band``), and a name before a
    noun stays a person's (``a Donald Trump supporter``)."""
    text = (
        "Dale Fenwick worked as a Production Assistant and then as an Unpaid Runner.\n"
        'He toured with The Rolling Stones and called it "The Impeachment Hoax".\n'
        "Mara Quist spoke. He joined The Mara Quist Band for years.\n"
        "He was a Pell Varga fan once, and no longer a “Tropical Depression” then.\n"
    )
    people = _people(text)
    assert set(people) == {"Dale Fenwick", "Mara Quist", "Pell Varga"}
    assert len(people["Mara Quist"].mentions) > 1


def test_a_verb_form_before_a_name_is_not_part_of_it() -> None:
    """``Celebrating Hillary Clinton``, ``Playing Trump`` (title-case headlines, PolNeAR):
    a first word in ``-ing`` that the article also uses as a verb in lower case
    (``playing``, ``played``), or before the name of someone else the article names
    (``Thanking Fenwick`` where ``Dale Fenwick`` is named), opens no name;
    ``Channing``, ``Irving`` (never a verb in the text) stay given names."""
    text = (
        "Dale Fenwick won the race. Praising Dale Fenwick became a habit.\n"
        "Fans praised him. Channing Varga and Irving Pell were playing cards.\n"
        "Pell spoke of Varga. Thanking Fenwick, he left. Chasing Mara Quist was over.\n"
        "Mara Quist wept.\n"
    )
    assert set(_people(text)) == {"Dale Fenwick", "Channing Varga", "Irving Pell", "Mara Quist"}

"""``speaker:`` finds a person under an alias learnt in any article of the library."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tui.extract.pipeline import parse_document
from tui.model import Entity, EntityKind
from tui.search import run_query
from tui.search.index import SearchIndex
from tui.store import Library

#: Writes the CJK name: the article that teaches the alias.
CRANES_WITH_ALIAS = [
    "Harbour crane maker founder Ren Zhengfei (任正非) said on Monday he would open his designs.",
    "“We are ready to share every design,” Ren said in an interview in Shenzhen.",
    "Analysts called the offer unusual.",
]
#: The same person, never written in Chinese.
CRANES_WITHOUT_ALIAS = [
    "The founder of the crane maker, Ren Zhengfei, spoke to dockworkers in Rotterdam on Friday.",
    "“Our cranes will be lighter next year,” Ren Zhengfei said.",
    "The dockworkers' union welcomed the plan.",
]
CHIPS_WITH_ACRONYM = [
    "Taiwan Semiconductor Manufacturing Co (TSMC, 台積電) reported record sales on Thursday.",
    "“Demand for our chips stays strong,” TSMC said in a statement.",
]
CHIPS_FULL_NAME_ONLY = [
    "Taiwan Semiconductor Manufacturing Co posted higher profits this quarter.",
    "“We expect another good year,” Taiwan Semiconductor Manufacturing Co said in a statement.",
]


def text_of(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def indexed(**documents: list[str]) -> tuple[SearchIndex, dict[str, str]]:
    """An index over the documents, parsed by the real pipeline; {article id: name}."""
    index = SearchIndex(sqlite3.connect(":memory:"))
    names: dict[str, str] = {}
    for name, lines in documents.items():
        text = text_of(lines)
        articles = parse_document(text, f"{name}.txt")
        index.add([(article, text) for article in articles])
        names.update((article.id, name) for article in articles)
    return index, names


def found(index: SearchIndex, names: dict[str, str], query: str) -> set[str]:
    return {names[hit.article_id] for hit in run_query(index, query)}


def test_a_cjk_alias_learnt_in_one_article_finds_the_speaker_in_another() -> None:
    index, names = indexed(taught=CRANES_WITH_ALIAS, plain=CRANES_WITHOUT_ALIAS)
    assert found(index, names, "speaker:任正非") == {"taught", "plain"}
    assert found(index, names, 'speaker:"ren zhengfei"') == {"taught", "plain"}
    hits = {names[h.article_id]: h for h in run_query(index, "speaker:任正非")}
    # The article that never writes 任正非 still shows the quote as the reason it matched.
    assert hits["plain"].target == "quote"
    assert hits["plain"].context == "“Our cranes will be lighter next year,”"
    assert found(index, names, "speaker:任正非 dockworkers") == {"plain"}


def test_an_organisation_is_found_by_its_acronym_and_its_cjk_name() -> None:
    index, names = indexed(acronym=CHIPS_WITH_ACRONYM, full=CHIPS_FULL_NAME_ONLY)
    assert found(index, names, "speaker:tsmc") == {"acronym", "full"}
    assert found(index, names, "speaker:台積電") == {"acronym", "full"}
    assert found(index, names, "speaker:^tsm") == {"acronym", "full"}  # a prefix of the alias
    assert found(index, names, "!speaker:tsmc") == set()
    assert found(index, names, "speaker:tsmc profits") == {"full"}


def test_an_alias_is_learnt_and_forgotten_with_the_article_that_teaches_it(
    tmp_path: Path,
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(text_of(CRANES_WITHOUT_ALIAS), encoding="utf-8")
    taught = tmp_path / "taught.txt"
    with Library.open(tmp_path / "library.db") as library:
        library.import_paths([str(plain)])
        assert run_query(library, "speaker:任正非") == []
        taught.write_text(text_of(CRANES_WITH_ALIAS), encoding="utf-8")
        library.import_paths([str(taught)])  # added later: teaches 任正非
        assert len(run_query(library, "speaker:任正非")) == 2
        # The teaching file changes and no longer writes the CJK name: its article is
        # replaced, and the alias is forgotten everywhere.
        rewritten = [CRANES_WITH_ALIAS[0].replace(" (任正非)", ""), *CRANES_WITH_ALIAS[1:]]
        taught.write_text(text_of(rewritten), encoding="utf-8")
        library.import_paths([str(taught)])
        assert run_query(library, "speaker:任正非") == []
        assert len(run_query(library, 'speaker:"ren zhengfei"')) == 2


def test_removing_the_teaching_article_from_the_index_forgets_the_alias() -> None:
    index, names = indexed(taught=CRANES_WITH_ALIAS, plain=CRANES_WITHOUT_ALIAS)
    assert found(index, names, "speaker:任正非") == {"taught", "plain"}
    taught_ids = [i for i, name in names.items() if name == "taught"]
    assert index.remove(taught_ids) == 1
    assert found(index, names, "speaker:任正非") == set()
    assert found(index, names, 'speaker:"ren zhengfei"') == {"plain"}


def test_a_short_alias_shared_by_two_people_does_not_merge_them(make_article) -> None:
    zhengfei = Entity("Ren Zhengfei", EntityKind.PERSON, aliases=("任正非", "Ren"))
    wei = Entity("Ren Wei", EntityKind.PERSON, aliases=("Ren",))
    corpus = {
        "zhengfei": make_article(
            "a.txt",
            ["Ren Zhengfei (任正非) visited the port.", "“The port is busy,” Ren said."],
            quotes=[("“The port is busy,”", "Ren Zhengfei")],
            entities=(zhengfei,),
        ),
        "wei": make_article(
            "b.txt",
            ["Ren Wei opened the bakery.", "“The bread is warm,” Ren said."],
            quotes=[("“The bread is warm,”", "Ren Wei")],
            entities=(wei,),
        ),
    }
    index = SearchIndex(sqlite3.connect(":memory:"))
    index.add(corpus.values())
    names = {article.id: name for name, (article, _) in corpus.items()}
    assert found(index, names, 'speaker:"ren zhengfei"') == {"zhengfei"}
    assert found(index, names, "speaker:任正非") == {"zhengfei"}
    assert found(index, names, 'speaker:"ren wei"') == {"wei"}
    assert found(index, names, "speaker:'ren") == {"zhengfei", "wei"}  # the alias both share


def test_an_ascii_alias_is_cut_as_the_analyzer_cuts_it():
    """ASCII names are cut in Python at import (the analyzer call was most of an
    article's alias cost): the same terms as tantivy's analyzer, whatever the name."""
    from tui.search.aliases import alias_key
    from tui.search.engine import LONG_TERM, terms

    names = [
        "Ren Zhengfei",
        "TSMC",
        "O'Brien-Smith Jr.",
        "R2-D2 & C3PO",
        "snake_case_name",
        "tab\tand\nnewline",
        "  ",
        "",
        "x" * (LONG_TERM - 1),
        "y" * LONG_TERM + " short",
        "\x1f\x00control",
    ]
    for name in names:
        assert alias_key(name) == " ".join(terms(name)), name


def test_aliases_are_learnt_alike_when_the_name_cache_empties(monkeypatch) -> None:
    """Most names an import meets are new, so the names' keys are kept in a plain dict
    emptied when full (an ``lru_cache`` miss was most of an article's alias cost): an
    import that fills it many times over learns the same aliases."""
    from tui.search import aliases

    keys: dict[str, object] = {}
    monkeypatch.setattr(aliases, "_KEYS", keys)
    monkeypatch.setattr(aliases, "_KEYS_MAX", 2)
    index, names = indexed(
        taught=CRANES_WITH_ALIAS,
        plain=CRANES_WITHOUT_ALIAS,
        chips=CHIPS_WITH_ACRONYM,
        full=CHIPS_FULL_NAME_ONLY,
    )
    assert 0 < len(keys) <= 2
    assert found(index, names, "speaker:任正非") == {"taught", "plain"}
    assert found(index, names, "speaker:tsmc") == {"chips", "full"}
    assert found(index, names, "speaker:台積電") == {"chips", "full"}
    assert aliases.alias_key("Ren Zhengfei") == "ren zhengfei"

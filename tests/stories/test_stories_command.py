"""`newsdesk stories`, `newsdesk export --story` and the outlet comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.extract.pipeline import parse_document
from tui.extract.story_compare import compare
from tui.store import Library

from .conftest import OTHERS, TIDAL, sample


def _library(tmp_path: Path) -> str:
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
    return str(db)


def test_stories_jsonl_prints_one_object_per_story_of_two_or_more(tmp_path: Path, capsys) -> None:
    db = _library(tmp_path)
    assert main(["stories", "--db", db]) == exitcodes.OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    story = json.loads(lines[0])
    assert set(story) == {"story", "title", "articles", "speakers", "shared_quotes"}
    assert {a["outlet"] for a in story["articles"]} == set(TIDAL)
    assert set(story["articles"][0]) == {"article", "source", "outlet", "title", "date"}
    assert "Ingrid Solheim" in story["speakers"]


def test_stories_jsonl_names_the_outlet_a_csv_gives_as_the_list_does(
    tmp_path: Path, capsys
) -> None:
    """Rows of one CSV from two sites are two outlets, named by their URLs' hosts (what
    the list shows), not by the CSV file's name."""
    import csv

    path = tmp_path / "feed_dump.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["url", "date", "title", "text"])
        for name, host in zip(TIDAL, ("harbourpost.example", "tidewatch.example"), strict=True):
            lines = Path(sample(name)).read_text(encoding="utf-8").splitlines()
            writer.writerow([f"https://www.{host}/a", "2026-03-02", lines[0], "\n".join(lines[1:])])
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([str(path), *map(sample, OTHERS)])
    assert main(["stories", "--db", str(db)]) == exitcodes.OK
    [line] = capsys.readouterr().out.splitlines()
    story = json.loads(line)
    assert [a["outlet"] for a in story["articles"]] == ["harbourpost.example", "tidewatch.example"]
    assert {a["source"] for a in story["articles"]} == {str(path)}


def test_stories_jsonl_does_not_look_for_each_outlets_own_sentences(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """The JSON lines list speakers and shared quotes, not the sentences only one outlet
    has: finding those compares every sentence with every other outlet's (about 1.3 s a
    story on a 20k library), for nothing the command prints."""
    import tui.extract.story_compare as story_compare

    db = _library(tmp_path)

    def unwanted(*args: object) -> None:
        raise AssertionError("own sentences worked out for the JSON lines")

    monkeypatch.setattr(story_compare, "own_sentences", unwanted)
    assert main(["stories", "--db", db]) == exitcodes.OK
    [line] = capsys.readouterr().out.splitlines()
    assert "Ingrid Solheim" in json.loads(line)["speakers"]


def test_stories_all_adds_single_articles_and_a_query_narrows(tmp_path: Path, capsys) -> None:
    db = _library(tmp_path)
    assert main(["stories", "--all", "--db", db]) == exitcodes.OK
    everything = capsys.readouterr().out.splitlines()
    assert len(everything) > 1
    assert main(["stories", "--all", "flood", "--db", db, "--format", "table"]) == exitcodes.OK
    table = capsys.readouterr().out.splitlines()
    assert 1 <= len(table) < len(everything)
    assert " outlets " in table[0] or " article" in table[0]  # 2 outlets, 1 article
    assert main(["stories", "story:x", "--db", db]) == exitcodes.USAGE
    assert "story:" in capsys.readouterr().err
    # Nothing found: the table says so (to stderr); JSON lines stay empty for scripts.
    assert main(["stories", "outlets:>2", "--db", db, "--format", "table"]) == exitcodes.OK
    said = capsys.readouterr()
    assert said.out == "" and "no stories of two articles or more" in said.err
    assert main(["stories", "outlets:>2", "--db", db]) == exitcodes.OK
    assert capsys.readouterr() == ("", "")


def test_export_story_is_markdown_per_outlet_with_the_comparison(tmp_path: Path, capsys) -> None:
    db = _library(tmp_path)
    main(["stories", "--db", db])
    story = json.loads(capsys.readouterr().out.splitlines()[0])["story"]
    assert main(["export", "--story", str(story), "--db", db]) == exitcodes.OK
    out = capsys.readouterr().out
    assert out.count("\n## ") == 3  # two outlets and the comparison
    assert "## Comparison" in out and "**Ingrid Solheim**" in out
    assert main(["export", "--story", "9999", "--db", db]) == exitcodes.USAGE
    assert "no story 9999" in capsys.readouterr().err


def test_export_story_counts_in_words_and_says_when_there_is_nothing_to_compare(
    tmp_path: Path, capsys
) -> None:
    """A one-article story said `1 articles from 1 outlets` over an empty Comparison."""
    db = _library(tmp_path)
    main(["stories", "--all", "--db", db])
    stories = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    alone = next(s for s in stories if len(s["articles"]) == 1)["story"]
    pair = next(s for s in stories if len(s["articles"]) == 2)["story"]
    assert main(["export", "--story", str(alone), "--db", db]) == exitcodes.OK
    out = capsys.readouterr().out
    assert f"Story {alone}: 1 article from 1 outlet.\n" in out
    assert out.endswith("## Comparison\n\nOne article: nothing to compare.\n")
    assert main(["export", "--story", str(pair), "--db", db]) == exitcodes.OK
    assert f"Story {pair}: 2 articles from 2 outlets.\n" in capsys.readouterr().out


def test_export_story_out_writes_the_story_into_the_folder(tmp_path: Path, capsys) -> None:
    """``--out`` was ignored with ``--story``: the story went to stdout, no folder made."""
    db = _library(tmp_path)
    main(["stories", "--db", db])
    story = json.loads(capsys.readouterr().out.splitlines()[0])["story"]
    folder = tmp_path / "notes" / "stories"
    assert main(["export", "--story", str(story), "--out", str(folder), "--db", db]) == 0
    out, err = capsys.readouterr()
    written = folder / f"story-{story}.md"
    assert out == ""
    assert err == f"newsdesk export: exported story {story} into {written}\n"
    assert "## Comparison" in written.read_text(encoding="utf-8")
    assert main(["export", "--story", str(story), "--out", str(folder), "--db", db]) == 0
    assert capsys.readouterr().err.endswith(" (it replaced the file there)\n")


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--format", "json"], "--story writes Markdown only"),
        (["huawei"], "--story takes no QUERY (got 'huawei')"),
        (["--orphans"], "--story and --orphans are two different exports"),
    ],
)
def test_export_story_refuses_options_it_would_leave_unused(
    tmp_path: Path, capsys, extra: list[str], said: str
) -> None:
    db = _library(tmp_path)
    assert main(["export", "--story", "1", *extra, "--db", db]) == exitcodes.USAGE
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"newsdesk export: {said}") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--out", "folder"], "--orphans writes to standard output; leave out --out"),
        (["--format", "csv"], "--orphans writes md or json, not csv"),
        (["is:starred"], "--orphans takes no QUERY"),
    ],
)
def test_export_orphans_refuses_options_it_would_leave_unused(
    tmp_path: Path, capsys, extra: list[str], said: str
) -> None:
    db = _library(tmp_path)
    extra = [str(tmp_path / "folder") if word == "folder" else word for word in extra]
    assert main(["export", "--orphans", *extra, "--db", db]) == exitcodes.USAGE
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"newsdesk export: {said}") and err.count("\n") == 1
    assert not (tmp_path / "folder").exists()


TEXTS: dict[str, str] = {}


def _article(name: str, body: str):
    TEXTS[name] = body
    return parse_document(body, name)[0]


def test_comparison_aligns_the_same_words_and_flags_different_wording() -> None:
    a = _article(
        "a.txt",
        "Mayor Anna Berg opened the new bridge over the river on Monday morning.\n"
        "“This bridge joins two halves of one city at last,” Berg said.\n"
        "“We will pay for it within ten years,” Berg said.\n",
    )
    b = _article(
        "b.txt",
        "The city's new bridge opened on Monday, Mayor Anna Berg told reporters there.\n"
        "“This bridge joins two halves of one city at last,” Berg said.\n"
        "“We are going to pay for it inside ten years,” Berg said.\n"
        "Traffic on the old ferry route fell by half during the first week of use.\n",
    )
    result = compare([a, b], lambda article: article.source)
    assert result.speakers == ("Anna Berg",)
    [speaker] = result.side_by_side
    assert set(speaker.by_outlet) == {"a.txt", "b.txt"}
    same = [s for s in result.shared_quotes if s.same_words]
    differ = [s for s in result.shared_quotes if not s.same_words]
    assert len(same) == 1 and "two halves" in same[0].quotes[0].text
    assert len(differ) == 1 and {q.outlet for q in differ[0].quotes} == {"a.txt", "b.txt"}
    own = [s.text for s in result.own_sentences if s.outlet == "b.txt"]
    assert any("ferry" in t for t in own)
    for s in result.own_sentences:  # spans point at the sentence in its article's text
        assert s.span.of(TEXTS[s.outlet]) == s.text
    for shared in result.shared_quotes:
        assert all(q.span.of(TEXTS[q.outlet]) == q.text for q in shared.quotes)


def test_import_command_places_the_new_articles_in_stories(tmp_path: Path) -> None:
    from tui.store.stories import story_ids

    db = tmp_path / "lib.db"
    assert main(["import", sample(TIDAL[0]), sample(TIDAL[1]), "--db", str(db)]) == exitcodes.OK
    with Library.open(db) as lib:
        placed = story_ids(lib)
        assert len(placed) == lib.count() and len(set(placed.values())) < lib.count()


def test_stories_refuses_a_library_that_is_not_there(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "typo.db"
    assert main(["stories", "--db", str(missing)]) == exitcodes.USAGE
    assert "typo.db" in capsys.readouterr().err and not missing.exists()

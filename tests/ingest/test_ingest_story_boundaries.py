"""Story boundaries with no title line: datelines, wire datelines, bylines, cohesion;
trailing Sources sections as furniture; interviews kept whole. Texts invented here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ingest.glued_stories import GLACIER, HARBOUR, ORCHESTRA
from tui.cli import main
from tui.ingest.boundaries import is_byline
from tui.ingest.cohesion import story_breaks
from tui.ingest.dates import lead_dateline
from tui.ingest.dump import read_dump
from tui.ingest.sections import section_heading
from tui.model import LOW_SPLIT_CONFIDENCE, ParagraphRole, to_jsonable


def _starts(text: str, articles: list) -> list[str]:
    return [text[a.span.start : a.span.start + 20] for a in articles]


def test_dateline_lines_split_glued_stories() -> None:
    lines = [
        "Monday, March 2, 2020",
        *HARBOUR,
        "Tuesday, March 3, 2020",
        *ORCHESTRA,
        "Thursday, March 5, 2020",
        *GLACIER,
    ]
    text = "\n".join(lines) + "\n"
    articles = read_dump(text, "glued.txt")
    assert [a.date for a in articles] == ["2020-03-02", "2020-03-03", "2020-03-05"]
    assert [len(a.paragraphs) for a in articles] == [3, 3, 3]
    assert articles[0].confidence == 1.0
    assert all(a.confidence >= 0.9 and not a.doubtful_split for a in articles)


def test_a_question_title_before_a_dateline_is_a_title() -> None:
    text = (
        "Who will build the Valmora terminal?\n\nMonday, March 2, 2020\n\n"
        + "\n\n".join(HARBOUR)
        + "\n\nOrchestra cancels tour\n\nTuesday, March 3, 2020\n\n"
        + "\n\n".join(ORCHESTRA)
    )
    articles = read_dump(text, "titled.txt")
    assert [a.title for a in articles] == [
        "Who will build the Valmora terminal?",
        "Orchestra cancels tour",
    ]


def test_wire_datelines_and_bylines_open_stories() -> None:
    assert lead_dateline("VALMORA (Meridian Wire) — The harbour authority said")
    assert lead_dateline("Valmora, March 2 — The harbour authority said")
    assert not lead_dateline("The harbour (east quay) — it said")
    assert is_byline("By Ines Brandt") and is_byline("By Ana Lobo and Hugo Maequa")
    assert not is_byline("By the end of the year the quay will open.")
    lines = [
        *HARBOUR,
        "TALLINN (Meridian Wire) — " + ORCHESTRA[0],
        *ORCHESTRA[1:],
        "By Rhea Solberg",
        *GLACIER,
    ]
    text = "\n".join(lines) + "\n"
    articles = read_dump(text, "wire.txt")
    assert _starts(text, articles) == [
        HARBOUR[0][:20],
        "TALLINN (Meridian Wi",
        "By Rhea Solberg\nOn T",
    ]
    assert articles[2].title.startswith("On Thursday glaciologists")  # not the byline


def test_bare_glued_stories_split_on_cohesion_with_a_confidence() -> None:
    text = "\n".join([*HARBOUR, *ORCHESTRA, *GLACIER]) + "\n"
    articles = read_dump(text, "bare.txt")
    assert _starts(text, articles) == [HARBOUR[0][:20], ORCHESTRA[0][:20], GLACIER[0][:20]]
    assert articles[0].confidence == 1.0
    assert all(0 < a.confidence <= 0.8 for a in articles[1:])
    assert json.loads(json.dumps(to_jsonable(articles[1])))["confidence"] < 1.0


def test_one_cohesive_story_is_not_split() -> None:
    texts = [*HARBOUR, HARBOUR[1].replace("600", "700"), HARBOUR[2].replace("plan", "rules")]
    assert story_breaks(texts) == []


def test_a_doubtful_split_is_flagged() -> None:
    [_, second] = read_dump("\n".join([*HARBOUR, *ORCHESTRA]) + "\n", "two.txt")
    assert second.doubtful_split == (second.confidence < LOW_SPLIT_CONFIDENCE)


def test_sources_and_external_links_are_furniture() -> None:
    assert section_heading("Sources") and section_heading("External links:")
    assert not section_heading("Sources said the talks failed.")
    text = (
        "Valmora terminal to open next spring\n\n"
        + "\n\n".join(HARBOUR)
        + '\n\nSources\n\n"Valmora port doubles capacity" — Harbour Gazette, March 2, 2020'
        + "\n\nExternal links\n\nValmora harbour authority\n"
    )
    [article] = read_dump(text, "wiki.txt")
    assert [p.text for p in article.paragraphs] == HARBOUR
    assert article.related[0].text == "Sources"
    assert len(article.related) == 4
    assert all(p.role == ParagraphRole.RELATED for p in article.related)
    for paragraph in article.related:
        assert paragraph.span.of(text) == paragraph.text


def test_interview_turns_stay_in_one_article() -> None:
    turns = [
        "((WN)) Tell us why the authority chose the eastern quay for the new terminal",
        "((Ines Brandt)) Because the water there is deep enough for the largest ships.",
        "((WN)) And what happens to the cranes on the old western quay after that",
        "((Ines Brandt)) They will be moved east and tested there for two months.",
        "((WN)) Thank you for your time and for showing us around the new quay today",
        "((Ines Brandt)) It was a pleasure, and you are welcome back in the spring.",
    ]
    text = "Wikinews interviews a harbour engineer\n\n" + "\n\n".join([*HARBOUR, *turns])
    articles = read_dump(text, "interview.txt")
    assert len(articles) == 1
    assert len(articles[0].paragraphs) == len(HARBOUR) + len(turns)


def test_a_title_after_a_closing_caption_opens_an_article_when_the_text_moves_on() -> None:
    text = "\n\n".join(
        [
            "Valmora terminal to open next spring",
            *HARBOUR,
            "Cranes on the eastern quay",  # a caption closing the story: no full stop
            "Orchestra cancels autumn tour",
            *ORCHESTRA,
            "1. Dates as announced by the orchestra",  # a numbered note is no title
            *ORCHESTRA[1:],
        ]
    )
    articles = read_dump(text, "undated.txt")
    assert [a.title for a in articles] == [
        "Valmora terminal to open next spring",
        "Orchestra cancels autumn tour",
    ]


def test_glued_stories_with_sources_sections() -> None:
    sources = ["Sources", '"Valmora port doubles capacity" — Harbour Gazette']
    lines = [
        "Monday, March 2, 2020",
        *HARBOUR,
        *sources,
        "Tuesday, March 3, 2020",
        *ORCHESTRA,
        *sources,
        *GLACIER,  # no dateline: the prose after the sections opens it
    ]
    text = "\n".join(lines) + "\n"
    articles = read_dump(text, "glued.txt")
    assert [len(a.paragraphs) for a in articles] == [3, 3, 3]
    assert [len(a.related) for a in articles] == [2, 2, 0]
    assert [a.date for a in articles] == ["2020-03-02", "2020-03-03", None]


def test_parse_command_shows_the_split_confidence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "glued.txt"
    path.write_text("\n".join([*ORCHESTRA, *HARBOUR]) + "\n", encoding="utf-8")
    assert main(["parse", str(path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["confidence"] == 1.0 and records[1]["confidence"] < LOW_SPLIT_CONFIDENCE
    assert main(["parse", str(path), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert f"split confidence {records[1]['confidence']:.2f}, doubtful" in out


def test_a_kicker_in_capitals_opens_a_story() -> None:
    lines = [*HARBOUR, "MUSIC: " + ORCHESTRA[0], *ORCHESTRA[1:]]
    text = "\n".join(lines) + "\n"
    articles = read_dump(text, "kicker.txt")
    assert _starts(text, articles) == [HARBOUR[0][:20], "MUSIC: Yesterday the"]
    assert articles[1].confidence == 0.85


def test_capitals_labels_that_repeat_are_speakers_not_kickers() -> None:
    turns = [
        "MODERATOR: Tell us why the authority chose the eastern quay for the terminal.",
        "BRANDT: Because the water there is deep enough for the largest ships we expect.",
        "MODERATOR: And what happens to the cranes on the old western quay after that?",
        "BRANDT: They will be moved east and tested there for two months before use.",
    ]
    text = "\n".join([*HARBOUR, *turns]) + "\n"
    assert len(read_dump(text, "transcript.txt")) == 1
